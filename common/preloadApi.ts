import type { EventMessage } from './contract';
import type { Result } from './result';

/** What the preload exposes as `window.labvisor`; the renderer's api.ts wraps it with types. */
export interface PreloadApi {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventMessage) => void): () => void;
}

export const PRELOAD_GLOBAL = 'labvisor';
