/** An XML element: enough of XML for libvirt's domain, snapshot and capabilities documents. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded. */
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named = ENTITIES[ref];
    if (named === undefined) throw new XmlError(`unknown entity &${ref};`);
    return named;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** A sticky match at `at` (no copying of the rest of the document). */
function matchAt(re: RegExp, source: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(source);
}

/**
 * Parses one XML document into elements. Strict where it matters (balanced tags, quoted attributes, known
 * entities) and throws XmlError on anything else, so a truncated or hostile document is refused, not half-read.
 * No DTDs or external entities are ever resolved.
 */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (what: string): never => {
    throw new XmlError(`${what} at offset ${i}`);
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) {
      const text = source.slice(i, textEnd);
      const top = stack.at(-1);
      if (top) top.text += decode(text);
      else if (text.trim()) fail('text outside the root element');
      i = textEnd;
      continue;
    }
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end === -1) fail('unterminated processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end === -1) fail('unterminated CDATA');
      const top = stack.at(-1) ?? fail('CDATA outside the root element');
      top.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', i)) {
      fail('DTDs are not accepted');
    } else if (source.startsWith('</', i)) {
      const m = matchAt(NAME, source, i + 2);
      const top = stack.pop();
      if (!m || !top || top.name !== m[0]) fail(`mismatched closing tag </${m?.[0] ?? ''}>`);
      i += 2 + m![0].length;
      while (/\s/.test(source[i] ?? '')) i++;
      if (source[i] !== '>') fail('malformed closing tag');
      i++;
    } else {
      const m = matchAt(NAME, source, i + 1);
      if (!m) fail('malformed tag');
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: '' };
      i += 1 + m![0].length;
      for (;;) {
        const a = matchAt(ATTR, source, i);
        if (!a) break;
        el.attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
        i += a[0].length;
      }
      while (/\s/.test(source[i] ?? '')) i++;
      const selfClosing = source.startsWith('/>', i);
      if (!selfClosing && source[i] !== '>') fail(`malformed tag <${el.name}>`);
      i += selfClosing ? 2 : 1;
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length) fail(`unclosed <${stack.at(-1)!.name}>`);
  return root ?? fail('no root element');
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

/** The trimmed text of a path of child names (`childText(domain, 'os', 'type')`), or null. */
export function childText(el: XmlElement | undefined, ...path: string[]): string | null {
  let cur = el;
  for (const name of path) cur = child(cur, name);
  return cur ? cur.text.trim() : null;
}
