import type { Host } from '../../../../common/domain/host';

export type Grouping = 'layer' | 'cluster';

/** A node of the navigation tree: a host (`h:<id>`) or, when grouping by cluster, a cluster (`c:<name>`). */
interface TreeNode {
  key: string;
  host: Host | null;
  /** For cluster nodes: the cluster name ('' = hosts in no cluster). */
  cluster: string | null;
  children: string[];
}

export interface Forest {
  roots: string[];
  nodes: Map<string, TreeNode>;
}

export interface TreeRow {
  node: TreeNode;
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean | null;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: Host, b: Host) => collator.compare(a.name, b.name);
export const hostKey = (id: number) => `h:${id}`;

/** Bare metal at the roots, each host's VMs under it (by `parentId`), their VMs under them, and so on. */
function byParent(hosts: readonly Host[]): Forest {
  const nodes = new Map<string, TreeNode>();
  const ids = new Set(hosts.map((h) => h.id));
  for (const host of [...hosts].sort(byName)) {
    nodes.set(hostKey(host.id), { key: hostKey(host.id), host, cluster: null, children: [] });
  }
  const roots: string[] = [];
  for (const node of nodes.values()) {
    const parentId = node.host!.parentId;
    if (parentId !== null && ids.has(parentId) && parentId !== node.host!.id)
      nodes.get(hostKey(parentId))!.children.push(node.key);
    else roots.push(node.key);
  }
  return { roots, nodes };
}

/** One node per cluster (and one for hosts in none), hosts listed flat by layer then name. */
function byCluster(hosts: readonly Host[]): Forest {
  const nodes = new Map<string, TreeNode>();
  const sorted = [...hosts].sort((a, b) => a.layer - b.layer || byName(a, b));
  for (const host of sorted) {
    const key = `c:${host.cluster ?? ''}`;
    let group = nodes.get(key);
    if (!group) nodes.set(key, (group = { key, host: null, cluster: host.cluster ?? '', children: [] }));
    group.children.push(hostKey(host.id));
    nodes.set(hostKey(host.id), { key: hostKey(host.id), host, cluster: null, children: [] });
  }
  const roots = [...nodes.values()]
    .filter((n) => n.host === null)
    .sort((a, b) => (a.cluster === '' ? 1 : b.cluster === '' ? -1 : collator.compare(a.cluster!, b.cluster!)))
    .map((n) => n.key);
  return { roots, nodes };
}

export function buildForest(hosts: readonly Host[], grouping: Grouping): Forest {
  return grouping === 'layer' ? byParent(hosts) : byCluster(hosts);
}

/** The rows a reader sees: depth-first, skipping the children of collapsed nodes. */
export function visibleRows(forest: Forest, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (keys: string[], level: number) => {
    keys.forEach((key, i) => {
      const node = forest.nodes.get(key);
      if (!node || seen.has(key)) return;
      seen.add(key);
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren ? !collapsed.has(key) : null;
      rows.push({ node, level, posInSet: i + 1, setSize: keys.length, expanded });
      if (expanded) walk(node.children, level + 1);
    });
  };
  walk(forest.roots, 1);
  return rows;
}

/** The hosts of a node and everything below it: what the table shows when that node is chosen. */
export function subtreeHostIds(forest: Forest, key: string): Set<number> {
  const ids = new Set<number>();
  const stack = [key];
  while (stack.length > 0) {
    const node = forest.nodes.get(stack.pop()!);
    if (!node) continue;
    if (node.host) {
      if (ids.has(node.host.id)) continue;
      ids.add(node.host.id);
    }
    stack.push(...node.children);
  }
  return ids;
}

/** The keys of a host's ancestors, to expand them when the host is revealed. */
export function ancestorKeys(forest: Forest, key: string): string[] {
  const parentOf = new Map<string, string>();
  for (const node of forest.nodes.values()) for (const child of node.children) parentOf.set(child, node.key);
  const keys: string[] = [];
  for (let k = parentOf.get(key); k !== undefined && !keys.includes(k); k = parentOf.get(k)) keys.push(k);
  return keys;
}
