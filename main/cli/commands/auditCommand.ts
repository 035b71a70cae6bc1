import { callCommand, EXIT, printJson, printTable } from '../callCommand';
import type { CliCommand } from '../cliTypes';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Show the append-only audit log, newest first',
  usage: 'labvisor audit [--limit N] [--target HOST] [--verify] [--json]',
  options: { limit: { type: 'string' }, target: { type: 'string' }, verify: { type: 'boolean' } },
  async run(ctx, { values }) {
    if (values.verify) {
      const v = await callCommand(ctx, 'audit.verify', {});
      if (ctx.json) printJson(ctx, v);
      else
        ctx.io.stdout.write(
          v.ok
            ? `the audit log's hash chain is intact (${v.checked} entries)\n`
            : `the audit log was changed outside Labvisor: entry #${v.brokenAt} does not follow from the one before\n`,
        );
      return v.ok ? EXIT.ok : EXIT.error;
    }
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
