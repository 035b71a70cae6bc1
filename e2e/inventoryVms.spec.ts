import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../lab/labPaths';
import { defineTcgGuest, ensureLibvirtd, writeTestNode, type TcgGuest } from '../lab/libvirt';
import { startLabSsh, type LabSsh } from '../lab/ssh';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { expectNoProcessLeftWith } from './support/leftovers';
import { rpc } from './support/rpc';

// The inventory's own view of VMs, in Debian's Chromium against a real `labvisor serve`: every discovered VM's live
// state in the host tree and table (libvirt's test driver with 60 domains behind a real sshd, judged by `virsh`),
// sparklines with data behind them, and a VM started and forced off from the row menu and the selection bar of a
// real libvirtd, the state read back with root's `virsh`.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shot = (name: string) => join(REPO_ROOT, 'docs/screenshots', name);

test.describe.configure({ mode: 'serial' });

let dir: string;
let ssh: LabSsh;
let server: LabvisorServer;
let guest: TcgGuest | undefined;
let nodeUri: string | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-e2e-invvm-'));
  chmodSync(dir, 0o755);
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  server = await startLabvisor();
});

test.afterAll(async () => {
  await guest?.remove();
  await server?.stop();
  try {
    if (nodeUri) await expectNoProcessLeftWith(nodeUri);
  } finally {
    await ssh?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function addHypervisor(name: string): Promise<number> {
  const hv = await rpc(server, 'inventory.addHost', {
    name,
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: ssh.user, port: ssh.sshd.port, identityFile: ssh.keys.ed25519 },
  });
  const key = await rpc(server, 'ssh.scanHostKey', { hostId: hv.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: hv.id, fingerprint: key.fingerprint });
  return hv.id;
}

/** `virsh list --all` as libvirt itself reports it: domain name → state (`running`, `shut off`, …). */
function virshStates(uri: string): Map<string, string> {
  const out = execFileSync('virsh', ['-q', '-c', uri, 'list', '--all'], { encoding: 'utf8' });
  return new Map(
    out
      .split('\n')
      .map((line) => /^\s*\S+\s+(\S+)\s+(.+?)\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** Host name → the state badge drawn in the tree and in the table (read from the DOM in one go). */
const drawnStates = (page: Page) =>
  page.evaluate(() => {
    const read = (rows: Element[], nameOf: (row: Element) => string) =>
      Object.fromEntries(
        rows
          .map((row) => [nameOf(row), row.querySelector('[data-state]')?.getAttribute('data-state') ?? null] as const)
          .filter(([, state]) => state !== null),
      );
    return {
      tree: read(
        [...document.querySelectorAll('[role="treeitem"]')],
        (r) => r.querySelector('.tree-label')!.textContent!,
      ),
      // The name is the first column; its cell's title is the name alone.
      table: read([...document.querySelectorAll('.grid-body [role="row"]')], (r) =>
        r.querySelector('[role="gridcell"]')!.getAttribute('title')!,
      ),
    };
  });

test('after discovery, the tree and the table show each VM with its live state, and sparklines carry data', async ({
  page,
}) => {
  const { uri } = writeTestNode(join(dir, 'node.xml'), { count: 60 });
  nodeUri = uri;
  const hv = await addHypervisor('kvm-01');
  await rpc(server, 'virt.discover', { host: hv, uri });
  const truth = virshStates(uri);
  expect(truth.size).toBe(60);
  expect(new Set(truth.values())).toEqual(new Set(['running', 'paused', 'shut off']));

  // Tall enough for the virtualised tree and table to draw all 61 rows.
  await page.setViewportSize({ width: 1600, height: 2000 });
  await page.goto(server.url);
  await expect(page.getByRole('treeitem')).toHaveCount(61);
  await expect
    .poll(async () => {
      const drawn = await drawnStates(page);
      return { tree: drawn.tree, table: drawn.table };
    })
    .toEqual({ tree: Object.fromEntries(truth), table: Object.fromEntries(truth) });

  // The reason libvirt gives is on hover, in the tree as in the table.
  const vm = page.getByRole('treeitem').filter({ has: page.locator('.tree-label', { hasText: /^vm01$/ }) });
  await expect(vm.locator('[data-state]')).toHaveAttribute('title', /^running \(.+\)$/);

  // The tree opens the same row menu from the keyboard, offering what fits each VM's live state.
  const menu = page.getByRole('menu', { name: 'Host actions' });
  const offered = async (name: string) => {
    await page.getByRole('tree').focus();
    await page.getByRole('tree').press('Home');
    for (const item of await page.getByRole('treeitem').all()) {
      if ((await item.locator('.tree-label').textContent()) === name) break;
      await page.getByRole('tree').press('ArrowDown');
    }
    await page.getByRole('tree').press('Shift+F10');
    const items = await menu.getByRole('menuitem').allTextContents();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    return items.filter((i) => i.endsWith(' VM'));
  };
  const nameIn = (state: string) => [...truth].find(([, s]) => s === state)![0];
  expect(await offered(nameIn('shut off'))).toEqual(['Start VM', 'Power-cycle VM']);
  expect(await offered(nameIn('paused'))).toEqual([
    'Shut down VM',
    'Power-cycle VM',
    'Reset VM',
    'Force off VM',
    'Resume VM',
  ]);

  // The hypervisor (a real sshd host, sampled over SSH): up since, CPU and memory sparklines with data behind them.
  const kvm = page.getByRole('treeitem').filter({ has: page.locator('.tree-label', { hasText: /^kvm-01$/ }) });
  const pulse = kvm.locator('.host-pulse');
  await expect(pulse).toHaveAttribute('data-reach', 'up', { timeout: 30_000 });
  await expect(pulse).toHaveAttribute('title', /^up since .* · CPU \d+\.\d % · Memory \d+\.\d %$/);
  // Rows on screen are sampled every 5 s (one watch for all of them): a few points arrive within seconds.
  await expect
    .poll(async () => Number(await pulse.locator('[data-series="cpu"]').getAttribute('data-points')), {
      timeout: 40_000,
    })
    .toBeGreaterThanOrEqual(2);
  const mem = Number(await pulse.locator('[data-series="mem"]').getAttribute('data-last'));
  const latest = await rpc(server, 'metrics.latest', { host: hv });
  expect(Math.abs(mem - latest.values['mem.percent']!)).toBeLessThan(5);
  await expect(pulse.locator('[data-series="mem"] polyline')).toHaveCount(1);
  if (SHOTS) {
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.screenshot({ path: shot('inventory-vms.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: shot('inventory-vms-dark.png') });
  }
});

test('a VM started from the row menu and forced off from the selection bar, as libvirt reads it back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  ensureLibvirtd();
  guest = await defineTcgGuest(join(dir, 'guest'), { prefix: 'lvinv' });
  const hv = await addHypervisor('kvm-real');
  await rpc(server, 'virt.discover', { host: hv, uri: 'qemu:///system' });
  const domstate = async () => (await guest!.virsh('domstate', guest!.uuid)).trim();
  expect(await domstate()).toBe('shut off');

  await page.goto(server.url);
  await page.getByRole('searchbox', { name: 'Filter hosts' }).fill(guest.name);
  const row = page.locator('.grid-body [role="row"]').filter({ hasText: guest.name });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'shut off', { timeout: 60_000 });

  // Keyboard only: select the row, open its menu (Shift+F10), choose Start.
  await row.click();
  await page.getByRole('grid').press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Host actions' });
  await expect(menu.getByRole('menuitem', { name: 'Resume VM' })).toHaveCount(0);
  await menu.getByRole('menuitem', { name: 'Start VM' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(domstate, { timeout: 60_000 }).toBe('running');
  // The badge follows libvirt's event, not a reload.
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: /Start VM/ }).getByRole('status')).toHaveText('1 succeeded, 0 failed');

  // While it runs, its hypervisor's domstats feed the VM's sparklines.
  const pulse = row.locator('.host-pulse');
  await expect
    .poll(async () => Number(await pulse.locator('[data-series="cpu"]').getAttribute('data-points')), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(2);
  // Memory comes from the balloon's rss, which a guest that just started may report a sample or two later.
  await expect
    .poll(async () => Number(await pulse.locator('[data-series="mem"]').getAttribute('data-points')), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(2);

  // The selection bar's VM menu: Force off asks first, naming the VM, as the Power view does.
  await page.getByRole('button', { name: 'VMs (1)…' }).click();
  await page.getByRole('menu', { name: 'VM lifecycle' }).getByRole('menuitem', { name: 'Force off VM' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm power action' });
  await expect(dialog.getByRole('list')).toHaveText(guest.name);
  if (SHOTS) await page.screenshot({ path: shot('inventory-vm-confirm.png') });
  await dialog.getByRole('button', { name: 'Force off VM' }).click();
  await expect.poll(domstate, { timeout: 60_000 }).toBe('shut off');
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'shut off', { timeout: 30_000 });
  await expect(row.locator('[data-state]')).toHaveAttribute('title', /destroyed/);

  await expect(page.getByRole('region', { name: /Force off VM/ }).getByRole('status')).toHaveText(
    '1 succeeded, 0 failed',
  );

  // Both went through power.set, audited under the VM's name.
  const audit = await rpc(server, 'audit.list', { target: guest.name });
  expect(
    audit
      .filter((e) => e.action === 'power.set' && e.result === 'ok')
      .map((e) => (e.after as { action: string }).action)
      .sort(),
  ).toEqual(['off', 'on']);
});
