import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { startLabvisor } from '../e2e/support/labvisorServer';
import { measureHostsUi } from '../e2e/support/measureHostsUi';
import { seedHosts } from '../e2e/support/seedHosts';
import { median, round } from './stats';
import { atMost } from './goals';

const HOSTS = 10_000;
const RUNS = 3;
const FILTERS = ['o7k', 'o7k-m-1', 'k8s-n', ''];

/**
 * The Hosts view with 10,000 hosts in Chromium: first render of the table and filter-to-render latency, next to
 * the same measures with 100 hosts in the same run (the ratio says how much the inventory's size costs).
 */
export async function run() {
  const browser = await chromium.launch(CHROMIUM);
  const measure = async (count: number) => {
    const server = await startLabvisor();
    try {
      const hosts = await seedHosts(server, count);
      const first: number[] = [];
      const filter: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // tsx compiles with esbuild's keepNames, which wraps functions sent to page.evaluate in a __name helper
        // that exists only in Node; give the page the same no-op.
        await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
        const t = await measureHostsUi(page, { url: server.url, filters: FILTERS });
        first.push(t.firstRenderMs);
        filter.push(...t.filters.map((f) => f.ms));
        await page.close();
      }
      return { hosts, firstRenderMs: round(median(first)), filterToRenderMs: round(median(filter)) };
    } finally {
      await server.stop();
    }
  };
  try {
    const large = await measure(HOSTS);
    const small = await measure(100);
    const ms = (n: number) => `${n} ms`;
    return {
      runs: RUNS,
      filters: FILTERS,
      large,
      small,
      goals: [
        atMost(
          `hosts first render, ${large.hosts} vs ${small.hosts} hosts`,
          round(large.firstRenderMs / small.firstRenderMs),
          1.2,
          '×',
          { labvisor: ms(large.firstRenderMs), reference: ms(small.firstRenderMs) },
        ),
        atMost(
          `hosts filter → render, ${large.hosts} vs ${small.hosts} hosts`,
          round(large.filterToRenderMs / small.filterToRenderMs),
          1.2,
          '×',
          { labvisor: ms(large.filterToRenderMs), reference: ms(small.filterToRenderMs) },
        ),
      ],
    };
  } finally {
    await browser.close();
  }
}
