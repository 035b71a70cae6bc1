import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventMessage,
  EventName,
  EventPayload,
} from '../../../common/contract';
import type { PreloadApi } from '../../../common/preloadApi';
import type { Result } from '../../../common/result';
import { ApiError } from './apiError';
import { connectSocket } from './socketTransport';

/** The one way the renderer reaches the services: Electron's preload when present, the WebSocket otherwise. */
interface Transport {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** Only the WebSocket reconnects; an Electron window's IPC lives as long as the window. */
  onReconnect?(listener: () => void): () => void;
}

declare global {
  interface Window {
    labvisor?: PreloadApi;
  }
}

let transport: Transport | null = null;
function getTransport(): Transport {
  transport ??= window.labvisor ?? connectSocket();
  return transport;
}

export async function call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await getTransport().call(name, input);
  if (!result.ok) throw new ApiError(result.code, result.message, result.details);
  return result.value as CommandOutput<N>;
}

export function onEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
  return getTransport().onEvent((event) => {
    if (event.name === name) listener(event.payload as EventPayload<N>);
  });
}

/** Called after the connection to the server came back (state the server kept per client, e.g. leases, is gone). */
export function onReconnect(listener: () => void): () => void {
  return getTransport().onReconnect?.(listener) ?? (() => {});
}

/** Which door this renderer came through: the desktop app (IPC) or `labvisor serve` (WebSocket). */
export function transportKind(): 'ipc' | 'ws' {
  return window.labvisor ? 'ipc' : 'ws';
}
