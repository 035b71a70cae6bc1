import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startIpmiSims, stopPid, type IpmiSimLab, type SimBmc } from '../lab/ipmi/ipmiSimLab';
import { freeUdpPort } from '../lab/ipmi/udpPorts';
import { REPO_ROOT } from '../lab/labPaths';
import { startRedfishService } from '../lab/redfish/redfishService';
import { startQemuBmc, type QemuBmc } from '../lab/qemu/qemuBmc';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';

// Real ipmi_sim BMCs (RMCP+ over UDP on loopback), a real `labvisor serve` with its ipmitool driver, and
// Debian's Chromium. The fake chassis behind each ipmi_sim is a file (lab/ipmi/chassis.sh) except in the
// Serial-over-LAN test, where the chassis is a real QEMU guest.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shot = (name: string) => join(REPO_ROOT, 'docs/screenshots', name);

test.describe.configure({ mode: 'serial' });

let lab: IpmiSimLab;
let server: LabvisorServer;
const byName = new Map<string, SimBmc>();

/** Adds a host with its BMC, and stores the BMC password through the contract as the host editor does. */
async function addBmcHost(bmc: SimBmc, extra: { cluster?: string; protected?: boolean } = {}) {
  const host = await rpc(server, 'inventory.addHost', {
    name: bmc.name,
    cluster: extra.cluster ?? 'rack-a',
    protected: extra.protected ?? false,
    addresses: [{ label: 'management', address: bmc.address }],
    bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user, cipherSuite: 3 },
  });
  await rpc(server, 'bmc.setPassword', { hostId: host.id, password: bmc.password });
  return host;
}

const chassisPower = (name: string) => readFileSync(join(byName.get(name)!.chassisDir, 'power'), 'utf8').trim();
const hostsTable = (page: Page) => page.getByRole('table', { name: 'Hosts with a BMC' });
const hostRow = (page: Page, name: string) => hostsTable(page).locator(`tr[data-host="${name}"]`);

async function openPowerView(page: Page) {
  await page.goto(server.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Power' }).click();
  await expect(hostsTable(page)).toBeVisible();
}

test.beforeAll(async () => {
  lab = await startIpmiSims([
    { name: 'pw-web-01' },
    { name: 'pw-web-02' },
    { name: 'pw-db-01' },
    { name: 'pw-nas-01' },
    { name: 'pw-hot-01', inletTemp: 85 },
  ]);
  for (const bmc of lab.bmcs) byName.set(bmc.name, bmc);
  server = await startLabvisor();
  // A BMC that does not answer: nothing listens on its UDP port.
  const dead = { ...lab.bmcs[0]!, name: 'pw-dead-01', port: await freeUdpPort('127.0.0.1') };
  await addBmcHost(dead, { cluster: 'rack-b' });
  for (const bmc of lab.bmcs)
    await addBmcHost(bmc, {
      cluster: bmc.name.includes('web') ? 'rack-a' : 'rack-b',
      protected: bmc.name === 'pw-nas-01',
    });
});

test.afterAll(async () => {
  await server?.stop();
  await lab?.stop();
});

test('shows each BMC’s power and health, and powers a host off through the confirmation dialog', async ({ page }) => {
  await openPowerView(page);
  for (const name of byName.keys()) await expect(hostRow(page, name).locator('[data-power]')).toHaveText(/On/);
  await expect(hostRow(page, 'pw-hot-01')).toContainText('Critical');
  await expect(hostRow(page, 'pw-hot-01')).toContainText('Inlet Temp');
  await expect(hostRow(page, 'pw-web-01')).toContainText('Reachable');
  // A dead BMC says so, with the driver's own message.
  await expect(hostRow(page, 'pw-dead-01')).toContainText('Unreachable', { timeout: 30_000 });
  await expect(hostRow(page, 'pw-dead-01').locator('.pw-error-text')).not.toBeEmpty();

  await hostRow(page, 'pw-web-01').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Power off' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm power action' });
  await expect(dialog).toContainText('pw-web-01');
  await expect(dialog).toContainText('Power off');
  // Esc cancels: nothing was sent.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(chassisPower('pw-web-01')).toBe('1');

  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Power off' }).click();
  await dialog.getByRole('button', { name: 'Power off' }).click();
  const results = page.getByRole('table', { name: 'Result per host' });
  await expect(results.locator('tr[data-host="pw-web-01"]')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(results.locator('tr[data-host="pw-web-01"]')).toContainText('Off');
  await expect(hostRow(page, 'pw-web-01').locator('[data-power]')).toHaveText(/Off/);
  expect(chassisPower('pw-web-01')).toBe('0');
  if (SHOTS) {
    await page.screenshot({ path: shot('power.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: shot('power-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '电源' })).toBeVisible();
    await page.screenshot({ path: shot('power-zh.png') });
  }
});

test('the hosts table hands its selection to the Power view', async ({ page }) => {
  await page.goto(server.url);
  const grid = page.getByRole('grid', { name: 'Hosts table' });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  const selection = page.getByRole('region', { name: 'Selection' });
  await expect(selection).toContainText('2 selected');
  await selection.getByRole('button', { name: 'Power' }).click();
  await expect(hostsTable(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 of 6 selected' })).toBeVisible();
});

test('refuses a protected host until its name is typed', async ({ page }) => {
  await openPowerView(page);
  await hostRow(page, 'pw-nas-01').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Power cycle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm power action' });
  await expect(dialog).toContainText('protected');
  const confirm = dialog.getByRole('button', { name: 'Power cycle' });
  const typed = dialog.getByRole('textbox', { name: /type pw-nas-01 to confirm/ });
  await expect(confirm).toBeDisabled();
  await typed.fill('pw-nas');
  await typed.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(confirm).toBeDisabled();
  if (SHOTS) await page.screenshot({ path: shot('power-confirm.png') });

  await typed.fill('pw-nas-01');
  await typed.press('Enter');
  await expect(dialog).toBeHidden();
  const result = page.getByRole('table', { name: 'Result per host' }).locator('tr[data-host="pw-nas-01"]');
  await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  // The BMC really got the command: its chassis program was told to cut power.
  expect(readFileSync(join(byName.get('pw-nas-01')!.chassisDir, 'log'), 'utf8')).toMatch(/set .*power 0/);
});

test('shows live per-host progress, then each host’s result with its error', async ({ page }) => {
  await openPowerView(page);
  await hostRow(page, 'pw-web-01').getByRole('checkbox').check();
  await hostRow(page, 'pw-dead-01').getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Power on' }).click();
  // The live BMC finishes while the dead one is still being waited for (ipmitool's bounded retries).
  const live = page.getByRole('table', { name: 'Progress per host' });
  await expect(live.locator('tr[data-host="pw-web-01"]')).toHaveAttribute('data-phase', 'done');
  await expect(live.locator('tr[data-host="pw-dead-01"]')).not.toHaveAttribute('data-phase', 'done');
  const results = page.getByRole('table', { name: 'Result per host' });
  await expect(results.locator('tr[data-host="pw-dead-01"]')).toHaveAttribute('data-ok', 'false', { timeout: 60_000 });
  await expect(results.locator('tr[data-host="pw-dead-01"]')).toContainText('Unreachable');
  await expect(results.locator('tr[data-host="pw-web-01"]')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByRole('status').filter({ hasText: '1 succeeded, 1 failed' })).toBeVisible();
  expect(chassisPower('pw-web-01')).toBe('1');
});

test('bare-metal start order is edited in the table, and "In start order" powers on by it', async ({ page }) => {
  const pair = ['pw-web-02', 'pw-db-01'];
  await rpc(server, 'power.set', { targets: pair, action: 'off', confirm: { hostNames: pair } });
  await openPowerView(page);
  // By keyboard: the cell opens the editor, Enter saves; pw-db-01 first (order 1, 2 s up delay), then pw-web-02.
  for (const [name, order, up] of [
    ['pw-db-01', '1', '2'],
    ['pw-web-02', '2', '0'],
  ] as const) {
    await hostRow(page, name)
      .getByRole('button', { name: `Start order of ${name}` })
      .press('Enter');
    const editor = page.getByRole('dialog', { name: `Start order of ${name}` });
    await editor.getByRole('spinbutton', { name: 'Order' }).fill(order);
    await editor.getByRole('spinbutton', { name: 'Up delay (s)' }).fill(up);
    await editor.getByRole('spinbutton', { name: 'Up delay (s)' }).press('Enter');
    await expect(editor).toBeHidden();
    await expect(hostRow(page, name).locator('[data-col="startup"]')).toContainText(`${order} · ↑${up} s`);
  }
  const stored = await rpc(server, 'power.startup', { targets: pair });
  expect(stored).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ hostName: 'pw-web-02', order: 2, upDelaySec: 0, downDelaySec: 0 }),
      expect.objectContaining({ hostName: 'pw-db-01', order: 1, upDelaySec: 2, downDelaySec: 0 }),
    ]),
  );

  for (const name of pair) await hostRow(page, name).getByRole('checkbox').check();
  const actions = page.getByRole('toolbar', { name: 'Power actions' });
  await actions.getByRole('checkbox', { name: 'In start order' }).check();
  await actions.getByRole('button', { name: 'Power on' }).click();
  const results = page.getByRole('table', { name: 'Result per host' });
  for (const name of pair)
    await expect(results.locator(`tr[data-host="${name}"]`)).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  // The audit log says in which order the BMCs were powered on: pw-db-01, its delay, then pw-web-02.
  const audit = await rpc(server, 'audit.list', { limit: 50 });
  const onAt = (name: string) =>
    Date.parse(
      audit.find(
        (e) => e.action === 'power.set' && e.target === name && (e.after as { action?: string })?.action === 'on',
      )!.at,
    );
  expect(onAt('pw-web-02') - onAt('pw-db-01')).toBeGreaterThanOrEqual(2000);
  for (const name of pair) expect(chassisPower(name)).toBe('1');

  // A graceful reboot over IPMI is refused with the reason, never turned into a hard reset.
  await actions.getByRole('checkbox', { name: 'In start order' }).uncheck();
  await hostRow(page, 'pw-web-02').getByRole('checkbox').uncheck();
  await actions.getByRole('button', { name: 'Reboot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm power action' });
  await dialog.getByRole('button', { name: 'Reboot' }).click();
  const refused = results.locator('tr[data-host="pw-db-01"]');
  await expect(refused).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  await expect(refused).toContainText('IPMI has no graceful reboot');
  expect(chassisPower('pw-db-01')).toBe('1');
});

test('sets the boot device and identify LED, and runs a staged power sequence with per-host results', async ({
  page,
}) => {
  await openPowerView(page);
  const toolbar = page.getByRole('toolbar', { name: 'Power actions' });
  await hostRow(page, 'pw-web-02').getByRole('checkbox').check();
  await hostRow(page, 'pw-db-01').getByRole('checkbox').check();

  await toolbar.getByRole('button', { name: 'Boot device…' }).click();
  const boot = page.getByRole('dialog', { name: 'Next boot device' });
  await boot.getByRole('radio', { name: 'Network (PXE)' }).check();
  await boot.getByRole('radio', { name: 'Every boot (persistent)' }).check();
  await boot.getByRole('button', { name: 'Set boot device' }).click();
  const results = page.getByRole('table', { name: 'Result per host' });
  await expect(results.locator('tr[data-ok="true"]')).toHaveCount(2, { timeout: 30_000 });
  expect(readFileSync(join(byName.get('pw-db-01')!.chassisDir, 'boot'), 'utf8')).toMatch(/pxe/);

  await page
    .getByRole('region', { name: /Setting boot device/ })
    .getByRole('button', { name: 'Close' })
    .click();
  await toolbar.getByRole('button', { name: 'Identify…' }).click();
  const identify = page.getByRole('dialog', { name: 'Identify LED' });
  await identify.getByRole('spinbutton').fill('30');
  await identify.getByRole('spinbutton').press('Enter');
  await expect(results.locator('tr[data-ok="true"]')).toHaveCount(2, { timeout: 30_000 });

  // A sequence: rack-a's web servers first, then pw-db-01 after a short wait.
  await page.getByRole('tab', { name: 'Sequences' }).click();
  await page.getByRole('button', { name: 'New sequence' }).click();
  const editor = page.getByRole('dialog', { name: 'New power sequence' });
  await editor.getByRole('textbox', { name: 'Name' }).fill('rack shutdown');
  await editor.getByRole('combobox', { name: 'Action' }).selectOption('off');
  await editor.getByRole('textbox', { name: 'Hosts, clusters or tags' }).fill('pw-web-02');
  await editor.getByRole('spinbutton', { name: 'Then wait (s)' }).fill('1');
  await editor.getByRole('button', { name: 'Add stage' }).click();
  await editor.getByRole('textbox', { name: 'Hosts, clusters or tags' }).nth(1).fill('pw-db-01');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  const sequence = page.locator('tr[data-sequence="rack shutdown"]');
  await expect(sequence).toContainText('then wait 1 s');

  await sequence.getByRole('button', { name: 'Run' }).click();
  const confirm = page.getByRole('dialog', { name: 'Run sequence rack shutdown' });
  await expect(confirm).toContainText('pw-web-02');
  await expect(confirm).toContainText('pw-db-01');
  await confirm.getByRole('button', { name: 'Power off' }).click();
  await expect(results.locator('tr[data-ok="true"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(results).toContainText('Stage');
  if (SHOTS) await page.screenshot({ path: shot('power-sequence.png') });
  expect(chassisPower('pw-web-02')).toBe('0');
  expect(chassisPower('pw-db-01')).toBe('0');
});

test('shows sensors with thresholds, the event log with filter and CSV export, and clears it after confirmation', async ({
  page,
}) => {
  await openPowerView(page);
  await hostRow(page, 'pw-hot-01').getByRole('button', { name: 'pw-hot-01', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'pw-hot-01' })).toBeVisible();

  const sensors = page.getByRole('table', { name: 'Sensors' });
  const inlet = sensors.locator('tr[data-sensor="Inlet Temp"]');
  await expect(inlet).toHaveAttribute('data-level', 'critical');
  await expect(inlet).toContainText('Critical');
  await expect(inlet).toContainText('85');
  await expect(sensors).toContainText('Fan');
  await expect(sensors).toContainText('Temperatures');
  if (SHOTS) await page.screenshot({ path: shot('power-sensors.png') });

  await page.getByRole('tab', { name: 'Event log' }).click();
  const sel = page.getByRole('table', { name: 'Event log' });
  await expect(sel.locator('tbody tr').first()).toBeVisible();
  const total = await sel.locator('tbody tr').count();
  expect(total).toBeGreaterThanOrEqual(2);
  await page.getByRole('searchbox', { name: /Filter events/ }).fill('no-such-event-text');
  await expect(sel).toBeHidden();
  await page.getByRole('searchbox', { name: /Filter events/ }).fill('');
  await expect(sel.locator('tbody tr')).toHaveCount(total);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sel-pw-hot-01-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('id,date,time,sensor,event,direction');
  expect(csv.trim().split('\r\n')).toHaveLength(total + 1);

  await page.getByRole('button', { name: 'Clear event log' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the event log' });
  await expect(dialog).toContainText('pw-hot-01');
  await dialog.getByRole('button', { name: 'Clear event log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'entries cleared' })).toBeVisible();
  await expect(page.getByText('The event log is empty.')).toBeVisible();

  await page.getByRole('tab', { name: 'BMC info' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(String(byName.get('pw-hot-01')!.port));
});

test('an iLO 4 over Redfish shows the same views: sensors, its IML and its MAC address', async ({ page }) => {
  const ilo = await startRedfishService({ shape: 'ilo4', transitionMs: 200 });
  try {
    const host = await rpc(server, 'inventory.addHost', {
      name: 'pw-ilo-01',
      cluster: 'rack-c',
      bmc: { type: 'redfish', address: '127.0.0.1', port: ilo.port, user: 'admin' },
    });
    await rpc(server, 'bmc.setPassword', { hostId: host.id, password: 'secret' });
    await page.goto(server.url);
    await page.evaluate((id) => (window.location.hash = `#/power/${id}`), host.id);
    // Its self-signed certificate is trusted first, by the fingerprint the BMC itself presents.
    const gate = page.getByRole('region', { name: 'Trust this BMC’s certificate?' });
    await expect(gate).toContainText(ilo.fingerprint.slice(0, 20), { ignoreCase: true });
    if (SHOTS) await page.screenshot({ path: shot('power-certificate.png') });
    await gate.getByRole('button', { name: 'Trust this certificate' }).click();
    await expect(page.getByRole('heading', { name: 'pw-ilo-01' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Sensors' }).locator('tbody tr[data-sensor]').first()).toBeVisible({
      timeout: 30_000,
    });
    await page.getByRole('tab', { name: 'Event log' }).click();
    await expect(page.getByRole('table', { name: 'Event log' }).locator('tbody tr').first()).toBeVisible();
    await page.getByRole('tab', { name: 'BMC info' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('HP');
    await expect(
      page
        .getByRole('tabpanel')
        .locator('dd')
        .getByText(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i),
    ).toBeVisible();
  } finally {
    await ilo.close();
  }
});

/** A second `labvisor serve --read-only` on the same data directory (the shared helper starts a fresh one). */
async function startReadOnlyServe(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin/labvisor.js'), 'serve', '--data-dir', server.dataDir, '--port', '0', '--json', '--read-only'],
    { env: { ...process.env, LABVISOR_TOKEN: server.token }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`labvisor serve --read-only exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop };
}

test('read-only mode shows state and sensors but no action', async ({ page }) => {
  const readOnly = await startReadOnlyServe();
  try {
    await page.goto(readOnly.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Power' }).click();
    await expect(hostRow(page, 'pw-hot-01').locator('[data-power]')).toHaveText(/On/);
    await expect(page.getByRole('toolbar', { name: 'Power actions' })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Sequences' }).click();
    await expect(page.locator('tr[data-sequence="rack shutdown"]')).toBeVisible();
    await expect(page.getByRole('button', { name: 'New sequence' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run' })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Hosts' }).click();
    await hostRow(page, 'pw-hot-01').getByRole('button', { name: 'pw-hot-01', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Sensors' }).locator('tr[data-sensor="Inlet Temp"]')).toBeVisible();
    await page.getByRole('tab', { name: 'Event log' }).click();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Clear event log' })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Serial console' }).click();
    await expect(page.getByText('Labvisor is read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open console' })).toHaveCount(0);
  } finally {
    await readOnly.stop();
  }
});

test('the Serial-over-LAN console takes over an active session, shows the guest’s shell and runs a command', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const root = mkdtempSync(join(tmpdir(), 'labvisor-sol-'));
  let vm: QemuBmc | null = null;
  let other: ChildProcess | null = null;
  try {
    vm = await startQemuBmc(root, 'pw-vm-01');
    const host = await addBmcHost(vm, { cluster: 'rack-b' });
    // Every binary frame of the console's /stream WebSocket, as xterm receives it (xterm draws with WebGL).
    await page.addInitScript(() => {
      const NativeWebSocket = window.WebSocket;
      const captured: ArrayBuffer[] = [];
      (window as unknown as { __solBytes: ArrayBuffer[] }).__solBytes = captured;
      window.WebSocket = class extends NativeWebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          if (String(url).includes('/stream'))
            this.addEventListener('message', (e) => e.data instanceof ArrayBuffer && captured.push(e.data));
        }
      };
    });
    const received = () =>
      page.evaluate(() =>
        new TextDecoder().decode(
          new Uint8Array(
            (window as unknown as { __solBytes: ArrayBuffer[] }).__solBytes.flatMap((b) => [...new Uint8Array(b)]),
          ),
        ),
      );
    await page.goto(server.url);
    await page.evaluate((id) => (window.location.hash = `#/power/${id}`), host.id);
    await expect(page.getByRole('heading', { name: 'pw-vm-01' })).toBeVisible();

    await page.getByRole('toolbar', { name: 'Power actions' }).getByRole('button', { name: 'Power on' }).click();
    await expect(
      page.getByRole('table', { name: 'Result per host' }).locator('tr[data-host="pw-vm-01"]'),
    ).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });

    // Someone else's SOL session is active (the usual "SOL payload already active"): opening is refused...
    other = spawn(
      'ipmitool',
      ['-I', 'lanplus', '-C', '3', '-H', vm.address, '-p', String(vm.port), '-U', vm.user, '-E', 'sol', 'activate'],
      { env: { ...process.env, IPMI_PASSWORD: vm.password }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      other!.stdout!.on('data', (d: Buffer) => d.toString().includes('SOL Session operational') && resolve());
      other!.once('exit', (code) => reject(new Error(`ipmitool sol activate exited with ${code}`)));
    });
    await page.getByRole('tab', { name: 'Serial console' }).click();
    // The console opens as a tab beside the terminals (Alt+2).
    await page.getByRole('button', { name: 'Open console' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'already active' }).first()).toBeVisible({
      timeout: 30_000,
    });
    const pane = page.locator('.terminal-pane', { hasText: 'SOL pw-vm-01' });
    await expect(pane).toHaveAttribute('data-state', 'ended');
    // ...until the user forces it: deactivate, then reconnect.
    await page.getByRole('button', { name: 'Force deactivate and reconnect' }).click();
    await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const screen = pane.locator('.xterm-helper-textarea');
    // The guest boots in ~8 s under TCG; Enter until its shell prompts.
    await expect(async () => {
      await screen.focus();
      await page.keyboard.press('Enter');
      expect(await received()).toContain('/ # ');
    }).toPass({ timeout: 120_000, intervals: [2000] });
    await screen.focus();
    await page.keyboard.type('echo sol-$((6*7))');
    await page.keyboard.press('Enter');
    await expect.poll(received, { timeout: 30_000 }).toContain('sol-42');
    if (SHOTS) await page.screenshot({ path: shot('power-sol.png') });

    await page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab').first().focus();
    await page.keyboard.press('Control+Shift+W');
    await expect(pane).toHaveCount(0);
  } finally {
    if (other?.pid) stopPid(other.pid);
    if (vm) {
      stopPid(vm.pid);
      stopPid(vm.qemuPid());
    }
    rmSync(root, { recursive: true, force: true });
  }
});
