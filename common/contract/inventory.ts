import { z } from 'zod';
import { BmcSettingsFields, Host, HostChanges, HostFields } from '../domain/host';
import { NamingRules, ParsedName } from '../domain/naming';
import { mutation, query } from './define';
import { EXPORT_FORMATS } from './inventoryValues';

export { EXPORT_FORMATS } from './inventoryValues';

export const IMPORT_FORMATS = ['auto', 'csv', 'tsv', 'markdown', 'ssh-config', 'ansible', 'json'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Columns a table header can map to (the column-mapping step of the import wizard). */
export const IMPORT_FIELDS = [
  'name',
  'layer',
  'address',
  'kind',
  'parent',
  'cluster',
  'role',
  'index',
  'arch',
  'cpus',
  'memoryGiB',
  'diskGiB',
  'numa',
  'notes',
  'tags',
  'sshUser',
  'sshPort',
  'jumpHost',
  'identityFile',
  'bmcType',
  'bmcAddress',
  'bmcPort',
  'bmcUser',
  'bmcJumpHost',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;
export const ColumnTarget = z.union([ImportField, z.literal('ignore')]);
export type ColumnTarget = z.infer<typeof ColumnTarget>;

/** Text encodings an imported file may be in; `auto` detects (BOM, strict UTF-8, UTF-16, GB18030). */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export const ImportEncoding = z.enum(IMPORT_ENCODINGS);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

/** Limits that keep an import within memory: checked before reading, stated in errors and docs/cli.md. */
export const IMPORT_LIMITS = {
  /** Largest file, in bytes (a 100,000-row sheet is about 10 MB). */
  bytes: 20 * 1024 * 1024,
  rows: 100_000,
  /** Row errors collected before the reader stops listing them (the import is refused either way). */
  errors: 200,
  /** Preview rows returned per page; the summary and links always cover the whole file. */
  pageSize: 2_000,
  companionFiles: 500,
} as const;

/** A sheet cell holding only this clears the field (an empty cell keeps what the host has). */
export const IMPORT_CLEAR_MARKER = '-';

const MiB = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export const ImportRequest = z
  .object({
    /** The file as text (already decoded), or... */
    text: z
      .string()
      .max(IMPORT_LIMITS.bytes, `the file is larger than ${MiB(IMPORT_LIMITS.bytes)}`)
      .optional(),
    /** ...its bytes in base64, so that the encoding is detected (or chosen with `encoding`). */
    base64: z
      .string()
      .max(Math.ceil(IMPORT_LIMITS.bytes / 3) * 4, `the file is larger than ${MiB(IMPORT_LIMITS.bytes)}`)
      .optional(),
    encoding: ImportEncoding.default('auto'),
    fileName: z.string().max(1024).optional(),
    format: ImportFormat.default('auto'),
    /** Header text → field, overriding what was recognised. */
    mapping: z.record(z.string(), ColumnTarget).optional(),
    /** Files beside the imported one (Ansible's `group_vars/`, `host_vars/`), by relative path → text. */
    companions: z
      .record(z.string().max(1024), z.string().max(IMPORT_LIMITS.bytes))
      .refine((c) => Object.keys(c).length <= IMPORT_LIMITS.companionFiles, 'too many companion files')
      .optional(),
    /** Which page of preview rows to return (0-based, `pageSize` rows each). */
    page: z.number().int().nonnegative().default(0),
    /** Rows per page: small for a window that shows them, up to every row for the in-process CLI. */
    pageSize: z.number().int().min(1).max(IMPORT_LIMITS.rows).default(IMPORT_LIMITS.pageSize),
  })
  .refine((r) => (r.text === undefined) !== (r.base64 === undefined), 'give the file as either text or base64');
export type ImportRequest = z.input<typeof ImportRequest>;
/** The import request after parsing (format defaulted). */
export type ParsedImportRequest = z.output<typeof ImportRequest>;

/**
 * One host as read from a file. References to other hosts are by name, since they may be created by the
 * same import; ids in `fields` (parentId, jumpHostId) are ignored on commit.
 */
export const ImportRow = z.object({
  line: z.number().int().nonnegative(),
  fields: HostFields,
  parentName: z.string().nullable().default(null),
  jumpHostName: z.string().nullable().default(null),
  bmcJumpHostName: z.string().nullable().default(null),
  /** Set when the row only names a service sharing another host's address (`wpad` on `zcloud`). */
  aliasOf: z.string().nullable().default(null),
});
export type ImportRow = z.infer<typeof ImportRow>;

/** `link`: the row is a BMC proposed as a server's (see `ImportLink`); unlinked, it would be created as a host. */
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'alias', 'link', 'error'] as const;
export const ImportRowPreview = ImportRow.extend({
  action: z.enum(IMPORT_ACTIONS),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  /** What the naming convention suggested, shown next to the parsed values. */
  parsedName: ParsedName.nullable(),
});
export type ImportRowPreview = z.infer<typeof ImportRowPreview>;

/**
 * A sheet row that is a server's out-of-band controller (`dl360-ilo`, notes "HP DL360 Gen9带外管理"): applying
 * it sets the server's BMC to the row's address instead of creating the row as a host.
 */
export const ImportLink = z.object({
  /** The BMC's own row. */
  bmcLine: z.number().int().nonnegative(),
  bmcName: z.string(),
  /** The server that gets the BMC: a host of the file or the inventory. */
  hostName: z.string(),
  bmc: BmcSettingsFields.pick({ type: true, address: true, port: true, user: true, cipherSuite: true }),
  /** A host the notes say reaches the out-of-band network, proposed as the BMC's jump host. */
  jumpHostName: z.string().nullable(),
  /** Why the rows were matched, for people. */
  reason: z.string(),
});
export type ImportLink = z.infer<typeof ImportLink>;

export const ImportPreview = z.object({
  format: ImportFormat.exclude(['auto']),
  /** The encoding the bytes were read with and why (`null` when the caller sent text). */
  encoding: z
    .object({ name: ImportEncoding.exclude(['auto']), reason: z.enum(['bom', 'detected', 'chosen']) })
    .nullable(),
  /** Which reader answered: the reference tool (`ssh -G`, `ansible-inventory`) or Labvisor's own. */
  readBy: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), ColumnTarget),
  unmappedHeaders: z.array(z.string()),
  /** One page of rows (`page`, `pageSize` each); `totalRows` counts them all. */
  rows: z.array(ImportRowPreview),
  page: z.number().int().nonnegative(),
  totalRows: z.number().int().nonnegative(),
  /** Proposed BMC links over the whole file (applied unless the user unticks them). */
  links: z.array(ImportLink),
  /** Problems with the file as a whole (no header row, unknown format...). */
  errors: z.array(z.string()),
  summary: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    alias: z.number().int(),
    link: z.number().int(),
    error: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  links: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  aliases: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportResult = z.object({ text: z.string(), fileName: z.string(), mimeType: z.string() });
export type ExportResult = z.infer<typeof ExportResult>;

const Id = z.number().int().positive();

/** Where a page of the inventory ends, in the order hosts are listed (layer, then name). */
export const HostCursor = z.object({ layer: z.number().int(), name: z.string() });
export type HostCursor = z.infer<typeof HostCursor>;
export const HostPage = z.object({ hosts: z.array(Host), total: z.number().int(), next: HostCursor.nullable() });
export type HostPage = z.infer<typeof HostPage>;

export const inventoryCommands = {
  'inventory.listHosts': query(z.object({}), z.array(Host)),
  'inventory.getHost': query(z.object({ id: Id }), Host),
  /**
   * The inventory a page at a time (layer, then name), so a view paints its first rows before 10,000 hosts
   * have crossed the wire; `next` is the cursor of the following page, null after the last.
   */
  'inventory.pageHosts': query(
    z.object({ after: HostCursor.nullable().default(null), limit: z.number().int().min(1).max(5000).default(500) }),
    HostPage,
  ),
  /** The given hosts as they are now; ids no longer in the inventory are left out (how a client learns of removals). */
  'inventory.getHosts': query(z.object({ ids: z.array(Id).min(1).max(10_000) }), z.array(Host)),
  'inventory.addHost': mutation(HostFields, Host),
  'inventory.updateHost': mutation(z.object({ id: Id, changes: HostChanges }), Host),
  'inventory.removeHosts': mutation(z.object({ ids: z.array(Id).min(1) }), z.object({ removed: z.number().int() })),
  'inventory.previewImport': query(ImportRequest, ImportPreview),
  /** All or nothing: any row with an error rejects the whole commit with the rows' errors in `details`. */
  'inventory.commitImport': mutation(
    z
      .object({
        rows: z.array(ImportRow).max(IMPORT_LIMITS.rows),
        links: z.array(ImportLink).max(IMPORT_LIMITS.rows).default([]),
        source: z.string().max(1024).optional(),
      })
      .refine((c) => c.rows.length + c.links.length > 0, 'nothing to import'),
    ImportResult,
  ),
  'inventory.export': query(z.object({ format: ExportFormat }), ExportResult),
  'inventory.getNamingRules': query(z.object({}), NamingRules),
  'inventory.setNamingRules': mutation(NamingRules, NamingRules),
} as const;

export const inventoryEvents = {
  /** Something in the inventory changed: clients fetch the hosts in `ids` again, or reload everything without `ids`. */
  'inventory.changed': z.object({ reason: z.string(), ids: z.array(z.number().int()).optional() }),
} as const;
