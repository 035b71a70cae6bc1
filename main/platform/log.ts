import { appendFileSync, chmodSync, existsSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Field names whose values are never written, whatever a caller passes. */
const SECRET_FIELD = /pass(word|phrase)?|secret|token|private.?key|credential|authorization/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : v;
  return out;
}

/** JSON lines to a file (the data directory's labvisor.log) and, for warnings and errors, to stderr. */
export function createLogger(opts: { file?: string; level?: LogLevel; stderr?: boolean } = {}): Logger {
  // The mode applies when the file is created; an existing log is tightened to 0600 as well.
  if (opts.file && existsSync(opts.file)) chmodSync(opts.file, 0o600);
  const min = ORDER[opts.level ?? (process.env.LABVISOR_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? ORDER.info;
  let failed = false;
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...(fields ? redact(fields) : {}) });
    if (opts.file) {
      // Logging runs inside connection and process callbacks: a log that cannot be written (disk full, data
      // directory removed) must never throw there and take the app down. Say so on stderr, once.
      try {
        appendFileSync(opts.file, line + '\n', { mode: 0o600 });
      } catch (e) {
        if (!failed) process.stderr.write(`labvisor: cannot write the log ${opts.file}: ${(e as Error).message}\n`);
        failed = true;
      }
    }
    if (opts.stderr && ORDER[level] >= ORDER.warn) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
