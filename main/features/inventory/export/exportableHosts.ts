import { HostFields, type Host } from '../../../../common/domain/host';
import type { ExportFormat } from '../../../../common/contract/inventory';
import { AppError } from '../../../../common/result';
import { printable } from '../../../../common/text/printable';
import { fieldsOf } from '../hostRepo';

/**
 * Every door validates hosts, but a database written by an earlier version may hold names with newlines or
 * `*`, users with spaces, and the like. Such hosts are refused by every exporter rather than written into a
 * file that ssh, Ansible or a spreadsheet would interpret.
 */
export function assertExportable(format: ExportFormat, hosts: readonly Host[]): void {
  const bad = hosts.filter((h) => !HostFields.safeParse(fieldsOf(h)).success);
  if (bad.length === 0) return;
  const names = bad.slice(0, 10).map((h) => `#${h.id} ${JSON.stringify(printable(h.name))}`);
  throw new AppError(
    'invalid_input',
    `not exported as ${format}: ${bad.length} host(s) hold values Labvisor no longer accepts ` +
      `(${names.join(', ')}${bad.length > 10 ? ', …' : ''}); edit them, then export again`,
    { hostIds: bad.map((h) => h.id) },
  );
}
