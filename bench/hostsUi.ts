import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { startLabvisor } from '../e2e/support/labvisorServer';
import { measureHostsUi } from '../e2e/support/measureHostsUi';
import { seedHosts } from '../e2e/support/seedHosts';
import { median, round } from './stats';
import { atMost } from './goals';

const HOSTS = 10_000;
const RUNS = 5;
const FILTERS = ['o7k', 'o7k-m-1', 'k8s-n', ''];

/**
 * The Hosts view with 10,000 hosts in Chromium: first render of the table and filter-to-render latency, next to
 * the same measures with 100 hosts in the same run, interleaved (the ratio says how much the inventory's size costs).
 */
export async function run() {
  const browser = await chromium.launch(CHROMIUM);
  // No collection: 10,000 hosts would otherwise be probed and sampled during the measurement.
  const servers = [await startLabvisor({ collect: false }), await startLabvisor({ collect: false })] as const;
  try {
    const counts = [await seedHosts(servers[0], HOSTS), await seedHosts(servers[1], 100)];
    const first: [number[], number[]] = [[], []];
    const filter: [number[], number[]] = [[], []];
    const byFilter: [Record<string, number[]>, Record<string, number[]>] = [{}, {}];
    // Large and small alternate run by run, so a burst of load on this shared machine hits both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const which of [0, 1] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // tsx compiles with esbuild's keepNames, which wraps functions sent to page.evaluate in a __name helper
        // that exists only in Node; give the page the same no-op.
        await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
        const t = await measureHostsUi(page, { url: servers[which].url, filters: FILTERS });
        first[which].push(t.firstRenderMs);
        filter[which].push(...t.filters.map((f) => f.ms));
        for (const f of t.filters) (byFilter[which][`"${f.text}" → ${f.rows} rows`] ??= []).push(f.ms);
        await page.close();
      }
    }
    const [large, small] = ([0, 1] as const).map((w) => ({
      hosts: counts[w]!,
      firstRenderMs: round(median(first[w])),
      filterToRenderMs: round(median(filter[w])),
      filterMedians: Object.fromEntries(Object.entries(byFilter[w]).map(([k, v]) => [k, round(median(v))])),
    })) as [Measured, Measured];
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
    await Promise.all(servers.map((s) => s.stop()));
  }
}

interface Measured {
  hosts: number;
  firstRenderMs: number;
  filterToRenderMs: number;
  filterMedians: Record<string, number>;
}
