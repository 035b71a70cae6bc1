import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './log';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the log', () => {
  it('writes JSON lines without secret fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labvisor-log-'));
    dirs.push(dir);
    const log = createLogger({ file: join(dir, 'labvisor.log') });
    log.info('connected', { host: 'zcloud', password: 'hunter2' });
    const line = JSON.parse(readFileSync(join(dir, 'labvisor.log'), 'utf8'));
    expect(line).toMatchObject({ level: 'info', msg: 'connected', host: 'zcloud', password: '[redacted]' });
  });

  it('never throws when its file cannot be written (a late callback after the data directory is gone)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labvisor-log-'));
    const log = createLogger({ file: join(dir, 'labvisor.log') });
    rmSync(dir, { recursive: true, force: true });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(() => {
      log.warn('reconnecting', { host: 'jetson' });
      log.warn('reconnecting', { host: 'jetson' });
    }).not.toThrow();
    const complaints = stderr.mock.calls.filter(([text]) => String(text).includes('cannot write the log'));
    expect(complaints).toHaveLength(1);
  });
});
