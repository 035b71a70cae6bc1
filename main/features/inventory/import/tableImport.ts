import { IMPORT_CLEAR_MARKER, type ColumnTarget, type ImportField } from '../../../../common/contract/inventory';
import {
  CellError,
  parseBmcType,
  parseCpus,
  parseInteger,
  parseKind,
  parseLayer,
  parseSize,
  parseTags,
} from './cellValues';
import { headerUnitGiB, mapColumns } from './headerMapping';
import { CLEARABLE, newDraft, type Clearable, type ImportDraft, type ParsedFile } from './importDraft';
import { splitDelimited, splitMarkdown, type TableRecord } from './tableText';

type TableFormat = 'csv' | 'tsv' | 'markdown';

/** Reads a spreadsheet export: the first non-empty record is the header row. */
export function readTable(text: string, format: TableFormat, overrides?: Record<string, ColumnTarget>): ParsedFile {
  const records = format === 'markdown' ? splitMarkdown(text) : splitDelimited(text, format === 'tsv' ? '\t' : ',');
  const file: ParsedFile = {
    format,
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts: [],
    errors: [],
    foldAliases: true,
    readBy: 'labvisor',
  };
  const [headerRecord, ...rows] = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!headerRecord) return { ...file, errors: ['the file is empty'] };
  const headers = headerRecord.cells.map((c) => c.trim());
  const { columns, mapping, unmappedHeaders } = mapColumns(headers, overrides);
  Object.assign(file, { headers, mapping, unmappedHeaders });
  if (![...columns.values()].includes('name')) {
    file.errors.push(
      `line ${headerRecord.line}: no column holds host names (headers: ${headers.join(', ')}); map one to "name"`,
    );
    return file;
  }
  if (rows.length === 0) file.errors.push('the file has a header row but no hosts');
  file.drafts = rows.map((r) => readRow(r, headers, columns));
  return file;
}

function readRow(record: TableRecord, headers: string[], columns: Map<number, ImportField>): ImportDraft {
  const draft = newDraft(record.line);
  for (const [i, field] of columns) {
    const cell = (record.cells[i] ?? '').trim();
    if (cell === '') continue;
    try {
      if (cell === IMPORT_CLEAR_MARKER) {
        clearCell(draft, field, headers[i]!);
        continue;
      }
      readCell(draft, field, cell, headers[i]!);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      draft.errors.push(`line ${record.line}: ${error.message}`);
    }
  }
  if (draft.name === null) draft.errors.push(`line ${record.line}: the host name is empty`);
  return draft;
}

const CLEARABLE_REFS = { parent: 'parent', jumpHost: 'jump', bmcJumpHost: 'bmcJump' } as const;

/** `-` in a cell clears the field; required fields (name, address, kind, layer) cannot be cleared. */
function clearCell(draft: ImportDraft, field: ImportField, header: string): void {
  if (field in CLEARABLE_REFS) {
    draft.refs[CLEARABLE_REFS[field as keyof typeof CLEARABLE_REFS]] = null;
    return;
  }
  if (!(CLEARABLE as readonly string[]).includes(field))
    throw new CellError(`${header} cannot be cleared ("${IMPORT_CLEAR_MARKER}" clears optional fields only)`);
  (draft.values as Record<Clearable, null>)[field as Clearable] = null;
}

function readCell(draft: ImportDraft, field: ImportField, cell: string, header: string): void {
  const v = draft.values;
  switch (field) {
    case 'name':
      draft.name = cell;
      return;
    case 'address':
      v.address = cell;
      return;
    case 'layer':
      v.layer = parseLayer(cell, header);
      return;
    case 'kind':
      v.kind = parseKind(cell, header);
      return;
    case 'parent':
      draft.refs.parent = cell;
      return;
    case 'jumpHost':
      draft.refs.jump = cell;
      return;
    case 'bmcJumpHost':
      draft.refs.bmcJump = cell;
      return;
    case 'bmcPort':
      v.bmcPort = parseInteger(cell, header, 1, 65535);
      return;
    case 'index':
      v.index = parseInteger(cell, header, 0, Number.MAX_SAFE_INTEGER);
      return;
    case 'cpus':
      v.cpus = parseCpus(cell, header);
      return;
    case 'memoryGiB':
      v.memoryGiB = parseSize(cell, header, headerUnitGiB(header)).gib;
      return;
    case 'diskGiB': {
      const size = parseSize(cell, header, headerUnitGiB(header));
      v.diskGiB = size.gib;
      if (size.media) v.diskType = size.media;
      return;
    }
    case 'sshPort':
      v.sshPort = parseInteger(cell, header, 1, 65535);
      return;
    case 'tags':
      v.tags = parseTags(cell);
      return;
    case 'bmcType':
      v.bmcType = parseBmcType(cell, header);
      return;
    case 'cluster':
    case 'role':
    case 'arch':
    case 'numa':
    case 'notes':
    case 'sshUser':
    case 'bmcAddress':
    case 'bmcUser':
    case 'identityFile':
      v[field] = cell;
      return;
  }
}
