import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goalTable, type Goal } from './goals';

/**
 * `npm run bench [-- WORD...]`: runs the benchmarks whose name or group contains one of the words (all of them
 * without words), writes bench-results/NAME.json and bench-results/summary.json with every goal
 * (`goals: [{name, value, goal, met}]`), and prints the goals as a table. Every benchmark measures Labvisor and
 * its reference side by side in the same run (these machines are shared and noisy, so only ratios taken
 * together mean anything).
 */
interface Benchmark {
  group: string;
  load: () => Promise<{ run(): Promise<object> }>;
}
const BENCHMARKS: Record<string, Benchmark> = {
  rendererBundle: { group: 'renderer', load: () => import('./rendererBundle') },
  cliStart: { group: 'cli', load: () => import('./cliStart') },
  inventoryImport: { group: 'hosts', load: () => import('./inventoryImport') },
  serveColdStart: { group: 'hosts', load: () => import('./serveColdStart') },
  hostsUi: { group: 'hosts', load: () => import('./hostsUi') },
  powerFanout: { group: 'power', load: () => import('./powerFanout') },
  redfishCost: { group: 'power bmc', load: () => import('./redfishCost') },
  terminalThroughput: { group: 'terminal', load: () => import('./terminalThroughput') },
  keystrokeLatency: { group: 'terminal', load: () => import('./keystrokeLatency') },
  virtDiscovery: { group: 'virt', load: () => import('./virtDiscovery') },
  hostMetrics: { group: 'metrics', load: () => import('./hostMetrics') },
  vncConsole: { group: 'console', load: () => import('./vncConsole') },
  vncConsolesPage: { group: 'console', load: () => import('./vncConsolesPage') },
};

const words = process.argv.slice(2).map((w) => w.toLowerCase());
const matches = (name: string, word: string) =>
  name.toLowerCase().includes(word) || BENCHMARKS[name]!.group.includes(word);
const unknown = words.filter((w) => !Object.keys(BENCHMARKS).some((name) => matches(name, w)));
if (unknown.length) {
  const known = Object.entries(BENCHMARKS).map(([name, b]) => `${name} (${b.group})`);
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${known.join(', ')}`);
  process.exit(2);
}
const selected = Object.keys(BENCHMARKS).filter((name) => !words.length || words.some((w) => matches(name, w)));

const outDir = join(process.cwd(), 'bench-results');
mkdirSync(outDir, { recursive: true });
const results: Record<string, unknown> = {};
const goals: (Goal & { benchmark: string })[] = [];
let failed = 0;
for (const name of selected) {
  process.stdout.write(`== ${name}\n`);
  try {
    const result = await (await BENCHMARKS[name]!.load()).run();
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
    results[name] = result;
    goals.push(...((result as { goals?: Goal[] }).goals ?? []).map((g) => ({ ...g, benchmark: name })));
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } catch (error) {
    failed++;
    results[name] = { error: String((error as Error)?.stack ?? error) };
    process.stderr.write(`${name} failed: ${String((error as Error)?.stack ?? error)}\n`);
  }
}
const summary = {
  at: new Date().toISOString(),
  node: process.version,
  benchmarks: selected,
  goals,
  allMet: failed === 0 && goals.every((g) => g.met),
  results,
};
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(`\n${goalTable(goals)}`);
const missed = goals.filter((g) => !g.met);
process.stdout.write(
  `${goals.length - missed.length} of ${goals.length} goals met${missed.length ? `; not met: ${missed.map((g) => g.name).join(', ')}` : ''}` +
    `${failed ? `; ${failed} benchmark(s) failed` : ''}\nresults in ${outDir}\n`,
);
process.exitCode = failed ? 1 : 0;
