import { z } from 'zod';

/**
 * zod compiles each object schema into a function on its first parse: that pays off in `serve`, which parses
 * for hours, but costs a one-shot command (`labvisor hosts list` in a shell loop) more than it saves.
 */
export function setZodMode(longRunning: boolean): void {
  z.config({ jitless: !longRunning });
}
