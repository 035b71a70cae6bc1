import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../../../common/contract';
import { IMPORT_LIMITS } from '../../../../common/contract/inventory';
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
    expect(dry.out).toContain('csv, utf-8: 3 to create, 0 to update, 0 unchanged, 1 aliases, 0 with errors');
    expect(dry.out).toContain('link: dl360-ilo (line 6) as the redfish BMC of zcloud at 192.168.6.254');
    expect(await hostNames()).toEqual([]);

    const done = await cli(['import', SAMPLE_FILE]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('imported: 3 created, 0 updated, 0 unchanged, 1 aliases, 1 BMC links');
    expect((await hostNames()).sort()).toEqual(['z-b-data-1', 'z-o7k-m-1', 'zcloud']);
    const zcloud = (JSON.parse((await cli(['hosts', 'list', '--json'])).out) as { name: string; bmc: unknown }[]).find(
      (h) => h.name === 'zcloud',
    );
    expect(zcloud?.bmc).toMatchObject({ type: 'redfish', address: '192.168.6.254' });

    const again = await cli(['import', SAMPLE_FILE, '--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out);
    expect(report).toMatchObject({ format: 'csv', summary: { unchanged: 4, link: 1 }, dryRun: false });
    expect(report.result).toMatchObject({ created: 0, updated: 0, links: 0 });
    expect(report.links).toEqual([
      {
        bmc: 'dl360-ilo',
        line: 6,
        host: 'zcloud',
        type: 'redfish',
        address: '192.168.6.254',
        jumpHost: null,
        reason: 'notes "HP DL360 Gen9"',
      },
    ]);
    expect(report.rows[1]).toEqual({
      line: 3,
      name: 'wpad',
      action: 'unchanged',
      aliasOf: 'zcloud',
      errors: [],
      warnings: [],
    });
  });

  it('with --no-links creates the BMC row as a host of its own', async () => {
    const done = await cli(['import', SAMPLE_FILE, '--no-links', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ links: [], result: { created: 4, links: 0 } });
    expect((await hostNames()).sort()).toEqual(['dl360-ilo', 'z-b-data-1', 'z-o7k-m-1', 'zcloud']);
  });

  it('refuses a file over the size limit before reading it, and says which encodings an undecodable one was tried in', async () => {
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, IMPORT_LIMITS.bytes + 1);
    const big = await cli(['import', huge]);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/larger than 20 MiB/);
    const binary = join(dir, 'sheet.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x81, 0x30]));
    const undecodable = await cli(['import', binary]);
    expect(undecodable.code).toBe(2);
    expect(undecodable.err).toMatch(/not text in any encoding tried \(utf-8, gb18030, utf-16le, utf-16be\)/);
  });

  it('imports an alias several hosts carry; a one-host command refuses it by listing them', async () => {
    const sheet =
      'name,ip,notes\ndata-1,127.0.0.11,\netcd,127.0.0.11,etcd 1\ndata-2,127.0.0.12,\netcd,127.0.0.12,etcd 2\n';
    const done = await cli(['import', '-', '--format', 'csv'], sheet);
    expect(done.out).toContain('imported: 2 created, 0 updated, 0 unchanged, 2 aliases');
    const ssh = await cli(['ssh', 'etcd', '--', 'true']);
    expect(ssh.code).toBe(2);
    expect(ssh.err).toBe('labvisor: etcd is an alias of data-1, data-2; name one of them\n');
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
