import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../../common/contract';
import { runCliCaptured } from '../../../testing/runCliCaptured';

const SAMPLE_FILE = join(__dirname, '../../../../e2e/fixtures/lab-sheet.csv');

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-cli-import-'));
  dataDir = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], input?: string) => runCliCaptured(dataDir, args, { input: input ?? '', env: {} });

const hostNames = async () =>
  (JSON.parse((await cli(['hosts', 'list', '--json'])).out) as CommandOutput<'inventory.listHosts'>).map((h) => h.name);

describe('labvisor import / export', () => {
  it('previews with --dry-run, imports, and re-imports as unchanged', async () => {
    const dry = await cli(['import', SAMPLE_FILE, '--dry-run']);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('csv: 4 to create, 0 to update, 0 unchanged, 1 aliases, 0 with errors');
    expect(await hostNames()).toEqual([]);

    const done = await cli(['import', SAMPLE_FILE]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('imported: 4 created, 0 updated, 0 unchanged, 1 aliases');
    expect((await hostNames()).sort()).toEqual(['dl360-ilo', 'z-b-data-1', 'z-o7k-m-1', 'zcloud']);

    const again = await cli(['import', SAMPLE_FILE, '--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out);
    expect(report).toMatchObject({ format: 'csv', summary: { unchanged: 5 }, result: null, dryRun: false });
    expect(report.rows[1]).toEqual({
      line: 3,
      name: 'wpad',
      action: 'unchanged',
      aliasOf: 'zcloud',
      errors: [],
      warnings: [],
    });
  });

  it('prints row errors with line numbers, exits 2 and writes nothing', async () => {
    const bad = readFileSync(SAMPLE_FILE, 'utf8').replace('z-o7k-m-1,4,8', 'z-o7k-m-1,abc,8');
    const r = await cli(['import', '-', '--format', 'csv'], bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe('line 4: cpu "abc" is not a number\n');
    expect(r.out).toContain('nothing was imported');
    expect(await hostNames()).toEqual([]);
    expect((await cli(['import', '-'], '')).code).toBe(2);
    expect((await cli(['import', join(dir, 'missing.csv')])).code).toBe(3);
    expect((await cli(['import', SAMPLE_FILE, '--format', 'xls'])).code).toBe(2);
  });

  it('maps unknown headers with --map', async () => {
    const file = join(dir, 'machines.csv');
    writeFileSync(file, 'Machine,Rack,Junk\nalpha,R1,x\n');
    const unmapped = await cli(['import', file, '--dry-run']);
    expect(unmapped.code).toBe(2);
    const mapped = await cli(['import', file, '--map', 'Machine=name', '--map', 'Rack=notes', '--map', 'Junk=ignore']);
    expect(mapped).toMatchObject({ code: 0, err: '' });
    expect(await hostNames()).toEqual(['alpha']);
    expect((await cli(['import', file, '--map', 'Machine=colour'])).code).toBe(2);
  });

  it('exports every format to stdout or a file, and the export imports back unchanged', async () => {
    await cli(['import', SAMPLE_FILE]);
    const csv = await cli(['export', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toMatch(/^layer,address,name,cpus,memoryGiB,diskGiB,numa,notes,/);
    for (const format of ['csv', 'json', 'ansible', 'ssh-config']) {
      const output = join(dir, `export-${format}`);
      const r = await cli(['export', '--format', format, '--output', output, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ output, bytes: readFileSync(output).length });
      const back = await cli(['import', output, '--format', format, '--json']);
      expect(back.code).toBe(0);
      expect(JSON.parse(back.out).summary).toMatchObject({ create: 0, update: 0, error: 0 });
    }
    const json = JSON.parse((await cli(['export', '--format', 'json', '--json'])).out);
    expect(json).toMatchObject({ fileName: 'labvisor-hosts.json', mimeType: 'application/json' });
    expect((await cli(['export'])).code).toBe(2);
  });
});
