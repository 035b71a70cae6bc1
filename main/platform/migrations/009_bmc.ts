import { parseBmcAddress } from '../../../common/domain/bmcAddress';
import type { Db } from '../db';
import type { Migration } from './index';

interface Row {
  id: number;
  name: string;
  bmc: string;
}

/**
 * Issue 10: a BMC address stored as `host:port`, `[v6]:port` or an iLO page's URL (written before the domain
 * schema split it) becomes address + port, as every door now stores it. Nothing is refused silently: an address
 * that does not parse, or whose port contradicts the port field, is left as it was and reported (the drivers
 * refuse it with the same message when it is used).
 */
export const bmc009: Migration = {
  version: 9,
  name: 'bmc address and port',
  sql: '',
  // 010 shipped first: databases at version 10 have not had it. It only rewrites rows that still hold a port.
  late: true,
  run(db: Db): string[] {
    const notes: string[] = [];
    const rows = db.prepare('SELECT id, name, bmc FROM hosts WHERE bmc IS NOT NULL').all() as Row[];
    const update = db.prepare('UPDATE hosts SET bmc = ? WHERE id = ?');
    for (const row of rows) {
      let bmc: Record<string, unknown>;
      try {
        bmc = JSON.parse(row.bmc) as Record<string, unknown>;
      } catch {
        notes.push(`host ${row.name} (id ${row.id}): BMC settings are not JSON; left as stored`);
        continue;
      }
      if (typeof bmc.address !== 'string') continue;
      const parsed = parseBmcAddress(bmc.address);
      if (!parsed.ok) {
        notes.push(`host ${row.name} (id ${row.id}): ${parsed.message}; left as stored`);
        continue;
      }
      const { address, port } = parsed.value;
      if (address === bmc.address && port === null) continue;
      if (port !== null && typeof bmc.port === 'number' && bmc.port !== port) {
        notes.push(
          `host ${row.name} (id ${row.id}): BMC address "${bmc.address}" names port ${port} but the port field ` +
            `says ${bmc.port}; left as stored`,
        );
        continue;
      }
      update.run(JSON.stringify({ ...bmc, address, port: port ?? bmc.port ?? null }), row.id);
      notes.push(
        `host ${row.name} (id ${row.id}): BMC address "${bmc.address}" stored as address ${address}` +
          (port === null ? '' : `, port ${port}`),
      );
    }
    return notes;
  },
};
