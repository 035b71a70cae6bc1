import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { AnsibleInventory, expandRange, splitHostPort } from './ansibleGroups';
import type { Vars } from './ansibleList';

/** Reads a YAML inventory: `all: {hosts, vars, children: {group: {hosts, vars, children}}}`; anchors and `<<:`. */
export function readAnsibleYaml(text: string): AnsibleInventory {
  const inv = new AnsibleInventory();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true });
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
  const toVars = (node: unknown): Vars => {
    const js: unknown = isMap(node) ? node.toJS(doc) : null;
    return js && typeof js === 'object' && !Array.isArray(js) ? (js as Vars) : {};
  };
  const readGroup = (name: string, node: unknown) => {
    const group = inv.group(name);
    if (!isMap(node)) return;
    const hosts = node.get('hosts', true);
    if (isMap(hosts)) {
      for (const pair of hosts.items) {
        const entry = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const vars = toVars(pair.value);
        for (const expanded of expandRange(entry)) {
          const { name: hostName, port } = splitHostPort(expanded);
          group.hosts.push({
            name: hostName,
            line: lineOf(pair.key),
            vars: port === null ? vars : { ansible_port: port, ...vars },
          });
        }
      }
    }
    Object.assign(group.vars, toVars(node.get('vars', true)));
    const children = node.get('children', true);
    if (isMap(children)) {
      for (const pair of children.items) {
        const child = String(isScalar(pair.key) ? pair.key.value : pair.key);
        if (!group.children.includes(child)) group.children.push(child);
        readGroup(child, pair.value);
      }
    }
  };
  for (const pair of (doc.contents as YAMLMap).items) {
    readGroup(String(isScalar(pair.key) ? pair.key.value : pair.key), pair.value);
  }
  return inv;
}
