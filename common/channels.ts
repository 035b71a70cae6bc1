/** Electron IPC channel names: the preload allows these and nothing else. */
export const IPC = {
  /** invoke(name, input) → Result */
  call: 'labvisor:call',
  /** main → renderer EventMessage */
  event: 'labvisor:event',
} as const;

/** Paths of the headless server. */
export const HTTP = {
  rpc: '/rpc',
  tokenParam: 'token',
} as const;
