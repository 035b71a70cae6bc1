import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, round } from './stats';
import { instrumentStreams, openTerminalInPage, typeInTerminal } from './terminalPage';
import { openStreamSocket, startTerminalLab, type TerminalLab } from './terminalLab';
import { atLeast } from './goals';
import { launchUnwatched, pressEnter, targetIdOf } from './unwatchedChromium';

const RUNS = 3;
/** Drawing runs are noisier than transport ones on 2 shared cores: each side's median is of five. */
const RENDER_RUNS = 5;
const RAW_BYTES = 48_000_000; // random bytes; base64 makes ~65 MB of text
const SEQ_TO = 1_500_000; // `seq 1 1500000`: ~10.9 MB, ~12.4 MB through a pty (\n → \r\n)
const MARK = 'DONE-MARK';
const MB = 1024 * 1024;

function sshWall(lab: TerminalLab, extra: string[], command: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('ssh', [...extra, ...lab.sshArgs, command], { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.byteLength));
    child.once('error', reject);
    child.once('close', () => resolve({ ms: performance.now() - t, bytes }));
  });
}

/** Labvisor's stream (ssh2 → pty → WebSocket, acked as the page does) against OpenSSH `ssh host cat bigfile`. */
async function transport(lab: TerminalLab) {
  const file = join(lab.work, 'big.txt');
  execFileSync('sh', ['-c', `head -c ${RAW_BYTES} /dev/urandom | base64 > ${file}; chmod 644 ${file}`]);
  const labvisor: number[] = [];
  const openssh: number[] = [];
  const opensshTty: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const term = await openStreamSocket(lab);
    await term.readUntil((tail) => tail.includes('$ '));
    const t = performance.now();
    term.ws.send(Buffer.from(`cat ${file}; echo DONE""-MARK\n`));
    bytes = await term.readUntil((tail) => tail.includes(`${MARK}\r\n`));
    labvisor.push(performance.now() - t);
    term.ws.close();
    const setup = (await sshWall(lab, [], 'true')).ms;
    const plain = await sshWall(lab, [], `cat ${file}`);
    openssh.push(plain.ms - setup);
    opensshTty.push((await sshWall(lab, ['-tt'], `cat ${file}`)).ms - setup);
  }
  const mbps = (ms: number) => round(bytes / MB / (median([ms]) / 1000));
  const lv = median(labvisor);
  return {
    bytes,
    labvisorMBps: mbps(lv),
    opensshMBps: mbps(median(openssh)),
    opensshTtyMBps: mbps(median(opensshTty)),
    ratioVsOpenssh: round(median(openssh) / lv),
    ratioVsOpensshTty: round(median(opensshTty) / lv),
    note: 'Labvisor goes through a pty (as a terminal must); ssh -tt is the like-for-like OpenSSH figure',
  };
}

/** A bare page with the same xterm.js build, options, theme and addons, fed `seq` output in-page with the same ack window. */
const BASELINE_HTML = `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/xterm.css">
<style>body{margin:0}#t{position:absolute}</style><div id="t"></div>
<script src="/xterm.js"></script><script src="/addon-fit.js"></script><script src="/addon-webgl.js"></script>
<script src="/addon-unicode11.js"></script><script src="/addon-search.js"></script>
<script src="/addon-web-links.js"></script>
<script>
// Same options and addons as Labvisor's terminal; same pacing as the stream: 32 KiB chunks, at most 1 MiB in flight.
// WebGL only when Labvisor's terminal drew with it too (it uses xterm's DOM renderer on a software GL). \`like\`
// false: only fit and unicode11 and xterm's default theme, the reference as measured until session 3.
window.feedSeq = async (seqTo, width, height, webgl, theme, like) => {
  const el = document.getElementById('t');
  el.style.width = width + 'px';
  el.style.height = height + 'px';
  el.replaceChildren();
  const term = new Terminal({
    allowProposedApi: true,
    fontSize: 14,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace',
    scrollback: 10000,
    ...(like && { theme }),
  });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  if (like) term.loadAddon(new SearchAddon.SearchAddon());
  term.loadAddon(new Unicode11Addon.Unicode11Addon());
  term.unicode.activeVersion = '11';
  if (like) term.loadAddon(new WebLinksAddon.WebLinksAddon());
  term.open(el);
  if (webgl) term.loadAddon(new WebglAddon.WebglAddon());
  fit.fit();
  let text = '';
  for (let n = 1; n <= seqTo; n++) text += n + '\\r\\n';
  const data = new TextEncoder().encode(text + 'DONE-MARK\\r\\n');
  const CHUNK = 32 * 1024;
  const t = performance.now();
  await new Promise((resolve) => {
    let sent = 0;
    let done = 0;
    const pump = () => {
      while (sent < data.length && sent - done < 1024 * 1024) {
        const chunk = data.subarray(sent, sent + CHUNK);
        sent += chunk.length;
        term.write(chunk, () => {
          done += chunk.length;
          if (done >= data.length) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const ms = performance.now() - t;
  term.dispose();
  return ms;
};
</script>`;

interface BaselinePage {
  feedSeq(seqTo: number, width: number, height: number, webgl: boolean, theme: Theme, like: boolean): Promise<number>;
}

/** The colours Labvisor's terminal drew with (the rest of its theme, ANSI colours, does not show in `seq` output). */
interface Theme {
  background: string;
  foreground: string;
}

async function serveBaseline(): Promise<{ url: string; close(): void }> {
  const lib = (pkg: string, file: string) => readFileSync(join('node_modules/@xterm', pkg, file));
  const files: Record<string, [Buffer | string, string]> = {
    '/': [BASELINE_HTML, 'text/html'],
    '/xterm.css': [lib('xterm', 'css/xterm.css'), 'text/css'],
    '/xterm.js': [lib('xterm', 'lib/xterm.js'), 'text/javascript'],
    '/addon-fit.js': [lib('addon-fit', 'lib/addon-fit.js'), 'text/javascript'],
    '/addon-webgl.js': [lib('addon-webgl', 'lib/addon-webgl.js'), 'text/javascript'],
    '/addon-unicode11.js': [lib('addon-unicode11', 'lib/addon-unicode11.js'), 'text/javascript'],
    '/addon-search.js': [lib('addon-search', 'lib/addon-search.js'), 'text/javascript'],
    '/addon-web-links.js': [lib('addon-web-links', 'lib/addon-web-links.js'), 'text/javascript'],
  };
  const server = createServer((req, res) => {
    const f = files[req.url ?? '/'];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': f[1] }).end(f[0]);
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** Resolves with the time of the last message once the marker has arrived and xterm has acked all but one window. */
const LABVISOR_DONE = `new Promise((resolve) => {
  const s = window.__stream;
  s.checks.push(() => {
    const met = s.tail.includes('${MARK}\\r\\n') && s.received - s.acked < 64 * 1024;
    if (met) resolve(s.recvAt.at(-1));
    return met;
  });
})`;

async function rendering(lab: TerminalLab) {
  const chrome = await launchUnwatched();
  /** The goal's figures: measured with no DevTools client on the page but a raw one (see unwatchedChromium). */
  const labvisor: number[] = [];
  const inPage: number[] = [];
  /** Labvisor measured with Playwright attached, as until session 4 (its Network domain mirrors every frame). */
  const labvisorWatched: number[] = [];
  /** The reference as measured until session 3: only fit and unicode11, default theme, always WebGL. */
  const inPageWebgl: number[] = [];
  /** The same, with Labvisor's renderer: shows what the theme and the search and web-links addons cost. */
  const inPageBare: number[] = [];
  let bytes = 0;
  let webgl = false;
  let theme: Theme = { background: '', foreground: '' };
  const baseline = await serveBaseline();
  try {
    let browser = await chrome.connect();
    const context = browser.contexts()[0]!;
    let page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 860 });
    await instrumentStreams(page);
    await openTerminalInPage(page, lab);
    webgl = (await page.locator('.terminal-pane.focused .xterm[data-renderer="webgl"]').count()) > 0;
    theme = await page.evaluate(() => {
      const xterm = document.querySelector<HTMLElement>('.terminal-pane.focused .xterm')!;
      // xterm sets its theme's background inline on its scrollable element, the foreground on its rows.
      const painted = [...xterm.querySelectorAll<HTMLElement>('*')].find((e) => e.style.backgroundColor);
      return {
        background: painted?.style.backgroundColor ?? '',
        foreground: getComputedStyle(xterm.querySelector('.xterm-rows')!).color,
      };
    });
    const box = (await page.locator('.terminal-pane.focused .terminal-pane-body').boundingBox())!;
    let bare = await context.newPage();
    await bare.setViewportSize({ width: 1440, height: 860 });
    await bare.goto(baseline.url);
    const labvisorTarget = await targetIdOf(page);
    const bareTarget = await targetIdOf(bare);
    const typeCommand = async () => {
      await page.evaluate(() => (window.__stream.tail = ''));
      await typeInTerminal(page, `seq 1 ${SEQ_TO}; echo DONE""-MARK`);
      return page.evaluate(() => window.__stream.received);
    };
    const feedArgs = (withWebgl: boolean, like: boolean) =>
      JSON.stringify([SEQ_TO, box.width, box.height, withWebgl, theme, like]).slice(1, -1);

    for (let i = 0; i < RENDER_RUNS; i++) {
      // As until session 4: Playwright attached while the flood is drawn.
      await page.bringToFront();
      const watchedFrom = await typeCommand();
      const t = await page.evaluate(() => performance.now());
      const done = page.evaluate<number>(LABVISOR_DONE);
      await page.keyboard.press('Enter');
      labvisorWatched.push((await done) - t);
      bytes = (await page.evaluate(() => window.__stream.received)) - watchedFrom;
      await page.keyboard.type('clear\n');

      // The goal: the same keystroke and end condition with Playwright gone, then the reference the same way.
      const from = await typeCommand();
      await chrome.disconnect(browser);
      const labvisorPage = await chrome.open(labvisorTarget);
      await labvisorPage.send('Page.bringToFront');
      const start = await labvisorPage.evaluate<number>('performance.now()');
      const finished = labvisorPage.evaluate<number>(LABVISOR_DONE);
      await pressEnter(labvisorPage);
      labvisor.push((await finished) - start);
      const got = (await labvisorPage.evaluate<number>('window.__stream.received')) - from;
      // Give or take the prompt's echo, both runs carried the same flood.
      if (Math.abs(got - bytes) > 1024) throw new Error(`the unwatched run got ${got} bytes, the watched one ${bytes}`);
      labvisorPage.close();
      const bareRaw = await chrome.open(bareTarget);
      await bareRaw.send('Page.bringToFront');
      inPage.push(await bareRaw.evaluate<number>(`window.feedSeq(${feedArgs(webgl, true)})`));
      bareRaw.close();

      browser = await chrome.connect();
      const pages = browser.contexts()[0]!.pages();
      page = pages.find((p) => p.url().startsWith(lab.server.origin))!;
      bare = pages.find((p) => p.url() === baseline.url)!;
      await page.bringToFront();
      await page.keyboard.type('clear\n');
      await bare.bringToFront();
      const feed = (withWebgl: boolean, like: boolean) =>
        bare.evaluate(
          ({ seqTo, width, height, withWebgl, theme, like }) =>
            (window as unknown as BaselinePage).feedSeq(seqTo, width, height, withWebgl, theme, like),
          { seqTo: SEQ_TO, width: box.width, height: box.height, withWebgl, theme, like },
        );
      inPageBare.push(await feed(webgl, false));
      if (!webgl) inPageWebgl.push(await feed(true, false));
    }
    await chrome.disconnect(browser);
  } finally {
    await chrome.close();
    baseline.close();
  }
  const lv = median(labvisor);
  const reference = median(inPage);
  const mbps = (ms: number) => round(bytes / MB / (ms / 1000));
  return {
    bytes,
    webgl,
    theme,
    labvisorMBps: mbps(lv),
    inPageMBps: mbps(reference),
    ratio: round(reference / lv),
    labvisorWithPlaywrightAttachedMBps: mbps(median(labvisorWatched)),
    ratioWithPlaywrightAttached: round(reference / median(labvisorWatched)),
    inPageWithoutThemeAndAddonsMBps: mbps(median(inPageBare)),
    ratioVsReferenceWithoutThemeAndAddons: round(median(inPageBare) / lv),
    ...(inPageWebgl.length && {
      inPageWebglMBps: mbps(median(inPageWebgl)),
      ratioVsWebglReference: round(median(inPageWebgl) / lv),
    }),
    note:
      "The reference has Labvisor's theme, search and web-links addons and renderer (DOM on a software GL, " +
      'webglChoice). Both sides of the goal are timed with no Playwright attached (a raw DevTools session only): ' +
      "Playwright's Network domain mirrors every WebSocket frame to the bench, which cost the Labvisor page ~0.25 s " +
      'of main thread per run and that no user pays. Kept as information: Labvisor with Playwright attached (as ' +
      'until session 4), the reference without theme and those addons, and the always-WebGL one (until session 3)',
  };
}

/**
 * Bulk SSH output: through Labvisor's stream transport against OpenSSH, and rendered by xterm.js in Chromium
 * against the same xterm.js fed the same bytes inside the page.
 */
export async function run() {
  const lab = await startTerminalLab();
  try {
    const transported = await transport(lab);
    const rendered = await rendering(lab);
    return {
      transport: transported,
      rendering: rendered,
      goals: [
        atLeast('xterm bulk output vs the same xterm fed in-page', rendered.ratio, 0.9, '×', {
          labvisor: `${rendered.labvisorMBps} MB/s`,
          reference: `${rendered.inPageMBps} MB/s`,
        }),
      ],
    };
  } finally {
    await lab.stop();
  }
}
