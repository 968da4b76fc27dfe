// A tolerant HTML tokenizer: start and end tags with attributes, text, comments and doctypes, with
// the raw-text elements (script, style, textarea, title) read as one text token. It never throws:
// whatever does not parse as markup is text. Linear in the input.

export type HtmlToken =
  | { type: 'start'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string }
  | { type: 'text'; text: string };

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
const TAG_NAME = /^[a-zA-Z][a-zA-Z0-9:-]*/;
const ATTR = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  let pos = 0;
  const n = html.length;
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      yield { type: 'text', text: html.slice(pos) };
      return;
    }
    if (lt > pos) yield { type: 'text', text: html.slice(pos, lt) };
    pos = lt;
    if (html.startsWith('<!--', pos)) {
      const end = html.indexOf('-->', pos + 4);
      pos = end < 0 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<!', pos) || html.startsWith('<?', pos)) {
      const end = html.indexOf('>', pos);
      pos = end < 0 ? n : end + 1;
      continue;
    }
    const closing = html[pos + 1] === '/';
    const nameMatch = TAG_NAME.exec(html.slice(pos + (closing ? 2 : 1), pos + (closing ? 2 : 1) + 64));
    if (!nameMatch) {
      yield { type: 'text', text: '<' };
      pos++;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    let p = pos + (closing ? 2 : 1) + nameMatch[0].length;
    const attrs: Record<string, string> = {};
    // Attributes up to the closing `>`; quoted values may contain `>`.
    while (p < n && html[p] !== '>') {
      if (html[p] === '/' && html[p + 1] === '>') break;
      ATTR.lastIndex = p;
      const m = ATTR.exec(html);
      if (!m || m[0].length === 0) {
        p++;
        continue;
      }
      const key = (m[1] as string).toLowerCase();
      if (!(key in attrs)) attrs[key] = m[2] ?? m[3] ?? m[4] ?? '';
      p = ATTR.lastIndex;
    }
    const selfClosing = html[p] === '/';
    const gt = html.indexOf('>', p);
    pos = gt < 0 ? n : gt + 1;
    if (closing) {
      yield { type: 'end', name };
      continue;
    }
    yield { type: 'start', name, attrs, selfClosing };
    if (RAW_TEXT.has(name) && !selfClosing) {
      const closeRe = new RegExp(`</${name}`, 'gi');
      closeRe.lastIndex = pos;
      const close = closeRe.exec(html)?.index ?? -1;
      const end = close < 0 ? n : close;
      yield { type: 'text', text: html.slice(pos, end) };
      yield { type: 'end', name };
      const gt2 = close < 0 ? -1 : html.indexOf('>', close);
      pos = gt2 < 0 ? n : gt2 + 1;
    }
  }
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  divide: '÷',
  deg: '°',
  yen: '¥',
  euro: '€',
  para: '¶',
  sect: '§',
};

/** Decodes character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,10});?/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}
