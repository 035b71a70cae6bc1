import { writeFile } from 'node:fs/promises';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../common/contract/inventory';
import { callCommand, EXIT, printJson } from '../../callCommand';
import type { CliCommand } from '../../cliTypes';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the inventory as CSV, Labvisor JSON, an Ansible inventory or an ssh_config',
  usage: 'labvisor export --format csv|json|ansible|ssh-config [--output FILE] [--json]',
  options: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(ctx, { values, positionals }) {
    const format = values.format as string | undefined;
    if (!format || positionals.length || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const exported = await callCommand(ctx, 'inventory.export', { format: format as ExportFormat });
    const output = values.output as string | undefined;
    if (output) {
      await writeFile(output, exported.text, { mode: 0o600 });
      if (ctx.json)
        printJson(ctx, {
          output,
          fileName: exported.fileName,
          mimeType: exported.mimeType,
          bytes: Buffer.byteLength(exported.text),
        });
      else ctx.io.stderr.write(`wrote ${output}\n`);
    } else if (ctx.json) printJson(ctx, exported);
    else ctx.io.stdout.write(exported.text);
    return EXIT.ok;
  },
};
