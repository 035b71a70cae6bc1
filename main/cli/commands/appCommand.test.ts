import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { commandSpec } from '../../../common/contract';
import { tempServices } from '../../testing/tempServices';
import { FIRST_PAGE_QUERIES } from './appCommand';

const services = tempServices();
afterAll(() => services.cleanup());

describe('serve warms the first page’s calls while the page loads', () => {
  it('runs only queries, which change nothing and are answered on a fresh data dir', async () => {
    for (const [name, input] of FIRST_PAGE_QUERIES) {
      expect((await commandSpec(name))?.mutates, name).toBe(false);
      expect(await services.dispatch(name, input, { door: 'ws' }), name).toMatchObject({ ok: true });
    }
    expect(services.audit.list({ limit: 10 })).toEqual([]);
  });
});

describe('serve as a process', () => {
  it('stops cleanly (exit 0) on SIGTERM the moment it has printed its URL, before its services open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-serve-stop-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, '../../cli.ts'), `--data-dir=${dataDir}`, '--json', 'serve'],
        { env: { ...process.env, LABVISOR_TOKEN: 'stop-token-0123456789-abcdefghijklmnop' } },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout }).once('line', resolve),
      );
      expect(JSON.parse(line)).toMatchObject({ url: expect.stringContaining('http://127.0.0.1:') });
      child.kill('SIGTERM');
      expect(await exited, stderr).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
