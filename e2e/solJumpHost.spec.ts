import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startIpmiSims, stopPid, type IpmiSimLab } from '../lab/ipmi/ipmiSimLab';
import { ensureLabUser, makeClientKeys, netnsUnavailable, startJumpTopology, type JumpTopology } from '../lab/ssh';
import { CHROMIUM } from './support/browser';
import { startLabvisor, type LabvisorServer } from './support/labvisorServer';
import { rpc } from './support/rpc';

// Serial-over-LAN to an ipmi_sim that lives only in a jump host's network namespace (the seed lab's iLO is reached
// only through its Jetson), driven from Chromium: `labvisor serve` runs ipmitool on the jump host (a real sshd in
// that namespace) with a pty. The far end of the serial line is a socat peer in the same namespace that prints a
// tick every 300 ms and echoes each line it receives with an "[echo]" prefix. Fails (never skips) where network
// namespaces cannot be created.
//
// WebGL is off in this browser so xterm.js draws with its DOM renderer: the assertions read the text the terminal
// shows (its rendered buffer rows), not the bytes on the WebSocket.
test.use({ launchOptions: { ...CHROMIUM, args: [...(CHROMIUM.args ?? []), '--disable-webgl', '--disable-3d-apis'] } });
test.describe.configure({ mode: 'serial' });

let labDir: string;
let topo: JumpTopology;
let lab: IpmiSimLab;
let serial: ChildProcess;
let server: LabvisorServer;
let hostId: number;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const unavailable = netnsUnavailable();
  if (unavailable) throw new Error(`SOL through a jump host needs network namespaces (${unavailable}); run as root`);
  labDir = mkdtempSync(join(tmpdir(), 'labvisor-e2e-soljump-'));
  const user = ensureLabUser().user;
  const keys = makeClientKeys(labDir);
  topo = await startJumpTopology({ dir: labDir, authorizedKeysFile: keys.authorizedKeys });
  // A serial line ends lines with CR LF, and Enter sends CR.
  const peer = join(labDir, 'serial-peer.sh');
  writeFileSync(
    peer,
    [
      // The ticker stops when the line goes (a failed write), the echo when its input ends.
      "(while printf 'serial-tick\\r\\n'; do sleep 0.5; done) &",
      "perl -pe 'BEGIN { $| = 1; $/ = chr 13 } s/^/[echo]/; s/\\r/\\r\\n/'",
      'kill $!',
    ].join('\n'),
  );
  const serialPort = 20000 + Math.floor(Math.random() * 20000);
  serial = spawn(
    'ip',
    [
      'netns',
      'exec',
      topo.jumpNetns,
      'socat',
      `TCP-LISTEN:${serialPort},bind=127.0.0.1,reuseaddr,fork`,
      `EXEC:/bin/sh ${peer}`,
    ],
    { stdio: 'ignore' },
  );
  const listening = () =>
    execFileSync('ip', ['netns', 'exec', topo.jumpNetns, 'ss', '-Htln', `sport = :${serialPort}`], {
      encoding: 'utf8',
    }).trim() !== '';
  await expect.poll(listening, { timeout: 5000 }).toBe(true);
  lab = await startIpmiSims([{ name: 'jetson-ilo', netns: topo.jumpNetns, solTcpPort: serialPort }]);

  server = await startLabvisor();
  const jump = await rpc(server, 'inventory.addHost', {
    name: 'jetson',
    addresses: [{ label: 'management', address: '127.0.0.1' }],
    ssh: { user, port: topo.jumpPort, identityFile: keys.ed25519 },
  });
  const key = await rpc(server, 'ssh.scanHostKey', { hostId: jump.id });
  await rpc(server, 'ssh.trustHostKey', { hostId: jump.id, fingerprint: key.fingerprint });
  const bmc = lab.bmcs[0]!;
  const host = await rpc(server, 'inventory.addHost', {
    name: 'dl360',
    addresses: [{ label: 'management', address: bmc.address }],
    bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user, cipherSuite: 3, jumpHostId: jump.id },
  });
  await rpc(server, 'bmc.setPassword', { hostId: host.id, password: bmc.password });
  hostId = host.id;
});

test.afterAll(async () => {
  serial?.kill('SIGTERM');
  await server?.stop();
  await lab?.stop();
  await topo?.stop();
  if (labDir) rmSync(labDir, { recursive: true, force: true });
});

/** The SOL console's terminal pane: it opens as a tab beside the terminals (Alt+2). */
const pane = (page: Page) => page.locator('.terminal-pane', { hasText: 'SOL dl360' });

/** The text xterm.js shows, row by row (its DOM renderer's rows). */
const screenText = (page: Page) =>
  pane(page)
    .locator('.xterm-rows')
    .evaluate((rows) =>
      Array.from(rows.children, (row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n'),
    );

/** The host's BMC page, on its serial console tab (without reloading: open consoles live on). */
async function showBmcConsole(page: Page) {
  await page.evaluate((id) => (window.location.hash = `#/power/${id}`), hostId);
  await expect(page.getByRole('heading', { name: 'dl360' })).toBeVisible();
  await page.getByRole('tab', { name: 'Serial console' }).click();
}

async function openConsoleTab(page: Page) {
  await page.goto(server.url);
  await showBmcConsole(page);
}

/** Closes the console's tab with the strip's key (Ctrl+Shift+W), which ends its BMC session. */
async function closeConsole(page: Page) {
  await page.getByRole('tablist', { name: 'Terminals and consoles' }).getByRole('tab').first().focus();
  await page.keyboard.press('Control+Shift+W');
  await expect(pane(page)).toHaveCount(0);
}

const state = pane;

test('opens the SOL console through the jump host, shows the serial line, carries keystrokes and closes', async ({
  page,
}) => {
  await openConsoleTab(page);
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(state(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  // The serial peer's own output, before anything was typed.
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toContain('serial-tick');

  await pane(page).locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('hello jetson');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toContain('[echo]hello jetson');
  expect(await screenText(page)).not.toContain(lab.bmcs[0]!.password);

  await closeConsole(page);
  // Closing ended the BMC session on the jump host: a new one opens without force.
  await showBmcConsole(page);
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(state(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'already active' })).toHaveCount(0);
  await closeConsole(page);
});

test('a session held on the jump host is refused, then forced off from the console tab', async ({ page }) => {
  const bmc = lab.bmcs[0]!;
  // Someone on the Jetson has the console open ("SOL payload already active").
  const other = spawn(
    'ip',
    [
      'netns',
      'exec',
      topo.jumpNetns,
      'ipmitool',
      ...['-I', 'lanplus', '-C', '3', '-H', bmc.address, '-p', String(bmc.port), '-U', bmc.user, '-E'],
      ...['sol', 'activate'],
    ],
    { env: { ...process.env, IPMI_PASSWORD: bmc.password }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let otherEnded = false;
  other.once('exit', () => (otherEnded = true));
  try {
    await new Promise<void>((resolve, reject) => {
      other.stdout!.on('data', (d: Buffer) => d.toString().includes('SOL Session operational') && resolve());
      other.once('exit', (code) => reject(new Error(`ipmitool sol activate exited with ${code}`)));
    });
    await openConsoleTab(page);
    await page.getByRole('button', { name: 'Open console' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'already active' }).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(state(page)).toHaveAttribute('data-state', 'ended');

    await page.getByRole('button', { name: 'Force deactivate and reconnect' }).click();
    await expect(state(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    // The taken-over session shows the serial line (a fresh terminal: nothing on it is from before the takeover)...
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('serial-tick');
    // ...and carries keystrokes. ipmi_sim keeps its inbound SOL sequence number across activations and drops a new
    // session's first packet when it repeats the last one it took (the first test typed before): typed again each
    // second until the echo shows.
    await pane(page).locator('.xterm-helper-textarea').focus();
    await expect(async () => {
      if (!(await screenText(page)).includes('[echo]after takeover')) {
        await page.keyboard.type('after takeover');
        await page.keyboard.press('Enter');
      }
      expect(await screenText(page)).toContain('[echo]after takeover');
    }).toPass({ timeout: 20_000, intervals: [1000] });
    await expect(page.getByRole('alert').filter({ hasText: 'already active' })).toHaveCount(0);

    await closeConsole(page);
  } finally {
    if (other.pid && !otherEnded) stopPid(other.pid);
  }
});
