import { z } from 'zod';
import {
  commandSpec,
  featureOf,
  type CallContext,
  type Feature,
  type FeatureCommands,
  type Handlers,
} from '../../common/contract';
import type { Result } from '../../common/result';
import type { AuditLog } from '../features/audit/auditLog';
import type { Logger } from '../platform/log';
import { readOnlyError, toFailure } from '../platform/failures';

export interface Dispatch {
  (name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** Refuses new calls and waits, at most `timeoutMs`, for running ones (shutdown: nothing may touch a closed db). */
  drain(timeoutMs: number): Promise<void>;
}

/** Each feature's handlers; a missing or mistyped one is a compile error. */
export type FeatureHandlers = { [F in Feature]: Handlers<FeatureCommands[F]> };

export interface DispatcherOptions {
  /** A feature's handlers, its services built (and their modules loaded) on the feature's first command. */
  handlers(feature: Feature): FeatureHandlers[Feature] | Promise<FeatureHandlers[Feature]>;
  audit: AuditLog;
  log: Logger;
  readOnly: boolean;
}

/**
 * The one way into the services, shared by every door: checks the command name, parses the input with the
 * contract's schema, runs the handler, and turns every failure into a `{ ok: false, code, message }` value.
 */
export function createDispatcher({ handlers, audit, log, readOnly }: DispatcherOptions): Dispatch {
  const running = new Set<Promise<unknown>>();
  let draining = false;
  const dispatch = async (name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> => {
    if (draining) return { ok: false, code: 'unreachable', message: 'Labvisor is shutting down' };
    const call = run(name, input, ctx).catch((error: unknown) => {
      // Even a failure while describing a failure (a stack overflow in a pathological input) stays a result.
      log.error('dispatch failed', { error: String((error as Error)?.stack ?? error) });
      return { ok: false, code: 'internal', message: 'the request could not be handled' } as const;
    });
    running.add(call);
    try {
      return await call;
    } finally {
      running.delete(call);
    }
  };
  const run = async (name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> => {
    const unknown = { ok: false, code: 'unknown_command', message: `unknown command: ${describeName(name)}` } as const;
    if (typeof name !== 'string') return unknown;
    const feature = featureOf(name);
    // The feature's schemas are built on its first command; every input is still parsed before any handler.
    const spec = feature ? await commandSpec(name) : null;
    if (!feature || !spec) return unknown;
    if (spec.mutates && readOnly) return toFailure(readOnlyError(name));
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, code: 'invalid_input', message: z.prettifyError(parsed.error), details: parsed.error.issues };
    }
    try {
      // The spec was found under this name, so the feature's handlers (complete by their type) have it.
      const featureHandlers = (await handlers(feature)) as Record<
        string,
        (input: unknown, ctx: CallContext) => unknown
      >;
      const handler = featureHandlers[name]!;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code === 'internal')
        log.error('command failed', { command: name, error: String((error as Error)?.stack ?? error) });
      if (spec.mutates) audit.append({ door: ctx.door, action: name, result: 'error', message: failure.message });
      return failure;
    }
  };
  return Object.assign(dispatch, {
    async drain(timeoutMs: number) {
      draining = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  });
}

/** A name from a client may be anything: an object whose toString throws, arrays nested 200,000 deep. */
function describeName(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 100)) : `(a ${typeof name}, not a command name)`;
}
