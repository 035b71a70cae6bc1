import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { valueImports } from '../../common/text/valueImports';
import { CLI_START_MODULES } from './startModules';

/*
 * `labvisor hosts list` (and the core every door opens first) must not load the machine features: their modules
 * (SSH, Redfish over node:http/tls, IPMI over dgram, libvirt, VNC with zlib, metrics) and their schemas load with
 * the first command that needs one (docs/architecture.md, "What a start loads"). This walks the static, non-type
 * imports from what that command loads, as the bundler follows them, and fails with the chain that reaches one.
 * `import()` is where lazy loading starts, so it is not followed.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HOSTS_LIST_LOADS: readonly string[] = CLI_START_MODULES;
const MACHINE_MODULES = [
  'main/app/machineServices.ts',
  'main/features/ssh/',
  'main/features/power/',
  'main/features/bmc/',
  'main/features/virt/',
  'main/features/metrics/',
  'main/features/console/',
  'main/drivers/',
  'common/contract/ssh.ts',
  'common/contract/power.ts',
  'common/contract/bmc.ts',
  'common/contract/virt.ts',
  'common/contract/metrics.ts',
  'common/contract/console.ts',
  'common/contract/terminal.ts',
];
const MACHINE_PACKAGES = ['node:http', 'node:https', 'node:tls', 'node:zlib', 'node:dgram', 'node:net', 'ssh2', 'ws'];

function resolveLocal(from: string, specifier: string): string | null {
  const base = join(dirname(join(root, from)), specifier);
  const hit = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && p.endsWith('.ts'));
  return hit ? relative(root, hit) : null;
}

describe('what `labvisor hosts list` loads', () => {
  it('reaches no machine feature, driver, machine schema or network library', () => {
    const via = new Map<string, string | null>(HOSTS_LIST_LOADS.map((f) => [f, null]));
    const queue = [...HOSTS_LIST_LOADS];
    const reached: string[] = [];
    const chain = (file: string) => {
      const steps: string[] = [];
      for (let f: string | null = file; f; f = via.get(f) ?? null) steps.unshift(f);
      return steps.join(' → ');
    };
    while (queue.length) {
      const file = queue.shift()!;
      if (MACHINE_MODULES.some((m) => file.startsWith(m))) reached.push(chain(file));
      for (const specifier of valueImports(file, readFileSync(join(root, file), 'utf8'))) {
        if (!specifier.startsWith('.')) {
          if (MACHINE_PACKAGES.includes(specifier)) reached.push(`${chain(file)} → ${specifier}`);
          continue;
        }
        const target = resolveLocal(file, specifier);
        if (!target || via.has(target)) continue;
        via.set(target, file);
        queue.push(target);
      }
    }
    expect(via.size).toBeGreaterThan(20);
    expect(reached).toEqual([]);
  });
});
