import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../app/services';

const SAMPLE = readFileSync(join(__dirname, '../../../../e2e/fixtures/lab-sheet.csv'), 'utf8');

let dir: string;
let services: AppServices;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-import-'));
  services = createServices({ dataDir: dir });
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const preview = (text: string, extra: { format?: 'csv' | 'tsv' | 'markdown'; fileName?: string } = {}) =>
  services.inventory.previewImport({ text, format: 'auto', ...extra });
const row = (p: Awaited<ReturnType<typeof preview>>, name: string) => p.rows.find((r) => r.fields.name === name)!;

describe('the lab sheet', () => {
  it('is the sample verbatim', async () => {
    expect(SAMPLE).toBe(
      '虚拟化层,主机IP,主机名,cpu,内存(G),磁盘(G),NUMA,说明\n' +
        '0,192.168.6.200,zcloud,48,64,512SSD,,HP DL360 Gen9\n' +
        '0,192.168.6.200,wpad,,,,,WPAD服务\n' +
        '1,192.168.6.51,z-o7k-m-1,4,8,,0,OpenStack 管控 1\n' +
        '1,192.168.6.204,z-b-data-1,4,16,1024NVMe,0(24 25 26 27),iommu NVMe(数据基础服务)\n' +
        '0,192.168.6.254,dl360-ilo,,,,,HP DL360 Gen9带外管理\n',
    );
  });

  it('maps the Chinese headers and reads every row', async () => {
    const p = await preview(SAMPLE, { fileName: 'lab-sheet.csv' });
    expect(p.format).toBe('csv');
    expect(p.errors).toEqual([]);
    expect(p.mapping).toEqual({
      虚拟化层: 'layer',
      主机IP: 'address',
      主机名: 'name',
      cpu: 'cpus',
      '内存(G)': 'memoryGiB',
      '磁盘(G)': 'diskGiB',
      NUMA: 'numa',
      说明: 'notes',
    });
    expect(p.summary).toEqual({ create: 3, update: 0, unchanged: 0, alias: 1, link: 1, error: 0 });

    const zcloud = row(p, 'zcloud');
    expect(zcloud).toMatchObject({ line: 2, action: 'create', parentName: null });
    expect(zcloud.fields).toMatchObject({
      kind: 'physical',
      layer: 0,
      cpus: 48,
      memoryGiB: 64,
      diskGiB: 512,
      diskType: 'SSD',
      notes: 'HP DL360 Gen9',
      addresses: [{ label: 'management', address: '192.168.6.200' }],
    });
    expect(row(p, 'wpad')).toMatchObject({ line: 3, action: 'alias', aliasOf: 'zcloud' });
    expect(row(p, 'wpad').fields.notes).toBe('WPAD服务');

    const m1 = row(p, 'z-o7k-m-1');
    expect(m1).toMatchObject({ line: 4, parentName: 'zcloud' });
    expect(m1.fields).toMatchObject({ kind: 'vm', layer: 1, cluster: 'o7k', role: 'm', index: 1, numa: '0' });
    expect(m1.parsedName).toMatchObject({ pattern: 'layer-cluster-role-index', parentName: 'zcloud' });

    const data = row(p, 'z-b-data-1');
    expect(data.fields).toMatchObject({ diskGiB: 1024, diskType: 'NVMe', numa: '0(24 25 26 27)', cluster: 'b' });
    expect(data.fields.notes).toBe('iommu NVMe(数据基础服务)');

    const ilo = row(p, 'dl360-ilo');
    expect(ilo.action).toBe('link');
    expect(ilo.fields).toMatchObject({ kind: 'device', role: 'bmc', layer: 0 });
    expect(ilo.parentName).toBeNull();
  });
});

describe('real-world cells', () => {
  it('reads units, English synonyms, BOM, CRLF and quoted cells with commas and newlines', async () => {
    const text =
      '\uFEFFHostname,Mgmt IP,Type,Hypervisor,Cluster,Role,CPU,Mem (GB),Storage,Description,Tags,SSH User,SSH Port,ProxyJump,iLO\r\n' +
      'pve,10.0.0.1,physical,,,,32,2T,2TB,"rack 1, top",lab core,root,2222,,10.0.9.1\r\n' +
      'box,10.0.0.2,vm,pve,web,front,4c,64G,128 SD,"two\r\nlines",,admin,,pve,\r\n' +
      'tiny,10.0.0.3,container,pve,,,1,512M,32,,,,,,\r\n';
    const p = await preview(text);
    expect(p.errors).toEqual([]);
    expect(p.unmappedHeaders).toEqual([]);
    expect(p.rows.map((r) => r.errors)).toEqual([[], [], []]);
    const pve = row(p, 'pve');
    expect(pve.fields).toMatchObject({ memoryGiB: 2048, diskGiB: 2048, notes: 'rack 1, top', tags: ['lab', 'core'] });
    expect(pve.fields.ssh).toMatchObject({ user: 'root', port: 2222 });
    expect(pve.fields.bmc).toMatchObject({ type: 'ipmi', address: '10.0.9.1' });
    const box = row(p, 'box');
    expect(box).toMatchObject({ line: 3, parentName: 'pve', jumpHostName: 'pve' });
    expect(box.fields).toMatchObject({ cpus: 4, memoryGiB: 64, diskGiB: 128, diskType: 'SD', notes: 'two\nlines' });
    expect(row(p, 'tiny')).toMatchObject({ line: 5 });
    expect(row(p, 'tiny').fields).toMatchObject({ kind: 'container', memoryGiB: 0.5 });
  });

  it('reads TSV and Markdown tables with an alignment row', async () => {
    const tsv = await preview('name\tip\tcpu\nalpha\t10.0.0.1\t2\n', { fileName: 'x.tsv' });
    expect(tsv.format).toBe('tsv');
    expect(row(tsv, 'alpha').fields.cpus).toBe(2);
    const md = await preview(
      '# Lab\n\n| 主机名 | 主机IP | 内存(G) | 说明 |\n|:---|---:|:--:|---|\n| zcloud | 192.168.6.200 | 64 | a \\| b |\n| z-dev | 192.168.6.9 | 8 | |\n',
    );
    expect(md.format).toBe('markdown');
    expect(md.rows.map((r) => [r.line, r.fields.name, r.fields.notes])).toEqual([
      [5, 'zcloud', 'a | b'],
      [6, 'z-dev', ''],
    ]);
    expect(row(md, 'z-dev')).toMatchObject({ parentName: 'zcloud', parsedName: { pattern: 'layer-purpose' } });
  });

  it('reports bad cells with line numbers and whole-file problems', async () => {
    const p = await preview('name,cpu,layer\nok,2,0\nbad,abc,0\n,4,0\nworse,2,x\nok,1,0\n');
    expect(p.summary.error).toBe(4);
    expect(p.rows[1]!.errors).toEqual(['line 3: cpu "abc" is not a number']);
    expect(p.rows[2]!.errors).toEqual(['line 4: the host name is empty']);
    expect(p.rows[3]!.errors[0]).toMatch(/^line 5: layer "x"/);
    expect(p.rows[4]!.errors).toEqual(['line 6: "ok" is already on line 2']);
    expect((await preview('')).errors).toEqual(['the file is empty']);
    expect((await preview('colour,size\nred,2\n')).errors[0]).toMatch(/no column holds host names/);
  });

  it('reports unknown headers and takes the user mapping for them', async () => {
    const text = 'Machine,Rack\nalpha,R1\n';
    const first = await preview(text);
    expect(first.unmappedHeaders).toEqual(['Machine', 'Rack']);
    const mapped = await services.inventory.previewImport({
      text,
      format: 'csv',
      mapping: { Machine: 'name', Rack: 'notes' },
    });
    expect(mapped.errors).toEqual([]);
    expect(mapped.rows[0]!.fields).toMatchObject({ name: 'alpha', notes: 'R1' });
  });

  it('lets explicit columns win over the naming convention', async () => {
    const p = await preview('name,layer,kind,cluster,role\nz-o7k-n-2,1,container,ops,worker\nz-k8s-m-1,2,,,\n');
    expect(row(p, 'z-o7k-n-2').fields).toMatchObject({ kind: 'container', cluster: 'ops', role: 'worker', index: 2 });
    // The stated layer disagrees with the name's, so the name's parent and grouping are not trusted.
    expect(row(p, 'z-k8s-m-1')).toMatchObject({ parentName: null, fields: { layer: 2, kind: 'vm', cluster: null } });
  });
});

describe('format detection', () => {
  it.each([
    ['{"format":"labvisor-inventory","hosts":[{"name":"a"}]}', 'json'],
    ['Host a\n  HostName 10.0.0.1\n', 'ssh-config'],
    ['[web]\na ansible_host=10.0.0.1\n', 'ansible'],
    ['all:\n  hosts:\n    a:\n', 'ansible'],
    ['| name |\n|---|\n| a |\n', 'markdown'],
    ['name\tip\na\t10.0.0.1\n', 'tsv'],
    ['name,ip\na,10.0.0.1\n', 'csv'],
  ])('reads %j as %s by its content', async (text, format) => {
    const p = await preview(text);
    expect(p.format).toBe(format);
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.fields.name)).toEqual(['a']);
  });
});
