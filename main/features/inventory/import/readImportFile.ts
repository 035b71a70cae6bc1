import { IMPORT_LIMITS, type ParsedImportRequest } from '../../../../common/contract/inventory';
import { decodeText, DecodeError, type Decoded } from './decodeText';
import { readerFor, detectFormat } from './formats/registry';
import type { ConcreteFormat } from './formats/formatReader';
import type { ParsedFile } from './importDraft';
import type { ImportTools } from './importTools';

export interface ReadFile extends ParsedFile {
  encoding: Decoded | null;
}

const empty = (format: ConcreteFormat, error: string): ParsedFile => ({
  format,
  headers: [],
  mapping: {},
  unmappedHeaders: [],
  drafts: [],
  errors: [error],
  foldAliases: false,
  readBy: 'labvisor',
});

/**
 * Decodes the file (bytes: detected or chosen encoding), picks its format's reader from the registry and reads
 * it, within the limits of `IMPORT_LIMITS`: the size is checked before decoding and the row count after
 * reading, so a huge file is refused with a clear error instead of filling the heap.
 */
export async function readImportFile(request: ParsedImportRequest, tools: ImportTools): Promise<ReadFile> {
  const size = request.base64 !== undefined ? Math.floor((request.base64.length * 3) / 4) : request.text!.length;
  const formatGuess = request.format === 'auto' ? 'csv' : request.format;
  if (size > IMPORT_LIMITS.bytes + 3)
    return {
      ...empty(formatGuess, `the file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MiB; split it`),
      encoding: null,
    };
  let encoding: Decoded | null = null;
  let text: string;
  if (request.base64 !== undefined) {
    try {
      encoding = decodeText(Buffer.from(request.base64, 'base64'), request.encoding);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      return { ...empty(formatGuess, error.message), encoding: null };
    }
    text = encoding.text;
  } else text = request.text!.charCodeAt(0) === 0xfeff ? request.text!.slice(1) : request.text!;

  const format = request.format === 'auto' ? detectFormat(text, request.fileName) : request.format;
  if (text.trim() === '') return { ...empty(format, 'the file is empty'), encoding };
  const file = await readerFor(format).read({
    text,
    ...(request.fileName ? { fileName: request.fileName } : {}),
    ...(request.mapping ? { mapping: request.mapping } : {}),
    companions: request.companions ?? {},
    tools,
  });
  if (file.drafts.length > IMPORT_LIMITS.rows) {
    return {
      ...empty(
        format,
        `the file has ${file.drafts.length.toLocaleString('en')} hosts; an import takes at most ${IMPORT_LIMITS.rows.toLocaleString('en')}: split it`,
      ),
      encoding,
    };
  }
  return { ...file, encoding };
}
