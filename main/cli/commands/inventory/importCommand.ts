import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  IMPORT_FIELDS,
  IMPORT_FORMATS,
  type ColumnTarget,
  type ImportFormat,
} from '../../../../common/contract/inventory';
import { callCommand, EXIT, printJson } from '../../callCommand';
import type { CliCommand, CliContext } from '../../cliTypes';

/** `Header=field` pairs; the last `=` splits, so a header may contain one. */
function parseMappings(ctx: CliContext, pairs: string[]): Record<string, ColumnTarget> | null {
  const targets: readonly string[] = [...IMPORT_FIELDS, 'ignore'];
  const mapping: Record<string, ColumnTarget> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    if (at <= 0 || !targets.includes(field)) {
      ctx.io.stderr.write(`labvisor: --map "${pair}" must be HEADER=FIELD with FIELD one of ${targets.join(', ')}\n`);
      return null;
    }
    mapping[header] = field as ColumnTarget;
  }
  return mapping;
}

async function readSource(ctx: CliContext, file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary:
    'Import hosts from a spreadsheet (CSV/TSV/Markdown), ~/.ssh/config, an Ansible inventory or a Labvisor export',
  usage:
    'labvisor import FILE|- [--format auto|csv|tsv|markdown|ssh-config|ansible|json] [--map "Header=field"]... [--dry-run] [--json]',
  options: {
    format: { type: 'string' },
    map: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [file, ...extra] = positionals;
    const format = (values.format as string | undefined) ?? 'auto';
    if (!file || extra.length || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const mapping = parseMappings(ctx, (values.map as string[] | undefined) ?? []);
    if (!mapping) return EXIT.usage;
    let text: string;
    try {
      text = await readSource(ctx, file);
    } catch (error) {
      ctx.io.stderr.write(`labvisor: cannot read ${file}: ${(error as Error).message}\n`);
      return EXIT.notFound;
    }
    const source = file === '-' ? 'stdin' : basename(file);
    const preview = await callCommand(ctx, 'inventory.previewImport', {
      text,
      format: format as ImportFormat,
      ...(file === '-' ? {} : { fileName: source }),
      ...(Object.keys(mapping).length ? { mapping } : {}),
    });
    for (const e of preview.errors) ctx.io.stderr.write(`labvisor: ${e}\n`);
    for (const row of preview.rows) for (const e of row.errors) ctx.io.stderr.write(`${e}\n`);
    if (!ctx.json) {
      for (const row of preview.rows) for (const w of row.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
      if (preview.unmappedHeaders.length)
        ctx.io.stderr.write(`warning: columns not read: ${preview.unmappedHeaders.join(', ')} (use --map)\n`);
    }
    const s = preview.summary;
    const failed = preview.errors.length > 0 || s.error > 0;
    const dryRun = Boolean(values['dry-run']);
    const toWrite = preview.rows.filter((r) => r.action !== 'unchanged');
    const result =
      failed || dryRun || toWrite.length === 0
        ? null
        : await callCommand(ctx, 'inventory.commitImport', { rows: toWrite, source });
    if (ctx.json) {
      printJson(ctx, {
        format: preview.format,
        mapping: preview.mapping,
        unmappedHeaders: preview.unmappedHeaders,
        errors: preview.errors,
        summary: s,
        rows: preview.rows.map((r) => ({
          line: r.line,
          name: r.fields.name,
          action: r.action,
          aliasOf: r.aliasOf,
          errors: r.errors,
          warnings: r.warnings,
        })),
        dryRun,
        result,
      });
    } else {
      ctx.io.stdout.write(
        `${preview.format}: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.alias} aliases, ${s.error} with errors\n`,
      );
      if (failed) ctx.io.stdout.write('nothing was imported; fix the errors above and try again\n');
      else if (dryRun) ctx.io.stdout.write('dry run: nothing was written\n');
      else if (result)
        ctx.io.stdout.write(
          `imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.aliases} aliases\n`,
        );
      else ctx.io.stdout.write('nothing to change\n');
    }
    return failed ? EXIT.usage : EXIT.ok;
  },
};
