import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/result';
import { IMPORT_LIMITS } from '../../../../common/contract/inventory';
import { createServices, type AppServices } from '../../../app/services';
import { generateLabSheet } from '../../../../e2e/fixtures/generateSheet';

const SAMPLE = readFileSync(join(__dirname, '../../../../e2e/fixtures/lab-sheet.csv'), 'utf8');

let dir: string;
let services: AppServices;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-commit-'));
  services = createServices({ dataDir: dir });
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importText(text: string) {
  const p = await services.inventory.previewImport({ text, format: 'auto' });
  expect(p.errors).toEqual([]);
  return services.inventory.commitImport(p.rows, [], 'test', 'cli');
}
const host = (name: string) => services.inventory.find(name)!;

describe('commitImport', () => {
  it('writes the lab sheet with parents resolved and the alias on its host', async () => {
    expect(await importText(SAMPLE)).toEqual({ links: 0, created: 4, updated: 0, unchanged: 0, aliases: 1 });
    const zcloud = host('zcloud');
    expect(zcloud.aliases).toEqual([{ name: 'wpad', note: 'WPAD服务' }]);
    expect(host('wpad').id).toBe(zcloud.id);
    expect(host('z-o7k-m-1').parentId).toBe(zcloud.id);
    expect(host('dl360-ilo')).toMatchObject({ kind: 'device', role: 'bmc' });
    expect(services.audit.list({ limit: 5 }).some((e) => e.action === 'inventory.commitImport')).toBe(true);
  });

  it('updates instead of duplicating, and an identical re-import changes nothing', async () => {
    await importText(SAMPLE);
    const before = services.inventory.list();
    const again = await services.inventory.previewImport({ text: SAMPLE, format: 'csv' });
    expect(again.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(services.inventory.commitImport(again.rows, [], 'again', 'cli')).toEqual({
      links: 0,
      created: 0,
      updated: 0,
      unchanged: 4,
      aliases: 0,
    });
    expect(services.inventory.list()).toEqual(before);

    const changed = SAMPLE.replace('zcloud,48,64', 'ZCloud,48,128');
    const p = await services.inventory.previewImport({ text: changed, format: 'csv' });
    expect(p.rows[0]).toMatchObject({ action: 'update' });
    expect(await importText(changed)).toMatchObject({ created: 0, updated: 1 });
    expect(services.inventory.list()).toHaveLength(4);
    expect(host('zcloud')).toMatchObject({ name: 'ZCloud', memoryGiB: 128, aliases: [{ name: 'wpad' }] });
  });

  it('keeps what the file does not say when updating', async () => {
    await importText(SAMPLE);
    const id = host('z-o7k-m-1').id;
    services.inventory.update(
      id,
      {
        ssh: { user: 'stack', port: 2222, jumpHostId: host('zcloud').id, identityFile: null },
        tags: ['keep'],
      },
      'cli',
    );
    const p = await services.inventory.previewImport({ text: SAMPLE, format: 'csv' });
    expect(p.rows.find((r) => r.fields.name === 'z-o7k-m-1')).toMatchObject({
      action: 'unchanged',
      jumpHostName: 'zcloud',
    });
    await importText(SAMPLE.replace('z-o7k-m-1,4,8', 'z-o7k-m-1,6,8'));
    expect(host('z-o7k-m-1')).toMatchObject({ cpus: 6, tags: ['keep'], ssh: { user: 'stack', port: 2222 } });
  });

  it('resolves references to hosts created later in the same import', async () => {
    await importText('name,parent,jump\nz-late,zz-host,bastion\nbastion,,\nzz-host,,bastion\n');
    expect(host('z-late')).toMatchObject({ parentId: host('zz-host').id, ssh: { jumpHostId: host('bastion').id } });
    expect(host('zz-host').ssh.jumpHostId).toBe(host('bastion').id);
  });

  it('writes nothing when any row is wrong, and names the rows', async () => {
    const p = await services.inventory.previewImport({ text: SAMPLE, format: 'csv' });
    const rows = p.rows.map((r) => (r.fields.name === 'z-b-data-1' ? { ...r, parentName: 'nowhere' } : r));
    rows.push({ ...rows[0]!, line: 9 });
    let error: unknown;
    try {
      services.inventory.commitImport(rows, [], 'bad', 'cli');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect((error as AppError).details).toEqual({
      rows: [
        { line: 5, errors: ['parent "nowhere" is not a host in the inventory or this import'] },
        { line: 9, errors: ['"zcloud" is also on line 2'] },
      ],
    });
    expect(services.inventory.list()).toEqual([]);
  });

  it('rejects loops and names taken by aliases, through the dispatcher', async () => {
    const loop = await services.inventory.previewImport({ text: 'name,jump\na,b\nb,a\n', format: 'csv' });
    const result = await services.dispatch('inventory.commitImport', { rows: loop.rows }, { door: 'cli' });
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(services.inventory.list()).toEqual([]);
    await importText(SAMPLE);
    const clash = await services.inventory.previewImport({ text: 'name\nWPAD\n', format: 'csv' });
    expect(clash.rows[0]!.errors).toEqual(['line 2: "WPAD" is already an alias of zcloud']);
  });

  it('imports the generated 10,000-row sheet in one go', async () => {
    const sheet = generateLabSheet(10_000);
    const p = await services.inventory.previewImport({ text: sheet, format: 'csv' });
    expect(p.errors).toEqual([]);
    expect(p.summary.error).toBe(0);
    expect(p.totalRows).toBe(10_000);
    expect(p.rows).toHaveLength(IMPORT_LIMITS.pageSize);
    const rows = [...p.rows];
    for (let page = 1; rows.length < p.totalRows; page++) {
      const next = await services.inventory.previewImport({ text: sheet, format: 'csv', page });
      rows.push(...next.rows);
    }
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 2));
    const result = services.inventory.commitImport(rows, [], 'big', 'cli');
    expect(result.created + result.aliases).toBe(10_000);
    expect(services.inventory.list()).toHaveLength(result.created);
  });
});
