import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeExporter, type NodeExporter } from '../../../lab/prometheus/nodeExporter';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Host metrics from a real sshd host (this machine), judged against prometheus-node-exporter reading the same
// kernel over the same interval; then the sshd is killed and restarted mid-collection.
let lab: LabSsh;
let labDir: string;
let s: AppServices;
let hostId: number;
let exporter: NodeExporter;
const samples: { at: number; values: Record<string, number> }[] = [];

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-metrics-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  hostId = addSshHost(s, 'metrichost', '127.0.0.1', lab.sshd.port, {
    user: lab.user,
    identityFile: lab.keys.ed25519,
  }).id;
  await trustPresentedKey(s, hostId);
  // Debian's default excludes lo, the one interface whose traffic the test controls.
  exporter = await startNodeExporter(['cpu', 'meminfo', 'loadavg', 'netdev'], ['--collector.netdev.device-exclude=^$']);
  s.metrics.onSample((id, at, values) => {
    if (id === hostId) samples.push({ at, values });
  });
  s.metrics.start();
  s.metrics.watch([hostId], 1);
}, 30_000);

afterAll(async () => {
  await exporter?.stop();
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

/** Steady loopback traffic so `lo` has a rate worth comparing. */
async function loopbackTraffic(): Promise<{ stop(): Promise<void> }> {
  const server: Server = createServer((socket) => socket.on('data', () => {}));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const client: Socket = connect(port, '127.0.0.1');
  const chunk = Buffer.alloc(256 * 1024, 7);
  const timer = setInterval(() => client.write(chunk), 20);
  return {
    async stop() {
      clearInterval(timer);
      client.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const cpuTotals = (m: Map<string, number>) => {
  let all = 0;
  let idle = 0;
  for (const [k, v] of m) {
    if (!k.startsWith('node_cpu_seconds_total{')) continue;
    all += v;
    if (/mode="(idle|iowait)"/.test(k)) idle += v;
  }
  return { all, idle };
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('host metrics over SSH', () => {
  it('agrees with node_exporter on CPU, memory, load and network over the same interval', async () => {
    await waitFor(
      () => samples.filter((x) => x.values['cpu.percent'] !== undefined).length,
      (n) => n >= 2,
      20_000,
    );
    expect(s.ssh.connectionKeys()).toHaveLength(1);
    const traffic = await loopbackTraffic();
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const t0 = Date.now();
      const first = await exporter.scrape();
      const from = samples.length;
      await waitFor(
        () => samples.length - from,
        (n) => n >= 8,
        20_000,
      );
      const second = await exporter.scrape();
      const t1 = Date.now();
      const window = samples.slice(from);

      // CPU busy %: node_exporter's counters over [t0, t1] vs the mean of our per-interval rates in it.
      const a = cpuTotals(first);
      const b = cpuTotals(second);
      const theirsCpu = (1 - (b.idle - a.idle) / (b.all - a.all)) * 100;
      const oursCpu = mean(window.map((x) => x.values['cpu.percent']!));
      expect(Math.abs(oursCpu - theirsCpu), `ours ${oursCpu} vs node_exporter ${theirsCpu}`).toBeLessThan(10);

      // Loopback bytes per second.
      const key = 'node_network_receive_bytes_total{device="lo"}';
      const theirsLo = (second.get(key)! - first.get(key)!) / ((t1 - t0) / 1000);
      const oursLo = mean(window.map((x) => x.values['net.rxBps{lo}']!));
      expect(theirsLo).toBeGreaterThan(1e6);
      expect(Math.abs(oursLo - theirsLo) / theirsLo, `ours ${oursLo} vs node_exporter ${theirsLo}`).toBeLessThan(0.2);

      // Memory: the same MemTotal; MemAvailable within 5% of memory.
      const last = window.at(-1)!.values;
      expect(last['mem.totalBytes']).toBe(second.get('node_memory_MemTotal_bytes'));
      const total = last['mem.totalBytes']!;
      expect(
        Math.abs(last['mem.availableBytes']! - second.get('node_memory_MemAvailable_bytes')!) / total,
      ).toBeLessThan(0.05);
      expect(Math.abs(last['load.1']! - second.get('node_load1')!)).toBeLessThan(1);
      expect(last['uptime.seconds']).toBeGreaterThan(0);
      expect(Object.keys(last).some((k) => k.startsWith('fs.usedPercent{'))).toBe(true);
    } finally {
      await traffic.stop();
    }
  }, 60_000);

  it('resumes by itself after the sshd is killed and restarted; the gap is the outage', async () => {
    await waitFor(
      () => samples.length,
      (n) => n >= 1,
    );
    const beforeKill = samples.length;
    await lab.sshd.stop({ sessions: true });
    const killedAt = Date.now();
    await waitFor(
      () => s.metrics.latest(s.inventory.get(hostId)).reachability.state,
      (st) => st === 'down',
      15_000,
    );
    await new Promise((r) => setTimeout(r, 3000));
    const lastBefore = samples.at(-1)!.at;
    expect(lastBefore).toBeLessThan(killedAt + 100);
    await lab.sshd.start();
    const restartedAt = Date.now();
    await waitFor(
      () => samples.filter((x) => x.at > restartedAt && x.values['cpu.percent'] !== undefined).length,
      (n) => n >= 2,
      20_000,
    );
    expect(samples.length).toBeGreaterThan(beforeKill);
    const firstAfter = samples.find((x) => x.at > restartedAt)!.at;
    // Nothing was recorded during the outage, and collection came back within the retry backoff.
    expect(samples.filter((x) => x.at > killedAt + 100 && x.at < restartedAt)).toEqual([]);
    expect(firstAfter - restartedAt).toBeLessThan(8_000);
    // The first rate after the outage is not smeared over it: the first sample back has gauges only.
    const back = samples.find((x) => x.at > restartedAt)!;
    expect(back.values['mem.totalBytes']).toBeGreaterThan(0);
    await waitFor(
      () => s.metrics.latest(s.inventory.get(hostId)).reachability.state,
      (st) => st === 'up',
      15_000,
    );
    // History holds both sides of the gap in the raw tier.
    const history = s.metrics.history(s.inventory.get(hostId), '15m', ['cpu.percent']);
    const times = history.series[0]!.points.map((p) => p[0] * 1000);
    expect(times.some((t) => t < killedAt)).toBe(true);
    expect(times.some((t) => t > restartedAt)).toBe(true);
    expect(times.filter((t) => t > killedAt + 100 && t < restartedAt)).toEqual([]);
  }, 60_000);
});
