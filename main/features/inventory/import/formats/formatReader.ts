import type { ColumnTarget, ImportFormat } from '../../../../../common/contract/inventory';
import type { ParsedFile } from '../importDraft';
import type { ImportTools } from '../importTools';

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>;

/** What a reader is given: the decoded text and what the caller knows about where it came from. */
export interface ReadInput {
  text: string;
  fileName?: string;
  mapping?: Record<string, ColumnTarget>;
  /** Files that lived beside the imported one (`group_vars/all.yml`), by path relative to it. */
  companions: Record<string, string>;
  tools: ImportTools;
}

/**
 * One import format. Adding a format is one file exporting one of these plus its name in `IMPORT_FORMATS`
 * (common/contract/inventory.ts) and one line in `registry.ts`.
 */
export interface FormatReader<F extends ConcreteFormat = ConcreteFormat> {
  format: F;
  /** File-name endings (lower case, without the dot) that name this format outright. */
  extensions: readonly string[];
  /** Whole base names that name it (`config`, `hosts`). */
  baseNames?: readonly string[];
  /** How strongly the content looks like this format, 0 (not at all) to 1 (certainly). */
  sniff(text: string): number;
  read(input: ReadInput): ParsedFile | Promise<ParsedFile>;
}

/** Lines with content, comments (`#`) left out: what sniffers look at. */
export function meaningfulLines(text: string, limit = 200): string[] {
  const out: string[] = [];
  let start = 0;
  while (start <= text.length && out.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line && !line.startsWith('#')) out.push(line);
    start = end + 1;
  }
  return out;
}
