import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { atMost } from './goals';
import { round } from './stats';

const DIR = 'out/renderer';

/**
 * The built renderer (npm run build first): the JavaScript a first visit must load before it can paint (the
 * entry script and the chunks index.html preloads) against everything else, loaded when a view first needs it.
 */
export function run() {
  const html = readFileSync(join(DIR, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const kB = (file: string) => statSync(join(DIR, file)).size / 1000;
  const all = readdirSync(join(DIR, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const initialKB = round(
    initial.reduce((sum, f) => sum + kB(f), 0),
    1,
  );
  const lazy = all.filter((f) => !initial.includes(f)).map((f) => ({ file: f, kB: round(kB(f), 1) }));
  return Promise.resolve({
    initial: initial.map((f) => ({ file: f, kB: round(kB(f), 1) })),
    initialKB,
    lazy: lazy.sort((a, b) => b.kB - a.kB),
    totalKB: round(
      all.reduce((sum, f) => sum + kB(f), 0),
      1,
    ),
    goals: [atMost('renderer initial chunk', initialKB, 500, 'kB')],
  });
}
