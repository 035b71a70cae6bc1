import type { Door } from '../../../common/contract';
import type { BmcHealth } from '../../../common/contract/bmc';
import type { PowerTarget } from '../../../common/contract/power';
import type { HealthLevel, Sensor } from '../../../common/domain/bmc';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { ByteStreamRegistry } from '../../platform/byteStreams';
import type { AuditLog } from '../audit/auditLog';
import { ipmiTargetFor, type SecretSource } from '../../drivers/ipmi/ipmiTarget';
import { checkDestructive } from '../../platform/destructiveSafety';
import { pool } from '../../platform/pool';
import type { PowerService } from '../power/powerService';
import type { BmcReader, BmcReaderFactory } from '../../drivers/bmcReader';
import { IpmiBmcReader } from '../../drivers/ipmi/ipmiBmcReader';
import { deactivateSol, openIpmiSol, type IpmiSolStream } from '../../drivers/ipmi/ipmiSolStream';

export interface BmcServiceDeps {
  power: PowerService;
  vault: SecretSource;
  audit: AuditLog;
  streams: ByteStreamRegistry;
  readOnly: boolean;
}

const LEVEL_RANK: Record<HealthLevel, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worst sensor decides a machine's health; absent sensors (`ns`) do not make a healthy board unknown. */
export function worstSensor(sensors: Sensor[]): Sensor | null {
  let worst: Sensor | null = null;
  for (const s of sensors)
    if (s.level !== 'unknown' && s.level !== 'ok' && (!worst || LEVEL_RANK[s.level] > LEVEL_RANK[worst.level]))
      worst = s;
  return worst;
}

/** Sensors, event log, BMC identity and Serial-over-LAN; IPMI here, Redfish registers its reader. */
export class BmcService {
  private readonly readers = new Map<string, BmcReaderFactory>();
  /** Our own open SOL session per host, ended when a forced reconnect takes the payload over. */
  private readonly solSessions = new Map<number, IpmiSolStream>();

  constructor(private readonly deps: BmcServiceDeps) {
    this.registerReader('ipmi', (host) => new IpmiBmcReader(ipmiTargetFor(host, deps.vault), deps.power.ipmiOptions()));
  }

  registerReader(kind: 'ipmi' | 'redfish', factory: BmcReaderFactory): void {
    this.readers.set(kind, factory);
  }

  host(ref: PowerTarget): Host {
    const hosts = this.deps.power.hosts([ref]);
    if (hosts.length !== 1) throw new AppError('invalid_input', `${ref} names ${hosts.length} hosts, not one`);
    return hosts[0]!;
  }

  reader(host: Host): BmcReader {
    if (!host.bmc) throw new AppError('unsupported', `${host.name} has no BMC configured`);
    const factory = this.readers.get(host.bmc.type);
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
    this.refuseIfReadOnly('bmc.clearSel');
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
    return pool(this.deps.power.hosts(targets), concurrency, (host) => this.hostHealth(host));
  }

  async hostHealth(host: Host): Promise<BmcHealth> {
    const base = { hostId: host.id, hostName: host.name, checkedAt: new Date().toISOString() };
    const [status] = await this.deps.power.status({ targets: [host.id], concurrency: 1 });
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
      const worst = worstSensor(await this.reader(host).sensors());
      return {
        ...base,
        reachable: true,
        power: status.state,
        level: worst?.level ?? 'ok',
        worstSensor: worst
          ? `${worst.name} ${worst.reading ?? ''} ${worst.unit} (${worst.status})`.replace(/\s+/g, ' ')
          : null,
        error: null,
      };
    } catch (e) {
      const error =
        e instanceof AppError ? { code: e.code, message: e.message } : { code: 'internal', message: String(e) };
      return { ...base, reachable: true, power: status.state, level: 'unknown', worstSensor: null, error };
    }
  }

  async openSol(ref: PowerTarget, force: boolean, door: Door): Promise<string> {
    const host = this.host(ref);
    this.refuseIfReadOnly('bmc.openSol');
    if (host.bmc?.type !== 'ipmi') throw new AppError('unsupported', `${host.name}: SOL needs an IPMI BMC`);
    if (force) this.solSessions.get(host.id)?.abandon();
    const stream = await openIpmiSol(ipmiTargetFor(host, this.deps.vault), this.deps.power.ipmiOptions(), force);
    this.solSessions.set(host.id, stream);
    stream.onEnd(() => {
      if (this.solSessions.get(host.id) === stream) this.solSessions.delete(host.id);
    });
    this.deps.audit.append({ door, action: 'bmc.openSol', target: host.name, after: { force }, result: 'ok' });
    return this.deps.streams.add(stream);
  }

  async deactivateSol(ref: PowerTarget, door: Door) {
    const host = this.host(ref);
    this.refuseIfReadOnly('bmc.deactivateSol');
    if (host.bmc?.type !== 'ipmi') throw new AppError('unsupported', `${host.name}: SOL needs an IPMI BMC`);
    this.solSessions.get(host.id)?.abandon();
    await deactivateSol(ipmiTargetFor(host, this.deps.vault), this.deps.power.ipmiOptions());
    this.deps.audit.append({ door, action: 'bmc.deactivateSol', target: host.name, result: 'ok' });
    return { hostName: host.name };
  }

  private refuseIfReadOnly(action: string): void {
    if (this.deps.readOnly) throw new AppError('read_only', `${action} is not allowed: Labvisor is in read-only mode`);
  }
}
