export { startLabSsh, type LabSsh } from './labSsh';
export { startJumpTopology, netnsAvailable, type JumpTopology } from './jumpTopology';
export { ensureLabUser } from './labUser';
export { makeClientKeys } from './clientKeys';
export { freeTcpPort } from './freeTcpPort';
