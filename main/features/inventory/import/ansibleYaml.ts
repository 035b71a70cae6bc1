import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { AnsibleInventory, type Vars } from './ansibleGroups';
import { expandRange } from './ansibleIni';

// The YAML parser loads with the first YAML inventory read (synchronously, as the importer is), not with every
// CLI command.
let yaml: typeof Yaml | null = null;
const loadYaml = () => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** Reads a YAML inventory: `all: {hosts, vars, children: {group: {hosts, vars, children}}}`. */
export function readAnsibleYaml(text: string): AnsibleInventory {
  const { isMap, isScalar, LineCounter, parseDocument } = loadYaml();
  const inv = new AnsibleInventory();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  for (const e of doc.errors) inv.errors.push(`line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
  if (inv.errors.length) return inv;
  if (!isMap(doc.contents)) {
    inv.errors.push('the YAML file is not an Ansible inventory (expected groups at the top level)');
    return inv;
  }
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const readGroup = (name: string, node: unknown) => {
    const group = inv.group(name);
    if (!isMap(node)) return;
    const hosts = node.get('hosts', true);
    if (isMap(hosts)) {
      for (const pair of hosts.items) {
        const hostName = String(isScalar(pair.key) ? pair.key.value : pair.key);
        for (const expanded of expandRange(hostName))
          group.hosts.push({ name: expanded, line: lineOf(pair.key), vars: scalars(pair.value) });
      }
    }
    Object.assign(group.vars, scalars(node.get('vars', true)));
    const children = node.get('children', true);
    if (isMap(children)) {
      for (const pair of children.items) {
        const child = String(isScalar(pair.key) ? pair.key.value : pair.key);
        group.children.push(child);
        readGroup(child, pair.value);
      }
    }
  };
  for (const pair of (doc.contents as Yaml.YAMLMap).items) {
    readGroup(String(isScalar(pair.key) ? pair.key.value : pair.key), pair.value);
  }
  return inv;
}

function scalars(node: unknown): Vars {
  const { isMap, isScalar } = loadYaml();
  const vars: Vars = {};
  if (!isMap(node)) return vars;
  for (const pair of node.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null)
      vars[String(pair.key.value)] = String(pair.value.value);
  }
  return vars;
}
