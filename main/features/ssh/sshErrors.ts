import { AppError } from '../../../common/result';
import type { SshEndpoint } from './sshEndpoint';

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET']);

/** Turns what ssh2 or the socket reported into a stable error code with a message naming the host. */
export function toSshError(error: unknown, ep: SshEndpoint): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; level?: string; message?: string; reason?: number };
  const where = `${ep.hostName} (${ep.user}@${ep.address}:${ep.port})`;
  if (e.level === 'client-authentication')
    return new AppError('auth_failed', `authentication to ${where} failed: no key, agent or password was accepted`);
  if (e.code === 'ETIMEDOUT' || e.level === 'client-timeout')
    return new AppError('timeout', `${where} did not answer in time`);
  if (e.code && UNREACHABLE.has(e.code)) return new AppError('unreachable', `cannot reach ${where}: ${e.code}`);
  if (e.reason !== undefined || /channel open failure/i.test(e.message ?? ''))
    return new AppError('unreachable', `the jump host could not open a connection to ${where}: ${e.message ?? ''}`);
  return new AppError('unreachable', `connection to ${where} failed: ${e.message ?? String(error)}`);
}
