import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../common/contract/inventory';
import type { Host } from '../../../../common/domain/host';
import { createServices, type AppServices } from '../../../app/services';

const SAMPLE = readFileSync(join(__dirname, '../../../../e2e/fixtures/lab-sheet.csv'), 'utf8');

const opened: { dir: string; services: AppServices }[] = [];
function open(): AppServices {
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-export-'));
  const services = createServices({ dataDir: dir });
  opened.push({ dir, services });
  return services;
}
let source: AppServices;
beforeEach(async () => {
  source = open();
  const p = await source.inventory.previewImport({ text: SAMPLE, format: 'csv' });
  source.inventory.commitImport(p.rows, [], 'sample', 'cli');
  const id = (n: string) => source.inventory.find(n)!.id;
  source.inventory.update(
    id('zcloud'),
    { ssh: { user: 'root', port: 2222, jumpHostId: null, identityFile: '~/.ssh/id_lab' } },
    'cli',
  );
  source.inventory.update(
    id('z-o7k-m-1'),
    { ssh: { user: 'stack', port: null, jumpHostId: id('zcloud'), identityFile: null } },
    'cli',
  );
  source.inventory.update(
    id('z-b-data-1'),
    { ssh: { user: null, port: null, jumpHostId: id('z-o7k-m-1'), identityFile: null } },
    'cli',
  );
});
afterEach(async () => {
  for (const { dir, services } of opened.splice(0)) {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A host with its references by name, so hosts of two databases compare. */
function portable(hosts: Host[]) {
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  const name = (id: number | null | undefined) => (id == null ? null : names.get(id));
  return hosts.map(({ id: _i, createdAt: _c, updatedAt: _u, ...h }) => ({
    ...h,
    parentId: name(h.parentId),
    ssh: { ...h.ssh, jumpHostId: name(h.ssh.jumpHostId) },
    bmc: h.bmc && { ...h.bmc, jumpHostId: name(h.bmc.jumpHostId) },
  }));
}

async function roundTrip(format: ExportFormat, into: AppServices) {
  const exported = source.inventory.export(format);
  const p = await into.inventory.previewImport({ text: exported.text, fileName: exported.fileName, format: 'auto' });
  expect(p.errors).toEqual([]);
  expect(p.rows.flatMap((r) => r.errors)).toEqual([]);
  into.inventory.commitImport(p.rows, [], exported.fileName, 'cli');
  return {
    exported,
    reimport: await into.inventory.previewImport({ text: exported.text, fileName: exported.fileName, format: 'auto' }),
  };
}

describe('export → import', () => {
  it.each(EXPORT_FORMATS)('%s re-imported over the same inventory changes nothing', async (format) => {
    const exported = source.inventory.export(format);
    const p = await source.inventory.previewImport({
      text: exported.text,
      fileName: exported.fileName,
      format: 'auto',
    });
    expect(p.errors).toEqual([]);
    expect(new Set(p.rows.map((r) => r.action))).toEqual(new Set(['unchanged']));
  });

  it('csv into an empty inventory gives the same hosts (aliases as rows sharing the address)', async () => {
    const { exported } = await roundTrip('csv', open());
    expect(exported.text).toContain('0,192.168.6.200,wpad,,,,,WPAD服务');
    expect(portable(opened[1]!.services.inventory.list())).toEqual(
      portable(source.inventory.list()).map((h) => ({ ...h, ssh: { ...h.ssh, identityFile: null } })),
    );
  });

  it('json carries every field, references by name', async () => {
    const id = (n: string) => source.inventory.find(n)!.id;
    source.inventory.update(
      id('dl360-ilo'),
      {
        arch: 'x86_64',
        tags: ['oob', 'rack1'],
        protected: true,
        addresses: [
          { label: 'management', address: '192.168.6.254' },
          { label: 'data', address: '10.9.9.9' },
        ],
        ssh: {
          user: 'admin',
          port: 22,
          jumpHostId: id('zcloud'),
          identityFile: '/k',
          moreIdentityFiles: ['~/.ssh/id_second'],
        },
        bmc: {
          type: 'redfish',
          address: '192.168.6.254',
          port: 443,
          user: 'Administrator',
          cipherSuite: 17,
          jumpHostId: id('zcloud'),
        },
        hypervisor: { libvirtUri: 'qemu:///system', domainName: 'd', domainUuid: 'u' },
      },
      'cli',
    );
    const into = open();
    const { exported } = await roundTrip('json', into);
    expect(exported.text).not.toMatch(/"(id|parentId|jumpHostId|createdAt)"/);
    expect(portable(into.inventory.list())).toEqual(portable(source.inventory.list()));
  });

  it('ansible and ssh-config carry names, addresses, users, ports and jump chains', async () => {
    const ansible = source.inventory.export('ansible').text;
    expect(ansible).toContain(
      `ansible_ssh_common_args: !unsafe "-o 'ProxyJump=root@192.168.6.200:2222,stack@192.168.6.51'"`,
    );
    const ssh = source.inventory.export('ssh-config').text;
    expect(ssh).toContain(
      'Host zcloud\n  HostName 192.168.6.200\n  User root\n  Port 2222\n  IdentityFile ~/.ssh/id_lab',
    );
    for (const format of ['ansible', 'ssh-config'] as const) {
      const into = open();
      await roundTrip(format, into);
      const pick = (hosts: Host[]) =>
        portable(hosts).map((h) => ({
          name: h.name,
          addresses: h.addresses,
          user: h.ssh.user,
          port: h.ssh.port,
          jump: h.ssh.jumpHostId,
        }));
      expect(pick(into.inventory.list())).toEqual(pick(source.inventory.list()));
      if (format === 'ansible') expect(into.inventory.find('z-o7k-m-1')!.cluster).toBe('o7k');
      else expect(into.inventory.find('zcloud')!.ssh.identityFile).toBe('~/.ssh/id_lab');
    }
  });
});
