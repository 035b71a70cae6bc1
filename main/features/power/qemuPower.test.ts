import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../../common/contract';
import { createServices, type AppServices } from '../../app/services';
import type { ByteStream } from '../../platform/byteStreams';
import { pidAlive, stopPid } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { startQemuBmc, type QemuBmc } from '../../../lab/qemu/qemuBmc';

// ipmi_sim whose chassis is a real TCG QEMU guest: power actions really start, stop and reboot a machine.
// Unique, so a hit in /proc/*/cmdline can only be ours (ipmi_sim reads it from its lan.conf file).
const PASSWORD = 'qB7-Secret-4711z'; // IPMI passwords are at most 16 bytes
let root: string;
let bmc: QemuBmc;
let services: AppServices;
const confirm = { hostNames: ['labvm'] };

const ok = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
  const r = await services.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as CommandOutput<N>;
};

/** Waits until `probe` gives a value (a pid, true); fails after `timeoutMs` naming what it waited for. */
function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  return vi.waitFor(
    () => {
      const v = probe();
      if (!v) throw new Error(`timed out waiting for ${what}`);
      return v;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

/** Every process command line on the machine that contains `needle`. */
function cmdlinesContaining(needle: string): string[] {
  const hits: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(needle)) hits.push(`${pid}: ${cmd.replaceAll('\0', ' ')}`);
    } catch {
      // the process ended meanwhile
    }
  }
  return hits;
}

class SolReader {
  text = '';
  constructor(readonly stream: ByteStream) {
    stream.onData((chunk) => (this.text += Buffer.from(chunk).toString('utf8')));
  }
  async expect(pattern: RegExp, timeoutMs = 90_000): Promise<void> {
    await until(`SOL output ${pattern}`, () => pattern.test(this.text), timeoutMs);
  }
  /** Presses Enter until the guest's shell answers (it may have booted before this session attached). */
  async prompt(timeoutMs = 120_000): Promise<void> {
    const seen = this.text.length;
    await vi.waitFor(
      () => {
        if (/\/ # /.test(this.text.slice(seen))) return;
        this.send('\r');
        throw new Error('no shell prompt on SOL');
      },
      { timeout: timeoutMs, interval: 2000 },
    );
  }
  send(s: string): void {
    this.stream.write(Buffer.from(s));
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'labvisor-qemu-'));
  bmc = await startQemuBmc(root, 'labvm', PASSWORD);
  services = createServices({ dataDir: join(root, 'data'), power: { pollIntervalMs: 300 } });
  addBmcHost(services, 'labvm', bmc);
}, 120_000);

afterAll(async () => {
  await services?.close();
  stopPid(bmc?.pid ?? null);
  stopPid(bmc?.qemuPid() ?? null);
  rmSync(root, { recursive: true, force: true });
});

describe('power and SOL on an ipmi_sim + QEMU machine', () => {
  it('powers on a real guest and gives its shell over SOL, without the password on any command line', async () => {
    expect((await ok('power.status', { targets: ['labvm'] }))[0]).toMatchObject({
      state: 'off',
      error: null,
    });
    const on = await ok('power.set', {
      targets: ['labvm'],
      action: 'on',
    });
    expect(on.results[0]).toMatchObject({ ok: true, after: 'on' });
    const qemuPid = await until('QEMU', () => bmc.qemuPid(), 10_000);
    expect(pidAlive(qemuPid)).toBe(true);

    const { streamId } = await ok('bmc.openSol', { host: 'labvm' });
    const sol = new SolReader(services.streams.get(streamId)!);
    // ipmitool is running for the whole SOL session: look at every command line now.
    expect(cmdlinesContaining(PASSWORD)).toEqual([]);
    await sol.prompt();
    sol.send('echo sum=$((6*7))\r');
    await sol.expect(/sum=42/);

    // A second session is refused while this one holds the payload; force takes it over.
    const second = await services.dispatch('bmc.openSol', { host: 'labvm' }, { door: 'cli' });
    expect(second).toMatchObject({ ok: false, code: 'conflict' });
    const forced = await ok('bmc.openSol', { host: 'labvm', force: true });
    const sol2 = new SolReader(services.streams.get(forced.streamId)!);
    sol2.send('\recho again=$((2+3))\r');
    await sol2.expect(/again=5/);
    services.streams.get(forced.streamId)!.close();
    await until('SOL closed', () => !services.streams.get(forced.streamId), 10_000);
  }, 240_000);

  it('reset reboots the guest in place; cycle restarts QEMU', async () => {
    const pidBefore = bmc.qemuPid();
    const { streamId } = await ok('bmc.openSol', { host: 'labvm', force: true });
    const sol = new SolReader(services.streams.get(streamId)!);
    const reset = await ok('power.set', {
      targets: ['labvm'],
      action: 'reset',
      confirm,
    });
    expect(reset.results[0]!.ok).toBe(true);
    await sol.expect(/labvm: booted/, 120_000);
    expect(bmc.qemuPid()).toBe(pidBefore);
    services.streams.get(streamId)!.close();

    const cycle = await ok('power.set', {
      targets: ['labvm'],
      action: 'cycle',
      confirm,
    });
    expect(cycle.results[0]).toMatchObject({ ok: true, after: 'on' });
    const pidAfter = await until('a new QEMU', () => bmc.qemuPid() !== pidBefore && bmc.qemuPid(), 30_000);
    expect(pidAlive(pidAfter)).toBe(true);
    expect(pidAlive(pidBefore)).toBe(false);
  }, 240_000);

  it('soft-off lets the guest shut down through ACPI; off ends QEMU', async () => {
    await ok('power.set', { targets: ['labvm'], action: 'on' });
    const { streamId } = await ok('bmc.openSol', { host: 'labvm', force: true });
    const sol = new SolReader(services.streams.get(streamId)!);
    await sol.prompt();
    const pid = bmc.qemuPid();
    const soft = await ok('power.set', {
      targets: ['labvm'],
      action: 'soft',
      confirm,
      waitSec: 120,
    });
    expect(soft.results[0]).toMatchObject({ ok: true, after: 'off' });
    await sol.expect(/ACPI power button/, 5_000);
    await until('QEMU exit', () => !pidAlive(pid), 10_000);

    await ok('power.set', { targets: ['labvm'], action: 'on' });
    const pid2 = await until('QEMU', () => bmc.qemuPid() !== pid && bmc.qemuPid(), 10_000);
    const off = await ok('power.set', {
      targets: ['labvm'],
      action: 'off',
      confirm,
    });
    expect(off.results[0]).toMatchObject({ ok: true, after: 'off' });
    await until('QEMU killed', () => !pidAlive(pid2), 30_000);
  }, 300_000);
});
