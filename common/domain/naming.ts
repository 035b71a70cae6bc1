import { z } from 'zod';
import type { HostKind } from './host';

/**
 * Naming conventions drive grouping. The default is this lab's rule:
 *   zcloud        one field: a physical host
 *   pi-master-1   three fields: a physical cluster (kind, role, index)
 *   z-dev         two fields: a single-purpose VM of layer `z`
 *   z-o7k-n-1     four fields: layer, cluster, role, index
 * The result is a suggestion shown (and editable) in the import preview, never silently trusted.
 */
export const NamingRules = z.object({
  separator: z.string().min(1).max(3).default('-'),
  /** A VM name's first field names its layer and the host it runs on (`z` = layer 1 on `zcloud`). */
  layerPrefixes: z
    .record(z.string(), z.object({ layer: z.number().int().min(1).max(9), parent: z.string().nullable() }))
    .default({ z: { layer: 1, parent: 'zcloud' } }),
  clusters: z.record(z.string(), z.string()).default({
    o7k: 'OpenStack',
    k8s: 'Kubernetes',
    okd: 'OpenShift (OKD)',
    o7t: 'OpenShift',
    b: 'Base services',
  }),
  roles: z
    .record(z.string(), z.string())
    .default({ m: 'Control plane', n: 'Node', master: 'Control plane', worker: 'Worker' }),
});
export type NamingRules = z.infer<typeof NamingRules>;
export const DEFAULT_NAMING_RULES: NamingRules = NamingRules.parse({});

const NAME_PATTERNS = ['physical', 'physical-cluster', 'layer-purpose', 'layer-cluster-role-index', 'other'] as const;

export const ParsedName = z.object({
  pattern: z.enum(NAME_PATTERNS),
  kind: z.enum(['physical', 'vm', 'container', 'device']),
  layer: z.number().int(),
  parentName: z.string().nullable(),
  cluster: z.string().nullable(),
  role: z.string().nullable(),
  index: z.number().int().nullable(),
});
export type ParsedName = z.infer<typeof ParsedName>;

const INDEX = /^\d+$/;

export function parseHostName(name: string, rules: NamingRules = DEFAULT_NAMING_RULES): ParsedName {
  const fields = name.trim().split(rules.separator);
  const prefix = rules.layerPrefixes[fields[0] ?? ''];
  const physical = (over: Partial<ParsedName>): ParsedName => ({
    pattern: 'physical',
    kind: 'physical' satisfies HostKind,
    layer: 0,
    parentName: null,
    cluster: null,
    role: null,
    index: null,
    ...over,
  });
  if (fields.length === 1) return physical({});
  if (prefix && fields.length === 2) {
    return physical({
      pattern: 'layer-purpose',
      kind: 'vm',
      layer: prefix.layer,
      parentName: prefix.parent,
      role: fields[1],
    });
  }
  if (prefix && fields.length === 4 && INDEX.test(fields[3]!)) {
    return physical({
      pattern: 'layer-cluster-role-index',
      kind: 'vm',
      layer: prefix.layer,
      parentName: prefix.parent,
      cluster: fields[1]!,
      role: fields[2]!,
      index: Number(fields[3]),
    });
  }
  if (!prefix && fields.length === 3 && INDEX.test(fields[2]!)) {
    return physical({ pattern: 'physical-cluster', cluster: fields[0]!, role: fields[1]!, index: Number(fields[2]) });
  }
  return physical({
    pattern: 'other',
    kind: prefix ? 'vm' : 'physical',
    layer: prefix?.layer ?? 0,
    parentName: prefix?.parent ?? null,
  });
}
