export { startLabSsh, type LabSsh } from './labSsh';
export { startSshd, type SshdInstance, type SshdOptions } from './sshd';
export { startJumpTopology, netnsAvailable, type JumpTopology } from './jumpTopology';
export { ensureLabUser, LAB_USER, LAB_PASSWORD } from './labUser';
export { makeClientKeys, LAB_KEY_PASSPHRASE, type ClientKeys } from './clientKeys';
export { freeTcpPort } from './freeTcpPort';
