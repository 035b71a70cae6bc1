import type { AlertRule } from '../../../../common/contract/metrics';

/** Metrics a threshold rule can watch (docs/metrics.md); labelled ones (`fs.usedPercent`) alert per label. */
export const RULE_METRICS = [
  'cpu.percent',
  'cpu.iowait',
  'cpu.steal',
  'mem.percent',
  'fs.usedPercent',
  'load.1',
  'load.5',
  'load.15',
  'disk.busyPercent',
  'psi.cpu.some',
  'psi.memory.some',
  'psi.io.some',
  'vm.cpuPercentVcpus',
  'vm.cpuPercentHost',
] as const;

/** The editor's fields, all text as typed; turned into a rule change by `ruleChange`. */
export interface RuleDraft {
  name: string;
  kind: AlertRule['kind'];
  metric: string;
  op: 'above' | 'below';
  threshold: string;
  forMinutes: string;
  hosts: string;
  clusters: string;
  tags: string;
  quietFrom: string;
  quietTo: string;
  enabled: boolean;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export function draftOf(rule: AlertRule | null, hostName: (id: number) => string): RuleDraft {
  return {
    name: rule?.name ?? '',
    kind: rule?.kind ?? 'threshold',
    metric: rule?.metric ?? RULE_METRICS[0],
    op: rule?.op ?? 'above',
    threshold: rule?.threshold === null || rule === null ? '' : String(rule.threshold),
    forMinutes: rule ? String(rule.forSec / 60) : '5',
    hosts: (rule?.scope.hostIds ?? []).map(hostName).join(', '),
    clusters: (rule?.scope.clusters ?? []).join(', '),
    tags: (rule?.scope.tags ?? []).join(', '),
    quietFrom: rule?.quietHours?.from ?? '',
    quietTo: rule?.quietHours?.to ?? '',
    enabled: rule?.enabled ?? true,
  };
}

/**
 * The draft as `metrics.saveAlertRule` input. Host names that match no host are returned as `unknownHosts`
 * (nothing is saved); every other value is left for the server's schema to judge, so the errors are its own.
 */
export function ruleChange(
  draft: RuleDraft,
  hostId: (name: string) => number | undefined,
): { unknownHosts: string[]; change: Omit<AlertRule, 'id'> } {
  const names = list(draft.hosts);
  const unknownHosts = names.filter((n) => hostId(n) === undefined);
  const threshold = draft.kind === 'threshold';
  const quiet = draft.quietFrom || draft.quietTo;
  return {
    unknownHosts,
    change: {
      name: draft.name,
      kind: draft.kind,
      metric: threshold ? draft.metric : null,
      op: threshold ? draft.op : null,
      threshold: threshold ? (draft.threshold.trim() === '' ? Number.NaN : Number(draft.threshold)) : null,
      forSec: Math.round(Number(draft.forMinutes) * 60),
      scope: {
        hostIds: names.map(hostId).filter((id): id is number => id !== undefined),
        clusters: list(draft.clusters),
        tags: list(draft.tags),
      },
      quietHours: quiet ? { from: draft.quietFrom, to: draft.quietTo } : null,
      enabled: draft.enabled,
    },
  };
}
