// Rich note bodies (XMind realHTML, XMind 2019 paragraph JSON, XHTML in XMind 8 and MindManager)
// reduced to the plain text Arbor keeps as a note. Line breaks follow block elements.

import { localName, type XmlElement, type XmlNode } from '../xml.ts';
import { asArray, asObject, asString } from './zen-types.ts';

const BLOCK = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'table']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[body.toLowerCase()] ?? all;
  });
}

/** Markup whitespace collapses as a browser would: one space between words, none at line ends. */
const collapseSpaces = (s: string): string => s.replace(/[ \t\u00a0]{2,}/g, ' ').replace(/^ +| +$/gm, '');

/** Tidies extracted text: no trailing spaces on lines, at most one blank line, no outer blank lines. */
export function tidyText(s: string): string {
  return s
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

/** Plain text of an HTML string (a linear scan with regular expressions; nothing is rendered). */
export function htmlToText(html: string): string {
  let out = '';
  const re = /<\s*(\/?)\s*([a-zA-Z][\w:-]*)[^>]*>|<!--[\s\S]*?-->|([^<]+)|</g;
  let m: RegExpExecArray | null;
  let skip = 0; // inside <script>/<style>
  while ((m = re.exec(html))) {
    if (m[3] !== undefined || m[0] === '<') {
      if (!skip) out += decodeEntities((m[3] ?? '<').replace(/\s*\n\s*/g, ' '));
    } else if (m[2]) {
      const name = localName(m[2]).toLowerCase();
      if (name === 'script' || name === 'style') skip = Math.max(0, skip + (m[1] ? -1 : 1));
      else if (name === 'br') out += '\n';
      else if (BLOCK.has(name) && out && !out.endsWith('\n')) out += '\n';
    }
  }
  return tidyText(collapseSpaces(out));
}

/** Plain text of a parsed XHTML element (iterative, so deep markup is safe). */
export function xhtmlToText(el: XmlElement): string {
  let out = '';
  const stack: (XmlNode | { close: string })[] = [el];
  while (stack.length) {
    const n = stack.pop() as XmlNode | { close: string };
    if (typeof n === 'string') {
      const text = n.replace(/\s*\n\s*/g, ' ');
      out += out === '' || out.endsWith('\n') ? text.trimStart() : text;
      continue;
    }
    if ('close' in n) {
      if (!out.endsWith('\n')) out += '\n';
      continue;
    }
    const name = localName(n.name).toLowerCase();
    if (name === 'br') {
      out += '\n';
      continue;
    }
    if (name === 'script' || name === 'style' || name === 'head') continue;
    if (BLOCK.has(name)) {
      if (out && !out.endsWith('\n')) out += '\n';
      stack.push({ close: name });
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as XmlNode);
  }
  return tidyText(collapseSpaces(out));
}

/** Text of XMind 2019's `notes.html.content` (`{paragraphs: [{spans: [{text}]}]}`). */
export function paragraphsToText(content: unknown): string {
  const paragraphs = asArray(asObject<{ paragraphs?: unknown }>(content)?.paragraphs);
  const lines = paragraphs.map((p) =>
    asArray(asObject<{ spans?: unknown }>(p)?.spans)
      .map((s) => asString(asObject<{ text?: unknown }>(s)?.text) ?? '')
      .join(''),
  );
  return tidyText(lines.join('\n'));
}
