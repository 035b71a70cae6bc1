import type { Host } from '../../../common/domain/host';
import type { PowerTarget } from '../../../common/contract/power';
import { AppError } from '../../../common/result';

/**
 * Expands targets into hosts, in the order given and without duplicates: a host id, a host name or alias, a
 * cluster name, or a tag (names case-insensitive). A target matching nothing is an error naming it.
 */
export function resolveTargets(targets: PowerTarget[], hosts: Host[]): Host[] {
  const out = new Map<number, Host>();
  const missing: string[] = [];
  for (const target of targets) {
    const matched = matches(target, hosts);
    if (matched.length === 0) missing.push(String(target));
    for (const host of matched) out.set(host.id, host);
  }
  if (missing.length)
    throw new AppError('not_found', `no host, cluster or tag named ${missing.join(', ')}`, { missing });
  return [...out.values()];
}

function matches(target: PowerTarget, hosts: Host[]): Host[] {
  if (typeof target === 'number') return hosts.filter((h) => h.id === target);
  const t = target.toLowerCase();
  const byName = hosts.filter((h) => h.name.toLowerCase() === t || h.aliases.some((a) => a.name.toLowerCase() === t));
  if (byName.length) return byName;
  const byCluster = hosts.filter((h) => h.cluster?.toLowerCase() === t);
  if (byCluster.length) return byCluster;
  return hosts.filter((h) => h.tags.some((tag) => tag.toLowerCase() === t));
}
