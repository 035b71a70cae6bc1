import type { Host } from '../../../../common/domain/host';
import type { ExportFormat, ExportResult } from '../../../../common/contract/inventory';
import { exportAnsible } from './ansibleExport';
import { exportCsv } from './csvExport';
import { exportJson } from './jsonExport';
import { exportSshConfig } from './sshConfigExport';
import { assertExportable } from './exportableHosts';

/** Writes the inventory in a format the importer reads back (export → import changes nothing). */
export function exportInventory(format: ExportFormat, hosts: readonly Host[]): ExportResult {
  assertExportable(format, hosts);
  switch (format) {
    case 'csv':
      return { text: exportCsv(hosts), fileName: 'labvisor-hosts.csv', mimeType: 'text/csv' };
    case 'json':
      return { text: exportJson(hosts), fileName: 'labvisor-hosts.json', mimeType: 'application/json' };
    case 'ansible':
      return { text: exportAnsible(hosts), fileName: 'labvisor-inventory.yml', mimeType: 'application/yaml' };
    case 'ssh-config':
      return { text: exportSshConfig(hosts), fileName: 'labvisor-ssh-config', mimeType: 'text/plain' };
  }
}
