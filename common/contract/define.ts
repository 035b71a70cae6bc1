import type { z } from 'zod';

/**
 * One command of the contract. `mutates` marks commands that change state: they are hidden in read-only
 * mode and every door records them in the audit log.
 */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly mutates: boolean;
}

export function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandSpec<I, O> {
  return { input, output, mutates: false };
}

export function mutation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandSpec<I, O> {
  return { input, output, mutates: true };
}
