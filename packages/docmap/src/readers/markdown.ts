// Markdown → blocks, read with the CommonMark parser of @arbor/formats (markdown-it with GFM tables
// and strikethrough): ATX and Setext headings, paragraphs, list items, tables, fenced and indented
// code, block quotes, rules. Inline markup is removed from block text (code spans keep their text,
// tags of HTML elements are dropped, placeholders such as `<target_domain>` or `<user>` stay);
// offsets point into the Markdown source, which is the extracted text.
//
// Nested lists make levels: in a list that nests, every item is a heading one level below its
// parent (the enclosing heading, or the item it sits in); a flat list stays list items, which are
// body text under their heading. An item's continuation paragraphs follow it as body text.

import {
  type InlineOptions,
  inlineContent,
  isHtmlElementTag,
  lineEnd,
  type MarkdownAst,
  type MdBlock,
  maskMetadata,
  parseInlineTokens,
  parseMarkdownAst,
  type Token,
} from '@arbor/formats';
import type { Block, ExtractedDocument } from '../blocks.ts';
import { decodeText } from '../decode.ts';
import { INVISIBLE } from '../text-utils.ts';

const INLINE: InlineOptions = { images: 'text', html: 'drop' };

export function readMarkdown(bytes: Uint8Array): ExtractedDocument {
  const { text } = decodeText(bytes, 'md');
  const ast = parseMarkdownAst(text, 'md');
  const out: ExtractedDocument = { text, blocks: astToBlocks(ast), format: 'md', report: [] };
  if (ast.frontTitle) out.statedTitle = ast.frontTitle;
  return out;
}

/** `title:` of the YAML front matter (Jekyll, Hexo, markmap), if the file opens with one. */
export function frontMatterTitle(text: string): string | undefined {
  return maskMetadata(text, 'md').frontTitle;
}

const clean = (s: string): string =>
  s
    .replace(INVISIBLE, '')
    .replace(/[ \t]+/g, ' ')
    .trim();

/** Plain text of inline tokens: markup removed, code spans and link labels kept. */
const inlineText = (tokens: readonly Token[]): string => clean(inlineContent(tokens, INLINE).text.replace(/\n/g, ' '));

/** The text of an HTML block: comments and tags of HTML elements removed, placeholders like `<user>` kept. */
const htmlText = (html: string): string =>
  clean(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<\/?[a-zA-Z][^>]*>/g, (tag) => (isHtmlElementTag(tag) ? ' ' : tag))
      .replace(/\s+/g, ' '),
  );

/** Removes inline Markdown from one line of text (see `inlineText`). */
export function stripInline(s: string): string {
  return inlineText(parseInlineTokens(s));
}

export function markdownToBlocks(text: string): Block[] {
  return astToBlocks(parseMarkdownAst(text, 'md'));
}

/** Whether a list has an item holding another list. */
const nests = (list: MdBlock): boolean => list.children.some((item) => item.children.some((c) => c.type === 'list'));

function astToBlocks(ast: MarkdownAst): Block[] {
  const blocks: Block[] = [];
  const { source, lineStarts } = ast;
  const span = (b: MdBlock) => {
    const from = Math.min(b.from, lineStarts.length - 2);
    let start = lineStarts[from] as number;
    while (start < source.length && (source[start] === ' ' || source[start] === '\t')) start++;
    return { start, end: Math.max(start + 1, lineEnd(source, lineStarts, Math.max(from, b.to - 1))) };
  };
  const push = (block: Block) => {
    if (block.text || block.kind === 'rule') blocks.push(block);
  };

  // Depth-first in document order with an explicit stack: `level` is the heading level a nested
  // list item takes (0 outside nesting lists).
  const work: { b: MdBlock; level: number }[] = [];
  const pushChildren = (list: readonly MdBlock[], level: number) => {
    for (let i = list.length - 1; i >= 0; i--) work.push({ b: list[i] as MdBlock, level });
  };
  let headingLevel = 0;
  pushChildren(ast.root.children, 0);
  while (work.length) {
    const { b, level } = work.pop() as (typeof work)[number];
    switch (b.type) {
      case 'heading':
        headingLevel = b.level ?? 1;
        push({ kind: 'heading', level: headingLevel, text: inlineText(b.inline ?? []), ...span(b) });
        break;
      case 'paragraph':
        push({ kind: 'paragraph', text: inlineText(b.inline ?? []), ...span(b) });
        break;
      case 'list': {
        const itemLevel = level > 0 ? level : nests(b) ? headingLevel + 1 : 0;
        for (let i = b.children.length - 1; i >= 0; i--) work.push({ b: b.children[i] as MdBlock, level: itemLevel });
        break;
      }
      case 'item': {
        const [first, ...rest] = b.children;
        const onFirstLine = first !== undefined && first.from === b.from;
        let text = onFirstLine && (first.type === 'paragraph' || first.type === 'heading') ? inlineText(first.inline ?? []) : '';
        if (onFirstLine && first.type === 'html' && first.to === first.from + 1) text = htmlText(first.content ?? '');
        const body = text ? rest : b.children;
        if (text) {
          const where = span(first as MdBlock);
          if (level > 0) push({ kind: 'heading', level, text, ...where });
          else push({ kind: 'list-item', listItem: true, text, ...where });
        }
        pushChildren(body, level > 0 ? level + 1 : 0);
        break;
      }
      case 'blockquote': {
        const parts: string[] = [];
        const inner: MdBlock[] = [...b.children];
        while (inner.length) {
          const c = inner.shift() as MdBlock;
          if (c.inline) parts.push(inlineText(c.inline));
          else if (c.type === 'code' || c.type === 'html') parts.push(clean(c.content ?? ''));
          inner.unshift(...c.children);
        }
        push({ kind: 'quote', text: parts.filter(Boolean).join('\n'), ...span(b) });
        break;
      }
      case 'code':
        push({ kind: 'code', text: (b.content ?? '').replace(/\n$/, ''), ...span(b) });
        break;
      case 'html':
        // Comments and masked metadata carry no content; other HTML blocks read as their text.
        push({ kind: 'paragraph', text: htmlText(b.content ?? ''), ...span(b) });
        break;
      case 'table':
        push({ kind: 'table', text: (b.rows ?? []).map((row) => row.map(inlineText).join(' | ')).join('\n'), ...span(b) });
        break;
      case 'hr':
        push({ kind: 'rule', text: '', ...span(b) });
        break;
      default:
        pushChildren(b.children, level);
    }
  }
  return blocks;
}
