import { describe, expect, it } from 'vitest';
import { valueImports } from '../../../common/text/valueImports';

/*
 * The first page (what index.html loads before the hosts view paints) must not pull in the libraries that load
 * when first used: zod (validation is main's job; the renderer takes plain values from common/domain/*Values.ts),
 * xterm.js, noVNC, charts. This walks the static, non-type imports from the entry as the bundler does and fails
 * with the chain that reached one. `import()` is where lazy loading starts, so it is not followed.
 */
const LAZY_PACKAGES = ['zod', '@xterm/', '@novnc/', 'uplot'];

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..' && out.length && out.at(-1) !== '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
}

// Every source the entry could reach, as text by path from the repository root (Vite reads them: the renderer
// has no node:fs; its keys are relative to this folder).
const sources = Object.fromEntries(
  Object.entries(
    import.meta.glob(['../**/*.{ts,tsx}', '../../../common/**/*.ts', '!**/*.test.{ts,tsx}'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>,
  ).map(([key, text]) => [normalize(`renderer/src/app/${key}`), text]),
);

function resolve(from: string, specifier: string): string | null {
  const base = normalize(`${from.slice(0, from.lastIndexOf('/'))}/${specifier}`);
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((p) => p in sources) ?? null;
}

describe('the first page', () => {
  it('reaches no library that loads when first used', () => {
    const entry = 'renderer/src/main.tsx';
    expect(sources[entry]).toBeDefined();
    const via = new Map<string, string | null>([[entry, null]]);
    const queue = [entry];
    const reached: string[] = [];
    const chain = (file: string): string => {
      const steps: string[] = [];
      for (let f: string | null = file; f; f = via.get(f) ?? null) steps.unshift(f);
      return steps.join(' → ');
    };
    while (queue.length) {
      const file = queue.shift()!;
      for (const specifier of valueImports(file, sources[file]!)) {
        if (!specifier.startsWith('.')) {
          if (LAZY_PACKAGES.some((p) => specifier === p || specifier.startsWith(p.endsWith('/') ? p : `${p}/`)))
            reached.push(`${chain(file)} → ${specifier}`);
          continue;
        }
        const target = resolve(file, specifier);
        if (!target || via.has(target)) continue;
        via.set(target, file);
        queue.push(target);
      }
    }
    // Sanity: the walk did find the app (the hosts view and the common modules it uses).
    expect([...via.keys()].some((f) => f.endsWith('features/inventory/HostsView.tsx'))).toBe(true);
    expect([...via.keys()].some((f) => f.endsWith('common/domain/hostValues.ts'))).toBe(true);
    expect(reached).toEqual([]);
  });
});
