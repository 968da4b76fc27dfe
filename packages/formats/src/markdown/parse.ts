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
import {
  endOf,
  type InlineContent,
  inlineContent,
  type MarkdownAst,
  type Nodes,
  parseMarkdownAst,
  type RootContent,
  startOf,
} from './ast.ts';

const FORMAT = 'markdown';

type Block = RootContent;
type ListItem = Extract<RootContent, { type: 'listItem' }>;
type Heading = Extract<RootContent, { type: 'heading' }>;

function fields(c: InlineContent): TopicFields {
  return {
    text: c.text,
    ...(c.href !== undefined && { href: c.href }),
    ...(c.image && { image: c.image }),
    ...(c.task && { task: c.task }),
    ...(c.folded && { folded: true }),
  };
}

/** Top-level list items, in order (lists that are direct children of the document). */
const topItems = (blocks: readonly Block[]): ListItem[] => blocks.flatMap((b) => (b.type === 'list' ? b.children : []));

/** The block that stands for the central topic, if the document has one. */
function findRoot(blocks: readonly Block[]): Heading | ListItem | undefined {
  let first: Heading | undefined;
  let minLevel = 7;
  let atMin = 0;
  let firstIndex = -1;
  blocks.forEach((b, i) => {
    if (b.type !== 'heading') return;
    if (!first) [first, firstIndex] = [b, i];
    if (b.depth < minLevel) [minLevel, atMin] = [b.depth, 1];
    else if (b.depth === minLevel) atMin++;
  });
  if (first) {
    const itemBefore = blocks.slice(0, firstIndex).some((b) => b.type === 'list');
    return first.depth === minLevel && atMin === 1 && !itemBefore ? first : undefined;
  }
  const items = topItems(blocks);
  return items.length === 1 ? items[0] : undefined;
}

/** Whether a block is only markup without content (comments, masked metadata). */
const isComment = (b: Block): boolean => b.type === 'html' && /^<!--[\s\S]*-->\s*$/.test(b.value);

/** The only image of an image-only paragraph. */
function loneImage(b: Block): { src: string; alt?: string } | undefined {
  if (b.type !== 'paragraph' || b.children.length !== 1) return undefined;
  const n = b.children[0];
  if (n?.type !== 'image') return undefined;
  return n.alt ? { src: n.url, alt: n.alt } : { src: n.url };
}

export function parseMarkdown(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  const ast = parseMarkdownAst(decodeText(bytes, FORMAT), FORMAT);
  const { source, root } = ast;
  const blocks = root.children;
  const rootBlock = findRoot(blocks);
  const rootFields = rootBlock ? topicFields(rootBlock, ast) : undefined;
  const title = rootFields?.text || ast.frontTitle || baseName(options.fileName) || DEFAULT_ROOT_TEXT;
  const b = new DocBuilder({ title, rootText: title, idPrefix: 'md' });
  if (rootFields) b.update(b.rootId, { ...rootFields, text: rootFields.text || title });

  const notes = new Map<TopicId, { text: string; end: number }>();
  let count = 0;
  const addTopic = (parent: TopicId, f: TopicFields): TopicId => {
    if (++count > LIMITS.maxTopics)
      throw new ImportError('too-large', `the document has more than ${LIMITS.maxTopics} headings and list items`, FORMAT);
    return b.add(parent, f);
  };
  const addNote = (target: TopicId, block: Block, indent: number) => {
    if (isComment(block) || block.type === 'definition') return;
    const image = loneImage(block);
    if (image && !b.get(target)?.image) {
      b.update(target, { image });
      return;
    }
    const text = noteSource(source, block, indent);
    const prev = notes.get(target);
    if (!prev) notes.set(target, { text, end: endOf(block) });
    else {
      const gap = source.slice(prev.end, startOf(block));
      const sep = /\n[ \t>]*\r?\n/.test(gap.replace(/\r\n?/g, '\n')) || !gap.includes('\n') ? '\n\n' : '\n';
      notes.set(target, { text: prev.text + sep + text, end: endOf(block) });
    }
  };

  // Items are walked with an explicit stack: lists may nest as deep as the depth limit allows.
  const addItems = (parent: TopicId, list: Extract<Block, { type: 'list' }>, depth: number) => {
    const work: { parent: TopicId; item: ListItem; depth: number }[] = [];
    const push = (p: TopicId, l: Extract<Block, { type: 'list' }>, d: number) => {
      for (let i = l.children.length - 1; i >= 0; i--) work.push({ parent: p, item: l.children[i] as ListItem, depth: d });
    };
    push(parent, list, depth);
    while (work.length) {
      const { parent: p, item, depth: d } = work.pop() as (typeof work)[number];
      if (d > LIMITS.maxDepth) throw new ImportError('too-deep', `the outline is nested more than ${LIMITS.maxDepth} levels deep`, FORMAT);
      const id = item === rootBlock ? b.rootId : addTopic(p, topicFields(item, ast));
      const indent = contentIndent(source, item);
      const lists: Extract<Block, { type: 'list' }>[] = [];
      item.children.forEach((c, i) => {
        if (i === 0 && (c.type === 'paragraph' || c.type === 'heading')) return;
        if (c.type === 'list') lists.push(c);
        else addNote(id, c, indent);
      });
      for (let i = lists.length - 1; i >= 0; i--) push(id, lists[i] as Extract<Block, { type: 'list' }>, d + 1);
    }
  };

  const headings: { level: number; id: TopicId }[] = [{ level: rootBlock?.type === 'heading' ? rootBlock.depth : 0, id: b.rootId }];
  const current = () => (headings[headings.length - 1] as { id: TopicId }).id;
  for (const block of blocks) {
    if (block === rootBlock && block.type === 'heading') continue;
    if (block.type === 'heading') {
      while (headings.length > 1 && (headings[headings.length - 1] as { level: number }).level >= block.depth) headings.pop();
      const id = addTopic(current(), topicFields(block, ast));
      headings.push({ level: block.depth, id });
    } else if (block.type === 'list') {
      // The lone top item is the central topic itself: its sub-lists hang under the root.
      addItems(current(), block, headings.length);
    } else addNote(current(), block, 0);
  }
  for (const [id, { text }] of notes) {
    const note = text.replace(/\n{3,}/g, '\n\n').trim();
    if (note) b.update(id, { note });
  }
  const doc: MindDoc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: [], format: FORMAT };
}

function topicFields(block: Heading | ListItem, ast: MarkdownAst): TopicFields {
  const head = block.type === 'heading' ? block : block.children[0];
  if (head?.type !== 'paragraph' && head?.type !== 'heading') return { text: '' };
  return fields(inlineContent(head.children, ast.source, ast.definitions));
}

/** The column where a list item's content starts (its marker's width plus the spaces after it). */
function contentIndent(source: string, item: ListItem): number {
  const lineStart = source.lastIndexOf('\n', startOf(item) - 1) + 1;
  const first = item.children[0];
  if (first && !source.slice(startOf(item), startOf(first)).includes('\n')) return column(source.slice(lineStart, startOf(first)));
  const marker = /^(?:[-*+]|\d{1,9}[.)])/.exec(source.slice(startOf(item)))?.[0] ?? '-';
  return column(source.slice(lineStart, startOf(item))) + marker.length + 1;
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
function noteSource(source: string, block: Nodes, indent: number): string {
  const start = source.lastIndexOf('\n', startOf(block) - 1) + 1;
  const lines = source.slice(start, endOf(block)).split(/\r\n|\r|\n/);
  const out = lines.map((line, i) => {
    let s = i === 0 ? line.slice(startOf(block) - start) : dedent(line, indent);
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
