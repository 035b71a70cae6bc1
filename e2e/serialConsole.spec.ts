import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { defineTcgGuest, ensureLibvirtd, type TcgGuest } from '../lab/libvirt';
import { startLabSsh, type LabSsh } from '../lab/ssh';
import { differingBox, independentGrab, inkPixels, settledGrab } from '../lab/vnc/grab';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';
import { canvasFrame } from './support/vncCanvas';

// A real libvirt TCG guest's serial console in Chromium: virsh console over a real sshd, in the terminal component;
// and its screen one click from the VMs view, found from libvirt's live XML (autoport) on the hypervisor.
test.describe.configure({ mode: 'serial', timeout: 420_000 });

let work: string;
let lab: LabSsh;
let guest: TcgGuest;
let server: LabvisorServer;

test.beforeAll(async () => {
  test.setTimeout(420_000);
  work = mkdtempSync(join(tmpdir(), 'labvisor-serial-e2e-'));
  chmodSync(work, 0o755);
  ensureLibvirtd();
  [lab, guest, server] = await Promise.all([
    startLabSsh({ dir: join(work, 'ssh') }),
    defineTcgGuest(join(work, 'guest'), { prefix: 'serial-e2e' }),
    startLabvisor(),
  ]);
  await guest.virsh('start', guest.uuid);
  await guest.waitForSerial('labvm: booted', 1, 240_000);
  const hv = await rpc(server, 'inventory.addHost', {
    name: 'hv',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: lab.sshd.port, identityFile: lab.keys.ed25519 },
    hypervisor: { libvirtUri: 'qemu:///system' },
  });
  const presented = await rpc(server, 'ssh.scanHostKey', { hostId: hv.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: hv.id, fingerprint: presented.fingerprint });
  await rpc(server, 'inventory.addHost', {
    name: 'vm-serial',
    kind: 'vm',
    layer: 1,
    parentId: hv.id,
    hypervisor: { domainName: guest.name, libvirtUri: 'qemu:///system', domainUuid: guest.uuid },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await guest?.remove();
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Text that reached the page over /stream WebSockets, decoded (xterm draws with WebGL, not into the DOM). */
async function streamText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const chunks = (window as unknown as { __streamBytes: ArrayBuffer[] }).__streamBytes;
    const decoder = new TextDecoder();
    return chunks.map((c) => decoder.decode(c, { stream: true })).join('');
  });
}

test("opens a VM's serial console from its row, runs a command; a second open is refused until forced", async ({
  page,
}) => {
  await page.addInitScript(() => {
    const NativeWebSocket = window.WebSocket;
    const captured: ArrayBuffer[] = [];
    (window as unknown as { __streamBytes: ArrayBuffer[] }).__streamBytes = captured;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/stream'))
          this.addEventListener('message', (e) => e.data instanceof ArrayBuffer && captured.push(e.data));
      }
    };
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);

  const table = page.getByRole('grid', { name: 'Hosts table' });
  await table.getByText('vm-serial', { exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Serial console' }).click();
  const state = page.getByTestId('terminal-state');
  await expect(state).toHaveText('Connected', { timeout: 30_000 });
  await page.locator('.terminal-pane.focused .xterm-helper-textarea').focus();
  await page.keyboard.type('echo serial-$((6*7))');
  await page.keyboard.press('Enter');
  await expect.poll(() => streamText(page), { timeout: 20_000 }).toMatch(/serial-42/);

  // A second console on the same VM: refused with the reason and an explicit take-over.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Hosts' }).click();
  await table.getByText('vm-serial', { exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Serial console' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Someone else holds this serial console' });
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await refusal.getByRole('button', { name: 'Take over the console (force)' }).click();
  await expect(page.getByTestId('terminal-state')).toHaveText('Connected', { timeout: 30_000 });
  await page.locator('.terminal-pane.focused .xterm-helper-textarea').focus();
  await page.keyboard.type('echo taken-$((7*6))');
  await page.keyboard.press('Enter');
  await expect.poll(() => streamText(page), { timeout: 20_000 }).toMatch(/taken-42/);

  // Both are tabs of the terminals' strip, marked as serial consoles. The first was disconnected by the take-over;
  // Ctrl+PageUp (from inside the terminal) goes back to it.
  const tabs = page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.first()).toContainText('Serial');
  await page.keyboard.press('Control+PageUp');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('terminal-state')).toHaveText('Disconnected', { timeout: 20_000 });

  // The Consoles view (Alt+6) lists the open consoles and jumps to one in the strip.
  await page.keyboard.press('Alt+6');
  const list = page.getByRole('list', { name: 'Open consoles' });
  await expect(list.getByRole('button')).toHaveCount(2);
  await list.getByRole('button').last().click();
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('terminal-state')).toHaveText('Connected');
});

test("one click on a VM's row in the VMs view opens its screen through the hypervisor", async ({ page }) => {
  // The autoport port libvirt gave the guest, asked independently (as root, not through Labvisor).
  const display = execFileSync('virsh', ['-c', 'qemu:///system', 'vncdisplay', guest.uuid], { encoding: 'utf8' });
  const port = 5900 + Number(/:(\d+)\s*$/.exec(display.trim())![1]);
  await settledGrab(port, join(work, 'settle.png'));
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'VMs' }).click();
  const row = page.locator('tr[data-vm]').filter({ hasText: 'vm-serial' });
  await row.getByRole('button', { name: 'Screen' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });
  await expect(page.getByRole('tablist', { name: 'Terminals and consoles' })).toContainText(`127.0.0.1:${port} via hv`);
  await expect(async () => {
    const [ours, judge] = [await canvasFrame(page), await independentGrab(port, join(work, 'judge.png'))];
    expect([ours.width, ours.height]).toEqual([judge.width, judge.height]);
    expect(inkPixels(ours)).toBeGreaterThan(500);
    const box = differingBox(ours, judge);
    expect(box === null || (box.width <= 9 && box.height <= 16), JSON.stringify(box)).toBe(true);
  }).toPass({ timeout: 20_000 });

  // The same from the inventory's row menu.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Hosts' }).click();
  await page
    .getByRole('grid', { name: 'Hosts table' })
    .getByText('vm-serial', { exact: true })
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Open VM screen' }).click();
  await expect(page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab')).toHaveCount(2);
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });
});
