import { IMPORT_ENCODINGS, type ImportEncoding } from '../../../../common/contract/inventory';

type ConcreteEncoding = Exclude<ImportEncoding, 'auto'>;

export interface Decoded {
  text: string;
  encoding: ConcreteEncoding;
  /** How it was chosen: a byte-order mark, a strict check, or the user's choice. */
  reason: 'bom' | 'detected' | 'chosen';
}

/** The file is not text in any encoding tried; the message lists them. */
export class DecodeError extends Error {}

const BOMS: [ConcreteEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

const strict = (encoding: ConcreteEncoding, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
};

/** UTF-16 without a BOM ("Unicode text" exports of ASCII-heavy sheets): NUL in every other byte. */
function utf16Guess(bytes: Uint8Array): ConcreteEncoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.3 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.3 && oddZero < half * 0.05) return 'utf-16be';
  return null;
}

/**
 * Sheets saved by Excel on a Chinese Windows are GB18030 (GBK), "Unicode text" exports are UTF-16: a byte-order
 * mark decides, then strict UTF-8, then UTF-16 by its NUL bytes, then GB18030. A chosen encoding is used as is.
 */
export function decodeText(bytes: Uint8Array, chosen: ImportEncoding = 'auto'): Decoded {
  if (chosen !== 'auto') {
    const text = strict(chosen, bytes);
    if (text === null) throw new DecodeError(`the file is not valid ${chosen}`);
    return { text: stripBom(text), encoding: chosen, reason: 'chosen' };
  }
  for (const [encoding, bom] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      const text = strict(encoding, bytes);
      if (text === null)
        throw new DecodeError(`the file starts with a ${encoding} byte-order mark but is not valid ${encoding}`);
      return { text: stripBom(text), encoding, reason: 'bom' };
    }
  }
  const utf16 = utf16Guess(bytes);
  const order: ConcreteEncoding[] = utf16 ? [utf16, 'utf-8', 'gb18030'] : ['utf-8', 'gb18030'];
  for (const encoding of order) {
    const text = strict(encoding, bytes);
    // NUL never occurs in a text sheet: a decoder that lets it through is reading a binary file.
    if (text !== null && !text.includes('\u0000')) return { text, encoding, reason: 'detected' };
  }
  throw new DecodeError(
    `the file is not text in any encoding tried (${IMPORT_ENCODINGS.filter((e) => e !== 'auto').join(', ')}); a spreadsheet saved as .xlsx must be saved as CSV first`,
  );
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
