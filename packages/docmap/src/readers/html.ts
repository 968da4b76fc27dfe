// HTML (a saved web page) → blocks: the main content only (`<main>`, else `<article>`, else `<body>`),
// with navigation, asides, headers, footers, forms, scripts and styles dropped. Headings `<h1>`–`<h6>`,
// paragraphs, list items, `<pre>`, block quotes and tables become blocks; the extracted text is the
// blocks' text joined by blank lines.

import { ImportError } from '@arbor/formats';
import type { Block, BlockKind, ExtractedDocument } from '../blocks.ts';
import { decodeText, MAX_DOCUMENT_BYTES } from '../decode.ts';
import { decodeEntities, type HtmlToken, tokenizeHtml } from './html-tokenizer.ts';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
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
  'svg',
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
  'br',
  'address',
  'body',
  'html',
]);

export function readHtml(bytes: Uint8Array): ExtractedDocument {
  const html = decodeHtml(bytes);
  return htmlToDocument(html);
}

function decodeHtml(bytes: Uint8Array): string {
  if (bytes.length > MAX_DOCUMENT_BYTES) return decodeText(bytes, 'html').text;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared)) return new TextDecoder('gb18030').decode(bytes);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: fall back to detection.
    }
  }
  return decodeText(bytes, 'html').text;
}

interface Open {
  name: string;
  chrome: boolean;
  /** This element opens the main-content scope. */
  scoped?: boolean;
}

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

/**
 * The open elements, with per-name counts and a side stack of the elements that decide a block's
 * kind, so that every query is O(1) and closing is amortised O(1): deep or unbalanced markup stays linear.
 */
class OpenElements {
  private readonly stack: Open[] = [];
  private readonly counts = new Map<string, number>();
  private readonly kinds: Open[] = [];

  get depth(): number {
    return this.stack.length;
  }
  top(): Open | undefined {
    return this.stack[this.stack.length - 1];
  }
  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }
  push(open: Open): void {
    this.stack.push(open);
    this.counts.set(open.name, (this.counts.get(open.name) ?? 0) + 1);
    if (KIND_OF[open.name]) this.kinds.push(open);
  }
  pop(): Open | undefined {
    const open = this.stack.pop();
    if (!open) return undefined;
    this.counts.set(open.name, (this.counts.get(open.name) ?? 1) - 1);
    if (this.kinds[this.kinds.length - 1] === open) this.kinds.pop();
    return open;
  }
  innermostKind(): { kind: BlockKind; level?: number } {
    const k = this.kinds[this.kinds.length - 1];
    return (k && KIND_OF[k.name]) || { kind: 'paragraph' };
  }
}

/** Finds the element whose content is the page's main content: `main` (or role=main), else `article`, else everything. */
function contentScope(tokens: readonly HtmlToken[]): string | undefined {
  let article = false;
  for (const t of tokens) {
    if (t.type !== 'start') continue;
    if (t.name === 'main' || t.attrs.role === 'main') return 'main';
    if (t.name === 'article') article = true;
  }
  return article ? 'article' : undefined;
}

export function htmlToDocument(html: string): ExtractedDocument {
  const tokens = [...tokenizeHtml(html)];
  if (!tokens.some((t) => t.type === 'start'))
    throw new ImportError('malformed', '不是 HTML 文档 / the file contains no HTML markup', 'html');
  const scope = contentScope(tokens);
  const blocks: Block[] = [];
  let text = '';
  let statedTitle: string | undefined;
  const stack = new OpenElements();
  let chromeDepth = 0;
  let scopeDepth = 0;
  let buffer = '';
  let table: string[][] | undefined;
  let tableDepth = 0;
  let row: string[] | undefined;
  let cell: string | undefined;

  const inScope = () => scope === undefined || scopeDepth > 0;
  const innermost = () => stack.innermostKind();
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
    const { kind, level } = innermost();
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

  for (const tok of tokens) {
    if (tok.type === 'text') {
      const parent = stack.top()?.name;
      if (parent === 'title' && statedTitle === undefined) statedTitle = decodeEntities(tok.text).replace(/\s+/g, ' ').trim();
      if (chromeDepth > 0 || !inScope()) continue;
      const t = decodeEntities(tok.text);
      if (cell !== undefined) cell += t;
      else buffer += t;
      continue;
    }
    if (tok.type === 'start') {
      const name = tok.name;
      if (VOID.has(name) || tok.selfClosing) {
        if ((name === 'br' || name === 'hr') && chromeDepth === 0 && inScope()) {
          if (cell !== undefined) cell += ' ';
          else if (innermost().kind === 'code' || name === 'br') buffer += '\n';
          if (name === 'hr') flush();
        }
        continue;
      }
      const chrome =
        CHROME.has(name) ||
        CHROME_ROLES.has(tok.attrs.role ?? '') ||
        'hidden' in tok.attrs ||
        tok.attrs['aria-hidden'] === 'true' ||
        (name === 'header' && scopeDepth === 0 && scope !== undefined);
      if (chromeDepth === 0 && inScope() && (BLOCK.has(name) || chrome)) {
        if (name === 'td' || name === 'th') {
          closeCell();
          row ??= [];
          cell = '';
        } else if (name === 'tr') {
          closeRow();
          row = [];
        } else if (name === 'table' && tableDepth === 0) {
          flush();
          table = [];
        } else if (cell === undefined) flush();
      }
      // Text so far belongs to the element this tag closes implicitly (`<li>a<li>b`): flushed above, then closed.
      autoClose(stack, name);
      if (name === 'table') tableDepth++;
      const scoped = scope !== undefined && (name === scope || (scope === 'main' && tok.attrs.role === 'main'));
      stack.push(scoped ? { name, chrome, scoped } : { name, chrome });
      if (chrome) chromeDepth++;
      if (scoped) scopeDepth++;
      continue;
    }
    // End tag: close up to the matching open element, if there is one.
    if (!stack.has(tok.name)) continue;
    if (chromeDepth === 0 && inScope()) {
      if (tok.name === 'td' || tok.name === 'th') closeCell();
      else if (tok.name === 'tr') closeRow();
      else if (tok.name === 'table' && tableDepth === 1) {
        closeRow();
        if (table?.length) emit('table', table.map((r) => r.join(' | ')).join('\n'));
        table = undefined;
      } else if (BLOCK.has(tok.name) && cell === undefined) flush();
    }
    for (;;) {
      const open = stack.pop() as Open;
      if (open.chrome) chromeDepth--;
      if (open.name === 'table') tableDepth--;
      if (open.scoped) scopeDepth--;
      if (open.name === tok.name) break;
    }
  }
  closeRow();
  if (table?.length) emit('table', table.map((r) => r.join(' | ')).join('\n'));
  flush();
  const doc: ExtractedDocument = { text, blocks, format: 'html', report: [] };
  if (statedTitle) doc.statedTitle = statedTitle;
  return doc;
}

/** Elements HTML closes implicitly: a new `<p>` or `<li>` ends the previous one. */
function autoClose(stack: OpenElements, name: string): void {
  const closes: Record<string, string[]> = {
    p: ['p'],
    li: ['li'],
    dt: ['dt', 'dd'],
    dd: ['dt', 'dd'],
    tr: ['tr', 'td', 'th'],
    td: ['td', 'th'],
    th: ['td', 'th'],
  };
  const list = closes[name] ?? (BLOCK.has(name) && name !== 'br' ? ['p'] : undefined);
  if (!list) return;
  const top = stack.top();
  if (top && list.includes(top.name)) stack.pop();
}
