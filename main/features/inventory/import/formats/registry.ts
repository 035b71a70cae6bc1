import { ansibleFormat } from './ansibleFormat';
import { csvFormat } from './csvFormat';
import type { ConcreteFormat, FormatReader } from './formatReader';
import { jsonFormat } from './jsonFormat';
import { markdownFormat } from './markdownFormat';
import { sshConfigFormat } from './sshConfigFormat';
import { tsvFormat } from './tsvFormat';

/** Every import format, one line each; a name in `IMPORT_FORMATS` without its line here does not compile. */
const BY_FORMAT: { readonly [F in ConcreteFormat]: FormatReader<F> } = {
  csv: csvFormat,
  tsv: tsvFormat,
  markdown: markdownFormat,
  'ssh-config': sshConfigFormat,
  ansible: ansibleFormat,
  json: jsonFormat,
};
const READERS: readonly FormatReader[] = Object.values(BY_FORMAT);

export function readerFor(format: ConcreteFormat): FormatReader {
  return BY_FORMAT[format];
}

/** The file name decides when it is telling (`.csv`, `ssh_config`, `hosts.yml`); otherwise the content. */
export function detectFormat(text: string, fileName?: string): ConcreteFormat {
  const base = (fileName ?? '').split(/[\\/]/).pop()!.toLowerCase();
  const ext = base.includes('.') ? base.split('.').pop()! : '';
  const named =
    (ext && READERS.find((r) => r.extensions.includes(ext))) || READERS.find((r) => r.baseNames?.includes(base));
  if (named) return named.format;
  let best: FormatReader = csvFormat;
  let score = 0;
  for (const r of READERS) {
    const s = r.sniff(text);
    if (s > score) [best, score] = [r, s];
  }
  return best.format;
}
