export { writeTestNode, labUuid, labMac, HOSTILE_NAMES, type LabDomain } from './testNode';
export { ensureLibvirtd } from './libvirtd';
export { defineTcgGuest, waitForDomState, type TcgGuest } from './tcgGuest';
export { defineIdleDomain, type IdleDomain } from './idleDomain';
