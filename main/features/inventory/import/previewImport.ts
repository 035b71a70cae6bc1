import type { Host } from '../../../../common/domain/host';
import type { NamingRules } from '../../../../common/domain/naming';
import type { ImportPreview, ParsedImportRequest } from '../../../../common/contract/inventory';

export interface PreviewContext {
  existing: readonly Host[];
  rules: NamingRules;
}

/** Reads a file into rows, each with the action a commit would take and its errors. (Placeholder until the importers land.) */
export function previewImport(request: ParsedImportRequest, _ctx: PreviewContext): ImportPreview {
  return {
    format: request.format === 'auto' ? 'csv' : request.format,
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    rows: [],
    errors: ['import is not implemented yet'],
    summary: { create: 0, update: 0, unchanged: 0, alias: 0, error: 0 },
  };
}
