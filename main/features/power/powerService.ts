import { randomUUID } from 'node:crypto';
import type { Door } from '../../../common/contract';
import type {
  BulkResult,
  HostActionResult,
  HostPowerStatus,
  HostStartup,
  PowerSequence,
  PowerTarget,
  ResolvedHost,
} from '../../../common/contract/power';
import type { Host } from '../../../common/domain/host';
import {
  DESTRUCTIVE_ACTIONS,
  TARGET_STATE,
  type BootDevice,
  type DriverKind,
  type PowerAction,
  type PowerState,
} from '../../../common/domain/power';
import { AppError } from '../../../common/result';
import type { EventBus } from '../../platform/eventBus';
import type { Db } from '../../platform/db';
import { errorOf, refuseIfReadOnly } from '../../platform/failures';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import { runBulk, type Report } from './bulkRunner';
import type { IpmiTimeouts } from '../../drivers/ipmi/ipmiTool';
import type { Drivers } from '../../drivers/registry';
import { checkDestructive, type SafetyInput } from '../../platform/destructiveSafety';
import type { PowerDriver } from '../../drivers/powerDriver';
import { pool } from '../../platform/pool';
import { resolveTargets } from './resolveTargets';
import { SequenceStore } from './sequenceStore';
import { orderGroups } from './startOrder';
import { StartupStore } from './startupStore';
import { waitForSsh } from './waitForSsh';
import { waitForState } from './waitForState';

export interface PowerServiceDeps {
  db: Db;
  inventory: InventoryService;
  audit: AuditLog;
  events: EventBus;
  readOnly: boolean;
  /** The registered drivers (main/drivers/registry.ts), by the kind a host's inventory entry names. */
  drivers: Pick<Drivers, 'get'>;
  /** Logs in to the host over its pooled SSH connection and lets go (the sequences' "wait for SSH"). */
  sshLogin?: (hostId: number) => Promise<void>;
}

export interface PowerOptions {
  /** Handed to the IPMI driver by the composition root. */
  ipmiTimeouts?: IpmiTimeouts;
  /** How often status is polled while waiting for an action to take effect. */
  pollIntervalMs?: number;
}

interface PowerInput extends BulkInput {
  action: PowerAction;
  waitSec: number;
  /** Run the hosts in their start order, with their delays (startOrder.ts). */
  ordered?: boolean;
  /** Above 0: a host powered on counts as done once its SSH answers, within this many seconds. */
  sshWaitSec?: number;
}

interface BulkInput {
  targets: PowerTarget[];
  concurrency: number;
  operationId?: string | undefined;
}

type Outcome = Pick<HostActionResult, 'ok' | 'before' | 'after' | 'reached' | 'error'>;

/** Out-of-band power for every host, whatever drives it (IPMI here; Redfish and libvirt register themselves). */
export class PowerService {
  readonly sequences: SequenceStore;
  private readonly startups: StartupStore;

  constructor(private readonly deps: PowerServiceDeps & PowerOptions) {
    this.sequences = new SequenceStore(deps.db);
    this.startups = new StartupStore(deps.db);
  }

  startup(targets: PowerTarget[]): HostStartup[] {
    return this.startups.of(this.hosts(targets));
  }

  setStartup(
    input: { target: PowerTarget } & Partial<Pick<HostStartup, 'order' | 'upDelaySec' | 'downDelaySec'>>,
    door: Door,
  ): HostStartup {
    refuseIfReadOnly(this.deps.readOnly, 'setStartup');
    const hosts = this.hosts([input.target]);
    if (hosts.length !== 1)
      throw new AppError('invalid_input', `${input.target} names ${hosts.length} hosts; name exactly one`);
    const { target: _target, ...change } = input;
    const { before, after } = this.startups.set(hosts[0]!, change);
    this.deps.audit.append({ door, action: 'power.setStartup', target: after.hostName, before, after, result: 'ok' });
    return after;
  }

  driverKindOf(host: Host): DriverKind | null {
    if (host.bmc) return host.bmc.type;
    // A VM's power is its domain on its parent hypervisor; a hypervisor's own URI says nothing about its power.
    return host.parentId && (host.hypervisor?.domainUuid || host.hypervisor?.domainName) ? 'libvirt' : null;
  }

  driverFor(host: Host): PowerDriver {
    const kind = this.driverKindOf(host);
    if (!kind) throw new AppError('unsupported', `${host.name} has no BMC or hypervisor to control its power`);
    const factory = this.deps.drivers.get(kind)?.power;
    if (!factory) throw new AppError('unsupported', `${host.name}: ${kind} power control is not available`);
    return factory(host);
  }

  hosts(targets: PowerTarget[]): Host[] {
    return resolveTargets(targets, this.deps.inventory.list());
  }

  resolve(targets: PowerTarget[]): ResolvedHost[] {
    return this.hosts(targets).map((h) => {
      const driver = this.driverKindOf(h);
      const timedByBmc = driver ? this.deps.drivers.get(driver)?.identifyTimedByBmc : undefined;
      return {
        hostId: h.id,
        hostName: h.name,
        protected: h.protected,
        driver,
        identifyTimer: driver ? (timedByBmc ? 'bmc' : 'app') : null,
      };
    });
  }

  async status({ targets, concurrency }: { targets: PowerTarget[]; concurrency: number }): Promise<HostPowerStatus[]> {
    const hosts = this.hosts(targets);
    return pool(hosts, concurrency, async (host) => {
      const started = Date.now();
      const base = { hostId: host.id, hostName: host.name, driver: this.driverKindOf(host) };
      try {
        const state = await this.withDriver(host, (d) => d.status());
        this.publishState(host, state);
        return { ...base, state, error: null, elapsedMs: Date.now() - started };
      } catch (e) {
        return { ...base, state: 'unknown' as const, error: errorOf(e), elapsedMs: Date.now() - started };
      }
    });
  }

  async set(input: PowerInput & SafetyInput, door: Door): Promise<BulkResult> {
    const hosts = this.hosts(input.targets);
    this.guard(input.action, hosts, input);
    return input.ordered ? this.powerInOrder(hosts, input, door) : this.powerHosts(hosts, input, door);
  }

  bootDevice(input: BulkInput & { device: BootDevice; persistent: boolean }, door: Door): Promise<BulkResult> {
    const hosts = this.hosts(input.targets);
    this.guard('bootdev', hosts, null);
    return this.bulk(
      hosts,
      input,
      'power.bootDevice',
      door,
      { device: input.device, persistent: input.persistent },
      (d) => d.bootDevice({ device: input.device, persistent: input.persistent }),
    );
  }

  identify(input: BulkInput & { seconds: number; force: boolean }, door: Door): Promise<BulkResult> {
    const hosts = this.hosts(input.targets);
    this.guard('identify', hosts, null);
    return this.bulk(hosts, input, 'power.identify', door, { seconds: input.seconds, force: input.force }, (d) =>
      d.identify(input.seconds, input.force),
    );
  }

  saveSequence(fields: Parameters<SequenceStore['save']>[0], door: Door): PowerSequence {
    this.guard('saveSequence', [], null);
    for (const stage of fields.stages) this.hosts(stage.targets);
    const { before, after } = this.sequences.save(fields);
    this.deps.audit.append({ door, action: 'power.saveSequence', target: after.name, before, after, result: 'ok' });
    return after;
  }

  deleteSequence(id: number, door: Door): boolean {
    this.guard('deleteSequence', [], null);
    const removed = this.sequences.delete(id);
    if (removed)
      this.deps.audit.append({
        door,
        action: 'power.deleteSequence',
        target: removed.name,
        before: removed,
        result: 'ok',
      });
    return removed !== null;
  }

  /** Stage by stage, pausing between stages; a stage with a failed host stops the sequence there. */
  async runSequence(
    input: { id: number; concurrency: number; operationId?: string | undefined; waitSec: number } & SafetyInput,
    door: Door,
  ): Promise<{ operationId: string; stages: BulkResult[]; elapsedMs: number }> {
    const started = Date.now();
    const sequence = this.sequences.get(input.id);
    const stageHosts = sequence.stages.map((s) => this.hosts(s.targets));
    this.guard(sequence.action, stageHosts.flat(), input);
    const operationId = input.operationId ?? randomUUID();
    const stages: BulkResult[] = [];
    for (const [i, hosts] of stageHosts.entries()) {
      const result = await this.powerInOrder(
        hosts,
        { ...input, targets: [], action: sequence.action, operationId, sshWaitSec: sequence.stages[i]!.sshWaitSec },
        door,
      );
      stages.push(result);
      if (result.results.some((r) => !r.ok) || i === stageHosts.length - 1) break;
      await new Promise((r) => setTimeout(r, sequence.stages[i]!.waitAfterSec * 1000));
    }
    this.deps.audit.append({
      door,
      action: 'power.runSequence',
      target: sequence.name,
      after: { stagesRun: stages.length, stages: sequence.stages.length },
      result:
        stages.length === sequence.stages.length && stages.every((s) => s.results.every((r) => r.ok)) ? 'ok' : 'error',
    });
    return { operationId, stages, elapsedMs: Date.now() - started };
  }

  private guard(action: string, hosts: Host[], safety: SafetyInput | null): void {
    refuseIfReadOnly(this.deps.readOnly, action);
    if (safety && (DESTRUCTIVE_ACTIONS as readonly string[]).includes(action)) checkDestructive(action, hosts, safety);
  }

  /**
   * One start-order group after another, pausing each group's delay; a group with a failed host stops the run and
   * the hosts after it are reported as skipped (a later order usually needs the earlier one up, or down).
   */
  private async powerInOrder(hosts: Host[], input: PowerInput, door: Door): Promise<BulkResult> {
    const started = Date.now();
    const operationId = input.operationId ?? randomUUID();
    const groups = orderGroups(hosts, this.startups.of(hosts), input.action);
    const results: HostActionResult[] = [];
    for (const [i, group] of groups.entries()) {
      if (results.some((r) => !r.ok)) {
        results.push(...group.hosts.map((h) => skipped(h, 'an earlier start-order group failed')));
        continue;
      }
      results.push(...(await this.powerHosts(group.hosts, { ...input, operationId }, door)).results);
      if (group.pauseSec > 0 && i < groups.length - 1 && results.every((r) => r.ok))
        await new Promise((r) => setTimeout(r, group.pauseSec * 1000));
    }
    return { operationId, results, elapsedMs: Date.now() - started };
  }

  private powerHosts(hosts: Host[], input: PowerInput, door: Door): Promise<BulkResult> {
    const target = TARGET_STATE[input.action];
    return this.bulk(hosts, input, 'power.set', door, { action: input.action }, async (driver, report, host) => {
      const refusal = driver.refusal?.(input.action);
      if (refusal) return refused('unknown', 'unsupported', refusal);
      const before = await (driver.statusBeforeAction?.() ?? driver.status());
      // A graceful restart of a machine that is off would, depending on the BMC, do nothing or be refused.
      if (input.action === 'reboot' && before === 'off')
        return refused(
          before,
          'invalid_input',
          `${host.name} is off: a reboot restarts a running machine (power it on)`,
        );
      // One budget for the whole action, a composite off-then-on included.
      const deadline = Date.now() + input.waitSec * 1000;
      report('sending', before, `${input.action}`);
      try {
        await driver.power(input.action, { deadline });
      } catch (e) {
        // What was read is reported, even when the action failed half-way (off, but not on again).
        const after = await driver.status().catch(() => 'unknown' as const);
        return { ok: false, before, after, reached: false, error: errorOf(e) };
      }
      report('waiting', before, `waiting for ${target}`);
      const { state, reached } = await waitForState(
        driver,
        target,
        Math.max(0, deadline - Date.now()),
        this.deps.pollIntervalMs ?? 1000,
      );
      const error = reached ? null : { code: 'timeout', message: `still ${state} after ${input.waitSec} s` };
      if (!reached || target !== 'on' || !input.sshWaitSec)
        return { ok: reached, before, after: state, reached, error };
      report('waiting', state, 'waiting for SSH');
      const sshError = await this.awaitSsh(host, input.sshWaitSec, door);
      return { ok: !sshError, before, after: state, reached, error: sshError };
    });
  }

  /** The sequences' "wait for SSH", audited on its own so a log shows when the host became usable. */
  private async awaitSsh(host: Host, timeoutSec: number, door: Door): Promise<HostActionResult['error']> {
    const login = this.deps.sshLogin;
    try {
      if (!login) throw new AppError('unsupported', 'waiting for SSH is not available here');
      const { elapsedMs, attempts } = await waitForSsh(host.name, () => login(host.id), timeoutSec);
      this.deps.audit.append({
        door,
        action: 'power.waitForSsh',
        target: host.name,
        after: { elapsedMs, attempts },
        result: 'ok',
      });
      return null;
    } catch (e) {
      const error = errorOf(e);
      this.deps.audit.append({
        door,
        action: 'power.waitForSsh',
        target: host.name,
        after: { timeoutSec },
        result: 'error',
        message: error.message,
      });
      return error;
    }
  }

  /** One operation over many hosts: bounded concurrency, progress events, one audit entry per host. */
  private async bulk(
    hosts: Host[],
    input: BulkInput,
    action: string,
    door: Door,
    request: Record<string, unknown>,
    act: (driver: PowerDriver, report: Report, host: Host) => Promise<Outcome | void>,
  ): Promise<BulkResult> {
    const started = Date.now();
    const operationId = input.operationId ?? randomUUID();
    const results = await runBulk({
      events: this.deps.events,
      operationId,
      action: String(request.action ?? action),
      hosts,
      concurrency: input.concurrency,
      work: async (host, report): Promise<HostActionResult> => {
        const t0 = Date.now();
        let outcome: Outcome;
        try {
          report('sending', 'unknown', '');
          outcome = (await this.withDriver(host, (d) => act(d, report, host))) ?? {
            ok: true,
            before: 'unknown',
            after: 'unknown',
            reached: true,
            error: null,
          };
        } catch (e) {
          outcome = { ok: false, before: 'unknown', after: 'unknown', reached: false, error: errorOf(e) };
        }
        if (outcome.after !== 'unknown') this.publishState(host, outcome.after);
        const message = outcome.error?.message ?? '';
        this.deps.audit.append({
          door,
          action,
          target: host.name,
          before: { state: outcome.before },
          after: { ...request, state: outcome.after, reached: outcome.reached },
          result: outcome.ok ? 'ok' : 'error',
          message,
        });
        report(outcome.ok ? 'done' : 'failed', outcome.after, message);
        return { hostId: host.id, hostName: host.name, ...outcome, elapsedMs: Date.now() - t0 };
      },
    });
    return { operationId, results, elapsedMs: Date.now() - started };
  }

  private async withDriver<T>(host: Host, use: (driver: PowerDriver) => Promise<T>): Promise<T> {
    const driver = this.driverFor(host);
    try {
      return await use(driver);
    } finally {
      await driver.close();
    }
  }

  private publishState(host: Host, state: PowerState): void {
    this.deps.events.emit('power.state', { hostId: host.id, hostName: host.name, state, at: new Date().toISOString() });
  }
}

function refused(state: PowerState, code: string, message: string): Outcome {
  return { ok: false, before: state, after: state, reached: false, error: { code, message } };
}

function skipped(host: Host, why: string): HostActionResult {
  return {
    hostId: host.id,
    hostName: host.name,
    ok: false,
    before: 'unknown',
    after: 'unknown',
    reached: false,
    error: { code: 'skipped', message: why },
    elapsedMs: 0,
  };
}
