/** One directive of an ssh_config file: the keyword in lower case and its arguments, unquoted. */
export interface ConfigLine {
  keyword: string;
  args: string[];
  line: number;
  file: string;
}

/**
 * Splits ssh_config text as OpenSSH (≥ 8.7) does: `Keyword args` or `Keyword=args`, double-quoted arguments,
 * and an unquoted `#` starting a trailing comment.
 */
export function configLines(text: string, file: string): { lines: ConfigLine[]; errors: string[] } {
  const lines: ConfigLine[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = /^([^\s=]+)\s*(?:=\s*|\s+|$)(.*)$/.exec(trimmed);
    if (!m) return;
    const words = splitArgs(m[2]!);
    if (words === null) errors.push(`${file} line ${i + 1}: unbalanced quotes`);
    else lines.push({ keyword: m[1]!.toLowerCase(), args: words, line: i + 1, file });
  });
  return { lines, errors };
}

/** Whitespace-separated words, `"..."` kept whole; a word starting with an unquoted `#` ends the line. */
export function splitArgs(text: string): string[] | null {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] === '#') break;
    let word = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return null;
        word += text.slice(i + 1, end);
        i = end + 1;
      } else word += text[i++];
    }
    words.push(word);
  }
  return words;
}

/** OpenSSH's `match_pattern`: `*` and `?` wildcards; host names compare case-insensitively, file names not. */
export function matchPattern(value: string, pattern: string, ignoreCase = true): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '.*')
        .replaceAll('?', '.') +
      '$',
    ignoreCase ? 'i' : '',
  );
  return re.test(value);
}

/**
 * `match_pattern_list`: true when some pattern matches and no negated (`!`) one does. `Host` lists are
 * whitespace-separated words, `Match host` lists are comma-separated.
 */
export function matchPatternList(value: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (matchPattern(value, negated ? p.slice(1) : p)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
