import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';

// A real `labvisor serve` on a fresh SQLite file, Debian's Chromium, and a sheet as Excel on a Chinese Windows
// saves it: GB18030, made here by iconv. Every address is on loopback (127.10.x): the Power view's health
// checks of the imported BMC are refused locally and reach nothing else.
const SHEET = [
  '虚拟化层,主机IP,主机名,cpu,内存(G),说明',
  '0,127.10.0.200,zcloud,48,64,HP DL360 Gen9',
  '1,127.10.0.204,z-b-data-1,4,16,数据基础服务',
  '1,127.10.0.204,etcd,,,etcd 节点 1',
  '1,127.10.0.205,z-b-data-2,4,16,数据基础服务',
  '1,127.10.0.205,etcd,,,etcd 节点 2',
  '1,127.10.0.206,z-b-data-3,4,16,数据基础服务',
  '1,127.10.0.206,etcd,,,etcd 节点 3',
  '0,127.10.0.254,dl360-ilo,,,HP DL360 Gen9带外管理',
  '0,127.10.0.30,jetson,4,4,Jetson Nano 访问 DL360 带外管理 (k3s)',
  '',
].join('\r\n');

test.describe.configure({ mode: 'serial' });

let server: LabvisorServer;
let dir: string;
let file: string;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-e2e-import-'));
  file = join(dir, '实验室主机.csv');
  writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: SHEET }));
  server = await startLabvisor();
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a GB18030 sheet with shared aliases and an iLO row imports, and the server shows its BMC', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Import hosts…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import hosts' });
  await wizard.getByLabel('Choose a file…').setInputFiles(file);
  await wizard.getByRole('button', { name: 'Preview (dry run)' }).click();

  await expect(wizard.getByText('Encoding: GB18030 / GBK (Chinese Windows Excel) (detected)')).toBeVisible();
  const preview = wizard.getByRole('table', { name: 'Rows to import' });
  await expect(preview.getByRole('textbox', { name: 'Name, line 2' })).toHaveValue('zcloud');
  await expect(preview.getByRole('row').filter({ hasText: 'Alias' })).toHaveCount(3);

  // The iLO row is proposed as zcloud's BMC, reached through the Jetson; pre-ticked, never silent.
  const links = wizard.getByRole('region', { name: 'BMC links' });
  const link = links.getByRole('checkbox', {
    name: 'dl360-ilo (line 9) → redfish BMC of zcloud at 127.10.0.254, reached through jetson',
  });
  await expect(link).toBeChecked();
  await expect(links.getByRole('combobox', { name: 'Server whose BMC dl360-ilo is' })).toHaveValue('zcloud');
  // Editable before anything is written: this iLO 4 is driven over IPMI here.
  await links.getByRole('combobox', { name: 'Driver of dl360-ilo' }).selectOption('ipmi');
  await expect(links.getByRole('checkbox', { name: /dl360-ilo \(line 9\) → ipmi BMC of zcloud/ })).toBeChecked();

  await wizard.getByRole('button', { name: /^Import \d+ rows$/ }).click();
  await expect(wizard.getByRole('heading', { name: 'Import complete' })).toBeVisible();
  await expect(wizard.getByText('1 BMC links, 5 created, 0 updated, 0 unchanged, 3 aliases added.')).toBeVisible();
  await wizard.getByRole('button', { name: 'Close' }).last().click();

  // The shared alias finds every host that carries it.
  const hosts = page.getByRole('grid', { name: 'Hosts table' });
  await expect(hosts.getByRole('row')).toHaveCount(6); // header + 5 hosts; the iLO is zcloud's BMC, not a host
  await page.getByRole('searchbox').first().fill('etcd');
  await expect(hosts.getByRole('row')).toHaveCount(4);

  await page.getByRole('navigation').getByRole('button', { name: 'Power' }).click();
  const withBmc = page.getByRole('table', { name: 'Hosts with a BMC' });
  const zcloud = withBmc.locator('tr[data-host="zcloud"]');
  await expect(zcloud).toBeVisible();
  await expect(zcloud).toContainText('ipmi 127.10.0.254');
  await expect(page.getByText('No host has a BMC')).toHaveCount(0);
});
