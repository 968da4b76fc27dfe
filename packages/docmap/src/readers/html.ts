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
  const stack: Open[] = [];
  let chromeDepth = 0;
  let scopeDepth = 0;
  let buffer = '';
  let table: string[][] | undefined;
  let tableDepth = 0;
  let row: string[] | undefined;
  let cell: string | undefined;

  const inScope = () => scope === undefined || scopeDepth > 0;
  const innermost = (): { kind: BlockKind; level?: number } => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const n = (stack[i] as Open).name;
      if (/^h[1-6]$/.test(n)) return { kind: 'heading', level: Number(n[1]) };
      if (n === 'li' || n === 'dt' || n === 'dd') return { kind: 'list-item' };
      if (n === 'pre') return { kind: 'code' };
      if (n === 'blockquote') return { kind: 'quote' };
    }
    return { kind: 'paragraph' };
  };
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
      const parent = stack[stack.length - 1]?.name;
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
      stack.push({ name, chrome });
      if (chrome) chromeDepth++;
      if (scope !== undefined && (name === scope || (scope === 'main' && tok.attrs.role === 'main'))) scopeDepth++;
      continue;
    }
    // End tag: close up to the matching open element, if there is one.
    let at = -1;
    for (let i = stack.length - 1; i >= 0; i--)
      if ((stack[i] as Open).name === tok.name) {
        at = i;
        break;
      }
    if (at < 0) continue;
    if (chromeDepth === 0 && inScope()) {
      if (tok.name === 'td' || tok.name === 'th') closeCell();
      else if (tok.name === 'tr') closeRow();
      else if (tok.name === 'table' && tableDepth === 1) {
        closeRow();
        if (table?.length) emit('table', table.map((r) => r.join(' | ')).join('\n'));
        table = undefined;
      } else if (BLOCK.has(tok.name) && cell === undefined) flush();
    }
    while (stack.length > at) {
      const open = stack.pop() as Open;
      if (open.chrome) chromeDepth--;
      if (open.name === 'table') tableDepth--;
      if (scope !== undefined && open.name === scope) scopeDepth = Math.max(0, scopeDepth - 1);
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
function autoClose(stack: Open[], name: string): void {
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
  const top = stack[stack.length - 1];
  if (top && list.includes(top.name)) stack.pop();
}
