/**
 * Errors cross every door (IPC, WebSocket, CLI) as values with a stable code, because a thrown Error
 * crosses IPC as its message only and a CLI needs something to map to an exit code.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unknown_command',
  'unauthorized',
  'read_only',
  'confirmation_required',
  'protected_host',
  'auth_failed',
  'host_key_unknown',
  'host_key_mismatch',
  'host_key_revoked',
  'certificate_mismatch',
  'unreachable',
  'timeout',
  'unsupported',
  'remote_error',
  'vault_damaged',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; details?: unknown };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
