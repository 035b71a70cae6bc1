import type { Door } from '../../../common/contract';
import type { BmcHealth } from '../../../common/contract/bmc';
import type { HostPowerStatus, PowerTarget } from '../../../common/contract/power';
import type { HealthLevel, Sensor } from '../../../common/domain/bmc';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { ByteStreamRegistry } from '../../platform/byteStreams';
import type { AuditLog } from '../audit/auditLog';
import type { BmcReader } from '../../drivers/bmcReader';
import type { Driver } from '../../drivers/driver';
import type { Drivers } from '../../drivers/registry';
import { checkDestructive } from '../../platform/destructiveSafety';
import { errorOf, refuseIfReadOnly } from '../../platform/failures';
import { pool } from '../../platform/pool';

export interface BmcServiceDeps {
  /** The hosts a list of targets names (ids, names, clusters), as the power feature resolves them. */
  hosts(targets: PowerTarget[]): Host[];
  /** A host's power state, read through its power driver. */
  powerStatus(host: Host): Promise<HostPowerStatus | undefined>;
  drivers: Pick<Drivers, 'get'>;
  audit: AuditLog;
  streams: ByteStreamRegistry;
  readOnly: boolean;
}

const LEVEL_RANK: Record<HealthLevel, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worst sensor decides a machine's health; absent sensors (`ns`) do not make a healthy board unknown. */
function worstSensor(sensors: Sensor[]): Sensor | null {
  let worst: Sensor | null = null;
  for (const s of sensors)
    if (s.level !== 'unknown' && s.level !== 'ok' && (!worst || LEVEL_RANK[s.level] > LEVEL_RANK[worst.level]))
      worst = s;
  return worst;
}

type SolSession = Awaited<ReturnType<NonNullable<Driver['serialConsole']>['open']>>;

/** Sensors, event log, BMC identity and Serial-over-LAN, through each host's registered driver. */
export class BmcService {
  /** Our own open SOL session per host, ended when a forced reconnect takes the payload over. */
  private readonly solSessions = new Map<number, SolSession>();

  constructor(private readonly deps: BmcServiceDeps) {}

  hosts(targets: PowerTarget[]): Host[] {
    return this.deps.hosts(targets);
  }

  host(ref: PowerTarget): Host {
    const hosts = this.deps.hosts([ref]);
    if (hosts.length !== 1) throw new AppError('invalid_input', `${ref} names ${hosts.length} hosts, not one`);
    return hosts[0]!;
  }

  reader(host: Host): BmcReader {
    if (!host.bmc) throw new AppError('unsupported', `${host.name} has no BMC configured`);
    const factory = this.deps.drivers.get(host.bmc.type)?.bmc;
    if (!factory) throw new AppError('unsupported', `${host.name}: ${host.bmc.type} BMCs are not supported yet`);
    return factory(host);
  }

  async sensors(ref: PowerTarget) {
    const host = this.host(ref);
    return { hostName: host.name, sensors: await this.reader(host).sensors(), readAt: new Date().toISOString() };
  }

  async sel(ref: PowerTarget) {
    const host = this.host(ref);
    return { hostName: host.name, entries: await this.reader(host).sel() };
  }

  async info(ref: PowerTarget) {
    const host = this.host(ref);
    return { hostName: host.name, ...(await this.reader(host).info()) };
  }

  async clearSel(ref: PowerTarget, confirm: { hostNames: string[] } | undefined, door: Door) {
    const host = this.host(ref);
    refuseIfReadOnly(this.deps.readOnly, 'bmc.clearSel');
    checkDestructive('clear the event log of', [host], { confirm, forceProtected: [host.name] });
    try {
      const cleared = await this.reader(host).clearSel();
      this.deps.audit.append({
        door,
        action: 'bmc.clearSel',
        target: host.name,
        before: { entries: cleared },
        after: { entries: 0 },
        result: 'ok',
      });
      return { hostName: host.name, cleared };
    } catch (e) {
      this.deps.audit.append({
        door,
        action: 'bmc.clearSel',
        target: host.name,
        result: 'error',
        message: (e as Error).message,
      });
      throw e;
    }
  }

  health(targets: PowerTarget[], concurrency: number): Promise<BmcHealth[]> {
    return pool(this.deps.hosts(targets), concurrency, (host) => this.hostHealth(host));
  }

  async hostHealth(host: Host): Promise<BmcHealth> {
    const base = { hostId: host.id, hostName: host.name, checkedAt: new Date().toISOString() };
    const status = await this.deps.powerStatus(host);
    if (!status || status.error)
      return {
        ...base,
        reachable: false,
        power: 'unknown',
        level: 'unknown',
        worstSensor: null,
        error: status?.error ?? null,
      };
    try {
      const sensors = await this.reader(host).sensors({ levelsOnly: true });
      // "ok" only from readings: a BMC that publishes none (or only absent ones) is unknown, and says so.
      if (!sensors.some((s) => s.level !== 'unknown'))
        return {
          ...base,
          reachable: true,
          power: status.state,
          level: 'unknown',
          worstSensor: null,
          error: {
            code: 'unsupported',
            message: `${host.name}: the BMC published no sensor readings (${sensors.length} sensors, none with a level)`,
          },
        };
      const worst = worstSensor(sensors);
      return {
        ...base,
        reachable: true,
        power: status.state,
        level: worst?.level ?? 'ok',
        worstSensor: worst
          ? `${worst.name} ${worst.reading === null ? '' : `${worst.reading} ${worst.unit}`} (${worst.status})`.replace(
              /\s+/g,
              ' ',
            )
          : null,
        error: null,
      };
    } catch (e) {
      return { ...base, reachable: true, power: status.state, level: 'unknown', worstSensor: null, error: errorOf(e) };
    }
  }

  async openSol(ref: PowerTarget, force: boolean, door: Door): Promise<string> {
    const host = this.host(ref);
    refuseIfReadOnly(this.deps.readOnly, 'bmc.openSol');
    const sol = this.serialConsole(host);
    if (force) this.solSessions.get(host.id)?.abandon();
    const stream = await sol.open(host, force);
    this.solSessions.set(host.id, stream);
    stream.onEnd(() => {
      if (this.solSessions.get(host.id) === stream) this.solSessions.delete(host.id);
    });
    this.deps.audit.append({ door, action: 'bmc.openSol', target: host.name, after: { force }, result: 'ok' });
    return this.deps.streams.add(stream);
  }

  async deactivateSol(ref: PowerTarget, door: Door) {
    const host = this.host(ref);
    refuseIfReadOnly(this.deps.readOnly, 'bmc.deactivateSol');
    const sol = this.serialConsole(host);
    this.solSessions.get(host.id)?.abandon();
    await sol.deactivate(host);
    this.deps.audit.append({ door, action: 'bmc.deactivateSol', target: host.name, result: 'ok' });
    return { hostName: host.name };
  }

  private serialConsole(host: Host) {
    const sol = host.bmc ? this.deps.drivers.get(host.bmc.type)?.serialConsole : undefined;
    if (!sol) throw new AppError('unsupported', `${host.name}: SOL needs an IPMI BMC`);
    return sol;
  }
}
