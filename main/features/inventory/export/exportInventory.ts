import type { Host } from '../../../../common/domain/host';
import type { ExportFormat, ExportResult } from '../../../../common/contract/inventory';

/** Labvisor's own JSON export; the other formats land with the importers. */
export function exportInventory(format: ExportFormat, hosts: readonly Host[]): ExportResult {
  return {
    text: JSON.stringify({ format, hosts }, null, 2),
    fileName: 'labvisor-hosts.json',
    mimeType: 'application/json',
  };
}
