import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import {
  ensureLabUser,
  makeClientKeys,
  netnsUnavailable,
  startJumpTopology,
  type JumpTopology,
} from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { waitFor } from '../../testing/redfishTestLab';

// SOL to an ipmi_sim that lives in a jump host's network namespace (as the seed lab's iLO is reachable only from
// its Jetson): ipmitool runs on the jump host (a real sshd in that namespace) with a pty. The far end of the serial
// line is a socat echo in the same namespace. Fails (never skips) where namespaces cannot be created.
let topo: JumpTopology;
let lab: IpmiSimLab;
let labDir: string;
let s: AppServices;
let serial: ChildProcess;

beforeAll(async () => {
  const unavailable = netnsUnavailable();
  if (unavailable) throw new Error(`SOL through a jump host needs network namespaces (${unavailable}); run as root`);
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-soljump-'));
  const user = ensureLabUser().user;
  const keys = makeClientKeys(labDir);
  topo = await startJumpTopology({ dir: labDir, authorizedKeysFile: keys.authorizedKeys });
  const serialPort = 20000 + Math.floor(Math.random() * 20000);
  serial = spawn(
    'ip',
    [
      'netns',
      'exec',
      topo.jumpNetns,
      'socat',
      `TCP-LISTEN:${serialPort},bind=127.0.0.1,reuseaddr,fork`,
      'EXEC:sed -u s/^/[echo]/',
    ],
    { stdio: 'ignore' },
  );
  const listening = () =>
    execFileSync('ip', ['netns', 'exec', topo.jumpNetns, 'ss', '-Htln', `sport = :${serialPort}`], {
      encoding: 'utf8',
    }).trim() !== '';
  await waitFor(listening, Boolean, 5000);
  lab = await startIpmiSims([{ name: 'behind', netns: topo.jumpNetns, solTcpPort: serialPort }]);
  s = sshTestServices();
  const jump = addSshHost(s, 'jetson', '127.0.0.1', topo.jumpPort, { user, identityFile: keys.ed25519 });
  await trustPresentedKey(s, jump.id);
  const host = addBmcHost(s, 'behind', lab.bmcs[0]!);
  s.inventory.update(host.id, { bmc: { ...host.bmc!, jumpHostId: jump.id } }, 'cli');
  addBmcHost(s, 'direct', lab.bmcs[0]!);
}, 60_000);

afterAll(async () => {
  await s?.close();
  await lab?.stop();
  serial?.kill('SIGTERM');
  await topo?.stop();
  if (labDir) rmSync(labDir, { recursive: true, force: true });
});

async function open(force: boolean) {
  const r = await s.dispatch('bmc.openSol', { host: 'behind', force }, { door: 'cli' });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  const stream = s.streams.get((r.value as { streamId: string }).streamId)!;
  let out = '';
  let ended = false;
  stream.onData((chunk) => (out += Buffer.from(chunk).toString('utf8')));
  stream.onEnd(() => (ended = true));
  return { stream, output: () => out, ended: () => ended };
}

describe('SOL through a jump host', () => {
  it('is out of reach without the jump host', async () => {
    const [status] = await s.power.status({ targets: ['direct'], concurrency: 1 });
    expect(status?.error?.code).toMatch(/unreachable|timeout/);
  });

  it('opens the console on the jump host, carries keystrokes both ways, and never echoes the password', async () => {
    const sol = await open(false);
    sol.stream.write(Buffer.from('hello jetson\n'));
    expect(await waitFor(sol.output, (o) => o.includes('[echo]hello jetson'), 10_000)).toContain('[echo]hello jetson');
    expect(sol.output()).not.toContain(lab.bmcs[0]!.password);

    // Held: a second session without force is refused, as ipmi_sim says "already active".
    const refused = await s.dispatch('bmc.openSol', { host: 'behind', force: false }, { door: 'cli' });
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    // With force the payload is deactivated on the jump host and taken over; the first session ends.
    const taken = await open(true);
    expect(await waitFor(sol.ended, Boolean, 10_000)).toBe(true);
    expect(taken.ended()).toBe(false);
    // Data flows both ways on the new session. ipmi_sim keeps its inbound SOL sequence number across activations,
    // so it drops the new session's first packet when that repeats the old session's last number (here: 1, from
    // "hello jetson"): the line is sent again each second until its echo comes back.
    let lastSent = 0;
    const echoed = await waitFor(
      () => {
        if (!taken.output().includes('[echo]after takeover') && Date.now() - lastSent > 1000) {
          lastSent = Date.now();
          taken.stream.write(Buffer.from('after takeover\n'));
        }
        return taken.output();
      },
      (o) => o.includes('[echo]after takeover'),
      10_000,
    );
    expect(echoed).toContain('[echo]after takeover');
    taken.stream.close();
    expect(await waitFor(taken.ended, Boolean, 10_000)).toBe(true);
  }, 60_000);
});
