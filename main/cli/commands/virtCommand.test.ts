import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labUuid, writeTestNode } from '../../../lab/libvirt';
import { freeTcpPort, startLabSsh, type LabSsh } from '../../../lab/ssh';
import { createServices } from '../../app/services';
import { runCliCaptured } from '../../testing/runCliCaptured';
import { addSshHost, trustPresentedKey } from '../../testing/sshTestServices';

// `labvisor vm …` and `labvisor power …` for VMs, against libvirt's test driver behind a real sshd.
let dir: string;
let dataDir: string;
let ssh: LabSsh;
let uri: string;
const cli = (args: string[]) => runCliCaptured(dataDir, args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-clivm-'));
  chmodSync(dir, 0o755);
  ({ uri } = writeTestNode(join(dir, 'node.xml'), { count: 12, hostile: true }));
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  dataDir = join(dir, 'data');
  const s = createServices({ dataDir, ssh: { identityDir: null, agentSocket: undefined } });
  const hv = addSshHost(s, 'hv1', '127.0.0.1', ssh.sshd.port, { user: ssh.user, identityFile: ssh.keys.ed25519 });
  await trustPresentedKey(s, hv.id);
  addSshHost(s, 'dead', '127.0.0.1', await freeTcpPort(), { user: ssh.user, identityFile: ssh.keys.ed25519 });
  await s.close();
}, 60_000);

afterAll(async () => {
  await ssh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('labvisor vm', () => {
  it('discover --dry-run --json previews without writing; discover writes; a second run changes nothing', async () => {
    const dry = await cli(['vm', 'discover', 'hv1', '--uri', uri, '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, created: 12, updated: 0, unchanged: 0, missing: [] });
    expect((await cli(['hosts', 'list', '--json'])).out).not.toContain('$(id)');
    const real = await cli(['vm', 'discover', 'hv1', '--uri', uri, '--json']);
    expect(JSON.parse(real.out)).toMatchObject({ hypervisor: { hostName: 'hv1', uri }, created: 12 });
    const again = await cli(['vm', 'discover', 'hv1']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('created 0, updated 0, unchanged 12, missing 0');
  });

  it('list --json prints the live domains with their hosts', async () => {
    const r = await cli(['vm', 'list', 'hv1', '--json']);
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as {
      name: string;
      uuid: string;
      state: string;
      hostName: string;
      memoryMiB: number;
    }[];
    expect(list).toHaveLength(12);
    expect(list.find((d) => d.uuid === labUuid(2))).toMatchObject({
      name: '$(id)',
      hostName: 'id',
      state: 'running',
    });
    const table = await cli(['vm', 'list', 'hv1']);
    expect(table.out).toMatch(/running: \d+ vCPUs on 112 CPUs/);
  });

  it('power status works for VMs through libvirt', async () => {
    const r = await cli(['power', 'status', 'x-touch-lv-pwned', 'vm07', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ hostName: 'x-touch-lv-pwned', driver: 'libvirt', state: 'on' }),
      expect.objectContaining({ hostName: 'vm07', driver: 'libvirt', state: 'on' }),
    ]);
  });

  it('refuses destructive snapshot commands without --yes, and answers with documented exit codes', async () => {
    const revert = await cli(['vm', 'snapshot', 'revert', 'vm07', 'base']);
    expect(revert.code).toBe(4);
    expect(revert.err).toContain('--yes');
    expect((await cli(['vm', 'snapshot', 'rm', 'vm07', 'base'])).code).toBe(4);
    expect((await cli(['vm', 'snapshot', 'list', 'no-such-vm'])).code).toBe(3);
    expect((await cli(['vm', 'autostart', 'vm07', 'maybe'])).code).toBe(2);
    expect((await cli(['vm', 'snapshot', 'list', 'vm07', '--json'])).out.trim()).toBe('[]');
    expect((await cli(['vm', 'autostart', 'vm07', 'on'])).code).toBe(0);
    // No description: virsh refuses an empty --description, so none is sent.
    const created = await cli(['vm', 'snapshot', 'create', 'vm07', 'plain']);
    expect(created.code, created.err).toBe(0);
    expect((await cli(['vm', 'snapshot', 'create', 'vm07', 'x', '--disk-only', '--external'])).code).toBe(2);
    const dead = await cli(['vm', 'list', 'dead']);
    expect(dead.code).toBe(5);
  });

  it('overcommit prints totals and says when libvirt reports no NUMA topology', async () => {
    const r = await cli(['vm', 'overcommit', 'hv1', '--json']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { cpus: number; node: { cpus: number; cells: unknown[] } };
    expect(json).toMatchObject({ hypervisor: { hostName: 'hv1' }, numaNodes: [], node: { cells: [] } });
    expect(json.cpus).toBe(json.node.cpus);
    const text = await cli(['vm', 'overcommit', 'hv1']);
    expect(text.out).toContain('NUMA: libvirt reports no topology for this hypervisor');
    expect((await cli(['vm', 'overcommit', 'dead'])).code).toBe(5);
  });

  it('shows and sets start orders, a partial change keeping the other fields', async () => {
    const set = await cli(['vm', 'startup', 'vm08', '--order', '2', '--up-delay', '30', '--json']);
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toEqual([
      expect.objectContaining({ hostName: 'vm08', order: 2, upDelaySec: 30, downDelaySec: 0 }),
    ]);
    expect((await cli(['vm', 'startup', 'vm08', '--down-delay', '5'])).code).toBe(0);
    const shown = await cli(['vm', 'startup', 'vm08', 'vm09']);
    expect(shown.out).toMatch(/vm08\s+2\s+30s\s+5s/);
    expect(shown.out).toMatch(/vm09\s+-\s+0s\s+0s/);
    expect((await cli(['vm', 'startup', 'vm08', '--order', 'none', '--json'])).out).toContain('"order": null');
    expect((await cli(['vm', 'startup', 'vm08', '--up-delay', '-1'])).code).toBe(2);
    expect((await cli(['vm', 'startup', 'vm08', 'vm09', '--order', '1'])).code).toBe(2);
    expect((await cli(['vm', 'startup', 'no-such-vm'])).code).toBe(3);
  });

  it('shutdown-all needs --yes; start-all of a host without VMs says so', async () => {
    const refused = await cli(['vm', 'shutdown-all', 'hv1']);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('vm12');
    const none = await cli(['vm', 'start-all', 'dead']);
    expect(none.code).toBe(3);
    expect(none.err).toContain('has no VMs');
  });
});
