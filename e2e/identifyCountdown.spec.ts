import { expect, test } from '@playwright/test';
import { startRedfishService, type RedfishService } from '../lab/redfish/redfishService';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';

// A Redfish BMC has no timed identify: Labvisor (here the real `labvisor serve`) turns the LED off when the time is
// up. The page shows that, counts down, and says the LED stays on if Labvisor is closed first. The BMC is the
// project's Redfish test service (iLO 5 shape); its LED state is read from the service itself.
let ilo: RedfishService;
let server: LabvisorServer;
let hostId: number;

test.beforeAll(async () => {
  ilo = await startRedfishService({ shape: 'ilo5' });
  server = await startLabvisor();
  const host = await rpc(server, 'inventory.addHost', {
    name: 'rf-ilo5-01',
    bmc: { type: 'redfish', address: '127.0.0.1', port: ilo.port, user: 'admin' },
  });
  await rpc(server, 'bmc.setPassword', { hostId: host.id, password: 'secret' });
  await rpc(server, 'bmc.trustCertificate', { hostId: host.id, fingerprint: ilo.fingerprint });
  hostId = host.id;
});

test.afterAll(async () => {
  await server?.stop();
  await ilo?.close();
});

test('a timed identify on a Redfish BMC counts down, warns that closing leaves it on, and ends with the LED off', async ({
  page,
}) => {
  await page.goto(server.url);
  await page.evaluate((id) => (window.location.hash = `#/power/${id}`), hostId);
  await expect(page.getByRole('heading', { name: 'rf-ilo5-01' })).toBeVisible();

  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Identify…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Identify LED' });
  await expect(dialog.getByRole('note')).toContainText('Labvisor turns the LED off when the time is up');
  await expect(dialog.getByRole('note')).toContainText('If Labvisor is closed before then, the LED stays on');
  await dialog.getByLabel('Seconds (1–255)').fill('4');
  await dialog.getByRole('button', { name: 'Apply' }).click();

  const countdown = page.locator('.pw-identify-countdown');
  await expect(countdown).toContainText('Identify LED on rf-ilo5-01: Labvisor turns it off in');
  await expect(countdown).toContainText('If Labvisor is closed before then, the LED stays on until turned off.');
  expect(ilo.machine.indicatorLed).not.toBe('Off');
  // It counts down: a later figure is smaller than an earlier one.
  const first = Number(await countdown.getAttribute('data-seconds-left'));
  await expect.poll(async () => Number(await countdown.getAttribute('data-seconds-left'))).toBeLessThan(first);

  // The time is up while the app runs: the page says so and the BMC's LED is off.
  await expect(countdown).toContainText('Identify time is up', { timeout: 10_000 });
  await expect.poll(() => ilo.machine.indicatorLed, { timeout: 10_000 }).toBe('Off');
  await expect(countdown).toHaveCount(0, { timeout: 10_000 });
});

test('"Turn off now" ends a Redfish identify before its time', async ({ page }) => {
  await page.goto(server.url);
  await page.evaluate((id) => (window.location.hash = `#/power/${id}`), hostId);
  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Identify…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Identify LED' });
  await dialog.getByLabel('Seconds (1–255)').fill('120');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('.pw-identify-countdown')).toBeVisible();
  await expect.poll(() => ilo.machine.indicatorLed).not.toBe('Off');
  await page.getByRole('button', { name: 'Turn off now' }).click();
  await expect.poll(() => ilo.machine.indicatorLed, { timeout: 10_000 }).toBe('Off');
  await expect(page.locator('.pw-identify-countdown')).toHaveCount(0);
});
