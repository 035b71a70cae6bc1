import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { startLabvisor } from '../e2e/support/labvisorServer';
import { startX11vnc } from '../lab/vnc/vncLab';
import { round } from './stats';

const CONSOLES = 4;

async function jsHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

/** The renderer's side of "4 open consoles": the page's JS heap with none, then with four noVNC consoles open. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'labvisor-bench-consoles-'));
  const [vnc, server] = await Promise.all([startX11vnc(join(dir, 'x11vnc'), '1024x768'), startLabvisor()]);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Consoles' }).click();
    const empty = await jsHeapMb(cdp);
    const views = page.getByRole('navigation', { name: 'Views' });
    for (let i = 0; i < CONSOLES; i++) {
      // An opened console becomes a tab in the terminals' strip: go back to the Consoles view for the next one.
      await views.getByRole('button', { name: 'Consoles' }).click();
      await page.getByRole('button', { name: 'New VNC console…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Open a VNC console' });
      await dialog.getByLabel('Port', { exact: true }).fill(String(vnc.port));
      await dialog.getByRole('button', { name: 'Open' }).click();
      // The new console is the strip's active tab (only the active tab shows its state); the others stay open.
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[role="tab"]')].filter((t) => t.textContent?.startsWith('VNC ')).length >= n &&
          document.querySelector('[data-testid="console-state"]')?.textContent === 'Connected',
        i + 1,
        { timeout: 20_000 },
      );
    }
    const four = await jsHeapMb(cdp);
    return {
      screen: '1024x768',
      consoles: CONSOLES,
      jsHeapEmptyMb: round(empty),
      jsHeapWithConsolesMb: round(four),
      perConsoleMb: round((four - empty) / CONSOLES),
      note: 'renderer JS heap only: typed-array buffers (noVNC keeps a 4 MiB receive queue each) and canvases are outside it',
    };
  } finally {
    await browser.close();
    await server.stop();
    await vnc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
