import type { EventMessage } from './contract';
import type { Result } from './result';

/** Messages of the headless server's WebSocket: the same calls and events as Electron IPC, as JSON. */
export type ClientMessage = { type: 'call'; id: number; name: string; input: unknown };

export type ServerMessage =
  { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; event: EventMessage };
