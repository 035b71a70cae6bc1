import type { Db } from '../db';
import { inventory001 } from './001_inventory';
import { ssh002 } from './002_ssh';
import { redfish004 } from './004_redfish';
import { security005 } from './005_security';
import { virt006 } from './006_virt';
import { metrics007 } from './007_metrics';
import { alerts008 } from './008_alerts';
import { bmc009 } from './009_bmc';
import { import010 } from './010_import';
import { virt012 } from './012_virt';
import { hosts014 } from './014_hosts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Row-by-row work SQL cannot do (parsing with the domain's own parser), in the same transaction after `sql`;
   * returns what it changed or left alone, for the log.
   */
  run?(db: Db): string[];
  /**
   * Numbered below a migration that shipped first (009 came after 010), so a database may already be past its
   * version without it: it runs there too, once (recorded in `late_migrations`). It must be safe to run on any
   * schema from its version on.
   */
  late?: boolean;
}

/** Numbered and append-only: never edit a migration that has shipped, add the next one. */
export const migrations: readonly Migration[] = [
  inventory001,
  ssh002,
  redfish004,
  security005,
  virt006,
  metrics007,
  alerts008,
  bmc009,
  import010,
  virt012,
  hosts014,
];
