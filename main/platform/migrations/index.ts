import { inventory001 } from './001_inventory';
import { ssh002 } from './002_ssh';
import { redfish004 } from './004_redfish';
import { security005 } from './005_security';
import { virt006 } from './006_virt';
import { metrics007 } from './007_metrics';
import { alerts008 } from './008_alerts';
import { import010 } from './010_import';
import { virt012 } from './012_virt';

export interface Migration {
  version: number;
  name: string;
  sql: string;
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
  import010,
  virt012,
];
