import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startLabSsh, type LabSsh } from '../lab/ssh';
import { differingBox, independentGrab, inkPixels, settledGrab, type Rgb } from '../lab/vnc/grab';
import { startQemuVnc, startTigerVnc, startX11vnc, type VncServer } from '../lab/vnc/vncLab';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { canvasFrame } from './support/vncCanvas';
import { rpc } from './support/rpc';

// VNC consoles in Chromium against real servers: a QEMU guest's screen through a real sshd's direct-tcpip channel
// (judged pixel by pixel against rfb_grab.py, an independent RFB client) and a password-protected Xtigervnc.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PASSWORD = 'e2e-Vnc-5';
let work: string;
let lab: LabSsh;
let qemu: VncServer;
let tiger: VncServer;
let x11: VncServer;
let server: LabvisorServer;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'labvisor-console-e2e-'));
  chmodSync(work, 0o755);
  [lab, qemu, tiger, x11, server] = await Promise.all([
    startLabSsh({ dir: join(work, 'ssh') }),
    startQemuVnc(join(work, 'qemu')),
    startTigerVnc(join(work, 'tiger'), PASSWORD),
    startX11vnc(join(work, 'x11vnc')),
    startLabvisor(),
  ]);
  const host = await rpc(server, 'inventory.addHost', {
    name: 'hv',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: lab.sshd.port, identityFile: lab.keys.ed25519 },
  });
  const presented = await rpc(server, 'ssh.scanHostKey', { hostId: host.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: host.id, fingerprint: presented.fingerprint });
});

test.afterAll(async () => {
  await server?.stop();
  await Promise.all([lab?.stop(), qemu?.stop(), tiger?.stop(), x11?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

/** Text rows (16-pixel VGA character cells) holding any pixel that is not the background (the top-left one). */
function textRows(frame: Rgb): number {
  const bg = frame.rgb.subarray(0, 3);
  let rows = 0;
  for (let top = 0; top + 16 <= frame.height; top += 16) {
    const band = frame.rgb.subarray(top * frame.width * 3, (top + 16) * frame.width * 3);
    for (let i = 0; i < band.length; i += 3)
      if (band[i] !== bg[0] || band[i + 1] !== bg[1] || band[i + 2] !== bg[2]) {
        rows++;
        break;
      }
  }
  return rows;
}

/** The guest has booted to its shell (a pause in the boot can look settled): 8 text rows with the prompt. */
async function guestAtShell(): Promise<void> {
  await expect
    .poll(async () => textRows(await independentGrab(qemu.port, join(work, 'boot.png'))), { timeout: 240_000 })
    .toBeGreaterThanOrEqual(8);
}

test('a QEMU guest screen through the SSH tunnel: same pixels as an independent grab, typing runs commands', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));
  await page.goto(server.url);
  await guestAtShell();
  await settledGrab(qemu.port, join(work, 'settle.png'));

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Consoles' }).click();
  await page.getByRole('button', { name: 'New VNC console…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
  await dialog.getByLabel('Port', { exact: true }).fill(String(qemu.port));
  await dialog.getByLabel('Through the SSH connection of host').fill('hv');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });

  // Pixels: the canvas against the independent grab, allowing only the blinking text cursor's cell to differ.
  await expect(async () => {
    const [ours, judge] = [await canvasFrame(page), await independentGrab(qemu.port, join(work, 'judge.png'))];
    expect([ours.width, ours.height]).toEqual([judge.width, judge.height]);
    expect(inkPixels(ours)).toBeGreaterThan(500);
    const box = differingBox(ours, judge);
    expect(box === null || (box.width <= 9 && box.height <= 16), JSON.stringify(box)).toBe(true);
  }).toPass({ timeout: 20_000 });

  // Typing reaches the guest's shell and its output appears: clear the screen, then print 20 lines.
  await page.locator('.console-pane canvas').click();
  await page.keyboard.type('clear');
  await page.keyboard.press('Enter');
  await expect.poll(async () => textRows(await canvasFrame(page)), { timeout: 40_000 }).toBe(1);
  await page.keyboard.type('seq 1 20');
  await page.keyboard.press('Enter');
  await expect.poll(async () => textRows(await canvasFrame(page)), { timeout: 40_000 }).toBe(22);
  const judge = await independentGrab(qemu.port, join(work, 'after.png'));
  expect(textRows(judge)).toBe(22);

  // Keyboard: F8 leaves the screen for the toolbar; view-only then keeps typing away from the guest.
  await page.keyboard.press('F8');
  await expect(page.getByLabel('View only')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('View only')).toBeChecked();
  await page.locator('.console-pane canvas').click();
  await page.keyboard.type('clear');
  await page.keyboard.press('Enter');
  // Asserting that nothing happens: give the guest the time it took to react above, then look.
  await page.waitForTimeout(2000);
  expect(textRows(await canvasFrame(page))).toBe(22);
  await page.getByLabel('View only').uncheck();

  // A drop (the hypervisor's sshd dies with its sessions) shows a countdown, then the console comes back.
  await lab.sshd.stop({ sessions: true });
  await expect(page.getByTestId('console-state')).toContainText('reconnecting', { timeout: 20_000 });
  await lab.sshd.start();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 60_000 });

  // The page talked only to its own server.
  const origin = new URL(server.url).origin;
  const wsOrigin = origin.replace(/^http/, 'ws');
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith(wsOrigin) && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.some((u) => u.startsWith(`${wsOrigin}/stream`))).toBe(true);
});

test('a console detached into its own window shows the live screen there, and re-attaches as a tab', async ({
  page,
  context,
}) => {
  await page.goto(server.url);
  await guestAtShell();
  await settledGrab(qemu.port, join(work, 'settle-detach.png'));
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Consoles' }).click();
  await page.getByRole('button', { name: 'New VNC console…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
  await dialog.getByLabel('Port', { exact: true }).fill(String(qemu.port));
  await dialog.getByLabel('Through the SSH connection of host').fill('hv');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });

  const popupOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Detach' }).click();
  const popup = await popupOpened;
  const requests: string[] = [];
  popup.on('request', (r) => requests.push(r.url()));
  popup.on('websocket', (ws) => requests.push(ws.url()));
  // The tab left the main window; the popup connects again, visibly, and shows the same screen.
  await expect(page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab')).toHaveCount(0);
  await expect(popup.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });
  await expect(popup).toHaveTitle(new RegExp(`127\\.0\\.0\\.1:${qemu.port} via hv`));
  await expect(async () => {
    const [ours, judge] = [await canvasFrame(popup), await independentGrab(qemu.port, join(work, 'judge-popup.png'))];
    expect([ours.width, ours.height]).toEqual([judge.width, judge.height]);
    expect(inkPixels(ours)).toBeGreaterThan(500);
    const box = differingBox(ours, judge);
    expect(box === null || (box.width <= 9 && box.height <= 16), JSON.stringify(box)).toBe(true);
  }).toPass({ timeout: 60_000 });
  // The popup, like the page, talks only to its own server.
  const origin = new URL(server.url).origin;
  const wsOrigin = origin.replace(/^http/, 'ws');
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith(wsOrigin) && !u.startsWith('data:'))).toEqual(
    [],
  );

  // Re-attach: the popup closes and the console is a tab of the main window again, connected.
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Re-attach' }).click();
  await closed;
  await expect(page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab')).toHaveCount(1);
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 30_000 });
});

test('a VncAuth server: asks for the password, says clearly when it is wrong, remembers it when asked', async ({
  page,
}) => {
  await page.goto(server.url);
  // Consoles (Alt+6) is where a console for any address is opened; it opens as a tab beside the terminals.
  const open = async () => {
    await page.keyboard.press('Alt+6');
    await page.getByRole('button', { name: 'New VNC console…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
    await dialog.getByLabel('Port', { exact: true }).fill(String(tiger.port));
    await dialog.getByLabel('Through the SSH connection of host').fill('hv');
    await dialog.getByRole('button', { name: 'Open' }).click();
  };
  await open();
  const ask = page.getByRole('dialog', { name: /VNC password for/ });
  await ask.getByLabel('Password').fill('wrong');
  await ask.getByRole('button', { name: 'Connect' }).click();
  await expect(ask.getByRole('alert')).toContainText('The server rejected that password.');
  // No retry loop: the dialog waits for the person.
  await page.waitForTimeout(1500);
  await expect(ask.getByRole('alert')).toBeVisible();
  await ask.getByLabel('Password').fill(PASSWORD);
  await ask.getByLabel('Remember in the vault').check();
  await ask.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  const frame = await canvasFrame(page);
  expect([frame.width, frame.height]).toEqual([640, 480]);

  // A second console to the same server needs no password now; both tabs stay open.
  await open();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab')).toHaveCount(2);

  const audit = await rpc(server, 'audit.list', { limit: 50 });
  const actions = audit.map((e: { action: string; result: string }) => `${e.action}:${e.result}`);
  expect(actions).toEqual(expect.arrayContaining(['console.openVnc:error', 'console.openVnc:ok']));
  expect(JSON.stringify(audit)).not.toContain(PASSWORD);
});

test('clipboard both ways through x11vnc: text sent from one console shows as the remote clipboard in another', async ({
  page,
}) => {
  await page.goto(server.url);
  for (let i = 0; i < 2; i++) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Consoles' }).click();
    await page.getByRole('button', { name: 'New VNC console…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
    await dialog.getByLabel('Port', { exact: true }).fill(String(x11.port));
    await dialog.getByLabel('Through the SSH connection of host').fill('hv');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  }
  // Classic RFB cut text is Latin-1 (x11vnc has no extended clipboard): é survives; CJK would not, and the
  // console says so before sending.
  await expect(page.getByTestId('clipboard-mode')).toHaveText('Clipboard: Latin-1 only');
  await page.getByLabel('Text for the remote clipboard').fill('中文');
  await expect(page.getByRole('note')).toContainText('Latin-1 text only');
  await page.getByLabel('Text for the remote clipboard').fill('labvisor-clip-42 café');
  await expect(page.getByRole('note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The tab strip's keys work while the VNC screen has the keyboard: Ctrl+PageUp goes back to the first console.
  const tabs = page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab');
  await page.locator('.console-pane canvas').click();
  await page.keyboard.press('Control+PageUp');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Remote clipboard', { exact: true })).toHaveValue('labvisor-clip-42 café', {
    timeout: 20_000,
  });
  // Its session lived on while hidden; Ctrl+Shift+W closes the active console's tab, leaving the other.
  await page.keyboard.press('Control+Shift+W');
  await expect(tabs).toHaveCount(1);
  await expect(page.getByTestId('console-state')).toHaveText('Connected');
});

/** The X clipboard of a VNC server's display, read and written by xclip (an independent X client). */
function xclipboard(display: number, text?: string): string {
  const env = { ...process.env, DISPLAY: `:${display}` };
  if (text === undefined)
    return execFileSync('xclip', ['-selection', 'clipboard', '-o'], { env, encoding: 'utf8', timeout: 5000 });
  // xclip stays in the background serving the selection until another owner takes it.
  execFileSync('xclip', ['-selection', 'clipboard', '-i'], {
    env,
    input: text,
    timeout: 5000,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  return text;
}

test("non-Latin text through Xtigervnc's Extended Clipboard (UTF-8), both ways, judged by xclip", async ({ page }) => {
  const display = tiger.display!;
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Consoles' }).click();
  await page.getByRole('button', { name: 'New VNC console…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
  await dialog.getByLabel('Port', { exact: true }).fill(String(tiger.port));
  await dialog.getByLabel('Through the SSH connection of host').fill('hv');
  await dialog.getByRole('button', { name: 'Open' }).click();
  const ask = page.getByRole('dialog', { name: /VNC password for/ });
  const state = page.getByTestId('console-state');
  await expect(ask.or(state.getByText('Connected'))).toBeVisible({ timeout: 20_000 });
  if (await ask.isVisible()) {
    await ask.getByLabel('Password').fill(PASSWORD);
    await ask.getByRole('button', { name: 'Connect' }).click();
  }
  await expect(state).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByTestId('clipboard-mode')).toHaveText('Clipboard: Unicode', { timeout: 10_000 });

  // Remote → page: an X client copies Chinese text on the server's display.
  xclipboard(display, '远端剪贴板 中文 ok');
  await expect(page.getByLabel('Remote clipboard', { exact: true })).toHaveValue('远端剪贴板 中文 ok', {
    timeout: 20_000,
  });

  // Page → remote: no Latin-1 warning, and xclip reads the same characters back.
  await page.getByLabel('Text for the remote clipboard').fill('你好，Labvisor 中文');
  await expect(page.getByRole('note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => xclipboard(display), { timeout: 20_000 }).toBe('你好，Labvisor 中文');
});
