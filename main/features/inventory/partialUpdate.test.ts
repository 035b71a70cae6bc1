import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../../common/contract';
import type { Host } from '../../../common/domain/host';
import { tempServices } from '../../testing/tempServices';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** A host with every field group set, so that an update of one group can be seen to leave the others alone. */
async function fullHost() {
  const s = tempServices();
  cleanup = s.cleanup;
  const call = async (name: 'inventory.addHost' | 'inventory.updateHost', input: unknown) => {
    const r = await s.dispatch(name, input, { door: 'ws' });
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.value as Host;
  };
  const jump = await call('inventory.addHost', { name: 'jetson' });
  const parent = await call('inventory.addHost', { name: 'zcloud' });
  const host = await call('inventory.addHost', {
    name: 'z-o7k-m-1',
    kind: 'vm',
    layer: 1,
    parentId: parent.id,
    cluster: 'o7k',
    role: 'm',
    index: 1,
    arch: 'x86_64',
    cpus: 4,
    memoryGiB: 8,
    diskGiB: 100,
    diskType: 'SSD',
    numa: '0',
    notes: 'OpenStack 管控 1\nsecond line',
    tags: ['openstack'],
    addresses: [{ label: 'management', address: '192.168.6.51' }],
    aliases: [{ name: 'ctl1', note: '' }],
    ssh: { user: 'stack', port: 2222, jumpHostId: jump.id, identityFile: '~/.ssh/id_lab' },
    bmc: { type: 'ipmi', address: '192.168.6.251', port: 623, user: 'ADMIN', cipherSuite: 17, jumpHostId: jump.id },
    hypervisor: { libvirtUri: 'qemu+ssh://zcloud/system', domainName: 'o7k-m-1', domainUuid: 'u-1' },
    protected: true,
  });
  const update = (changes: CommandInput<'inventory.updateHost'>['changes']) =>
    call('inventory.updateHost', { id: host.id, changes });
  return { host, update };
}

const without = (h: Host, ...keys: (keyof Host)[]) => {
  const copy: Partial<Host> = { ...h };
  for (const k of ['updatedAt', ...keys] as (keyof Host)[]) delete copy[k];
  return copy;
};

describe('inventory.updateHost changes only the fields it names', () => {
  it('BMC only: addresses, CPUs, notes and everything else stay', async () => {
    const { host, update } = await fullHost();
    const after = await update({ bmc: { address: '192.168.6.252' } });
    expect(after.bmc).toEqual({ ...host.bmc, address: '192.168.6.252' });
    expect(without(after, 'bmc')).toEqual(without(host, 'bmc'));
  });

  it('SSH only, one key: the other SSH settings stay', async () => {
    const { host, update } = await fullHost();
    const after = await update({ ssh: { user: 'root' } });
    expect(after.ssh).toEqual({ ...host.ssh, user: 'root' });
    expect(without(after, 'ssh')).toEqual(without(host, 'ssh'));
  });

  it('hardware only', async () => {
    const { host, update } = await fullHost();
    const after = await update({ cpus: 8, memoryGiB: 16 });
    expect(without(after, 'cpus', 'memoryGiB')).toEqual(without(host, 'cpus', 'memoryGiB'));
    expect([after.cpus, after.memoryGiB]).toEqual([8, 16]);
  });

  it('identity only (name, kind, layer)', async () => {
    const { host, update } = await fullHost();
    const after = await update({ name: 'z-o7k-m-01' });
    expect(without(after, 'name')).toEqual(without(host, 'name'));
  });

  it('addresses and aliases only', async () => {
    const { host, update } = await fullHost();
    const after = await update({ addresses: [{ label: 'data', address: '10.0.0.5' }] });
    expect(without(after, 'addresses')).toEqual(without(host, 'addresses'));
    const again = await update({ aliases: [] });
    expect(again.addresses).toEqual([{ label: 'data', address: '10.0.0.5' }]);
    expect(again.aliases).toEqual([]);
  });

  it('notes and tags only', async () => {
    const { host, update } = await fullHost();
    const after = await update({ notes: 'moved', tags: [] });
    expect(without(after, 'notes', 'tags')).toEqual(without(host, 'notes', 'tags'));
  });

  it('hypervisor only, and null removes a group', async () => {
    const { host, update } = await fullHost();
    const after = await update({ hypervisor: { domainName: 'renamed' } });
    expect(after.hypervisor).toEqual({ ...host.hypervisor, domainName: 'renamed' });
    expect(without(after, 'hypervisor')).toEqual(without(host, 'hypervisor'));
    const cleared = await update({ bmc: null });
    expect(cleared.bmc).toBeNull();
    expect(cleared.cpus).toBe(4);
  });

  it('protection only', async () => {
    const { host, update } = await fullHost();
    const after = await update({ protected: false });
    expect(without(after, 'protected')).toEqual(without(host, 'protected'));
  });
});
