import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../lab/labPaths';
import { writeTestNode } from '../lab/libvirt';
import { startLabSsh, type LabSsh } from '../lab/ssh';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { expectNoProcessLeftWith } from './support/leftovers';
import { rpc } from './support/rpc';

// A real `labvisor serve` discovering 60 domains (five with hostile names) from libvirt's test driver on the far
// side of a real sshd, in Debian's Chromium: discovery preview then write, the VM list at 60 rows, a VM's detail.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shot = (name: string) => join(REPO_ROOT, 'docs/screenshots', name);

test.describe.configure({ mode: 'serial' });

let dir: string;
let ssh: LabSsh;
let server: LabvisorServer;
let uri: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-e2e-virt-'));
  chmodSync(dir, 0o755);
  ({ uri } = writeTestNode(join(dir, 'node.xml'), { count: 60, hostile: true }));
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  server = await startLabvisor();
  const hv = await rpc(server, 'inventory.addHost', {
    name: 'kvm-01',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: ssh.user, port: ssh.sshd.port, identityFile: ssh.keys.ed25519 },
  });
  const key = await rpc(server, 'ssh.scanHostKey', { hostId: hv.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: hv.id, fingerprint: key.fingerprint });
});

test.afterAll(async () => {
  await server?.stop();
  try {
    if (uri) await expectNoProcessLeftWith(uri);
  } finally {
    await ssh?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

const vmRows = (page: Page) => page.locator('tr[data-vm]');

test('discovers a hypervisor with a preview, then lists its 60 VMs and opens one', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('navigation').getByRole('button', { name: 'VMs' }).click();
  await expect(page.getByText('No hypervisor yet')).toBeVisible();
  await page.getByRole('button', { name: 'Discover…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discover VMs on a hypervisor' });
  await dialog.getByLabel('libvirt URI').fill(uri);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('status')).toHaveText('60 to create, 0 to update, 0 unchanged, 0 missing');
  await expect(dialog.locator('tr[data-action="create"]')).toHaveCount(60);
  await dialog.getByRole('button', { name: 'Write 60 changes' }).click();
  await expect(dialog.getByRole('status')).toHaveText('60 created, 0 updated, 0 unchanged, 0 missing');
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await expect(vmRows(page)).toHaveCount(60);
  await expect(page.getByTestId('vt-overcommit')).toContainText('on 112 CPUs');
  await expect(page.locator('tr[data-vm="$(id)"] [data-state]')).toHaveText(/running/);
  await expect(page.locator('tr[data-vm="vm09"] [data-state]')).toHaveText(/shut off/);
  if (SHOTS) await page.screenshot({ path: shot('vms.png') });
  await page.getByRole('searchbox', { name: /Filter VMs/ }).fill('52:54:00:1a:00:0d');
  await expect(vmRows(page)).toHaveCount(1);
  await expect(vmRows(page).first()).toContainText('vnc :5913');
  await expect(vmRows(page).first().getByLabel('password set')).toBeVisible();
  await vmRows(page).first().getByRole('link', { name: 'vm13' }).click();

  await expect(page.getByRole('heading', { name: 'vm13' })).toBeVisible();
  await expect(page.getByText('/var/lib/libvirt/images/vm13.qcow2')).toBeVisible();
  await expect(page.getByText('password set')).toBeVisible();
  await expect(page.getByText('No snapshots.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('lab-vnc-secret');
  if (SHOTS) await page.screenshot({ path: shot('vm-detail.png') });
  await page.getByRole('button', { name: /Back to kvm-01/ }).click();
  await expect(vmRows(page)).toHaveCount(60);
});

test("sets a VM's start order from its detail, shows its IPs and offers every snapshot kind", async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('navigation').getByRole('button', { name: 'VMs' }).click();
  await page.getByRole('searchbox', { name: /Filter VMs/ }).fill('vm13');
  await vmRows(page).first().getByRole('link', { name: 'vm13' }).click();
  // IPs libvirt's test driver hands out from its DHCP "leases" for a running domain.
  await expect(page.getByText(/192\.168\.122\.\d+\/24 \(lease\)/).first()).toBeVisible();
  const startup = page.getByRole('region', { name: 'Start order' });
  await startup.getByLabel('Order').fill('3');
  await startup.getByLabel('Up delay (s)').fill('20');
  await startup.getByLabel('Up delay (s)').press('Enter');
  await expect
    .poll(async () => (await rpc(server, 'power.startup', { targets: ['vm13'] }))[0])
    .toMatchObject({ order: 3, upDelaySec: 20, downDelaySec: 0 });
  // Changing one field sends only that field: the order stays.
  await startup.getByLabel('Down delay (s)').fill('5');
  await startup.getByRole('button', { name: 'Save start order' }).click();
  await expect
    .poll(async () => (await rpc(server, 'power.startup', { targets: ['vm13'] }))[0])
    .toMatchObject({ order: 3, upDelaySec: 20, downDelaySec: 5 });
  await expect(startup.getByLabel('Order')).toHaveValue('3');
  const kinds = page.getByRole('combobox', { name: 'Snapshot kind' });
  await expect(kinds.locator('option')).toHaveText(['internal', 'disk-only (external)', 'external (memory + disks)']);
  // The hypervisor's own order (bare metal, for sequences) is set from its VM list.
  await page.getByRole('button', { name: /Back to kvm-01/ }).click();
  await page.getByText('Start order of kvm-01 itself').click();
  await page.getByRole('region', { name: 'Start order' }).getByLabel('Order').fill('0');
  await page.getByRole('region', { name: 'Start order' }).getByLabel('Order').press('Enter');
  await expect
    .poll(async () => (await rpc(server, 'power.startup', { targets: ['kvm-01'] }))[0])
    .toMatchObject({ order: 0, upDelaySec: 0 });
});
