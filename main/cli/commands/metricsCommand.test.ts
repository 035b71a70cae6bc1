import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { runCliCaptured } from '../../testing/runCliCaptured';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// `labvisor metrics` reads what a running instance (here: services collecting from a real sshd, as `serve` does)
// has stored, from another set of services on the same data directory, as a second process would.
let lab: LabSsh;
let labDir: string;
let s: AppServices;

beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-climetrics-'));
  lab = await startLabSsh({ dir: labDir });
  s = sshTestServices();
  const host = addSshHost(s, 'clihost', '127.0.0.1', lab.sshd.port, {
    user: lab.user,
    identityFile: lab.keys.ed25519,
  });
  addSshHost(s, 'silent', '127.0.0.1', 1, { user: lab.user }, { kind: 'device' });
  await trustPresentedKey(s, host.id);
  s.metrics.start();
  s.metrics.watch([host.id], 1);
  await waitFor(
    () => s.metrics.latest(host).values['cpu.percent'],
    (v) => v !== undefined,
    20_000,
  );
  s.metrics.store.flush();
}, 40_000);

afterAll(async () => {
  await s?.close();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliCaptured(s.options.dataDir, args);

describe('labvisor metrics', () => {
  it('prints the latest values and the history as JSON', async () => {
    const r = await cli(['metrics', 'clihost', '--since', '15m', '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.host).toBe('clihost');
    expect(out.latest.memTotalBytes).toBeGreaterThan(0);
    expect(out.latest.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(out.latest.load1).toBeGreaterThanOrEqual(0);
    const cpu = out.series.find((x: { name: string }) => x.name === 'cpu.percent');
    expect(cpu.points.length).toBeGreaterThan(0);
    const [t, v] = cpu.points[0];
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(900);
    expect(v).toBeGreaterThanOrEqual(0);
  });

  it('prints a table for people', async () => {
    const r = await cli(['metrics', 'clihost']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^clihost: up/);
    expect(r.out).toMatch(/mem\.totalBytes\s+[\d.]+ [KMGT]iB/);
  });

  it('never reports ok without a reading, and says why', async () => {
    const r = await cli(['metrics', 'silent', '--json']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.out).latest).toEqual({});
    expect(r.err).toMatch(/no recent reading for silent/);
    expect((await cli(['metrics', 'nosuchhost'])).code).toBe(3);
    expect((await cli(['metrics', 'clihost', '--since', '2w'])).code).toBe(2);
  });
});
