import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventPayload } from '../../common/contract';
import { openDb, type Db } from '../platform/db';
import { currentRuntime, sqliteBinding } from '../platform/nativeModules';
import { DB_FILE, LEGACY_VAULT_FILE } from '../platform/paths';
import { createLogger, type Logger } from '../platform/log';
import { Vault, type KeyProvider } from '../platform/secrets/vault';
import { FileKeyProvider } from '../platform/secrets/fileKeyProvider';
import { AuditLog } from '../features/audit/auditLog';
import { InventoryService } from '../features/inventory/inventoryService';
import { PowerService, type PowerOptions } from '../features/power/powerService';
import { BmcService } from '../features/bmc/bmcService';
import { BmcPoller } from '../features/bmc/bmcPoller';
import { RedfishCertificates } from '../features/bmc/redfishCertificates';
import { createDrivers } from '../drivers/registry';
import { redfishDepsOf } from '../drivers/redfish/redfishDriver';
import { SshService, type SshOptions } from '../features/ssh/sshService';
import { VirtService } from '../features/virt/virtService';
import { MetricsService, type MetricsOptions } from '../features/metrics/metricsService';
import { ConsoleService } from '../features/console/consoleService';
import { EventBus } from '../platform/eventBus';
import { ByteStreamRegistry } from '../platform/byteStreams';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';

export interface ServiceOptions {
  dataDir: string;
  /** Desktop: Electron safeStorage; headless: a 0600 key file in the data directory. */
  keyProvider?: KeyProvider;
  readOnly?: boolean;
  version?: string;
  /** Also print warnings and errors to stderr (the CLI and `serve`). */
  logToStderr?: boolean;
  /** Connect timeout, default user, key directory and agent socket for SSH (tests point these at the lab). */
  ssh?: SshOptions;
  /** IPMI timeouts and status polling (tests shorten them). */
  power?: PowerOptions;
  /** Desktop: where `npm start` put native modules built for Electron (see platform/nativeModules.ts). */
  nativeRoot?: string;
  /** Flush, probe and interval settings of metric collection (tests shorten them). */
  metrics?: MetricsOptions;
}

/** The composition root: builds every service once; each door (IPC, WebSocket, CLI) gets the same ones. */
export interface AppServices {
  readonly options: Required<
    Omit<ServiceOptions, 'keyProvider' | 'logToStderr' | 'ssh' | 'power' | 'nativeRoot' | 'metrics'>
  >;
  readonly db: Db;
  readonly log: Logger;
  readonly events: EventBus;
  readonly vault: Vault;
  readonly audit: AuditLog;
  readonly inventory: InventoryService;
  readonly power: PowerService;
  readonly bmc: BmcService;
  /** Polls BMC health only while a client watches (`bmc.watch`). */
  readonly bmcPoller: BmcPoller;
  /** Trust on first use for Redfish BMCs' certificates (`bmc.*Certificate`). */
  readonly certificates: RedfishCertificates;
  /** Pooled SSH connections, exec, shells, forwards and pinned host keys. */
  readonly ssh: SshService;
  /** VMs through libvirt on their hypervisors (discovery, lists, snapshots); their power is in `power`. */
  readonly virt: VirtService;
  /** VNC screens and VM serial consoles, bridged as byte streams. */
  readonly console: ConsoleService;
  /** Live terminals and consoles waiting for, or attached to, a door. */
  readonly streams: ByteStreamRegistry;
  /** Host and VM metrics and alerts; collects only once started (desktop app, `labvisor serve`). */
  readonly metrics: MetricsService;
  readonly dispatch: Dispatch;
  /** Features register their teardown (open connections, child processes); run in reverse order. */
  onClose(close: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/** The folder is 0700 and its files 0600, also when they existed before (mkdir's mode applies only on creation). */
function secureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

function secureDbFiles(dbFile: string): void {
  if (process.platform === 'win32') return;
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

export function createServices(opts: ServiceOptions): AppServices {
  const options = { dataDir: opts.dataDir, readOnly: opts.readOnly ?? false, version: opts.version ?? '0.0.0' };
  // Read-only creates nothing: no folder, no database, no log file (warnings still reach stderr).
  if (!options.readOnly) secureDataDir(opts.dataDir);
  const log = createLogger({
    ...(options.readOnly ? {} : { file: join(opts.dataDir, 'labvisor.log') }),
    stderr: opts.logToStderr ?? false,
  });
  const db = openDb(join(opts.dataDir, DB_FILE), undefined, {
    readOnly: options.readOnly,
    nativeBinding: sqliteBinding(currentRuntime(), opts.nativeRoot, existsSync),
    onMigrationNote: (version, note) => log.warn('database migration', { version, note }),
  });
  if (!options.readOnly) secureDbFiles(join(opts.dataDir, DB_FILE));
  const events = new EventBus();
  const vault = new Vault(
    db,
    opts.keyProvider ?? new FileKeyProvider(join(opts.dataDir, 'vault.key')),
    join(opts.dataDir, DB_FILE),
  );
  if (!options.readOnly) vault.adoptLegacyFile(join(opts.dataDir, LEGACY_VAULT_FILE));
  const audit = new AuditLog(db, events);
  const inventory = new InventoryService(db, audit, events, vault);
  const streams = new ByteStreamRegistry();
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
      dbFile: join(opts.dataDir, DB_FILE),
      log,
      events,
      audit,
      hosts: () => inventory.list(),
      readOnly: options.readOnly,
      openStream: (hostId, command) => ssh.openExecStream(hostId, command),
    },
    opts.metrics,
  );
  let closing: Promise<void> | null = null;
  const closers: (() => Promise<void> | void)[] = [
    () => ssh.close(),
    () => virt.events.close(),
    () => streams.closeAll(),
    () => bmcPoller.stop(),
    () => drivers.close(),
    () => metrics.stop(),
  ];

  const features = {
    options,
    db,
    log,
    events,
    vault,
    audit,
    inventory,
    ssh,
    virt,
    console: consoles,
    power,
    bmc,
    bmcPoller,
    certificates,
    streams,
    metrics,
  };
  // Services first, then their handlers, then the one dispatcher every door calls: nothing needs a later step.
  const dispatch = createDispatcher({ handlers: createHandlers(features), audit, log, readOnly: options.readOnly });
  return {
    ...features,
    dispatch,
    onClose: (close) => void closers.push(close),
    close() {
      // Once: a second call (a signal during shutdown, a test's cleanup) waits for the first, in the same order.
      closing ??= (async () => {
        await dispatch.drain(10_000);
        for (const close of [...closers].reverse()) await close();
        db.close();
      })();
      return closing;
    },
  };
}
