// HTML (a saved web page) → blocks, read by a spec-compliant HTML parser (parse5) as a browser reads
// it: implied end tags (`<li>a<li>b`, `<p>` closed by a block), entities, misnested markup and raw-text
// elements all as the HTML standard says; the encoding from the byte order mark or `<meta charset>`.
// Only the main content is kept (`<main>` or role=main, else `<article>`, else `<body>`), with
// navigation, asides, headers, footers, forms, scripts and styles dropped. Headings `<h1>`–`<h6>`,
// paragraphs, list items, `<pre>`, block quotes and tables become blocks; the extracted text is the
// blocks' text joined by blank lines, and every block's offsets point into it.

import { ImportError } from '@arbor/formats';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { Block, BlockKind, ExtractedDocument } from '../blocks.ts';
import { decodeText, MAX_DOCUMENT_BYTES } from '../decode.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const CHROME = new Set([
  'nav',
  'aside',
  'footer',
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'iframe',
  'canvas',
  'dialog',
  'head',
  'menu',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'dialog']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'pre',
  'blockquote',
  'table',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'address',
  'body',
  'html',
  'details',
  'summary',
]);
const KIND_OF: Record<string, { kind: BlockKind; level?: number }> = {
  h1: { kind: 'heading', level: 1 },
  h2: { kind: 'heading', level: 2 },
  h3: { kind: 'heading', level: 3 },
  h4: { kind: 'heading', level: 4 },
  h5: { kind: 'heading', level: 5 },
  h6: { kind: 'heading', level: 6 },
  li: { kind: 'list-item' },
  dt: { kind: 'list-item' },
  dd: { kind: 'list-item' },
  pre: { kind: 'code' },
  blockquote: { kind: 'quote' },
};

export function readHtml(bytes: Uint8Array): ExtractedDocument {
  return htmlToDocument(decodeHtml(bytes));
}

/**
 * Bytes → text: a byte order mark wins, then a charset declared in the first 1024 bytes
 * (`<meta charset=gbk>`, `<meta http-equiv=Content-Type content="text/html; charset=gb2312">`), then
 * detection (UTF-8, UTF-16, GB18030).
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes.length > MAX_DOCUMENT_BYTES) return decodeText(bytes, 'html').text;
  const bom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe);
  if (bom) return decodeText(bytes, 'html').text;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared)) return new TextDecoder('gb18030').decode(bytes);
  // A page saved as UTF-16 that says utf-16 without a BOM, or one that claims an encoding its bytes
  // are not: detection decides.
  if (declared && !/^(utf-?8|utf-?16.*)$/.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall back to detection.
    }
  }
  return decodeText(bytes, 'html').text;
}

const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const isElement = (n: Node): n is Element => 'tagName' in n;
const childrenOf = (n: Node): Node[] => ('childNodes' in n ? (n.childNodes as Node[]) : []);

function isChrome(el: Element, inScope: boolean): boolean {
  return (
    CHROME.has(el.tagName) ||
    CHROME_ROLES.has(attr(el, 'role') ?? '') ||
    attr(el, 'hidden') !== undefined ||
    attr(el, 'aria-hidden') === 'true' ||
    (el.tagName === 'header' && !inScope)
  );
}

/** The elements whose content is the page's main content: `main` (or role=main), else the outermost `article`s, else `body`. */
function contentRoots(document: Node): Node[] {
  const mains: Node[] = [];
  const articles: Node[] = [];
  let body: Node | undefined;
  const stack: { node: Node; inArticle: boolean }[] = [{ node: document, inArticle: false }];
  while (stack.length) {
    const { node, inArticle } = stack.pop() as (typeof stack)[number];
    let nested = inArticle;
    if (isElement(node)) {
      if (node.tagName === 'main' || attr(node, 'role') === 'main') {
        mains.push(node);
        continue;
      }
      if (node.tagName === 'article' && !inArticle) {
        articles.push(node);
        nested = true;
      }
      if (node.tagName === 'body') body ??= node;
    }
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, inArticle: nested });
  }
  if (mains.length) return mains;
  if (articles.length) return articles;
  return [body ?? document];
}

function pageTitle(document: Node): string | undefined {
  const stack: Node[] = [document];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (isElement(node) && node.tagName === 'title') {
      const t = childrenOf(node)
        .map((c) => ('value' in c && c.nodeName === '#text' ? c.value : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      return t || undefined;
    }
    if (isElement(node) && node.tagName === 'body') continue;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  return undefined;
}

export function htmlToDocument(html: string): ExtractedDocument {
  if (!/<[a-zA-Z!?/]/.test(html)) throw new ImportError('malformed', '不是 HTML 文档 / the file contains no HTML markup', 'html');
  const document = parse(html) as Node;
  const blocks: Block[] = [];
  let text = '';
  let buffer = '';
  /** Innermost elements that decide a block's kind (h1–h6, li, pre, blockquote…). */
  const kinds: { kind: BlockKind; level?: number }[] = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let cell: string | undefined;
  let tableDepth = 0;

  const emit = (kind: BlockKind, content: string, level?: number) => {
    if (!content) return;
    if (text) text += '\n\n';
    const block: Block = { kind, text: content, start: text.length, end: text.length + content.length };
    if (level !== undefined) block.level = level;
    if (kind === 'list-item') block.listItem = true;
    text += content;
    blocks.push(block);
  };
  const flush = () => {
    if (cell !== undefined) return;
    const { kind, level } = kinds[kinds.length - 1] ?? { kind: 'paragraph' as BlockKind };
    const content = kind === 'code' ? buffer.replace(/^\n+|\s+$/g, '') : buffer.replace(/\s+/g, ' ').trim();
    buffer = '';
    emit(kind, content, level);
  };
  const closeCell = () => {
    if (cell !== undefined && row) row.push(cell.replace(/\s+/g, ' ').trim());
    cell = undefined;
  };
  const closeRow = () => {
    closeCell();
    if (row?.length && table) table.push(row);
    row = undefined;
  };
  const add = (s: string) => {
    if (cell !== undefined) cell += s;
    else buffer += s;
  };

  // Depth-first with an explicit stack (pages nest deeply): an entry is a node to enter, or the
  // element to leave once its children are done.
  type Step = { enter: Node } | { leave: Element; kind: boolean };
  for (const root of contentRoots(document)) {
    const stack: Step[] = [{ enter: root }];
    while (stack.length) {
      const step = stack.pop() as Step;
      if ('leave' in step) {
        const name = step.leave.tagName;
        if (name === 'td' || name === 'th') closeCell();
        else if (name === 'tr') closeRow();
        else if (name === 'table') {
          if (--tableDepth === 0) {
            closeRow();
            if (table?.length) emit('table', table.map((r) => r.join(' | ')).join('\n'));
            table = undefined;
          }
        } else if (BLOCK.has(name)) flush();
        if (step.kind) kinds.pop();
        continue;
      }
      const node = step.enter;
      if (node.nodeName === '#text' && 'value' in node) {
        add(node.value);
        continue;
      }
      if (!isElement(node)) {
        if (node.nodeName === '#document' || node.nodeName === '#document-fragment') {
          const kids = childrenOf(node);
          for (let i = kids.length - 1; i >= 0; i--) stack.push({ enter: kids[i] as Node });
        }
        continue; // comments, doctypes
      }
      const name = node.tagName;
      if (node !== root && isChrome(node, true)) continue;
      if (name === 'br') {
        add(cell !== undefined ? ' ' : '\n');
        continue;
      }
      if (name === 'hr') {
        flush();
        continue;
      }
      if (name === 'img') {
        const alt = attr(node, 'alt');
        if (alt) add(alt);
        continue;
      }
      if (name === 'td' || name === 'th') {
        closeCell();
        row ??= [];
        cell = '';
      } else if (name === 'tr') {
        closeRow();
        row = [];
      } else if (name === 'table') {
        if (tableDepth++ === 0) {
          flush();
          table = [];
        }
      } else if (BLOCK.has(name)) flush();
      const kind = KIND_OF[name];
      if (kind) kinds.push(kind);
      stack.push({ leave: node, kind: kind !== undefined });
      const kids = childrenOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ enter: kids[i] as Node });
    }
    flush();
  }
  closeRow();
  if (table?.length) emit('table', table.map((r) => r.join(' | ')).join('\n'));
  flush();
  const doc: ExtractedDocument = { text, blocks, format: 'html', report: [] };
  const title = pageTitle(document);
  if (title) doc.statedTitle = title;
  return doc;
}
