import type { Page } from '@playwright/test';

export interface MeasureHostsUiOptions {
  /** The server's tokened URL (the first visit trades the token for the cookie). */
  url: string;
  /** Filters typed one after another; each must change the number of rows shown (e.g. 'o7k', 'o7k-m-1', ''). */
  filters: readonly string[];
}

export interface HostsUiTimings {
  /** Rows in the table when it first rendered. */
  hosts: number;
  /** Navigation start → first host row in the DOM, plus one animation frame. */
  firstRenderMs: number;
  /** Per filter: input event → the table's row count changed in the DOM, plus one animation frame. */
  filters: { text: string; ms: number; rows: number }[];
}

const FIRST_ROW = '[role="grid"] [role="row"][aria-rowindex="2"]';

/**
 * Measures the Hosts view in the page itself (performance.now(), no Playwright round trips in the timings):
 * the first render of the table after a navigation and the latency of the filter. Run against a server
 * holding the inventory to measure (10,000 hosts for the benchmark).
 */
export async function measureHostsUi(page: Page, opts: MeasureHostsUiOptions): Promise<HostsUiTimings> {
  await page.goto(opts.url);
  await page.waitForSelector(FIRST_ROW);
  const origin = new URL(opts.url).origin;

  await page.addInitScript((selector) => {
    const w = window as unknown as { __lvFirstRows: Promise<number> };
    w.__lvFirstRows = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now()));
      });
      observer.observe(document, { subtree: true, childList: true });
    });
  }, FIRST_ROW);
  // A real load, not a same-document hash change: leave the page first.
  await page.goto('about:blank');
  await page.goto(`${origin}/#/hosts`);
  const firstRenderMs = await page.evaluate(
    () => (window as unknown as { __lvFirstRows: Promise<number> }).__lvFirstRows,
  );
  // The table paints its first page while the rest of a large inventory streams in: filter the whole of it.
  await page.waitForSelector('[role="grid"]:not([aria-busy])', { timeout: 60_000 });
  const rowCount = () =>
    page.evaluate(() => Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 1) - 1);
  const hosts = await rowCount();

  const filters: HostsUiTimings['filters'] = [];
  for (const text of opts.filters) {
    const ms = await page.evaluate((value) => {
      const input = document.querySelector<HTMLInputElement>('[role="toolbar"] input[type="search"]')!;
      const view = document.querySelector('main')!;
      const count = () => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 'none';
      const before = count();
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`filter "${value}" did not change the rows`)), 30_000);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (count() === before) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(view, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-rowcount'],
        });
        // What typing does: React listens for `input` events and reads the value through the native setter.
        setValue.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, text);
    filters.push({ text, ms, rows: await rowCount() });
  }
  return { hosts, firstRenderMs, filters };
}
