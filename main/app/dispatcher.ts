import { z } from 'zod';
import { commands, isCommandName, type CallContext, type Handlers } from '../../common/contract';
import { AppError, type Result } from '../../common/result';
import type { AuditLog } from '../features/audit/auditLog';
import type { Logger } from '../platform/log';

export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  handlers: Handlers;
  audit: AuditLog;
  log: Logger;
  readOnly: boolean;
}

/**
 * The one way into the services, shared by every door: checks the command name, parses the input with the
 * contract's schema, runs the handler, and turns every failure into a `{ ok: false, code, message }` value.
 */
export function createDispatcher({ handlers, audit, log, readOnly }: DispatcherOptions): Dispatch {
  return async (name, input, ctx) => {
    if (!isCommandName(name))
      return { ok: false, code: 'unknown_command', message: `unknown command: ${String(name)}` };
    const spec = commands[name];
    if (spec.mutates && readOnly) {
      return { ok: false, code: 'read_only', message: `${name} is not allowed: Labvisor is in read-only mode` };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, code: 'invalid_input', message: z.prettifyError(parsed.error), details: parsed.error.issues };
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code === 'internal')
        log.error('command failed', { command: name, error: String((error as Error)?.stack ?? error) });
      if (spec.mutates) audit.append({ door: ctx.door, action: name, result: 'error', message: failure.message });
      return failure;
    }
  };
}

function toFailure(error: unknown): Extract<Result<never>, { ok: false }> {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, details: error.details };
  if (error instanceof z.ZodError)
    return { ok: false, code: 'invalid_input', message: z.prettifyError(error), details: error.issues };
  return { ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
