import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { REPO_ROOT } from '../lab/labPaths';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { seedHosts } from './support/seedHosts';

// A real `labvisor serve` on a fresh SQLite data directory, driven through Debian's Chromium.
// The 192.168.x addresses in the fixture are inventory data only: nothing here connects to them (the servers
// run with --no-collect, so not even a reachability probe does).
const FIXTURE = join(REPO_ROOT, 'e2e/fixtures/lab-sheet.csv');
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shot = (name: string) => join(REPO_ROOT, 'docs/screenshots', name);
const XSS = '<img src=x onerror=alert(1)>';

test.describe.configure({ mode: 'serial' });

let server: LabvisorServer;
test.beforeAll(async () => {
  server = await startLabvisor({ collect: false });
});
test.afterAll(async () => {
  await server?.stop();
});

const grid = (page: Page) => page.getByRole('grid', { name: 'Hosts table' });
const row = (page: Page, name: string) => grid(page).getByRole('row').filter({ hasText: name });

test('first run, import, tree, edit, language, and markup shown as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.url);
  await expect(page).not.toHaveURL(/token=/);

  // Empty inventory: the first run says how to get hosts in.
  await expect(page.getByRole('heading', { name: 'No hosts yet' })).toBeVisible();

  // Import the lab sheet through the wizard: dry run first, then commit.
  await page.getByRole('button', { name: 'Import hosts…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import hosts' });
  await wizard.getByLabel('Choose a file…').setInputFiles(FIXTURE);
  await expect(wizard.getByText('File: lab-sheet.csv')).toBeVisible();
  await wizard.getByRole('button', { name: 'Preview (dry run)' }).click();
  const preview = wizard.getByRole('table', { name: 'Rows to import' });
  await expect(preview.getByRole('textbox', { name: 'Name, line 4' })).toHaveValue('z-o7k-m-1');
  await expect(preview.getByRole('row').filter({ hasText: 'Alias' })).toHaveCount(1);
  // The iLO row is proposed as zcloud's BMC; untick it, and it is imported as a host of its own (the 192.168
  // address then stays inventory data that no view polls).
  const link = wizard.getByRole('region', { name: 'BMC links' }).getByRole('checkbox', { name: /dl360-ilo/ });
  await expect(link).toBeChecked();
  await link.uncheck();
  if (SHOTS) await page.screenshot({ path: shot('import.png') });
  await wizard.getByRole('button', { name: /^Import \d+ rows$/ }).click();
  await expect(wizard.getByRole('heading', { name: 'Import complete' })).toBeVisible();
  await wizard.getByRole('button', { name: 'Close' }).last().click();
  await expect(wizard).toBeHidden();

  // The tree puts the OpenStack VM under the hypervisor it runs on.
  const tree = page.getByRole('tree', { name: 'Host tree' });
  const zcloud = tree.getByRole('treeitem', { name: 'zcloud', exact: true });
  const vm = tree.getByRole('treeitem', { name: 'z-o7k-m-1', exact: true });
  await expect(zcloud).toHaveAttribute('aria-level', '1');
  await expect(zcloud).toHaveAttribute('aria-expanded', 'true');
  await expect(vm).toHaveAttribute('aria-level', '2');
  const items = await tree
    .getByRole('treeitem')
    .evaluateAll((els) =>
      els.map((e) => ({ name: e.querySelector('.tree-label')?.textContent, level: e.getAttribute('aria-level') })),
    );
  const zi = items.findIndex((i) => i.name === 'zcloud');
  const vi = items.findIndex((i) => i.name === 'z-o7k-m-1');
  expect(zi).toBeGreaterThanOrEqual(0);
  expect(vi).toBeGreaterThan(zi);
  expect(items.slice(zi + 1, vi).every((i) => i.level !== '1')).toBe(true);
  await expect(grid(page).getByRole('row')).toHaveCount(5); // header + 4 hosts (wpad became an alias of zcloud)

  // Edit a host; the change is in SQLite, so it survives a reload.
  await row(page, 'z-o7k-m-1').click();
  const detail = page.getByRole('complementary', { name: 'z-o7k-m-1' });
  await detail.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit z-o7k-m-1' });
  await editor.getByLabel('Tags').fill('openstack, control-plane');
  await editor.getByRole('group', { name: 'SSH' }).getByLabel('User').fill('root');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await page.reload();
  await expect(row(page, 'z-o7k-m-1')).toContainText('openstack, control-plane');
  await row(page, 'z-o7k-m-1').click();
  await expect(page.getByRole('complementary', { name: 'z-o7k-m-1' })).toContainText('root');

  // A validation error is reported beside the field, in words.
  await page.getByRole('button', { name: 'Add host' }).click();
  const add = page.getByRole('dialog', { name: 'Add host' });
  await add.getByRole('button', { name: 'Add host' }).click();
  await expect(add.getByText('Required.')).toBeVisible();
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill('zcloud');
  await add.getByRole('button', { name: 'Add host' }).click();
  await expect(add.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  // 简体中文 and back; the choice is remembered.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '添加主机' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('button', { name: '添加主机' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Add host' })).toBeVisible();

  // Names refuse markup (the domain grammar); text fields that take it keep it as text: no element, no script.
  await page.getByRole('button', { name: 'Add host' }).click();
  const xss = page.getByRole('dialog', { name: 'Add host' });
  await xss.getByRole('textbox', { name: 'Name', exact: true }).fill(XSS);
  await xss.getByRole('button', { name: 'Add host' }).click();
  await expect(xss).toBeVisible();
  await xss.getByRole('textbox', { name: 'Name', exact: true }).fill('xss-1');
  await xss.getByLabel('Cluster').fill(XSS);
  await xss.getByLabel('Notes').fill('<b>bold?</b>');
  await xss.getByRole('button', { name: 'Add host' }).click();
  await expect(xss).toBeHidden();
  await expect(row(page, 'xss-1')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'xss-1' })).toContainText('<b>bold?</b>');
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold?' })).toHaveCount(0);
  // Proves a non-event (no script from the name or notes ran an alert): only a quiet interval can show it.
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('keyboard: Ctrl+K jumps to a host, arrows move, Ctrl+A selects all, Delete asks', async ({ page }) => {
  await page.goto(server.url);
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Go to host' });
  await search.getByRole('combobox').fill('data-1');
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'z-b-data-1' })).toBeVisible();

  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('region', { name: 'Selection' })).toContainText('2 selected');
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('region', { name: 'Selection' })).toContainText('5 selected');
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete 5 hosts' });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(grid(page).getByRole('row')).toHaveCount(6);
});

test('after the filter changes, a Shift-click range spans the rows shown, not the hosts hidden between them', async ({
  page,
}) => {
  const lab = await startLabvisor({ collect: false });
  try {
    await seedHosts(lab, 160);
    await page.goto(lab.url);
    await expect(grid(page)).not.toHaveAttribute('aria-busy');
    // 8 hosts match, spread over the inventory: dozens of hidden hosts sort between the first and the last.
    await page.locator('[role="toolbar"] input[type="search"]').fill('data-1');
    await expect(grid(page).getByRole('row')).toHaveCount(9);
    await row(page, 'z-b-data-1').first().click();
    await row(page, 'z-okd-data-10').click({ modifiers: ['Shift'] });
    await expect(page.getByRole('region', { name: 'Selection' })).toContainText('8 selected');
    await page.keyboard.press('Shift+ArrowUp');
    await expect(page.getByRole('region', { name: 'Selection' })).toContainText('7 selected');
  } finally {
    await lab.stop();
  }
});

test('the row menu: right-click or Shift+F10 offers terminal, power, consoles, edit and delete for that host', async ({
  page,
}) => {
  await page.goto(server.url);
  await row(page, 'z-o7k-m-1').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Host actions' });
  // z-o7k-m-1 is a VM on a hypervisor: its screen and serial console are offered too.
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Open terminal',
    'Power',
    'Open screen (VNC)…',
    'Serial console',
    'Edit',
    'Delete',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Open terminal' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await grid(page).focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const editor = page.getByRole('dialog', { name: /z-o7k-m-1/ });
  await expect(editor).toBeVisible();
  // The address and alias lists: add a row to each, remove nothing, and see both kept after saving.
  await editor.getByRole('button', { name: 'Add address' }).click();
  await editor.getByRole('textbox', { name: 'Address 2', exact: true }).fill('198.51.100.51');
  await editor.getByRole('button', { name: 'Add alias' }).click();
  await editor.getByRole('textbox', { name: 'Alias 1', exact: true }).fill('keystone');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  const detail = page.getByRole('complementary', { name: 'z-o7k-m-1' });
  await expect(detail).toContainText('198.51.100.51');
  await expect(detail).toContainText('keystone');
});

/** A raw HTTP GET with exactly the headers given (fetch and browsers will not send a foreign Host). */
function rawGet(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

function wsStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

test('the server refuses requests without the token (401) and from a foreign Origin or Host (403)', async ({
  browser,
}) => {
  const host = `127.0.0.1:${server.port}`;
  expect(await rawGet(server.port, { Host: host })).toBe(401);
  expect(await rawGet(server.port, { Host: 'evil.example', Authorization: `Bearer ${server.token}` })).toBe(403);
  expect(
    await rawGet(server.port, { Host: host, Origin: 'http://evil.example', Authorization: `Bearer ${server.token}` }),
  ).toBe(403);
  expect(await wsStatus(server.port, {})).toBe(401);
  expect(await wsStatus(server.port, { Origin: 'http://evil.example', Authorization: `Bearer ${server.token}` })).toBe(
    403,
  );
  expect(await wsStatus(server.port, { Authorization: `Bearer ${server.token}` })).toBe(101);

  // A fresh browser without the tokened URL gets the 401 page, not the app.
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(server.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('grid')).toHaveCount(0);
  await context.close();
});

test('screenshots for the README', async ({ page }) => {
  test.skip(!SHOTS, 'set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots');
  const big = await startLabvisor({ collect: false });
  try {
    await seedHosts(big, 160);
    await page.goto(big.url);
    await row(page, 'z-b-data-3').click();
    await page.screenshot({ path: shot('hosts.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: shot('hosts-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('radio', { name: '按集群' }).click();
    await page.screenshot({ path: shot('hosts-zh.png') });
  } finally {
    await big.stop();
  }
});
