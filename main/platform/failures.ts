import { z } from 'zod';
import { AppError, type Result } from '../../common/result';

export type Failure = Extract<Result<never>, { ok: false }>;

/** The one refusal for a change while Labvisor runs read-only (`--read-only`), whichever door or feature asks. */
export function readOnlyError(action: string): AppError {
  return new AppError('read_only', `${action} is not allowed: Labvisor is in read-only mode`);
}

export function refuseIfReadOnly(readOnly: boolean, action: string): void {
  if (readOnly) throw readOnlyError(action);
}

/** Any thrown value as the `{ ok: false, code, message }` every door shows; unknown errors are `internal`. */
export function toFailure(error: unknown): Failure {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, details: error.details };
  if (error instanceof z.ZodError)
    return { ok: false, code: 'invalid_input', message: z.prettifyError(error), details: error.issues };
  return { ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** The code and message only, for per-host results inside a bulk answer (status, power actions, health). */
export function errorOf(error: unknown): { code: string; message: string } {
  const { code, message } = toFailure(error);
  return { code, message };
}
