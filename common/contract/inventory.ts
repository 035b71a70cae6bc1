import { z } from 'zod';
import { Host, HostChanges, HostFields } from '../domain/host';
import { NamingRules, ParsedName } from '../domain/naming';
import { mutation, query } from './define';

export const IMPORT_FORMATS = ['auto', 'csv', 'tsv', 'markdown', 'ssh-config', 'ansible', 'json'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const EXPORT_FORMATS = ['csv', 'json', 'ansible', 'ssh-config'] as const;
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
  'bmcType',
  'bmcAddress',
  'bmcUser',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;
export const ColumnTarget = z.union([ImportField, z.literal('ignore')]);
export type ColumnTarget = z.infer<typeof ColumnTarget>;

const ImportRequest = z.object({
  text: z.string().max(50 * 1024 * 1024, 'file is larger than 50 MiB'),
  fileName: z.string().max(1024).optional(),
  format: ImportFormat.default('auto'),
  /** Header text → field, overriding what was recognised. */
  mapping: z.record(z.string(), ColumnTarget).optional(),
});
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

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'alias', 'error'] as const;
export const ImportRowPreview = ImportRow.extend({
  action: z.enum(IMPORT_ACTIONS),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  /** What the naming convention suggested, shown next to the parsed values. */
  parsedName: ParsedName.nullable(),
});
export type ImportRowPreview = z.infer<typeof ImportRowPreview>;

export const ImportPreview = z.object({
  format: ImportFormat.exclude(['auto']),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), ColumnTarget),
  unmappedHeaders: z.array(z.string()),
  rows: z.array(ImportRowPreview),
  /** Problems with the file as a whole (no header row, unknown format...). */
  errors: z.array(z.string()),
  summary: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    alias: z.number().int(),
    error: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
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
    z.object({ rows: z.array(ImportRow).min(1), source: z.string().max(1024).optional() }),
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
