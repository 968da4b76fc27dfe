// Clipboard HTML, both ways. Reading: the Arbor payload in a `data-arbor` attribute, or the outline
// of nested lists and headings that word processors, web pages and chat apps put on the clipboard
// (parsed with parse5, a spec-compliant parser, so broken markup reads as a browser would read it).
// Writing: a nested list that other apps paste as a list, escaped throughout.

import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import type { Entry } from './entries.ts';
import { safeHref } from './inline.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

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

const isElement = (n: Node): n is Element => 'tagName' in n;
const childrenOf = (n: Node): readonly Node[] => ('childNodes' in n ? (n as ParentNode).childNodes : []);

export const parseHtml = (html: string) => parse(html);

/** The value of the first `data-arbor` attribute in the document, if any. */
export function findArborAttribute(root: Node): string | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (isElement(n)) {
      for (const a of n.attrs) if (a.name === 'data-arbor') return a.value;
      if (n.tagName === 'template') continue;
    }
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  return undefined;
}

interface InlineText {
  text: string;
  href?: string;
}

/**
 * The text of a node's inline content (nested lists and skipped elements left out); `<br>` and
 * block boundaries → `\n`, table cells end with ` | `. Iterative: any depth of markup is read.
 */
function inlineText(root: Node, stopAtLists: boolean, out: InlineText): void {
  const stack: (Node | { end: string })[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node | { end: string };
    if ('end' in n) {
      if (n.end === 'td' || n.end === 'th') out.text += ' | ';
      else if (!out.text.endsWith('\n')) out.text += '\n';
      continue;
    }
    if (n.nodeName === '#text') {
      out.text += (n as DefaultTreeAdapterTypes.TextNode).value;
      continue;
    }
    if (!isElement(n)) continue;
    const tag = n.tagName;
    if (SKIP.has(tag) || (stopAtLists && n !== root && LISTS.has(tag))) continue;
    if (tag === 'br') {
      out.text += '\n';
      continue;
    }
    if (tag === 'img') {
      const alt = n.attrs.find((a) => a.name === 'alt')?.value;
      if (alt) out.text += alt;
      continue;
    }
    if (tag === 'a' && out.href === undefined) {
      const href = n.attrs.find((a) => a.name === 'href')?.value;
      const safe = href ? safeHref(href) : undefined;
      if (safe) out.href = safe;
    }
    const block =
      BLOCKS.has(tag) || HEADINGS[tag] !== undefined || ITEMS.has(tag) || LISTS.has(tag) || tag === 'tr' || tag === 'td' || tag === 'th';
    if (block && out.text !== '' && !out.text.endsWith('\n') && tag !== 'td' && tag !== 'th') out.text += '\n';
    if (block) stack.push({ end: tag });
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
}

const squeeze = (s: string): string => s.replace(/[ \t\r\f\u00A0]+/g, ' ');

/** Lines of inline text, each squeezed and without empty ones. */
function textLines(t: string): string[] {
  return t
    .split('\n')
    .map((l) => squeeze(l).trim())
    .filter((l) => l !== '');
}

/** Whether an element holds block content (so it is walked rather than read as one line). */
function hasBlocks(n: Node): boolean {
  for (const c of childrenOf(n)) {
    if (!isElement(c)) continue;
    const t = c.tagName;
    if (BLOCKS.has(t) || LISTS.has(t) || ITEMS.has(t) || HEADINGS[t] !== undefined || t === 'pre' || t === 'blockquote' || t === 'table')
      return true;
  }
  return false;
}

export interface HtmlEntries {
  entries: Entry[];
  /** Whether the HTML holds an outline (lists or headings), not just paragraphs. */
  structured: boolean;
}

/** The entries (see entries.ts) of clipboard HTML: headings, list items by nesting, paragraphs, notes. */
export function htmlToEntries(root: Node): HtmlEntries {
  const entries: Entry[] = [];
  let structured = false;
  const line = (text: string, indent: number, bullet: boolean, href?: string) => {
    const lines = textLines(text);
    lines.forEach((l, i) => {
      const e: Entry = { kind: 'line', indent: indent + (i > 0 && bullet ? 1 : 0), bullet, text: l };
      if (href && i === 0) e.href = href;
      entries.push(e);
    });
  };
  const walk = (n: Node, listDepth: number, depth: number): void => {
    if (!isElement(n)) {
      if (n.nodeName === '#text') line((n as DefaultTreeAdapterTypes.TextNode).value, listDepth * 2, false);
      else for (const c of childrenOf(n)) walk(c, listDepth, depth + 1);
      return;
    }
    const tag = n.tagName;
    if (SKIP.has(tag)) return;
    if (depth > MAX_ELEMENT_DEPTH) {
      const t: InlineText = { text: '' };
      inlineText(n, false, t);
      line(t.text, listDepth * 2, false);
      return;
    }
    const level = HEADINGS[tag];
    if (level !== undefined) {
      structured = true;
      const t: InlineText = { text: '' };
      inlineText(n, false, t);
      const text = squeeze(t.text.replace(/\n/g, ' ')).trim();
      if (text) entries.push(t.href ? { kind: 'heading', level, text, href: t.href } : { kind: 'heading', level, text });
      return;
    }
    if (LISTS.has(tag)) {
      structured = true;
      for (const c of childrenOf(n)) walk(c, listDepth + 1, depth + 1);
      return;
    }
    if (ITEMS.has(tag)) {
      const t: InlineText = { text: '' };
      inlineText(n, true, t);
      line(t.text, listDepth * 2, true, t.href);
      for (const c of childrenOf(n)) if (isElement(c) && LISTS.has(c.tagName)) walk(c, listDepth, depth + 1);
      return;
    }
    if (tag === 'pre' || tag === 'blockquote' || tag === 'table') {
      const t: InlineText = { text: '' };
      inlineText(n, false, t);
      const text =
        tag === 'pre'
          ? t.text
          : t.text
              .split('\n')
              .map((l) =>
                squeeze(l)
                  .replace(/\s*\|\s*$/, '')
                  .trim(),
              )
              .filter((l) => l !== '')
              .join('\n');
      entries.push({ kind: 'note', text });
      return;
    }
    if (tag === 'hr') {
      entries.push({ kind: 'rule' });
      return;
    }
    if (depth < MAX_ELEMENT_DEPTH && (BLOCKS.has(tag) || hasBlocks(n))) {
      // A block with block children is walked; its stray inline runs become lines of their own.
      if (!hasBlocks(n)) {
        const t: InlineText = { text: '' };
        inlineText(n, false, t);
        line(t.text, listDepth * 2, false, t.href);
        if (tag === 'p' || tag === 'div') entries.push({ kind: 'blank' });
        return;
      }
      let run: InlineText = { text: '' };
      const flush = () => {
        line(run.text, listDepth * 2, false, run.href);
        run = { text: '' };
      };
      for (const c of childrenOf(n)) {
        if (
          isElement(c) &&
          (BLOCKS.has(c.tagName) ||
            LISTS.has(c.tagName) ||
            ITEMS.has(c.tagName) ||
            HEADINGS[c.tagName] !== undefined ||
            c.tagName === 'pre' ||
            c.tagName === 'blockquote' ||
            c.tagName === 'table' ||
            c.tagName === 'hr')
        ) {
          flush();
          walk(c, listDepth, depth + 1);
        } else inlineText(c, false, run);
      }
      flush();
      return;
    }
    // An inline element at block level (a bare <span> or <b> run).
    const t: InlineText = { text: '' };
    inlineText(n, false, t);
    line(t.text, listDepth * 2, false, t.href);
  };
  walk(root, 0, 0);
  return { entries, structured };
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
