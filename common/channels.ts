/** Electron IPC channel names: the preload allows these and nothing else. */
export const IPC = {
  /** invoke(name, input) → Result */
  call: 'labvisor:call',
  /** main → renderer EventMessage */
  event: 'labvisor:event',
  /** renderer → main: send(streamId), asks for a MessagePort carrying that byte stream */
  streamOpen: 'labvisor:stream-open',
  /** main → renderer: postMessage({ streamId }, [port]) */
  streamPort: 'labvisor:stream-port',
} as const;

/** Paths of the headless server. */
export const HTTP = {
  rpc: '/rpc',
  /** Prometheus text exposition of the collected metrics (Bearer token like every request). */
  prometheus: '/metrics',
  tokenParam: 'token',
} as const;
