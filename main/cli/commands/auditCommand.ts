import { callCommand, EXIT, printJson, printTable } from '../callCommand';
import type { CliCommand } from '../cliTypes';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Show the append-only audit log, newest first',
  usage: 'labvisor audit [--limit N] [--target HOST] [--json]',
  options: { limit: { type: 'string' }, target: { type: 'string' } },
  async run(ctx, { values }) {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    const entries = await callCommand(ctx, 'audit.list', {
      limit,
      ...(values.target ? { target: values.target as string } : {}),
    });
    if (ctx.json) printJson(ctx, entries);
    else
      printTable(
        ctx,
        ['ID', 'WHEN', 'DOOR', 'ACTION', 'TARGET', 'RESULT', 'MESSAGE'],
        entries.map((e) => [e.id, e.at, e.door, e.action, e.target, e.result, e.message]),
      );
    return EXIT.ok;
  },
};
