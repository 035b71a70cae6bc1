import { expect, test } from '@playwright/test';
import { startIpmiSims } from '../lab/ipmi/ipmiSimLab';
import { startRedfishService } from '../lab/redfish/redfishService';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';

// A real `labvisor serve` and Debian's Chromium: an empty inventory opens on the hosts view's empty state; once
// hosts exist the app opens on the fleet dashboard, whose cards link through to the host.
test.describe.configure({ mode: 'serial' });

let server: LabvisorServer;

test.beforeAll(async () => {
  server = await startLabvisor();
});

test.afterAll(async () => {
  await server?.stop();
});

test('an empty inventory opens on the hosts view and its import', async ({ page }) => {
  await page.goto(server.homeUrl);
  await expect(page.locator('#empty-title')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import hosts…' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/hosts');
});

test('with hosts, the app opens on the dashboard and a card links to the host', async ({ page }) => {
  // Nothing listens on port 1: the host goes down. Its BMC has no password stored, so its health is not ok.
  const dead = await rpc(server, 'inventory.addHost', {
    name: 'dash-dead-01',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { port: 1 },
    bmc: { type: 'ipmi', address: '127.0.0.1', port: 1, user: 'admin', cipherSuite: 3 },
  });
  await page.goto(server.homeUrl);
  await expect(page.getByRole('heading', { name: 'Fleet dashboard' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/metrics');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Metrics' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  const down = page.getByRole('region', { name: 'Hosts down' });
  await expect(down.locator('li[data-host="dash-dead-01"]')).toContainText(/since/, { timeout: 30_000 });
  const bmc = page.getByRole('region', { name: 'BMC health' });
  await expect(bmc).toContainText('1 BMCs:');
  await expect(bmc.locator('li[data-host="dash-dead-01"]')).toBeVisible({ timeout: 60_000 });

  // Keyboard-first: the host's link in "Hosts down" is reachable with Tab and opens the host's charts with Enter.
  const link = down.getByRole('button', { name: 'dash-dead-01' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Metrics of dash-dead-01' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe(`#/metrics/${dead.id}`);

  // The BMC card links to the host's BMC page.
  await page.keyboard.press('Alt+5');
  await bmc.getByRole('button', { name: 'dash-dead-01' }).click();
  expect(new URL(page.url()).hash).toBe(`#/power/${dead.id}`);

  // The old view keys still work: Alt+1 is the hosts view.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('grid', { name: 'Hosts table' })).toBeVisible();
});

test('alert rules are edited on the dashboard; a bad value is refused with the reason', async ({ page }) => {
  await page.goto(`${server.homeUrl}#/metrics`);
  const rules = page.getByRole('region', { name: 'Alert rules' });
  await rules.getByRole('button', { name: /Alert rules/ }).click();
  await rules.locator('tr[data-rule="CPU busy"]').getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit rule CPU busy' });
  await form.getByRole('textbox', { name: 'Threshold' }).fill('abc');
  await form.getByRole('textbox', { name: 'Threshold' }).press('Enter');
  await expect(form.getByRole('alert')).toContainText(/threshold/i);
  await form.getByRole('textbox', { name: 'Threshold' }).fill('80');
  await form.getByLabel('Tags (comma-separated)').fill('web, db');
  await form.getByRole('textbox', { name: 'Threshold' }).press('Enter');
  await expect(form).toHaveCount(0);
  await expect(rules.locator('tr[data-rule="CPU busy"]')).toContainText('cpu.percent above 80');
  const saved = (await rpc(server, 'metrics.alertRules', {})).find((r) => r.name === 'CPU busy')!;
  expect(saved).toMatchObject({
    threshold: 80,
    forSec: 600,
    scope: { hostIds: [], clusters: [], tags: ['web', 'db'] },
  });

  // Quiet hours for every rule, from the same card.
  const quiet = rules.getByRole('form', { name: 'Quiet hours for every rule' });
  await quiet.getByLabel('Quiet from').fill('22:00');
  await quiet.getByLabel('until').fill('07:00');
  await quiet.getByRole('button', { name: 'Save' }).click();
  await expect(quiet.locator('[data-quiet]')).toHaveAttribute('data-quiet', '22:00–07:00');
  expect((await rpc(server, 'metrics.settings', {})).quietHours).toEqual({ from: '22:00', to: '07:00' });
});

test('the BMC card reads real BMCs (ipmi_sim): a critical inlet temperature is listed and raises an alert', async ({
  page,
}) => {
  const sims = await startIpmiSims([{ name: 'dash-hot-01', inletTemp: 85 }, { name: 'dash-cool-01' }]);
  try {
    for (const bmc of sims.bmcs) {
      const host = await rpc(server, 'inventory.addHost', {
        name: bmc.name,
        addresses: [{ label: 'management', address: bmc.address }],
        bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user, cipherSuite: 3 },
      });
      await rpc(server, 'bmc.setPassword', { hostId: host.id, password: bmc.password });
    }
    await page.goto(`${server.homeUrl}#/metrics`);
    const bmc = page.getByRole('region', { name: 'BMC health' });
    const hot = bmc.locator('li[data-host="dash-hot-01"]');
    await expect(hot).toHaveAttribute('data-level', 'critical', { timeout: 60_000 });
    await expect(hot).toContainText(/critical: Inlet Temp/);
    await expect(bmc).toContainText(/1 ok/);
    await expect(bmc.locator('li[data-host="dash-cool-01"]')).toHaveCount(0);
    // The health the card's watch reads also feeds the "BMC health" alert rule.
    const alerts = page.getByRole('region', { name: 'Recent alerts' });
    await expect(alerts.locator('tr', { hasText: 'BMC critical' })).toContainText('dash-hot-01', { timeout: 30_000 });
  } finally {
    await sims.stop();
  }
});

test('the BMC card reads a Redfish BMC (modern shape): its warning sensor is listed and links to its BMC page', async ({
  page,
}) => {
  // The lab's Redfish service in the newer sensor model: one power supply has lost its AC input (Health Warning).
  const redfish = await startRedfishService({ shape: 'modern' });
  try {
    const host = await rpc(server, 'inventory.addHost', {
      name: 'dash-rf-01',
      bmc: { type: 'redfish', address: '127.0.0.1', port: redfish.port, user: 'admin' },
    });
    await rpc(server, 'bmc.setPassword', { hostId: host.id, password: 'secret' });
    await rpc(server, 'bmc.trustCertificate', { hostId: host.id, fingerprint: redfish.fingerprint });
    await page.goto(`${server.homeUrl}#/metrics`);
    const bmc = page.getByRole('region', { name: 'BMC health' });
    const entry = bmc.locator('li[data-host="dash-rf-01"]');
    await expect(entry).toHaveAttribute('data-level', 'warning', { timeout: 60_000 });
    // The driver names supplies by position: the second one (Id 1) is the one in Warning.
    await expect(entry).toContainText('warning: Power Supply 2 (Warning)');
    await entry.getByRole('button', { name: 'dash-rf-01' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/power/${host.id}$`));
    await expect(page.getByRole('heading', { name: 'dash-rf-01' })).toBeVisible();
  } finally {
    await redfish.close();
  }
});
