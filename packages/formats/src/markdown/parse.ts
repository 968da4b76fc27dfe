// Markdown → map, markmap-compatible, read with a CommonMark parser (see ast.ts): headings and
// nested list items are topics; an item's first paragraph is its text and its other blocks
// (continuation paragraphs, quotes, code, tables) are its note; blocks under a heading outside lists
// are the heading's note. A lone heading of the top level (or a lone top list item) is the central
// topic, otherwise the front-matter title or the file name is.
//
// Notes keep their Markdown source as written, except that a block quote's `>` markers are removed
// (the writer puts notes in block quotes so that no note line is ever read as a heading or an item).

import type { MindDoc, TopicFields, TopicId } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { baseName, decodeText } from '../text/decode.ts';
import { DEFAULT_ROOT_TEXT } from '../text/index.ts';
import type { ImportResult, ParseOptions } from '../types.ts';
import { type InlineContent, inlineContent, linesOf, type MarkdownAst, type MdBlock, parseMarkdownAst } from './ast.ts';

const FORMAT = 'markdown';

function fields(c: InlineContent): TopicFields {
  return {
    text: c.text,
    ...(c.href !== undefined && { href: c.href }),
    ...(c.image && { image: c.image }),
    ...(c.task && { task: c.task }),
    ...(c.folded && { folded: true }),
  };
}

/** The block that stands for the central topic, if the document has one. */
function findRoot(blocks: readonly MdBlock[]): MdBlock | undefined {
  let first: MdBlock | undefined;
  let minLevel = 7;
  let atMin = 0;
  let firstIndex = -1;
  blocks.forEach((b, i) => {
    if (b.type !== 'heading') return;
    if (!first) [first, firstIndex] = [b, i];
    const level = b.level ?? 1;
    if (level < minLevel) [minLevel, atMin] = [level, 1];
    else if (level === minLevel) atMin++;
  });
  if (first) {
    const listBefore = blocks.slice(0, firstIndex).some((b) => b.type === 'list');
    return first.level === minLevel && atMin === 1 && !listBefore ? first : undefined;
  }
  const items = blocks.flatMap((b) => (b.type === 'list' ? b.children : []));
  return items.length === 1 ? items[0] : undefined;
}

/** Whether a block is only markup without content (comments, masked metadata). */
const isComment = (b: MdBlock): boolean => b.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(b.content ?? '');

/** The only image of an image-only paragraph. */
function loneImage(b: MdBlock): { src: string; alt?: string } | undefined {
  if (b.type !== 'paragraph') return undefined;
  const tokens = (b.inline ?? []).filter((t) => !(t.type === 'text' && !t.content.trim()));
  if (tokens.length !== 1 || tokens[0]?.type !== 'image') return undefined;
  return inlineContent(tokens).image;
}

export function parseMarkdown(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  const ast = parseMarkdownAst(decodeText(bytes, FORMAT), FORMAT);
  const blocks = ast.root.children;
  const rootBlock = findRoot(blocks);
  const rootFields = rootBlock ? topicFields(rootBlock) : undefined;
  const title = rootFields?.text || ast.frontTitle || baseName(options.fileName) || DEFAULT_ROOT_TEXT;
  const b = new DocBuilder({ title, rootText: title, idPrefix: 'md' });
  if (rootFields) b.update(b.rootId, { ...rootFields, text: rootFields.text || title });

  const notes = new Map<TopicId, { text: string; to: number }>();
  let count = 0;
  const addTopic = (parent: TopicId, f: TopicFields): TopicId => {
    if (++count > LIMITS.maxTopics)
      throw new ImportError('too-large', `the document has more than ${LIMITS.maxTopics} headings and list items`, FORMAT);
    return b.add(parent, f);
  };
  const addNote = (target: TopicId, block: MdBlock, indent: number) => {
    if (isComment(block)) return;
    const image = loneImage(block);
    if (image && !b.get(target)?.image) {
      b.update(target, { image });
      return;
    }
    const text = noteSource(ast, block, indent);
    if (!text.trim()) return;
    const prev = notes.get(target);
    if (!prev) notes.set(target, { text, to: block.to });
    else {
      // Blocks on adjacent lines stay one line apart, others a blank line apart.
      const sep = block.from > prev.to ? '\n\n' : '\n';
      notes.set(target, { text: prev.text + sep + text, to: block.to });
    }
  };

  // Items are walked with an explicit stack: lists may nest as deep as the parser allows.
  const addItems = (parent: TopicId, list: MdBlock) => {
    const work: { parent: TopicId; item: MdBlock }[] = [];
    const push = (p: TopicId, l: MdBlock) => {
      for (let i = l.children.length - 1; i >= 0; i--) work.push({ parent: p, item: l.children[i] as MdBlock });
    };
    push(parent, list);
    while (work.length) {
      const { parent: p, item } = work.pop() as (typeof work)[number];
      const id = item === rootBlock ? b.rootId : addTopic(p, topicFields(item));
      const indent = contentIndent(ast, item);
      const lists: MdBlock[] = [];
      item.children.forEach((c, i) => {
        if (
          i === 0 &&
          c.from === item.from &&
          (c.type === 'paragraph' || c.type === 'heading' || (c.type === 'html' && c.to === c.from + 1))
        )
          return;
        if (c.type === 'list') lists.push(c);
        else addNote(id, c, indent);
      });
      for (let i = lists.length - 1; i >= 0; i--) push(id, lists[i] as MdBlock);
    }
  };

  const headings: { level: number; id: TopicId }[] = [{ level: rootBlock?.type === 'heading' ? (rootBlock.level ?? 1) : 0, id: b.rootId }];
  const current = () => (headings[headings.length - 1] as { id: TopicId }).id;
  for (const block of blocks) {
    if (block === rootBlock && block.type === 'heading') continue;
    if (block.type === 'heading') {
      const level = block.level ?? 1;
      while (headings.length > 1 && (headings[headings.length - 1] as { level: number }).level >= level) headings.pop();
      const id = addTopic(current(), topicFields(block));
      headings.push({ level, id });
    } else if (block.type === 'list') addItems(current(), block);
    else addNote(current(), block, 0);
  }
  for (const [id, { text }] of notes) {
    const note = text.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
    if (note) b.update(id, { note });
  }
  const doc: MindDoc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: [], format: FORMAT };
}

function topicFields(block: MdBlock): TopicFields {
  const head = block.type === 'heading' ? block : block.children[0];
  if (!head || head.from !== block.from) return { text: '' };
  // `- <user>` alone on its line is an HTML block to CommonMark: a topic keeps it as its text.
  if (head.type === 'html' && head.to === head.from + 1) {
    if (!isComment(head)) return { text: (head.content ?? '').trim() };
    return /<!--\s*markmap:\s*fold\s*-->/.test(head.content ?? '') ? { text: '', folded: true } : { text: '' };
  }
  if (head.type !== 'paragraph' && head.type !== 'heading') return { text: '' };
  const f = fields(inlineContent(head.inline ?? []));
  return head.task ? { ...f, task: head.task } : f;
}

/** The column where a list item's content starts (its marker's width plus the spaces after it, 1–4). */
function contentIndent(ast: MarkdownAst, item: MdBlock): number {
  const line = linesOf(ast, item.from, item.from + 1)[0] ?? '';
  const m = /^((?:[ \t]*>)*[ \t]*)([-*+]|\d{1,9}[.)])([ \t]*)/.exec(line);
  if (!m) return 2;
  const before = column((m[1] as string) + (m[2] as string));
  const spaces = column(line.slice(0, (m[0] as string).length)) - before;
  return before + (spaces >= 1 && spaces <= 4 && m[0].length < line.length ? spaces : 1);
}

function column(s: string): number {
  let col = 0;
  for (const c of s) col = c === '\t' ? (Math.floor(col / 4) + 1) * 4 : col + 1;
  return col;
}

/**
 * A note block's Markdown as written, without the indentation of the list item it sits in, and
 * without the `>` markers of a block quote.
 */
function noteSource(ast: MarkdownAst, block: MdBlock, indent: number): string {
  const out = linesOf(ast, block.from, block.to).map((line) => {
    let s = dedent(line, indent);
    if (block.type === 'blockquote') s = s.replace(/^ {0,3}> ?/, '');
    return s;
  });
  if (block.type !== 'blockquote' && block.type !== 'code') return out.map((l) => l.trimEnd()).join('\n');
  return out.join('\n');
}
/** Removes up to `indent` columns of leading spaces and tabs. */
function dedent(line: string, indent: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < indent) {
    const c = line[i];
    if (c === ' ') col++;
    else if (c === '\t') col = (Math.floor(col / 4) + 1) * 4;
    else break;
    i++;
  }
  return line.slice(i);
}
