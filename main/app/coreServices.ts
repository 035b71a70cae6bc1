import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../platform/db';
import { currentRuntime, packageSqliteBuild, sqliteBinding } from '../platform/nativeModules';
import { DB_FILE, LEGACY_VAULT_FILE } from '../platform/paths';
import { createLogger, type Logger } from '../platform/log';
import { Vault } from '../platform/secrets/vault';
import { FileKeyProvider } from '../platform/secrets/fileKeyProvider';
import { EventBus } from '../platform/eventBus';
import { ByteStreamRegistry } from '../platform/byteStreams';
import { AuditLog } from '../features/audit/auditLog';
import { InventoryService } from '../features/inventory/inventoryService';
import type { ServiceOptions } from './serviceOptions';

/** What every door needs from the start, and all the hosts page's first calls use: the data and the inventory. */
export interface CoreServices {
  readonly options: { dataDir: string; readOnly: boolean; version: string };
  readonly db: Db;
  readonly log: Logger;
  readonly events: EventBus;
  readonly vault: Vault;
  readonly audit: AuditLog;
  readonly inventory: InventoryService;
  /** Live terminals and consoles waiting for, or attached to, a door. */
  readonly streams: ByteStreamRegistry;
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

export function createCoreServices(opts: ServiceOptions): CoreServices {
  const options = { dataDir: opts.dataDir, readOnly: opts.readOnly ?? false, version: opts.version ?? '0.0.0' };
  // Read-only creates nothing: no folder, no database, no log file (warnings still reach stderr).
  if (!options.readOnly) secureDataDir(opts.dataDir);
  const log = createLogger({
    ...(options.readOnly ? {} : { file: join(opts.dataDir, 'labvisor.log') }),
    stderr: opts.logToStderr ?? false,
  });
  const db = openDb(join(opts.dataDir, DB_FILE), undefined, {
    readOnly: options.readOnly,
    nativeBinding: sqliteBinding(currentRuntime(), opts.nativeRoot, existsSync, packageSqliteBuild),
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
  return { options, db, log, events, vault, audit, inventory, streams: new ByteStreamRegistry() };
}
