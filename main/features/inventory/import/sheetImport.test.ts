import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, type ImportRequest } from '../../../../common/contract/inventory';
import { createServices, type AppServices } from '../../../app/services';
import { resolveTargets } from '../../power/resolveTargets';

let dir: string;
let services: AppServices;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-sheet-'));
  services = createServices({ dataDir: dir });
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const preview = (text: string, extra: Partial<ImportRequest> = {}) =>
  services.inventory.previewImport({ text, format: 'csv', ...extra });
const commitAll = async (p: Awaited<ReturnType<typeof preview>>) => {
  const linked = new Set(p.links.map((l) => l.bmcLine));
  return services.inventory.commitImport(
    p.rows.filter((r) => !linked.has(r.line)),
    p.links,
    'test',
    'cli',
  );
};
const host = (name: string) => services.inventory.list().find((h) => h.name === name)!;

/** The real lab's sheet: etcd on each data host, the iLO on its own row, the Jetson that reaches the iLO. */
const LAB = [
  '虚拟化层,主机IP,主机名,cpu,内存(G),磁盘(G),说明',
  '0,192.168.6.200,zcloud,48,64,512SSD,HP DL360 Gen9',
  '1,192.168.6.204,z-b-data-1,4,16,1024NVMe,数据基础服务',
  '1,192.168.6.204,etcd,,,,etcd 1',
  '1,192.168.6.205,z-b-data-2,4,16,1024NVMe,数据基础服务',
  '1,192.168.6.205,etcd,,,,etcd 2',
  '1,192.168.6.206,z-b-data-3,4,16,1024NVMe,数据基础服务',
  '1,192.168.6.206,etcd,,,,etcd 3',
  '0,192.168.6.254,dl360-ilo,,,,HP DL360 Gen9带外管理',
  '0,192.168.6.30,jetson,4,4,128 SD,Jetson Nano 访问 DL360 带外管理 (k3s)',
  '',
].join('\n');

describe('a real lab sheet', () => {
  it('imports an alias carried by several hosts, and the alias as a target means all of them', async () => {
    const p = await preview(LAB);
    expect(p.errors).toEqual([]);
    expect(p.rows.filter((r) => r.fields.name === 'etcd').map((r) => [r.action, r.aliasOf])).toEqual([
      ['alias', 'z-b-data-1'],
      ['alias', 'z-b-data-2'],
      ['alias', 'z-b-data-3'],
    ]);
    await commitAll(p);
    const targets = resolveTargets(['etcd'], services.inventory.list()).map((h) => h.name);
    expect(targets).toEqual(['z-b-data-1', 'z-b-data-2', 'z-b-data-3']);
    expect(host('z-b-data-2').aliases).toEqual([{ name: 'etcd', note: 'etcd 2' }]);
  });

  it('proposes the iLO row as the server BMC, with the host that reaches the OOB network as its jump host', async () => {
    const p = await preview(LAB);
    expect(p.links).toEqual([
      {
        bmcLine: 9,
        bmcName: 'dl360-ilo',
        hostName: 'zcloud',
        bmc: { type: 'redfish', address: '192.168.6.254', port: null, user: null, cipherSuite: 3 },
        jumpHostName: 'jetson',
        reason: 'notes "HP DL360 Gen9"',
      },
    ]);
    expect(p.rows.find((r) => r.fields.name === 'dl360-ilo')!.action).toBe('link');
    const jetson = p.rows.find((r) => r.fields.name === 'jetson')!;
    expect(jetson).toMatchObject({ action: 'create', fields: { kind: 'physical', role: null } });
    expect(p.summary).toMatchObject({ create: 5, alias: 3, link: 1, error: 0 });

    const result = await commitAll(p);
    expect(result).toMatchObject({ created: 5, aliases: 3, links: 1 });
    expect(host('zcloud').bmc).toMatchObject({
      type: 'redfish',
      address: '192.168.6.254',
      jumpHostId: host('jetson').id,
    });
    expect(services.inventory.list().some((h) => h.name === 'dl360-ilo')).toBe(false);

    const again = await preview(LAB);
    expect(again.summary).toMatchObject({ create: 0, update: 0, error: 0 });
    expect((await commitAll(again)).links).toBe(0);
  });

  it('proposes no link when the BMC matches no server or two equally', async () => {
    const p = await preview(
      'name,ip,notes\nr740-a,10.0.0.1,Dell R740\nr740-b,10.0.0.2,Dell R740\nr740-idrac,10.0.0.9,Dell R740 带外管理\n',
    );
    expect(p.links).toEqual([]);
    expect(p.rows.at(-1)!.action).toBe('create');
  });

  it('makes a row that repeats an address but states its own settings a host, and says why', async () => {
    const p = await preview(
      'name,ip,cpu,ssh port,notes\nzcloud,10.0.0.1,48,,server\nnas,10.0.0.1,,2222,nas\nwpad,10.0.0.1,,,wpad\n',
    );
    expect(p.rows.map((r) => [r.fields.name, r.action])).toEqual([
      ['zcloud', 'create'],
      ['nas', 'create'],
      ['wpad', 'alias'],
    ]);
    expect(p.rows[1]!.warnings).toEqual([
      'line 3: shares 10.0.0.1 with zcloud (line 2) but states its own sshPort, so it is a host, not an alias',
    ]);
    expect(p.rows[1]!.fields.ssh.port).toBe(2222);
  });

  it('reads every inventory field as a column, English or Chinese, and lists unknown columns', async () => {
    const p = await preview(
      [
        '主机名,主机IP,SSH端口,私钥,跳板机,带外类型,带外IP,带外端口,带外用户名,带外跳板机,机柜',
        'gw,10.0.0.1,,,,,,,,,A1',
        'node1,10.0.0.2,2222,~/.ssh/id_lab,gw,ipmi,10.0.1.2,6230,ADMIN,gw,A2',
      ].join('\n'),
    );
    expect(p.unmappedHeaders).toEqual(['机柜']);
    const node = p.rows[1]!;
    expect(node.errors).toEqual([]);
    expect(node).toMatchObject({ jumpHostName: 'gw', bmcJumpHostName: 'gw' });
    expect(node.fields.ssh).toMatchObject({ port: 2222, identityFile: '~/.ssh/id_lab' });
    expect(node.fields.bmc).toMatchObject({ type: 'ipmi', address: '10.0.1.2', port: 6230, user: 'ADMIN' });
  });

  it('clears a field with "-" and keeps it with an empty cell; a required field cannot be cleared', async () => {
    await commitAll(await preview('name,ip,cpu,notes,user,jump\ngw,10.0.0.1,,,,\na,10.0.0.2,4,old notes,root,gw\n'));
    const p = await preview('name,cpu,notes,user,jump\na,-,,-,-\n');
    expect(p.rows[0]!.fields).toMatchObject({ cpus: null, notes: 'old notes', ssh: { user: null } });
    expect(p.rows[0]!.jumpHostName).toBeNull();
    const bad = await preview('name,layer\na,-\n');
    expect(bad.rows[0]!.errors).toEqual(['line 2: layer cannot be cleared ("-" clears optional fields only)']);
  });
});

describe('encodings', () => {
  const sheet = '主机名,主机IP,说明\nzcloud,10.0.0.1,HP DL360 Gen9 服务器\n';
  const gb18030 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: sheet });
  const base64 = (b: Buffer) => b.toString('base64');

  const ascii = 'name,ip,notes\nzcloud,10.0.0.1,HP DL360 Gen9\n';
  it.each([
    ['utf-8', 'detected', Buffer.from(sheet)],
    ['utf-8', 'bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sheet)])],
    ['gb18030', 'detected', gb18030],
    ['utf-16le', 'bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')])],
    ['utf-16be', 'bom', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sheet, 'utf16le').swap16()])],
    ['utf-16le', 'detected', Buffer.from(ascii, 'utf16le')],
  ] as const)('reads %s (%s)', async (encoding, reason, bytes) => {
    const p = await services.inventory.previewImport({ base64: base64(bytes), fileName: 'lab.csv' });
    expect(p.encoding).toEqual({ name: encoding, reason });
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.fields.name).toBe('zcloud');
    expect(p.rows[0]!.fields.notes).toMatch(/^HP DL360 Gen9/);
  });

  it('uses the encoding the user chose, and says when the file is not in it', async () => {
    const p = await services.inventory.previewImport({ base64: base64(gb18030), encoding: 'gb18030' });
    expect(p.encoding).toEqual({ name: 'gb18030', reason: 'chosen' });
    const wrong = await services.inventory.previewImport({ base64: base64(gb18030), encoding: 'utf-8' });
    expect(wrong.errors).toEqual(['the file is not valid utf-8']);
  });
});

describe('limits', () => {
  it('refuses more rows than the cap with a clear error', async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `h${i}`);
    const p = await preview(`name\n${rows.join('\n')}\n`);
    expect(p.errors).toEqual(['the file has 100,001 hosts; an import takes at most 100,000: split it']);
    expect(p.rows).toEqual([]);
  });

  it('stops listing row errors after the cap, still refusing every bad row', async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.errors + 50 }, (_, i) => `h${i},x,y`);
    const p = await preview(`name,cpu,layer\n${rows.join('\n')}\n`);
    expect(p.summary.error).toBe(IMPORT_LIMITS.errors + 50);
    expect(p.errors).toEqual([`250 rows have errors; each row after the first 200 lists only its first`]);
    expect(p.rows[0]!.errors).toHaveLength(2);
    expect(p.rows.at(-1)!.errors).toHaveLength(1);
  });

  it('refuses a request over the size limit at the door', async () => {
    const r = await services.dispatch(
      'inventory.previewImport',
      { text: 'x'.repeat(IMPORT_LIMITS.bytes + 1) },
      { door: 'cli' },
    );
    expect(r).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
