// Clipboard HTML, both ways. Reading: the Arbor payload in a `data-arbor` attribute, or the outline
// of nested lists and headings that word processors, web pages and chat apps put on the clipboard.
// The HTML is parsed by a spec-compliant parser behind a small adapter: the browser's DOMParser in
// the app (an inert document: nothing runs, nothing loads), parse5 in Node (see html-parse5.ts).
// Writing: a nested list that other apps paste as a list, escaped throughout.

import type { Entry } from './entries.ts';
import { safeHref } from './inline.ts';

/** What the readers need of a parsed HTML tree. */
export interface HtmlAdapter<N> {
  isElement(n: N): boolean;
  isText(n: N): boolean;
  /** Lower-case tag name of an element. */
  tag(n: N): string;
  /** Text of a text node. */
  text(n: N): string;
  attr(n: N, name: string): string | undefined;
  children(n: N): ArrayLike<N>;
}

export interface ParsedHtml<N = unknown> {
  root: N;
  adapter: HtmlAdapter<N>;
}

export type HtmlParser = (html: string) => ParsedHtml;

/** HTML longer than this (in UTF-16 units) is not parsed; the plain-text alternative is read instead. */
export const MAX_HTML_CHARS = 32 * 1024 * 1024;
/** Elements nested deeper than this are read as text. */
const MAX_ELEMENT_DEPTH = 200;

const SKIP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'head',
  'title',
  'meta',
  'link',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'button',
  'select',
  'input',
  'textarea',
]);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const LISTS = new Set(['ul', 'ol', 'menu', 'dl']);
const ITEMS = new Set(['li', 'dt', 'dd']);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'figure',
  'figcaption',
  'address',
  'center',
  'body',
  'html',
  'details',
  'summary',
  'form',
  'fieldset',
]);

/** The browser's parser, when there is one (an inert document: scripts never run, images never load). */
export function domHtmlParser(): HtmlParser | undefined {
  if (typeof DOMParser === 'undefined') return undefined;
  const adapter: HtmlAdapter<Node> = {
    isElement: (n) => n.nodeType === 1,
    isText: (n) => n.nodeType === 3,
    tag: (n) => (n as Element).localName,
    text: (n) => n.nodeValue ?? '',
    attr: (n, name) => (n as Element).getAttribute(name) ?? undefined,
    children: (n) => n.childNodes,
  };
  return (html) => ({ root: new DOMParser().parseFromString(html, 'text/html') as Node, adapter }) as ParsedHtml;
}

/** The value of the first `data-arbor` attribute in the document, if any. */
export function findArborAttribute<N>({ root, adapter: a }: ParsedHtml<N>): string | undefined {
  const stack: N[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as N;
    if (a.isElement(n)) {
      const v = a.attr(n, 'data-arbor');
      if (v !== undefined) return v;
      if (a.tag(n) === 'template') continue;
    }
    const kids = a.children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as N);
  }
  return undefined;
}

interface InlineText {
  text: string;
  href?: string;
}

const squeeze = (s: string): string => s.replace(/[ \t\r\f\u00A0]+/g, ' ');

/** Lines of inline text, each squeezed and without empty ones. */
function textLines(t: string): string[] {
  return t
    .split('\n')
    .map((l) => squeeze(l).trim())
    .filter((l) => l !== '');
}

const MSO_LEVEL = /mso-list:\s*\S+\s+level(\d{1,2})/i;
const MSO_IGNORE = /mso-list:\s*ignore/i;

const isBlockTag = (t: string): boolean =>
  BLOCKS.has(t) ||
  LISTS.has(t) ||
  ITEMS.has(t) ||
  HEADINGS[t] !== undefined ||
  t === 'pre' ||
  t === 'blockquote' ||
  t === 'table' ||
  t === 'hr';

export interface HtmlEntries {
  entries: Entry[];
  /** Whether the HTML holds an outline (lists or headings), not just paragraphs. */
  structured: boolean;
}

class HtmlReader<N> {
  readonly entries: Entry[] = [];
  structured = false;
  constructor(private readonly a: HtmlAdapter<N>) {}

  /**
   * The text of a node's inline content (nested lists and skipped elements left out); `<br>` and
   * block boundaries → `\n`, table cells end with ` | `. Iterative: any depth of markup is read.
   */
  inlineText(root: N, stopAtLists: boolean): InlineText {
    const a = this.a;
    const out: InlineText = { text: '' };
    const stack: (N | { end: string })[] = [root];
    while (stack.length > 0) {
      const n = stack.pop() as N | { end: string };
      if (typeof n === 'object' && n !== null && 'end' in (n as object)) {
        const end = (n as { end: string }).end;
        if (end === 'td' || end === 'th') out.text += ' | ';
        else if (!out.text.endsWith('\n')) out.text += '\n';
        continue;
      }
      const node = n as N;
      if (a.isText(node)) {
        out.text += a.text(node);
        continue;
      }
      if (!a.isElement(node)) continue;
      const tag = a.tag(node);
      if (SKIP.has(tag) || (stopAtLists && node !== root && LISTS.has(tag))) continue;
      // Word writes a list item's number or bullet in a span it marks `mso-list:Ignore`.
      if (tag === 'span' && MSO_IGNORE.test(a.attr(node, 'style') ?? '')) continue;
      if (tag === 'br') {
        out.text += '\n';
        continue;
      }
      if (tag === 'img') {
        const alt = a.attr(node, 'alt');
        if (alt) out.text += alt;
        continue;
      }
      if (tag === 'a' && out.href === undefined) {
        const href = a.attr(node, 'href');
        const safe = href ? safeHref(href) : undefined;
        if (safe) out.href = safe;
      }
      const block = isBlockTag(tag) || tag === 'tr' || tag === 'td' || tag === 'th';
      if (block && out.text !== '' && !out.text.endsWith('\n') && tag !== 'td' && tag !== 'th') out.text += '\n';
      if (block) stack.push({ end: tag });
      const kids = a.children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as N);
    }
    return out;
  }

  /** Whether an element holds block content (so it is walked rather than read as one line). */
  hasBlocks(n: N): boolean {
    const kids = this.a.children(n);
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i] as N;
      if (this.a.isElement(c) && isBlockTag(this.a.tag(c))) return true;
    }
    return false;
  }

  /**
   * Lines of a block as outline lines. A list item is one topic: its first line is the text, and
   * its further paragraphs go to the topic's note (its nested lists stay its children).
   */
  line(text: string, indent: number, bullet: boolean, href?: string): void {
    const lines = textLines(text);
    if (bullet && lines.length > 1) {
      const e: Entry = { kind: 'line', indent, bullet, text: lines[0] as string };
      if (href) e.href = href;
      this.entries.push(e, { kind: 'note', text: lines.slice(1).join('\n') });
      return;
    }
    lines.forEach((l, i) => {
      const e: Entry = { kind: 'line', indent, bullet, text: l };
      if (href && i === 0) e.href = href;
      this.entries.push(e);
    });
  }

  walk(n: N, listDepth: number, depth: number): void {
    const a = this.a;
    if (!a.isElement(n)) {
      if (a.isText(n)) this.line(a.text(n), listDepth * 2, false);
      else {
        const kids = a.children(n);
        for (let i = 0; i < kids.length; i++) this.walk(kids[i] as N, listDepth, depth + 1);
      }
      return;
    }
    const tag = a.tag(n);
    if (SKIP.has(tag)) return;
    if (depth > MAX_ELEMENT_DEPTH) {
      this.line(this.inlineText(n, false).text, listDepth * 2, false);
      return;
    }
    const level = HEADINGS[tag];
    if (level !== undefined) {
      this.structured = true;
      const t = this.inlineText(n, false);
      const text = squeeze(t.text.replace(/\n/g, ' ')).trim();
      if (text) this.entries.push(t.href ? { kind: 'heading', level, text, href: t.href } : { kind: 'heading', level, text });
      return;
    }
    const kids = a.children(n);
    if (LISTS.has(tag)) {
      this.structured = true;
      for (let i = 0; i < kids.length; i++) this.walk(kids[i] as N, listDepth + 1, depth + 1);
      return;
    }
    // Word's HTML has no <li>: a list paragraph states its level in `mso-list:l0 level2 lfo1`.
    const mso = tag === 'p' ? MSO_LEVEL.exec(a.attr(n, 'style') ?? '') : null;
    if (mso) {
      this.structured = true;
      const t = this.inlineText(n, false);
      this.line(t.text, (listDepth + Number(mso[1])) * 2, true, t.href);
      return;
    }
    if (ITEMS.has(tag)) {
      const t = this.inlineText(n, true);
      this.line(t.text, listDepth * 2, true, t.href);
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i] as N;
        if (a.isElement(c) && LISTS.has(a.tag(c))) this.walk(c, listDepth, depth + 1);
      }
      return;
    }
    if (tag === 'pre' || tag === 'blockquote' || tag === 'table') {
      const t = this.inlineText(n, false).text;
      const text =
        tag === 'pre'
          ? t
          : t
              .split('\n')
              .map((l) =>
                squeeze(l)
                  .replace(/\s*\|\s*$/, '')
                  .trim(),
              )
              .filter((l) => l !== '')
              .join('\n');
      this.entries.push({ kind: 'note', text });
      return;
    }
    if (tag === 'hr') {
      this.entries.push({ kind: 'rule' });
      return;
    }
    if (!this.hasBlocks(n)) {
      // A leaf block (or an inline element at block level): one line per <br>.
      const t = this.inlineText(n, false);
      this.line(t.text, listDepth * 2, false, t.href);
      if (BLOCKS.has(tag)) this.entries.push({ kind: 'blank' });
      return;
    }
    // A block with block children is walked; its stray inline runs become lines of their own.
    let run: N[] = [];
    const flush = () => {
      for (const r of run) {
        const t = this.inlineText(r, false);
        this.line(t.text, listDepth * 2, false, t.href);
      }
      run = [];
    };
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i] as N;
      if (a.isElement(c) && isBlockTag(a.tag(c))) {
        flush();
        this.walk(c, listDepth, depth + 1);
      } else run.push(c);
    }
    flush();
  }
}

/** The entries (see entries.ts) of clipboard HTML: headings, list items by nesting, paragraphs, notes. */
export function htmlToEntries<N>({ root, adapter }: ParsedHtml<N>): HtmlEntries {
  const reader = new HtmlReader(adapter);
  reader.walk(root, 0, 0);
  return { entries: reader.entries, structured: reader.structured };
}

// ---------------------------------------------------------------------------------------------
// Writing

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface HtmlTopic {
  text: string;
  href?: string;
  children: readonly HtmlTopic[];
}

/**
 * A nested `<ul>` of the topics, with `payload` (JSON) in the outer list's `data-arbor` attribute.
 * Text is escaped; line breaks inside a topic become `<br>`; only http(s)/mailto links are written.
 */
export function outlineHtml(roots: readonly HtmlTopic[], payload: string): string {
  const parts: string[] = [`<ul data-arbor="${escapeHtml(payload)}">`];
  type Item = HtmlTopic | 'close';
  const stack: Item[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i] as HtmlTopic);
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if (item === 'close') {
      parts.push('</ul></li>');
      continue;
    }
    const text = escapeHtml(item.text).replace(/\r?\n/g, '<br>');
    const href = item.href ? safeHref(item.href) : undefined;
    parts.push(`<li>${href ? `<a href="${escapeHtml(href)}">${text}</a>` : text}`);
    if (item.children.length === 0) {
      parts.push('</li>');
      continue;
    }
    parts.push('<ul>');
    stack.push('close');
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as HtmlTopic);
  }
  parts.push('</ul>');
  return parts.join('');
}
