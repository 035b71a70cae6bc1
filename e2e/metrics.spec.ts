import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../lab/labPaths';
import { startLabSsh, type LabSsh } from '../lab/ssh';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';

// A real `labvisor serve` collecting from a real sshd host, and Debian's Chromium: the dashboard lists the host,
// the host's charts hold live, moving data (read from the data behind the chart, not from pixels), and a host
// that goes down shows up as down.
test.describe.configure({ mode: 'serial' });

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shot = (name: string) => join(REPO_ROOT, 'docs/screenshots', name);

let lab: LabSsh;
let labDir: string;
let server: LabvisorServer;
let hostId: number;

test.beforeAll(async () => {
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-e2e-metrics-'));
  lab = await startLabSsh({ dir: labDir });
  server = await startLabvisor();
  const host = await rpc(server, 'inventory.addHost', {
    name: 'mx-web-01',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: lab.sshd.port, identityFile: lab.keys.ed25519 },
  });
  hostId = host.id;
  const key = await rpc(server, 'ssh.scanHostKey', { hostId });
  await rpc(server, 'ssh.trustHostKey', { hostId, fingerprint: key.fingerprint });
  // A host that never answers: nothing listens on port 1.
  await rpc(server, 'inventory.addHost', {
    name: 'mx-dead-01',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { port: 1 },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await lab?.stop();
  rmSync(labDir, { recursive: true, force: true });
});

async function openMetrics(page: Page) {
  await page.goto(server.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Metrics' }).click();
}

const chart = (page: Page, id: string) => page.locator(`figure[data-chart="${id}"]`);
const points = async (page: Page, id: string) => Number(await chart(page, id).getAttribute('data-points'));

test('the dashboard shows what is down and what is busy, and links to the host', async ({ page }) => {
  await openMetrics(page);
  const down = page.getByRole('region', { name: 'Hosts down' });
  await expect(down.locator('li[data-host="mx-dead-01"]')).toBeVisible({ timeout: 30_000 });
  const busiest = page.getByRole('region', { name: 'Busiest hosts' });
  await expect(busiest.locator('tr[data-host="mx-web-01"]')).toBeVisible({ timeout: 60_000 });
  await expect(busiest.locator('tr[data-host="mx-web-01"] td.num').first()).toHaveText(/^\d+\.\d %$/);
  if (SHOTS) await page.screenshot({ path: shot('metrics-dashboard.png') });
  await busiest.getByRole('button', { name: 'mx-web-01' }).click();
  await expect(page.getByRole('heading', { name: 'Metrics of mx-web-01' })).toBeVisible();
});

test('the inventory table shows each host up or down, with its CPU and memory sparklines', async ({ page }) => {
  await page.goto(server.url);
  const row = (name: string) => page.getByRole('row').filter({ hasText: name });
  await expect(row('mx-dead-01').locator('.host-pulse')).toHaveAttribute('data-reach', 'down', { timeout: 30_000 });
  await expect(row('mx-web-01').locator('.host-pulse')).toHaveAttribute('data-reach', 'up', { timeout: 30_000 });
  await expect(row('mx-web-01').locator('.host-pulse')).toHaveAttribute('title', /up since .* · CPU \d+\.\d %/);
  await expect(row('mx-web-01').locator('.host-pulse [data-series="cpu"] polyline')).toHaveCount(1, {
    timeout: 30_000,
  });
});

test("a host's live CPU chart holds real, moving samples", async ({ page }) => {
  await page.goto(server.url);
  await page.goto(`${server.origin}/#/metrics/${hostId}`);
  await expect(page.getByRole('heading', { name: 'Metrics of mx-web-01' })).toBeVisible();
  await expect.poll(() => points(page, 'cpu'), { timeout: 30_000 }).toBeGreaterThan(3);
  const before = await points(page, 'cpu');
  // Watching the chart switched the host to 1-second samples: several more arrive within a few seconds.
  await expect.poll(() => points(page, 'cpu'), { timeout: 15_000 }).toBeGreaterThan(before + 2);
  const last = Number(await chart(page, 'cpu').getAttribute('data-last'));
  expect(last).toBeGreaterThanOrEqual(0);
  expect(last).toBeLessThanOrEqual(100);
  const memory = Number(await chart(page, 'mem').getAttribute('data-last'));
  expect(memory).toBeGreaterThan(0);
  // The chart's figures agree with what the service reports for the host.
  const latest = await rpc(server, 'metrics.latest', { host: hostId });
  expect(Math.abs(latest.values['mem.percent']! - memory)).toBeLessThan(5);
  if (SHOTS) await page.screenshot({ path: shot('metrics-host.png') });
  // A long range reads the roll-up tiers.
  await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '24h' }).click();
  await expect(page.getByText(/from history, 1 min per point/)).toBeVisible();
});
