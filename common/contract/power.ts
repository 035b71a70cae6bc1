import { z } from 'zod';
import { BootDevice, DriverKind, PowerAction, PowerState } from '../domain/power';
import { mutation, query } from './define';

/** A host name or alias, a cluster name, a tag, or a host id; names are matched case-insensitively. */
export const PowerTarget = z.union([z.string().trim().min(1).max(253), z.number().int().positive()]);
export type PowerTarget = z.infer<typeof PowerTarget>;
const Targets = z.array(PowerTarget).min(1).max(10_000);

/**
 * Destructive actions (off, soft, reboot, cycle, reset) are refused with `confirmation_required` unless `confirm.hostNames`
 * names every host the targets resolve to; the error's `details` is a `PowerConfirmation` so a UI can ask.
 * Protected hosts also need their name in `forceProtected` (`protected_host` otherwise).
 */
const PowerSafety = z.object({
  confirm: z.object({ hostNames: z.array(z.string()) }).optional(),
  forceProtected: z.array(z.string()).default([]),
});

export const PowerConfirmation = z.object({
  action: z.string(),
  hostNames: z.array(z.string()),
  protectedHostNames: z.array(z.string()),
});
export type PowerConfirmation = z.infer<typeof PowerConfirmation>;

const BulkOptions = z.object({
  /** Chosen by the caller to match `power.progress` events before the call returns; generated if absent. */
  operationId: z.string().min(1).max(100).optional(),
  /** How many BMCs are talked to at once. */
  concurrency: z.number().int().min(1).max(256).default(16),
});

export const ResolvedHost = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  protected: z.boolean(),
  /** null when the host has no BMC (or hypervisor) to act through. */
  driver: DriverKind.nullable(),
  /**
   * Who ends a timed identify: `bmc` (IPMI `chassis identify N`: the BMC's own timer) or `app` (Redfish has no timed
   * identify: Labvisor turns the LED off, so a CLI run stays until then). null without a driver.
   */
  identifyTimer: z.enum(['bmc', 'app']).nullable(),
});
export type ResolvedHost = z.infer<typeof ResolvedHost>;

const HostError = z.object({ code: z.string(), message: z.string() }).nullable();

export const HostPowerStatus = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  driver: DriverKind.nullable(),
  state: PowerState,
  error: HostError,
  elapsedMs: z.number(),
});
export type HostPowerStatus = z.infer<typeof HostPowerStatus>;

export const HostActionResult = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  ok: z.boolean(),
  before: PowerState,
  after: PowerState,
  /** Whether the host was seen in the action's target state (on/off) before the wait ran out. */
  reached: z.boolean(),
  error: HostError,
  elapsedMs: z.number(),
});
export type HostActionResult = z.infer<typeof HostActionResult>;

export const BulkResult = z.object({
  operationId: z.string(),
  results: z.array(HostActionResult),
  elapsedMs: z.number(),
});
export type BulkResult = z.infer<typeof BulkResult>;

const PowerSequenceStage = z.object({
  targets: Targets,
  /** Pause after this stage before the next one starts (e.g. storage before compute). */
  waitAfterSec: z.number().int().min(0).max(3600).default(0),
  /**
   * When above 0: once a host of this stage is on, wait up to this many seconds until its SSH answers (banner and
   * login on its pooled connection) before it counts as done; a host whose SSH stays silent fails the stage, which
   * stops the sequence. 0: no wait.
   */
  sshWaitSec: z.number().int().min(0).max(3600).default(0),
});

export const PowerSequenceFields = z.object({
  name: z.string().trim().min(1).max(100),
  /** The cluster it belongs to; null for a sequence spanning clusters. */
  cluster: z.string().trim().max(64).nullable().default(null),
  action: PowerAction,
  stages: z.array(PowerSequenceStage).min(1).max(50),
});
export const PowerSequence = PowerSequenceFields.extend({ id: z.number().int().positive(), updatedAt: z.string() });
export type PowerSequence = z.infer<typeof PowerSequence>;

const Delay = z.number().int().min(0).max(3600);

/** A host's start order and delays (Proxmox-like); `order` null: started after every ordered host, no delays. */
export const HostStartup = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  order: z.number().int().min(0).max(9999).nullable(),
  upDelaySec: Delay,
  downDelaySec: Delay,
});
export type HostStartup = z.infer<typeof HostStartup>;

export const PROGRESS_PHASES = ['queued', 'sending', 'waiting', 'done', 'failed'] as const;

export const powerCommands = {
  /** Which hosts targets name (for a confirmation dialog), without touching any BMC. */
  'power.resolve': query(z.object({ targets: Targets }), z.array(ResolvedHost)),
  'power.status': query(
    z.object({ targets: Targets, concurrency: BulkOptions.shape.concurrency }),
    z.array(HostPowerStatus),
  ),
  /** Sends the action to every host and waits until each reaches its target state or `waitSec` passes. */
  'power.set': mutation(
    BulkOptions.extend(PowerSafety.shape).extend({
      targets: Targets,
      action: PowerAction,
      waitSec: z.number().min(0).max(900).default(120),
      /**
       * Honour each host's start order and delays: lowest order first for on/cycle/reset, the reverse for off/soft,
       * one order at a time with its delay before the next; hosts without an order go last (first when stopping).
       */
      ordered: z.boolean().default(false),
    }),
    BulkResult,
  ),
  'power.bootDevice': mutation(
    BulkOptions.extend({ targets: Targets, device: BootDevice, persistent: z.boolean().default(false) }),
    BulkResult,
  ),
  /** Identify LED on for `seconds` (0 turns it off); `force` keeps it on until turned off. */
  'power.identify': mutation(
    BulkOptions.extend({
      targets: Targets,
      seconds: z.number().int().min(0).max(255).default(15),
      force: z.boolean().default(false),
    }),
    BulkResult,
  ),
  'power.startup': query(z.object({ targets: Targets }), z.array(HostStartup)),
  /** Changes only the fields given; `order: null` removes the host from the order. */
  'power.setStartup': mutation(
    z.object({
      target: PowerTarget,
      order: HostStartup.shape.order.optional(),
      upDelaySec: Delay.optional(),
      downDelaySec: Delay.optional(),
    }),
    HostStartup,
  ),
  'power.listSequences': query(z.object({ cluster: z.string().optional() }), z.array(PowerSequence)),
  'power.saveSequence': mutation(
    PowerSequenceFields.extend({ id: z.number().int().positive().optional() }),
    PowerSequence,
  ),
  'power.deleteSequence': mutation(z.object({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  /** Runs the stages in order, waiting between them; the confirmation names every host of every stage. */
  'power.runSequence': mutation(
    BulkOptions.extend(PowerSafety.shape).extend({
      id: z.number().int().positive(),
      waitSec: z.number().min(0).max(900).default(120),
    }),
    z.object({ operationId: z.string(), stages: z.array(BulkResult), elapsedMs: z.number() }),
  ),
} as const;

export const powerEvents = {
  /** Live progress of one host within a bulk operation. */
  'power.progress': z.object({
    operationId: z.string(),
    action: z.string(),
    hostId: z.number().int(),
    hostName: z.string(),
    phase: z.enum(PROGRESS_PHASES),
    state: PowerState,
    message: z.string(),
    /** Hosts finished (done or failed) out of the operation's total, after this event. */
    finished: z.number().int(),
    total: z.number().int(),
  }),
  /** A host's power state as last seen by any command or poller. */
  'power.state': z.object({ hostId: z.number().int(), hostName: z.string(), state: PowerState, at: z.string() }),
} as const;
