export { startLabSsh, type LabSsh } from './labSsh';
export { startJumpTopology, netnsUnavailable, type JumpTopology } from './jumpTopology';
export { ensureLabUser } from './labUser';
export { makeClientKeys } from './clientKeys';
export { freeTcpPort } from './freeTcpPort';
