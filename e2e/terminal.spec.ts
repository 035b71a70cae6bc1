import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CommandInput, CommandName } from '../common/contract';
import { REPO_ROOT } from '../lab/labPaths';
import { freeTcpPort, startLabSsh, type LabSsh } from '../lab/ssh';
import { rpc as rpcOn } from './support/rpc';

// A real sshd (lab helpers), a real `labvisor serve` (built by `npm run build`) and Debian's Chromium (config).
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const TOKEN = randomBytes(24).toString('base64url');
let lab: LabSsh;
let work: string;
let dataDir: string;
let port: number;
let serve: ChildProcess | null = null;

async function startServe(): Promise<void> {
  serve = spawn(process.execPath, [join(REPO_ROOT, 'bin/labvisor.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, LABVISOR_TOKEN: TOKEN, LABVISOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    serve!.stdout!.on('data', (d: Buffer) => d.toString().includes('Open http') && resolve());
    serve!.once('exit', (code) => reject(new Error(`labvisor serve exited with ${code}`)));
  });
}

function stopServe(signal: NodeJS.Signals): Promise<void> {
  const child = serve;
  serve = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A command through the same dispatcher the page uses, typed by the contract. */
const rpc = <N extends CommandName>(name: N, input: CommandInput<N>) => rpcOn({ port, token: TOKEN }, name, input);

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'labvisor-terminal-e2e-'));
  chmodSync(work, 0o755);
  dataDir = join(work, 'data');
  lab = await startLabSsh({ dir: join(work, 'ssh') });
  port = await freeTcpPort('127.0.0.1');
  await startServe();
  const host = await rpc('inventory.addHost', {
    name: 'term-lab',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: lab.sshd.port, identityFile: lab.keys.ed25519 },
  });
  const presented = await rpc('ssh.scanHostKey', { hostId: host.id });
  expect(presented.fingerprint).toBe(lab.sshd.fingerprint());
  await rpc('ssh.trustHostKey', { hostId: host.id, fingerprint: presented.fingerprint });
});

test.afterAll(async () => {
  await stopServe('SIGTERM');
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

/**
 * Waits until the focused terminal shows `text`, found the way a user would: Ctrl+Shift+F. (With a GPU, xterm
 * draws with WebGL, and the text is not in the DOM.)
 */
async function expectShows(page: Page, text: string, timeout = 15_000) {
  const box = page.getByRole('searchbox', { name: 'Find in terminal' });
  await expect(async () => {
    if (!(await box.isVisible())) {
      await page.locator('.terminal-pane.focused .xterm-helper-textarea').focus();
      await page.keyboard.press('Control+Shift+F');
    }
    await box.fill('');
    await box.fill(text);
    await expect(box).toHaveAttribute('aria-invalid', 'false', { timeout: 500 });
  }).toPass({ timeout });
  await box.press('Escape');
}

async function typeLine(page: Page, text: string) {
  await page.locator('.terminal-pane.focused .xterm-helper-textarea').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('opens a terminal from the host table, runs a command, survives bulk output and a server restart', async ({
  page,
}) => {
  // Every binary frame of every /stream WebSocket, captured in the page as xterm receives it.
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
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}#/hosts`);

  await page.getByRole('grid', { name: 'Hosts table' }).getByText('term-lab', { exact: true }).dblclick();
  const pane = page.locator('.terminal-pane.focused');
  await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  // No GPU here: WebGL would be SwiftShader, read back on every frame; xterm's DOM renderer draws instead.
  await expect(pane.locator('.xterm')).toHaveAttribute('data-renderer', 'dom');
  await typeLine(page, 'echo hello-$((6*7))');
  await expectShows(page, 'hello-42');

  // Bulk output, complete and in order: the page decodes what it received between two markers and hashes it.
  const file = join(work, 'bulk.bin');
  writeFileSync(file, randomBytes(6_000_000), { mode: 0o644 });
  const expected = createHash('sha256').update(readFileSync(file)).digest('hex');
  await page.evaluate(() => ((window as unknown as { __streamBytes: ArrayBuffer[] }).__streamBytes.length = 0));
  await typeLine(page, `echo BULK""-START; base64 ${file}; echo BULK""-END`);
  await expectShows(page, 'BULK-END', 120_000);
  const digest = await page.evaluate(async () => {
    const chunks = (window as unknown as { __streamBytes: ArrayBuffer[] }).__streamBytes;
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) all.set(new Uint8Array(c), (at += c.byteLength) - c.byteLength);
    const text = new TextDecoder('latin1').decode(all);
    const start = text.indexOf('BULK-START\r\n') + 'BULK-START\r\n'.length;
    const end = text.indexOf('\r\nBULK-END', start);
    const decoded = Uint8Array.from(atob(text.slice(start, end).replace(/\r\n/g, '')), (c) => c.charCodeAt(0));
    const hash = await crypto.subtle.digest('SHA-256', decoded);
    return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
  });
  expect(digest).toBe(expected);
  // xterm has processed all of it when a later command's output shows up.
  await typeLine(page, 'echo after-$((40+2))');
  await expectShows(page, 'after-42', 60_000);

  // The server dies mid-session: the terminal says so, then reconnects (a new shell) once it is back.
  await stopServe('SIGKILL');
  await expectShows(page, 'Lost the connection to Labvisor');
  await expect(pane).not.toHaveAttribute('data-state', 'live');
  await startServe();
  await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await typeLine(page, 'echo back-$((50+8))');
  await expectShows(page, 'back-58');
});

test('a terminal draws with WebGL when a GPU is behind it', async ({ page }) => {
  // This machine has none: WebGL names the GL renderer of a laptop's GPU instead of SwiftShader's (the only fake).
  await page.addInitScript(() => {
    const getParameter = WebGL2RenderingContext.prototype.getParameter;
    WebGL2RenderingContext.prototype.getParameter = function (this: WebGL2RenderingContext, name: number) {
      return name === 0x9246 // UNMASKED_RENDERER_WEBGL
        ? 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)'
        : (getParameter.call(this, name) as unknown);
    };
  });
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}#/hosts`);
  await page.getByRole('grid', { name: 'Hosts table' }).getByText('term-lab', { exact: true }).dblclick();
  const pane = page.locator('.terminal-pane.focused');
  await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(pane.locator('.xterm')).toHaveAttribute('data-renderer', 'webgl');
  await typeLine(page, 'echo webgl-$((6*7))');
  await expectShows(page, 'webgl-42');
});

test('an untrusted host key is shown to verify; a changed one is refused loudly until replaced', async ({ page }) => {
  const sshd = await lab.startAnother({ name: 'rekeyed' });
  await rpc('inventory.addHost', {
    name: 'key-lab',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: sshd.port, identityFile: lab.keys.ed25519 },
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}#/hosts`);
  await page.getByRole('grid', { name: 'Hosts table' }).getByText('key-lab', { exact: true }).dblclick();
  const pane = page.locator('.terminal-pane.focused');

  const gate = page.getByRole('region', { name: 'Verify the host key' });
  await expect(gate).toContainText(sshd.fingerprint(), { timeout: 30_000 });
  await gate.getByRole('button', { name: 'Trust this key and connect' }).click();
  await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await typeLine(page, 'echo trusted-$((6*7))');
  await expectShows(page, 'trusted-42');

  await sshd.stop({ sessions: true });
  sshd.rotateHostKey();
  await sshd.start();
  const alarm = page.getByRole('alert', { name: 'WARNING: the host key has changed' });
  await expect(async () => {
    const reconnect = pane.getByRole('button', { name: 'Reconnect' });
    if (await reconnect.isVisible()) await reconnect.click();
    await expect(alarm).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(alarm).toContainText(sshd.fingerprint());
  const replace = alarm.getByRole('button', { name: 'Replace the pinned key and connect' });
  await expect(replace).toBeDisabled();
  await alarm.getByRole('checkbox').check();
  await replace.click();
  await expect(pane).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await typeLine(page, 'echo replaced-$((6*7))');
  await expectShows(page, 'replaced-42');
  const audit = await rpc('audit.list', { target: 'key-lab' });
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['ssh.trustHostKey', 'ssh.replaceHostKey']));
  await sshd.stop({ sessions: true });
});

test('a login that needs a password asks for it in a dialog, without echo', async ({ page }) => {
  // Its own sshd: connections are pooled per user@address:port, and term-lab's (kept open by the metrics sampler)
  // would otherwise be reused without asking.
  const sshd = await lab.startAnother({ name: 'pw' });
  const host = await rpc('inventory.addHost', {
    name: 'pw-lab',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user: lab.user, port: sshd.port },
  });
  const presented = await rpc('ssh.scanHostKey', { hostId: host.id });
  await rpc('ssh.trustHostKey', { hostId: host.id, fingerprint: presented.fingerprint });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`http://127.0.0.1:${port}/?token=${TOKEN}#/hosts`);
  await page.getByRole('grid', { name: 'Hosts table' }).getByText('pw-lab', { exact: true }).dblclick();
  const ask = page.getByRole('dialog', { name: 'Password for pw-lab' });
  await expect(ask).toBeVisible({ timeout: 30_000 });
  const input = ask.locator('input[type="password"]');
  await input.fill(lab.password);
  await ask.getByRole('button', { name: 'Log in' }).click();
  await expect(ask).toBeHidden();
  await expect(page.locator('.terminal-pane.focused')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await typeLine(page, 'echo asked-$((6*7))');
  await expectShows(page, 'asked-42');
  await sshd.stop({ sessions: true });
});
