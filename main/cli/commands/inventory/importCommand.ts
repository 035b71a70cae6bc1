import { basename } from 'node:path';
import {
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_FORMATS,
  IMPORT_LIMITS,
  type ColumnTarget,
  type ImportEncoding,
  type ImportFormat,
  type ImportPreview,
  type ImportRequest,
  type ImportRowPreview,
} from '../../../../common/contract/inventory';
import { readCompanions, readImportBytes, SourceError } from './importSource';
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

/** Every page of preview rows (the first is already here). */
async function allRows(ctx: CliContext, request: ImportRequest, first: ImportPreview): Promise<ImportRowPreview[]> {
  const rows = [...first.rows];
  for (let page = 1; rows.length < first.totalRows; page++) {
    const next = await callCommand(ctx, 'inventory.previewImport', { ...request, page });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return rows;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary:
    'Import hosts from a spreadsheet (CSV/TSV/Markdown), ~/.ssh/config, an Ansible inventory or a Labvisor export',
  usage:
    'labvisor import FILE|- [--format auto|csv|tsv|markdown|ssh-config|ansible|json] [--encoding auto|utf-8|gb18030|utf-16le|utf-16be] [--map "Header=field"]... [--no-links] [--dry-run] [--json]',
  options: {
    format: { type: 'string' },
    encoding: { type: 'string' },
    map: { type: 'string', multiple: true },
    'no-links': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [file, ...extra] = positionals;
    const format = (values.format as string | undefined) ?? 'auto';
    const encoding = (values.encoding as string | undefined) ?? 'auto';
    if (
      !file ||
      extra.length ||
      !(IMPORT_FORMATS as readonly string[]).includes(format) ||
      !(IMPORT_ENCODINGS as readonly string[]).includes(encoding)
    ) {
      ctx.io.stderr.write(`labvisor: usage: ${this.usage}\n`);
      return EXIT.usage;
    }
    const mapping = parseMappings(ctx, (values.map as string[] | undefined) ?? []);
    if (!mapping) return EXIT.usage;
    let bytes: Buffer;
    let companions: Record<string, string> = {};
    try {
      bytes = await readImportBytes(ctx, file);
      if (file !== '-') companions = await readCompanions(file);
    } catch (error) {
      ctx.io.stderr.write(`labvisor: cannot read ${file}: ${(error as Error).message}\n`);
      return error instanceof SourceError ? EXIT.usage : EXIT.notFound;
    }
    const source = file === '-' ? 'stdin' : basename(file);
    const request: ImportRequest = {
      // In process, rows are not serialised: one page holds them all and the file is read once.
      pageSize: IMPORT_LIMITS.rows,
      base64: bytes.toString('base64'),
      encoding: encoding as ImportEncoding,
      format: format as ImportFormat,
      ...(file === '-' ? {} : { fileName: source }),
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(Object.keys(companions).length ? { companions } : {}),
    };
    const preview = await callCommand(ctx, 'inventory.previewImport', request);
    const rows = await allRows(ctx, request, preview);
    const links = values['no-links'] ? [] : preview.links;
    for (const e of preview.errors) ctx.io.stderr.write(`labvisor: ${e}\n`);
    for (const row of rows) for (const e of row.errors) ctx.io.stderr.write(`${e}\n`);
    if (!ctx.json) {
      for (const row of rows) for (const w of row.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
      if (preview.unmappedHeaders.length)
        ctx.io.stderr.write(`warning: columns not read: ${preview.unmappedHeaders.join(', ')} (use --map)\n`);
    }
    const s = preview.summary;
    const failed = preview.errors.length > 0 || s.error > 0;
    const dryRun = Boolean(values['dry-run']);
    const linked = new Set(links.map((l) => l.bmcLine));
    const toWrite = rows.filter((r) => r.action !== 'unchanged' && !linked.has(r.line));
    const result =
      failed || dryRun || toWrite.length + links.length === 0
        ? null
        : await callCommand(ctx, 'inventory.commitImport', { rows: toWrite, links, source });
    if (ctx.json) {
      printJson(ctx, {
        format: preview.format,
        encoding: preview.encoding?.name ?? null,
        readBy: preview.readBy,
        mapping: preview.mapping,
        unmappedHeaders: preview.unmappedHeaders,
        errors: preview.errors,
        summary: s,
        links: links.map((l) => ({
          bmc: l.bmcName,
          line: l.bmcLine,
          host: l.hostName,
          type: l.bmc.type,
          address: l.bmc.address,
          jumpHost: l.jumpHostName,
          reason: l.reason,
        })),
        rows: rows.map((r) => ({
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
      const read = [
        preview.format,
        preview.encoding?.name,
        preview.readBy === 'labvisor' ? null : `via ${preview.readBy}`,
      ];
      ctx.io.stdout.write(
        `${read.filter(Boolean).join(', ')}: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.alias} aliases, ${s.error} with errors\n`,
      );
      for (const l of links)
        ctx.io.stdout.write(
          `link: ${l.bmcName} (line ${l.bmcLine}) as the ${l.bmc.type} BMC of ${l.hostName} at ${l.bmc.address}${l.jumpHostName ? `, reached through ${l.jumpHostName}` : ''} (${l.reason})\n`,
        );
      if (failed) ctx.io.stdout.write('nothing was imported; fix the errors above and try again\n');
      else if (dryRun) ctx.io.stdout.write('dry run: nothing was written\n');
      else if (result)
        ctx.io.stdout.write(
          `imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.aliases} aliases, ${result.links} BMC links\n`,
        );
      else ctx.io.stdout.write('nothing to change\n');
    }
    return failed ? EXIT.usage : EXIT.ok;
  },
};
