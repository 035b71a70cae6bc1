import { afterEach, describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { tempServices } from '../../testing/tempServices';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});
function services() {
  const s = tempServices();
  cleanup = s.cleanup;
  return s;
}
const fields = (over: Parameters<typeof HostFields.parse>[0]) => HostFields.parse(over);

describe('InventoryService', () => {
  it('stores every field of a host and reads it back', () => {
    const s = services();
    const bastion = s.inventory.add(fields({ name: 'jetson', kind: 'device', arch: 'aarch64' }), 'cli');
    const full = fields({
      name: 'zcloud',
      kind: 'physical',
      arch: 'x86_64',
      cpus: 48,
      memoryGiB: 64,
      diskGiB: 512,
      diskType: 'SSD',
      numa: '0(24 25 26 27)',
      notes: 'HP DL360 Gen9',
      tags: ['hpe', 'prod'],
      addresses: [
        { label: 'management', address: '192.0.2.10' },
        { label: 'data', address: '198.51.100.10' },
      ],
      aliases: [{ name: 'wpad', note: 'WPAD服务' }],
      ssh: {
        user: 'root',
        port: 2222,
        jumpHostId: bastion.id,
        identityFile: '~/.ssh/id_ed25519',
      },
      bmc: {
        type: 'redfish',
        address: '192.0.2.254',
        port: 443,
        user: 'admin',
        cipherSuite: 17,
        jumpHostId: bastion.id,
      },
      hypervisor: { libvirtUri: 'qemu:///system', domainName: null, domainUuid: null },
      protected: true,
    });
    const host = s.inventory.add(full, 'cli');
    const { id: _id, createdAt: _c, updatedAt: _u, secrets: _s, ...stored } = s.inventory.get(host.id);
    expect(stored).toEqual(full);
  });

  it('keeps host names unique against names and aliases, case-insensitively; an alias may name several hosts', () => {
    const s = services();
    s.inventory.add(fields({ name: 'zcloud', aliases: [{ name: 'wpad' }] }), 'cli');
    expect(() => s.inventory.add(fields({ name: 'WPAD' }), 'cli')).toThrow(/alias of zcloud/);
    expect(() => s.inventory.add(fields({ name: 'other', aliases: [{ name: 'ZCloud' }] }), 'cli')).toThrow(
      /is the name of host/,
    );
    const etcd = [{ name: 'etcd' }];
    s.inventory.add(fields({ name: 'data-1', aliases: etcd }), 'cli');
    s.inventory.add(fields({ name: 'data-2', aliases: [{ name: 'ETCD' }] }), 'cli');
    expect(s.inventory.list().filter((h) => h.aliases.some((a) => a.name.toLowerCase() === 'etcd'))).toHaveLength(2);
  });

  it('refuses parents and jump hosts that do not exist or make a loop', () => {
    const s = services();
    const a = s.inventory.add(fields({ name: 'a' }), 'cli');
    const b = s.inventory.add(fields({ name: 'b', parentId: a.id, ssh: { jumpHostId: a.id } }), 'cli');
    expect(() => s.inventory.update(a.id, { parentId: b.id }, 'cli')).toThrow(/loop/);
    expect(() => s.inventory.update(a.id, { ssh: { ...a.ssh, jumpHostId: b.id } }, 'cli')).toThrow(/loop/);
    expect(() => s.inventory.add(fields({ name: 'c', parentId: 999 }), 'cli')).toThrow(/does not exist/);
  });

  it('audits updates with before and after, and removing a hypervisor keeps its VMs', () => {
    const s = services();
    const hv = s.inventory.add(fields({ name: 'zcloud' }), 'ipc');
    const vm = s.inventory.add(fields({ name: 'z-dev', kind: 'vm', layer: 1, parentId: hv.id }), 'ipc');
    s.inventory.update(vm.id, { cpus: 8 }, 'ws');
    const [entry] = s.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ door: 'ws', action: 'inventory.updateHost', target: 'z-dev' });
    expect(entry!.before).toMatchObject({ cpus: null });
    expect(entry!.after).toMatchObject({ cpus: 8 });
    expect(s.inventory.remove([hv.id], 'ipc')).toBe(1);
    expect(s.inventory.get(vm.id).parentId).toBeNull();
  });

  it('refuses to edit or delete the audit log', () => {
    const s = services();
    s.inventory.add(fields({ name: 'x' }), 'cli');
    expect(() => s.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => s.db.prepare("UPDATE audit_log SET result = 'ok'").run()).toThrow(/append-only/);
  });

  it('pages through the inventory in list order, through the dispatcher, without skipping or repeating a host', async () => {
    const s = services();
    // Names that sort differently with and without case, on two layers.
    for (const [i, name] of ['b', 'A', 'c', 'D', 'e', 'F', 'g'].entries())
      s.inventory.add(fields({ name, layer: i % 2 }), 'cli');
    const all = s.inventory.list();
    const seen: string[] = [];
    let after = null;
    do {
      const r = await s.dispatch('inventory.pageHosts', { after, limit: 3 }, { door: 'ws' });
      if (!r.ok) throw new Error(r.message);
      const page = r.value as { hosts: { name: string }[]; total: number; next: typeof after };
      expect(page.total).toBe(7);
      expect(page.hosts.length).toBeLessThanOrEqual(3);
      seen.push(...page.hosts.map((h) => h.name));
      after = page.next;
    } while (after);
    expect(seen).toEqual(all.map((h) => h.name));
    expect(await s.dispatch('inventory.pageHosts', { limit: 0 }, { door: 'ws' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
  });

  it('returns the hosts asked for by id and leaves out those that no longer exist', () => {
    const s = services();
    const a = s.inventory.add(fields({ name: 'a' }), 'cli');
    const b = s.inventory.add(fields({ name: 'b' }), 'cli');
    s.inventory.remove([a.id], 'cli');
    expect(s.inventory.getMany([a.id, b.id]).map((h) => h.name)).toEqual(['b']);
  });
});
