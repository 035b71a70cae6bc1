import { z } from 'zod';
import { SafeLine, TagText } from '../domain/fieldGrammar';
import { mutation, query } from './define';

/** A host name or alias, or its id. */
const HostRef = z.union([z.string().trim().min(1).max(253), z.number().int().positive()]);
const HostId = z.number().int().positive();

export const REACH_STATES = ['up', 'down', 'unknown'] as const;
export const ReachState = z.enum(REACH_STATES);
export type ReachState = z.infer<typeof ReachState>;

export const Reachability = z.object({
  hostId: HostId,
  state: ReachState,
  /** ISO time of the last change of state; null while never probed. */
  since: z.string().nullable(),
  /** Why it is down or unknown (the probe's or the sampler's error). */
  message: z.string(),
});
export type Reachability = z.infer<typeof Reachability>;

export const COLLECTOR_STATES = ['off', 'starting', 'collecting', 'retrying', 'failed'] as const;
export const CollectorState = z.object({
  hostId: HostId,
  state: z.enum(COLLECTOR_STATES),
  intervalSec: z.number().int().nullable(),
  message: z.string(),
});
export type CollectorState = z.infer<typeof CollectorState>;

/**
 * One sample of a host (or VM): series key → value. A key is a metric name (`cpu.percent`) optionally followed by
 * one label in braces (`net.rxBps{eth0}`, `fs.usedPercent{/var}`); docs/metrics.md lists them.
 */
const MetricSample = z.object({
  hostId: HostId,
  /** Unix milliseconds when Labvisor received it. */
  at: z.number(),
  values: z.record(z.string(), z.number()),
});
type MetricSample = z.infer<typeof MetricSample>;

export const HISTORY_RANGES = ['15m', '1h', '24h', '7d', '30d'] as const;
export const HistoryRange = z.enum(HISTORY_RANGES);
export type HistoryRange = z.infer<typeof HistoryRange>;

export const SeriesPoints = z.object({
  key: z.string(),
  /** [unix seconds, average, maximum]; raw samples have average = maximum. */
  points: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
export type SeriesPoints = z.infer<typeof SeriesPoints>;

export const HostHistory = z.object({
  hostId: HostId,
  hostName: z.string(),
  range: HistoryRange,
  /** Seconds per point of the tier read; 0 for raw samples. */
  stepSec: z.number(),
  series: z.array(SeriesPoints),
});
export type HostHistory = z.infer<typeof HostHistory>;

export const HostLatest = z.object({
  hostId: HostId,
  hostName: z.string(),
  reachability: Reachability,
  collector: CollectorState,
  /** Unix milliseconds of the latest sample; null when there is none. */
  at: z.number().nullable(),
  values: z.record(z.string(), z.number()),
});
export type HostLatest = z.infer<typeof HostLatest>;

export const HostOverview = z.object({
  hostId: HostId,
  hostName: z.string(),
  kind: z.string(),
  parentId: z.number().int().nullable(),
  reachability: Reachability,
  collector: CollectorState,
  at: z.number().nullable(),
  /** The headline values (cpu.percent, mem.percent, net.rxBps, ... and vm.* for VMs). */
  values: z.record(z.string(), z.number()),
  /** The last few minutes of CPU and memory percent for sparklines, oldest first. */
  spark: z.object({ cpu: z.array(z.number()), mem: z.array(z.number()) }),
});
export type HostOverview = z.infer<typeof HostOverview>;

const RankedVm = z.object({ hostId: HostId, hostName: z.string(), value: z.number() });
/** What the Metrics dashboard shows; see `metrics.dashboard`. */
export const MetricsDashboard = z.object({
  /** Every host that is down. */
  down: z.array(HostOverview),
  /** The busiest hosts by CPU, busiest first. */
  busiest: z.array(HostOverview),
  /** The largest VMs by host CPU, resident memory, disk and network throughput, largest first. */
  vms: z.object({ cpu: z.array(RankedVm), mem: z.array(RankedVm), disk: z.array(RankedVm), net: z.array(RankedVm) }),
  /** vCPUs of each hypervisor's running VMs over its CPUs, where both are known. */
  overcommit: z.array(z.object({ host: z.string(), vcpus: z.number(), cpus: z.number(), ratio: z.string() })),
});
export type MetricsDashboard = z.infer<typeof MetricsDashboard>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** A daily window of local time (it may wrap past midnight, `22:00`–`07:00`); `from` = `to` is refused. */
export const QuietHours = z
  .object({ from: ClockTime, to: ClockTime })
  .refine((q) => q.from !== q.to, { message: 'quiet hours must not start and end at the same time' });
export type QuietHours = z.infer<typeof QuietHours>;

export const MetricsSettings = z.object({
  /** Sampling interval for hosts nobody is looking at. */
  backgroundIntervalSec: z.number().int().min(5).max(3600),
  /** Hosts whose collection is switched off. */
  disabledHostIds: z.array(HostId),
  /** Quiet hours for every rule: alerts are still recorded and listed, but nobody is notified. */
  quietHours: QuietHours.nullable(),
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

const MetricsStorage = z.object({
  bytes: z.number().int(),
  series: z.number().int(),
  blocks: z.number().int(),
});

const ALERT_KINDS = ['unreachable', 'threshold', 'vmState', 'bmc'] as const;
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;

/** Which hosts a rule watches: a host in any list is in scope; all lists empty means every host. */
const AlertScope = z.object({
  hostIds: z.array(HostId).max(10_000),
  clusters: z.array(SafeLine(64).pipe(z.string().min(1))).max(1000),
  tags: z.array(TagText).max(1000),
});

const AlertRuleFields = z.object({
  name: SafeLine(100).pipe(z.string().min(1, 'a rule needs a name')),
  kind: z.enum(ALERT_KINDS),
  /** For `threshold`: a metric name of docs/metrics.md; labelled series (`fs.usedPercent`) alert per label. */
  metric: z
    .string()
    .max(100)
    .regex(/^[a-z]+(\.[a-zA-Z0-9]+)+$/, 'expected a metric name of docs/metrics.md, such as cpu.percent')
    .nullable(),
  op: z.enum(['above', 'below']).nullable(),
  threshold: z.number().finite().nullable(),
  /** Unreachable for this long, or the average over this long past the threshold, before it fires. */
  forSec: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400),
  scope: AlertScope,
  /** No notifications between these local times (the alert still fires and is listed). */
  quietHours: QuietHours.nullable(),
  enabled: z.boolean(),
});

export const AlertRule = AlertRuleFields.extend({ id: z.number().int().positive() });
export type AlertRule = z.infer<typeof AlertRule>;

export const Alert = z.object({
  id: z.number().int().positive(),
  ruleId: z.number().int().positive(),
  ruleName: z.string(),
  kind: z.enum(ALERT_KINDS),
  hostId: HostId,
  hostName: z.string(),
  /** The series label (a mount point for a full filesystem), else ''. */
  label: z.string(),
  state: z.enum(ALERT_STATES),
  value: z.number().nullable(),
  message: z.string(),
  startedAt: z.string(),
  firedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const metricsCommands = {
  'metrics.latest': query(z.object({ host: HostRef }), HostLatest),
  'metrics.history': query(
    z.object({
      host: HostRef,
      range: HistoryRange.default('1h'),
      /** Only these series keys (or key prefixes ending in `*`); all when omitted. */
      keys: z.array(z.string().min(1).max(300)).max(200).optional(),
    }),
    HostHistory,
  ),
  'metrics.overview': query(
    z.object({
      /** Only these hosts (the rows on screen), in the order asked, unknown ones left out; every host when omitted. */
      hostIds: z.array(HostId).max(1000).optional(),
    }),
    z.array(HostOverview),
  ),
  /**
   * The dashboard's view, worked out by the server from every host's overview: only what it shows crosses the
   * socket (the whole overview of a 10,000-host inventory was megabytes every poll).
   */
  'metrics.dashboard': query(z.object({ top: z.number().int().min(1).max(100).default(10) }), MetricsDashboard),
  /**
   * Samples these hosts every `intervalSec` (1 s for a visible chart) and sends their `metrics.sample` events to
   * the calling window or socket (only clients watching a host get its samples); a watch lapses unless renewed
   * (same `watchId`) within `leaseSec`, and ends when its client disconnects.
   */
  'metrics.watch': query(
    z.object({
      hostIds: z.array(HostId).min(1).max(500),
      intervalSec: z.number().int().min(1).max(60).default(1),
      watchId: z.string().max(64).optional(),
    }),
    z.object({ watchId: z.string(), leaseSec: z.number() }),
  ),
  'metrics.unwatch': query(z.object({ watchId: z.string().max(64) }), z.object({ stopped: z.boolean() })),
  'metrics.settings': query(z.object({}), MetricsSettings.extend({ storage: MetricsStorage })),
  'metrics.setSettings': mutation(MetricsSettings.partial(), MetricsSettings),
  /** Open alerts (pending, firing) first, then the most recent resolved ones. */
  'metrics.alerts': query(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({
      alerts: z.array(Alert),
      unacknowledged: z.number().int(),
      /** Unix ms of the newest stored sample of any host: alerts are only as current as this. */
      lastSampleAt: z.number().nullable(),
    }),
  ),
  'metrics.acknowledgeAlert': mutation(z.object({ id: z.number().int().positive() }), Alert),
  'metrics.alertRules': query(z.object({}), z.array(AlertRule)),
  /**
   * Creates (no id) or changes (id: only the fields given, scope list by list) a rule; the result is validated
   * whole (a threshold rule needs a metric, an operator and a threshold).
   */
  'metrics.saveAlertRule': mutation(
    AlertRuleFields.partial().extend({
      id: z.number().int().positive().optional(),
      scope: AlertScope.partial().optional(),
    }),
    AlertRule,
  ),
  'metrics.deleteAlertRule': mutation(
    z.object({ id: z.number().int().positive() }),
    z.object({ removed: z.boolean() }),
  ),
} as const;

export const metricsEvents = {
  'metrics.sample': MetricSample,
  'metrics.reachability': Reachability,
  'metrics.collector': CollectorState,
  /** Every alert transition; `notify` when a person should be told now (firing, outside quiet hours). */
  'metrics.alert': Alert.extend({ notify: z.boolean() }),
} as const;
