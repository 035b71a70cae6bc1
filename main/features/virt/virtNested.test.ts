import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUuid, writeTestNode } from '../../../lab/libvirt';
import { ensureLabUser, makeClientKeys, startJumpTopology, type JumpTopology } from '../../../lab/ssh';
import type { DiscoverResult, VmList } from '../../../common/contract/virt';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Nested virtualization as the lab has it: bare metal (sshd A in its own network namespace, reachable from here)
// runs a VM that is itself a hypervisor (sshd B, reachable only from A). Discovering the metal creates the VM;
// the VM is then reached through A as its jump host and discovered in turn, one layer further down. B's address
// only routes inside A's namespace, so reaching it at all proves the jump chain was used.
let topo: JumpTopology;
let dir: string;
let s: AppServices;
let metalUri: string;
let nestedUri: string;
const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await s.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-nested-'));
  chmodSync(dir, 0o755);
  metalUri = writeTestNode(join(dir, 'metal.xml'), { count: 3 }).uri;
  nestedUri = writeTestNode(join(dir, 'nested.xml'), { count: 4, vncBase: 6900, node: 1 }).uri;
  const user = ensureLabUser().user;
  const keys = makeClientKeys(dir);
  topo = await startJumpTopology({ dir, authorizedKeysFile: keys.authorizedKeys });
  s = sshTestServices();
  const metal = addSshHost(s, 'metal', '127.0.0.1', topo.jumpPort, { user, identityFile: keys.ed25519 });
  await trustPresentedKey(s, metal.id);
}, 120_000);

afterAll(async () => {
  await s?.close();
  await topo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('nested hypervisors through a jump chain', () => {
  it('discovers a VM, then the VM as a hypervisor reached through its parent, two layers down', async () => {
    await call<DiscoverResult>('virt.discover', { host: 'metal', uri: metalUri });
    const l1 = s.inventory.find('vm01')!;
    expect(l1).toMatchObject({ layer: 1, parentId: s.inventory.find('metal')!.id });
    // The admin gives the VM its address and says it is reached through the metal (ProxyJump).
    s.inventory.update(
      l1.id,
      {
        addresses: [{ label: 'management', address: topo.targetAddress }],
        ssh: { ...s.inventory.find('metal')!.ssh, port: 22, jumpHostId: s.inventory.find('metal')!.id },
      },
      'cli',
    );
    await trustPresentedKey(s, l1.id);
    // Its nested domains share names with the metal's (vm01…): they get qualified names, never a duplicate.
    const nested = await call<DiscoverResult>('virt.discover', { host: l1.id, uri: nestedUri });
    expect(nested).toMatchObject({ created: 4, updated: 0 });
    const l2 = s.inventory.list().filter((h) => h.parentId === l1.id);
    expect(l2.map((h) => [h.name, h.layer])).toEqual(
      expect.arrayContaining([
        ['vm01.vm01', 2],
        ['vm04', 2],
      ]),
    );
    // The VM kept its own hypervisor URI and its domain identity on the metal.
    expect(s.inventory.get(l1.id).hypervisor).toEqual({
      libvirtUri: nestedUri,
      domainName: 'vm01',
      domainUuid: labUuid(1),
    });
    const list = await call<VmList>('virt.list', { host: l1.id });
    expect(list.domains.map((d) => d.hostName).sort()).toEqual(l2.map((h) => h.name).sort());
    // The metal's rediscovery leaves the nested layer alone.
    expect(await call<DiscoverResult>('virt.discover', { host: 'metal' })).toMatchObject({ created: 0, updated: 0 });
  });
});
