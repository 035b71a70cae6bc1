import { AppError } from '../../../common/result';

/** Failures another try cannot fix: the host answers, but refuses us or shows a key nobody trusted. */
const FINAL = new Set(['auth_failed', 'host_key_unknown', 'host_key_mismatch', 'host_key_revoked', 'not_found']);
const RETRY_MS = 500;

/**
 * Waits until `login` succeeds (the host's SSH banner, key check and authentication on its pooled connection) or
 * `timeoutSec` passes; a booting host refuses or times out for a while, so those are tried again. Throws a
 * `timeout` naming the last reason, or at once on a failure that retrying cannot fix.
 */
export async function waitForSsh(
  hostName: string,
  login: () => Promise<void>,
  timeoutSec: number,
): Promise<{ elapsedMs: number; attempts: number }> {
  const started = Date.now();
  const deadline = started + timeoutSec * 1000;
  let last = '';
  for (let attempts = 1; ; attempts++) {
    try {
      await login();
      return { elapsedMs: Date.now() - started, attempts };
    } catch (e) {
      const error = e instanceof AppError ? e : new AppError('unreachable', String(e));
      if (FINAL.has(error.code))
        throw new AppError(error.code, `${hostName}: SSH answered but cannot be used: ${error.message}`);
      last = error.message;
    }
    const left = deadline - Date.now();
    if (left <= 0)
      throw new AppError('timeout', `${hostName}: SSH did not answer within ${timeoutSec} s (last: ${last})`);
    await new Promise((r) => setTimeout(r, Math.min(RETRY_MS, left)));
  }
}
