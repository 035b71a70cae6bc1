import type { EventMessage } from './contract';
import type { Result } from './result';

/** What the preload exposes as `window.labvisor`; the renderer's api.ts wraps it with types. */
export interface PreloadApi {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** Asks for a byte stream's MessagePort; it arrives as a window message tagged STREAM_PORT_TAG. */
  openStream(streamId: string): void;
}

/** Key of the window message that carries a stream's MessagePort from the preload to the page. */
export const STREAM_PORT_TAG = 'labvisorStreamPort';

export const PRELOAD_GLOBAL = 'labvisor';
