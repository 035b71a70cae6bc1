import type { EventPayload } from '../../common/contract';
import { join } from 'node:path';
import { DB_FILE } from '../platform/paths';
import { PowerService } from '../features/power/powerService';
import { BmcService } from '../features/bmc/bmcService';
import { BmcPoller } from '../features/bmc/bmcPoller';
import { RedfishCertificates } from '../features/bmc/redfishCertificates';
import { createDrivers } from '../drivers/registry';
import { redfishDepsOf } from '../drivers/redfish/redfishDriver';
import { SshService } from '../features/ssh/sshService';
import { VirtService } from '../features/virt/virtService';
import { MetricsService } from '../features/metrics/metricsService';
import { ConsoleService } from '../features/console/consoleService';
import { sshHandlers } from '../features/ssh/sshHandlers';
import { terminalHandlers } from '../features/terminal/terminalHandlers';
import { powerHandlers } from '../features/power/powerHandlers';
import { bmcHandlers } from '../features/bmc/bmcHandlers';
import { virtHandlers } from '../features/virt/virtHandlers';
import { metricsHandlers } from '../features/metrics/metricsHandlers';
import { consoleHandlers } from '../features/console/consoleHandlers';
import type { FeatureHandlers } from './dispatcher';
import type { CoreServices } from './coreServices';
import type { ServiceOptions } from './serviceOptions';

/** The features that reach machines: none of them is needed for the inventory or the hosts page's first paint. */
export interface MachineServices {
  /** Pooled SSH connections, exec, shells, forwards and pinned host keys. */
  readonly ssh: SshService;
  readonly power: PowerService;
  readonly bmc: BmcService;
  /** Polls BMC health only while a client watches (`bmc.watch`). */
  readonly bmcPoller: BmcPoller;
  /** Trust on first use for Redfish BMCs' certificates (`bmc.*Certificate`). */
  readonly certificates: RedfishCertificates;
  /** VMs through libvirt on their hypervisors (discovery, lists, snapshots); their power is in `power`. */
  readonly virt: VirtService;
  /** VNC screens and VM serial consoles, bridged as byte streams. */
  readonly console: ConsoleService;
  /** Host and VM metrics and alerts; collects only once started (desktop app, `labvisor serve`). */
  readonly metrics: MetricsService;
}

export type MachineFeature = 'ssh' | 'terminal' | 'power' | 'bmc' | 'virt' | 'metrics' | 'console';

export interface Machines {
  services: MachineServices;
  handlers: Pick<FeatureHandlers, MachineFeature>;
  /** Stops metrics, drivers and polling, ends the streams, VM event watches and SSH connections, in that order. */
  close(): Promise<void>;
}

/** Builds the machine features over the core services; the modules of this file load with the first that is used. */
export function createMachines(core: CoreServices, opts: ServiceOptions): Machines {
  const { options, db, log, events, vault, audit, inventory, streams } = core;
  const ssh = new SshService({ db, log, events, vault, audit, inventory }, opts.ssh);
  const drivers = createDrivers({
    db,
    host: (id) => inventory.get(id),
    vault,
    log,
    ssh: {
      openTcp: (hostId, host, port) => ssh.openTcp(hostId, host, port),
      exec: (id, cmd, o) => ssh.exec(id, cmd, o),
      openExecStream: (id, cmd, o) => ssh.openExecStream(id, cmd, o),
    },
    ipmiTimeouts: opts.power?.ipmiTimeouts,
  });
  const power = new PowerService({
    db,
    inventory,
    audit,
    events,
    readOnly: options.readOnly,
    drivers,
    sshLogin: async (hostId) => {
      const lease = ssh.lease(hostId, { interactive: false });
      try {
        await lease.client();
      } finally {
        lease.release();
      }
    },
    ...opts.power,
  });
  const bmc = new BmcService({
    hosts: (targets) => power.hosts(targets),
    powerStatus: async (host) => (await power.status({ targets: [host.id], concurrency: 1 }))[0],
    drivers,
    audit,
    streams,
    readOnly: options.readOnly,
  });
  const virt = new VirtService({ inventory, ssh, audit, events, log });
  const bmcPoller = new BmcPoller({
    hosts: (ids) => power.hosts(ids),
    check: (host) => bmc.hostHealth(host),
    emit: (health) => events.emit('bmc.health', health),
  });
  const consoles = new ConsoleService(
    { ssh, inventory, vault, audit, events, streams },
    { connectTimeoutMs: opts.ssh?.connectTimeoutMs },
  );
  const certificates = new RedfishCertificates(redfishDepsOf({ db, vault, log, ssh }), audit, (id) =>
    drivers.forget(id),
  );
  events.subscribe((e) => {
    // A deleted host's kept BMC session is logged out, not left until shutdown or the BMC's idle timeout.
    if (e.name !== 'inventory.changed') return;
    const { reason, ids } = e.payload as EventPayload<'inventory.changed'>;
    if (reason === 'remove') for (const id of ids ?? []) void drivers.forget(id);
  });
  const metrics = new MetricsService(
    {
      db,
      dbFile: join(options.dataDir, DB_FILE),
      log,
      events,
      audit,
      hosts: () => inventory.list(),
      hostsById: (ids) => inventory.getMany(ids),
      readOnly: options.readOnly,
      openStream: (hostId, command) => ssh.openExecStream(hostId, command),
    },
    opts.metrics,
  );
  const services = { ssh, power, bmc, bmcPoller, certificates, virt, console: consoles, metrics };
  const s = { ...core, ...services };
  return {
    services,
    handlers: {
      ssh: sshHandlers(s),
      terminal: terminalHandlers(s),
      power: powerHandlers(s),
      bmc: bmcHandlers(s),
      virt: virtHandlers(s),
      metrics: metricsHandlers(s),
      console: consoleHandlers(s),
    },
    async close() {
      await metrics.stop();
      await drivers.close();
      bmcPoller.stop();
      streams.closeAll();
      virt.events.close();
      ssh.close();
    },
  };
}
