import { generateLabSheet } from '../fixtures/generateSheet';
import type { LabvisorServer } from './labvisorServer';
import { rpc } from './rpc';

/** Fills the inventory with `count` realistic hosts through the real importer (preview, then one commit). */
export async function seedHosts(server: LabvisorServer, count: number): Promise<number> {
  const preview = await rpc(server, 'inventory.previewImport', { text: generateLabSheet(count), format: 'csv' });
  const rows = preview.rows.filter((r) => r.action !== 'error');
  await rpc(server, 'inventory.commitImport', { rows, source: `seed-${count}` });
  return (await rpc(server, 'inventory.listHosts', {})).length;
}
