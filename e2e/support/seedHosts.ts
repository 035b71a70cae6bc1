import { rowsToCommit, wizardRows } from '../../renderer/src/features/inventory/importWizard/importRows';
import { generateLabSheet } from '../fixtures/generateSheet';
import type { LabvisorServer } from './labvisorServer';
import { rpc } from './rpc';

/**
 * Fills the inventory with `count` realistic hosts through the real importer (preview, then one commit). The
 * preview answers one page of rows at a time, so every page is fetched, as the import wizard does at commit.
 */
export async function seedHosts(server: LabvisorServer, count: number): Promise<number> {
  const request = { text: generateLabSheet(count), format: 'csv' } as const;
  const first = await rpc(server, 'inventory.previewImport', request);
  const rows = [...first.rows];
  for (let page = 1; rows.length < first.totalRows; page++) {
    const next = await rpc(server, 'inventory.previewImport', { ...request, page });
    if (next.rows.length === 0)
      throw new Error(`preview page ${page} is empty at ${rows.length} of ${first.totalRows}`);
    rows.push(...next.rows);
  }
  // Committed as the import wizard commits: error rows left out, the preview's annotations dropped (10,000 annotated
  // rows would pass the socket's 28 MB limit).
  const commit = rowsToCommit(wizardRows(rows));
  await rpc(server, 'inventory.commitImport', { rows: commit, source: `seed-${count}` });
  const hosts = (await rpc(server, 'inventory.listHosts', {})).length;
  if (hosts < count - 10) throw new Error(`seeded ${hosts} hosts of ${count}`);
  return hosts;
}
