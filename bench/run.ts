import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench [-- NAME...]`: runs each benchmark, writes bench-results/NAME.json and a summary. Every
 * benchmark measures Labvisor and its reference side by side in the same run (these machines are shared and
 * noisy, so only ratios taken together mean anything).
 */
const BENCHMARKS: Record<string, () => Promise<{ run(): Promise<unknown> }>> = {
  inventoryImport: () => import('./inventoryImport'),
  serveColdStart: () => import('./serveColdStart'),
  hostsUi: () => import('./hostsUi'),
  powerFanout: () => import('./powerFanout'),
  terminalThroughput: () => import('./terminalThroughput'),
  keystrokeLatency: () => import('./keystrokeLatency'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const outDir = join(process.cwd(), 'bench-results');
mkdirSync(outDir, { recursive: true });
const summary: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
let failed = 0;
for (const name of wanted.length ? wanted : Object.keys(BENCHMARKS)) {
  process.stdout.write(`== ${name}\n`);
  try {
    const result = await (await BENCHMARKS[name]!()).run();
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
    summary[name] = result;
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } catch (error) {
    failed++;
    summary[name] = { error: String((error as Error)?.stack ?? error) };
    process.stderr.write(`${name} failed: ${String((error as Error)?.stack ?? error)}\n`);
  }
}
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(`results in ${outDir}\n`);
process.exitCode = failed ? 1 : 0;
