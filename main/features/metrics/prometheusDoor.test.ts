import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type PrometheusServer } from '../../../lab/prometheus/prometheusServer';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { startServer, type RunningServer } from '../../transports/http/server';

// `labvisor serve`'s /metrics scraped by a real Prometheus with the Bearer token, read back through its HTTP API.
let lab: LabSsh;
let dir: string;
let s: AppServices;
let server: RunningServer;
let prometheus: PrometheusServer;
const TOKEN = 'prometheus-test-token-0123456789abcdef';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-prom-'));
  // Its own temp dir: sshd reads the shared authorized_keys as the lab user, through world-readable parents.
  lab = await startLabSsh({ dir: mkdtempSync(join(tmpdir(), 'labvisor-prom-ssh-')) });
  s = sshTestServices();
  const host = addSshHost(
    s,
    'promhost',
    '127.0.0.1',
    lab.sshd.port,
    { user: lab.user, identityFile: lab.keys.ed25519 },
    // A hostile label value: quotes, a backslash and a newline must survive the text format.
    { cluster: 'rack "A"\\1' },
  );
  await trustPresentedKey(s, host.id);
  s.metrics.start();
  s.metrics.watch([host.id], 1);
  server = await startServer({ services: s, rendererDir: join(dir, 'none'), token: TOKEN });
  prometheus = await startPrometheus({ dir: join(dir, 'prom'), target: `127.0.0.1:${server.port}`, token: TOKEN });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await server?.close();
  await s?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (lab) rmSync(dirname(lab.keys.authorizedKeys), { recursive: true, force: true });
});

describe('the Prometheus door', () => {
  it('refuses /metrics without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('is scraped by a real Prometheus and queried back with stable names and labels', async () => {
    const memory = await waitFor(
      () => prometheus.query('labvisor_host_memory_total_bytes{host="promhost"}'),
      (r) => r.length === 1,
      60_000,
    );
    expect(memory, JSON.stringify(s.metrics.latest(s.inventory.find('promhost')!).collector)).toHaveLength(1);
    expect(memory[0]!.metric).toMatchObject({ host: 'promhost', cluster: 'rack "A"\\1', job: 'labvisor' });
    const latest = s.metrics.latest(s.inventory.find('promhost')!);
    expect(Number(memory[0]!.value[1])).toBe(latest.values['mem.totalBytes']);

    const scrapeUp = await prometheus.query('up{job="labvisor"}');
    expect(scrapeUp.map((r) => r.value[1])).toEqual(['1']);
    const busy = await waitFor(
      () => prometheus.query('labvisor_host_cpu_busy_percent{host="promhost"}'),
      (r) => r.length === 1,
      15_000,
    );
    expect(Number(busy[0]!.value[1])).toBeGreaterThanOrEqual(0);
    expect(Number(busy[0]!.value[1])).toBeLessThanOrEqual(100);
    const lo = await waitFor(
      () => prometheus.query('labvisor_host_network_receive_bytes_per_second{host="promhost",device="lo"}'),
      (r) => r.length === 1,
      15_000,
    );
    expect(lo).toHaveLength(1);
    const reach = await waitFor(
      () => prometheus.query('labvisor_host_up{host="promhost"}'),
      (r) => r.length === 1,
      15_000,
    );
    expect(reach[0]!.value[1]).toBe('1');
    // Several scrapes make a series Prometheus can compute over.
    const samples = await waitFor(
      () => prometheus.query('count_over_time(labvisor_host_load1{host="promhost"}[1m])'),
      (r) => r.length === 1 && Number(r[0]!.value[1]) >= 3,
      30_000,
    );
    expect(Number(samples[0]!.value[1])).toBeGreaterThanOrEqual(3);
  }, 150_000);
});
