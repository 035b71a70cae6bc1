export { writeTestNode, labUuid, labMac, HOSTILE_NAMES, HOSTILE_DESCRIPTION, type LabDomain } from './testNode';
export { ensureLibvirtd } from './libvirtd';
export { defineTcgGuest, waitForDomState, virshSystem, type TcgGuest } from './tcgGuest';
