import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HostOverview } from '../../../common/contract/metrics';
import type { Result } from '../../../common/result';
import type { ServerMessage } from '../../../common/wire';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { startServer, type RunningServer } from '../../transports/http/server';

// Live samples go only to the WebSocket clients that watch their host: two hosts on a real sshd, sampled by a
// real `labvisor serve`, and every message each client receives counted.
let lab: LabSsh;
let labDir: string;
let s: AppServices;
let server: RunningServer;
let hostA: number;
let hostB: number;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-routing-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  const ssh = { user: lab.user, identityFile: lab.keys.ed25519 };
  hostA = addSshHost(s, 'route-a', '127.0.0.1', lab.sshd.port, ssh).id;
  hostB = addSshHost(s, 'route-b', '127.0.0.1', lab.sshd.port, ssh).id;
  await trustPresentedKey(s, hostA);
  await trustPresentedKey(s, hostB);
  s.metrics.start();
  server = await startServer({ services: s, rendererDir: labDir, token: 'routing-token-0123456789-abcdefghijklmnop' });
}, 30_000);

afterAll(async () => {
  await server?.close();
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

/** A WebSocket client that counts the `metrics.sample` events it gets, per host. */
async function client() {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, {
    headers: { Authorization: `Bearer ${server.token}`, Origin: `http://127.0.0.1:${server.port}` },
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const samples = new Map<number, number>();
  const results = new Map<number, (r: Result<unknown>) => void>();
  let messages = 0;
  ws.on('message', (data) => {
    messages++;
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.type === 'result') results.get(msg.id)?.(msg.result);
    else if (msg.event.name === 'metrics.sample') {
      const id = (msg.event.payload as { hostId: number }).hostId;
      samples.set(id, (samples.get(id) ?? 0) + 1);
    }
  });
  let nextId = 1;
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const id = nextId++;
    const result = new Promise<Result<unknown>>((resolve) => results.set(id, resolve));
    ws.send(JSON.stringify({ type: 'call', id, name, input }));
    const r = await result;
    if (!r.ok) throw new Error(r.message);
    return r.value as T;
  };
  return { ws, call, samples, count: (id: number) => samples.get(id) ?? 0, messages: () => messages };
}

describe('live metric samples go to the clients watching their host', () => {
  it('a client watching A gets nothing of B, an unwatching one no samples, and the dashboard still updates', async () => {
    const watchA = await client();
    const watchB = await client();
    const dashboard = await client();
    await watchA.call('metrics.watch', { hostIds: [hostA], intervalSec: 1 });
    await watchB.call('metrics.watch', { hostIds: [hostB], intervalSec: 1 });
    const overview = () => dashboard.call<HostOverview[]>('metrics.overview', {});
    const spark = (o: HostOverview[], id: number) => o.find((h) => h.hostId === id)?.spark.cpu.length ?? 0;

    await waitFor(
      () => Math.min(watchA.count(hostA), watchB.count(hostB)),
      (n) => n >= 4,
      30_000,
    );
    const before = await overview();
    await waitFor(
      () => watchA.count(hostA),
      (n) => n >= 8,
      30_000,
    );
    const after = await overview();

    expect(watchA.count(hostA)).toBeGreaterThanOrEqual(8);
    expect(watchA.count(hostB)).toBe(0);
    expect(watchB.count(hostB)).toBeGreaterThanOrEqual(4);
    expect(watchB.count(hostA)).toBe(0);
    expect(dashboard.samples.size).toBe(0);
    // The dashboard reads the overview: both hosts' sparklines kept growing without any sample event to it.
    expect(spark(after, hostA)).toBeGreaterThan(spark(before, hostA));
    expect(spark(after, hostB)).toBeGreaterThan(spark(before, hostB));
    expect(after.find((h) => h.hostId === hostA)!.at!).toBeGreaterThan(before.find((h) => h.hostId === hostA)!.at!);
    // The inventory's rows ask only for the hosts on screen: those, in that order, the unknown one left out.
    const some = await dashboard.call<HostOverview[]>('metrics.overview', { hostIds: [hostB, 999_999, hostA] });
    expect(some.map((h) => h.hostId)).toEqual([hostB, hostA]);
    expect(some[1]!.spark.cpu.length).toBeGreaterThan(0);

    // A client that goes drops its watch at once: A falls back to the background interval, B stays at 1 s.
    watchA.ws.close();
    const dropped = await waitFor(overview, (o) => o.find((h) => h.hostId === hostA)?.collector.intervalSec !== 1);
    expect(dropped.find((h) => h.hostId === hostA)!.collector.intervalSec).toBe(30);
    expect(dropped.find((h) => h.hostId === hostB)!.collector.intervalSec).toBe(1);

    // Two clients watching the same host both get it; the lease follows the client that renews it.
    const late = await client();
    const { watchId } = await late.call<{ watchId: string }>('metrics.watch', { hostIds: [hostB], intervalSec: 1 });
    const seenB = watchB.count(hostB);
    await waitFor(
      () => late.count(hostB),
      (n) => n >= 3,
      30_000,
    );
    expect(watchB.count(hostB)).toBeGreaterThan(seenB);
    expect(late.count(hostA)).toBe(0);
    await late.call('metrics.unwatch', { watchId });
    const stoppedAt = late.count(hostB);
    // Samples of B still flow (watchB holds it); after its unwatch this client gets none of them.
    await waitFor(
      () => watchB.count(hostB),
      (n) => n >= seenB + 6,
      30_000,
    );
    expect(late.count(hostB)).toBe(stoppedAt);
    expect(dashboard.samples.size).toBe(0);
    for (const c of [watchB, dashboard, late]) c.ws.close();
  }, 120_000);
});
