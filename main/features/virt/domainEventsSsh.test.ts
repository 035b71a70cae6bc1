import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineIdleDomain, ensureLibvirtd, writeTestNode } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import { descendantsOf, isRunning, parentOf, processesWithArg } from '../../../lab/ssh/processTree';
import type { EventMessage } from '../../../common/contract';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// The domain event follower against a real sshd, the lab user's virsh and libvirt (the test driver for the
// process checks, each node under this run's own temporary path so only this run's processes are looked at; the
// shared libvirtd for real events). What is judged is the hypervisor's process table, read from /proc.
let dir: string;
let ssh: LabSsh;
let s: AppServices;

beforeAll(async () => {
  ensureLibvirtd();
  dir = mkdtempSync(join(tmpdir(), 'labvisor-virtev-'));
  chmodSync(dir, 0o755);
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  s = sshTestServices();
}, 120_000);

afterAll(async () => {
  await s?.close();
  await ssh?.stop();
  // Should a test above have failed, what it left of this run's own nodes must not outlive it.
  for (const uri of nodes) for (const pid of processesWithArg(uri)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

let hosts = 0;
/** A hypervisor entry on the lab sshd whose libvirt URI is `uri`. */
async function hypervisor(uri: string): Promise<number> {
  const host = addSshHost(
    s,
    `kvm-ev${++hosts}`,
    '127.0.0.1',
    ssh.sshd.port,
    { user: ssh.user, identityFile: ssh.keys.ed25519 },
    { hypervisor: { libvirtUri: uri, domainName: null, domainUuid: null } },
  );
  await trustPresentedKey(s, host.id);
  return host.id;
}

const nodes: string[] = [];
/** A test-driver node of this run's own, its URI unique to it. */
function ownNode(name: string): string {
  const { uri } = writeTestNode(join(dir, `${name}.xml`), { count: 2 });
  nodes.push(uri);
  return uri;
}

/** The one virsh following `uri`, and the remote command's whole tree (its shell, the stdin watcher). */
async function followerProcesses(uri: string): Promise<{ virsh: number; tree: number[] }> {
  const virsh = await vi.waitFor(
    () => {
      const pids = processesWithArg(uri).filter(isRunning);
      expect(pids).toHaveLength(1);
      return pids[0]!;
    },
    { timeout: 20_000, interval: 50 },
  );
  const shell = parentOf(virsh)!;
  const tree = [shell, ...descendantsOf(shell)];
  expect(tree).toContain(virsh);
  return { virsh, tree };
}

const allEnded = (pids: number[]) =>
  vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]), { timeout: 10_000, interval: 50 });

describe('domain event follower over a real sshd', () => {
  it('leaves no virsh behind on the hypervisor once it stops following (unwatch, then the app closing)', async () => {
    const uri = ownNode('stop');
    const hostId = await hypervisor(uri);
    const { watchId } = s.virt.events.watch(hostId);
    const first = await followerProcesses(uri);
    // The watcher and virsh, besides the shell: a quiet hypervisor, so virsh has nothing to write.
    expect(first.tree.length).toBeGreaterThanOrEqual(3);
    expect(s.virt.events.unwatch(watchId)).toBe(true);
    expect(s.virt.events.following()).not.toContain(hostId);
    await allEnded(first.tree);
    expect(processesWithArg(uri).filter(isRunning)).toEqual([]);

    // Watched again: a new virsh; closing the services (the app quitting) ends it too.
    const other = await services2(async (s2, id2) => {
      s2.virt.events.watch(id2);
      return followerProcesses(uri);
    }, uri);
    await allEnded(other.tree);
  }, 90_000);

  it('reconnects when the remote virsh ends by itself, and leaves nothing of the ended one', async () => {
    const uri = ownNode('exit');
    const hostId = await hypervisor(uri);
    const warned: unknown[] = [];
    const offWarn = vi.spyOn(s.log, 'warn').mockImplementation((msg, fields) => void warned.push({ msg, fields }));
    const { watchId } = s.virt.events.watch(hostId);
    try {
      const first = await followerProcesses(uri);
      // As when libvirtd restarts: virsh exits on its own, the channel ends with it.
      process.kill(first.virsh, 'SIGTERM');
      await allEnded(first.tree);
      await vi.waitFor(
        () => expect(warned).toContainEqual(expect.objectContaining({ msg: 'virt events: reconnecting' })),
        {
          timeout: 10_000,
        },
      );
      const second = await followerProcesses(uri);
      expect(second.virsh).not.toBe(first.virsh);
      expect(s.virt.events.following()).toContain(hostId);
    } finally {
      offWarn.mockRestore();
      s.virt.events.unwatch(watchId);
    }
    await vi.waitFor(() => expect(processesWithArg(uri).filter(isRunning)).toEqual([]), { timeout: 10_000 });
  }, 90_000);

  it("still delivers the hypervisor's domain events", async () => {
    const hostId = await hypervisor('qemu:///system');
    const seen: EventMessage[] = [];
    const off = s.events.subscribe((e) => e.name === 'virt.domainEvent' && seen.push(e));
    const { watchId } = s.virt.events.watch(hostId);
    const names: string[] = [];
    try {
      // virsh registers for events a moment after it starts: define and remove small domains until one is seen.
      await vi.waitFor(
        async () => {
          const domain = await defineIdleDomain(dir, 'lvevents');
          names.push(domain.name);
          await domain.remove();
          expect(seen.map((e) => e.payload)).toContainEqual(
            expect.objectContaining({
              hypervisorId: hostId,
              event: 'lifecycle',
              domain: expect.stringMatching(/^lvevents-/),
            }),
          );
        },
        { timeout: 60_000, interval: 500 },
      );
      const got = seen
        .map((e) => e.payload as { domain: string; detail: string })
        .filter((p) => names.includes(p.domain));
      expect(got.map((p) => p.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/^Undefined/)]));
    } finally {
      off();
      s.virt.events.unwatch(watchId);
    }
  }, 90_000);
});

/** Another set of services (another app) on the same lab, closed once `use` is done. */
async function services2<T>(use: (s2: AppServices, hostId: number) => Promise<T>, uri: string): Promise<T> {
  const s2 = sshTestServices();
  try {
    const host = addSshHost(
      s2,
      'kvm-ev-other',
      '127.0.0.1',
      ssh.sshd.port,
      { user: ssh.user, identityFile: ssh.keys.ed25519 },
      { hypervisor: { libvirtUri: uri, domainName: null, domainUuid: null } },
    );
    await trustPresentedKey(s2, host.id);
    return await use(s2, host.id);
  } finally {
    await s2.close();
  }
}
