// Markdown → map, markmap-compatible: headings and nested list items are topics; paragraphs,
// quotes, tables and code under a topic become its note; a lone heading of the top level (or a
// lone top list item) is the central topic, otherwise the front-matter title or file name is.

import type { MindDoc, TopicFields, TopicId } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { baseName, decodeText } from '../text/decode.ts';
import { DEFAULT_ROOT_TEXT } from '../text/index.ts';
import type { ImportResult, ParseOptions } from '../types.ts';
import { type Block, tokenize } from './blocks.ts';
import { parseInline } from './inline.ts';

const FORMAT = 'markdown';
const IMAGE_ONLY = /^!\[[^\]]*\]\([^)]*\)$/;

function fields(text: string): TopicFields {
  const f = parseInline(text);
  return { text: f.text, href: f.href, image: f.image, task: f.task, folded: f.folded };
}

/** The block that stands for the central topic, if the document has one. */
function findRootBlock(blocks: Block[]): Block | undefined {
  let first: Block | undefined;
  let minLevel = 7;
  let atMin = 0;
  for (const b of blocks)
    if (b.kind === 'heading') {
      first ??= b;
      if (b.level < minLevel) [minLevel, atMin] = [b.level, 1];
      else if (b.level === minLevel) atMin++;
    }
  if (first) {
    const itemBefore = blocks.some((b) => b.kind === 'item' && b.line < (first as Block).line);
    return first.kind === 'heading' && first.level === minLevel && atMin === 1 && !itemBefore ? first : undefined;
  }
  let firstItem: Block | undefined;
  let minIndent = Number.POSITIVE_INFINITY;
  let atMinIndent = 0;
  for (const b of blocks)
    if (b.kind === 'item') {
      firstItem ??= b;
      if (b.indent < minIndent) [minIndent, atMinIndent] = [b.indent, 1];
      else if (b.indent === minIndent) atMinIndent++;
    }
  if (firstItem?.kind !== 'item') return undefined;
  return atMinIndent === 1 && firstItem.indent === minIndent ? firstItem : undefined;
}

export function parseMarkdown(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  const { blocks, frontTitle } = tokenize(decodeText(bytes, FORMAT), FORMAT);
  const rootBlock = findRootBlock(blocks);
  const rootFields = rootBlock && rootBlock.kind !== 'blank' ? fields(rootBlock.text) : undefined;
  const title = rootFields?.text || frontTitle || baseName(options.fileName) || DEFAULT_ROOT_TEXT;
  const b = new DocBuilder({ title, rootText: title, idPrefix: 'md' });
  if (rootFields) b.update(b.rootId, { ...rootFields, text: rootFields.text || title });

  const headings: { level: number; id: TopicId }[] = [{ level: rootBlock?.kind === 'heading' ? rootBlock.level : 0, id: b.rootId }];
  let items: { indent: number; id: TopicId }[] = [];
  const notes = new Map<TopicId, string[]>();
  let lastTarget: TopicId | undefined;
  let blank = false;
  let count = 0;
  const addTopic = (parent: TopicId, text: string): TopicId => {
    if (++count > LIMITS.maxTopics)
      throw new ImportError('too-large', `the document has more than ${LIMITS.maxTopics} headings and list items`, FORMAT);
    return b.add(parent, fields(text));
  };
  const depthCheck = () => {
    if (headings.length + items.length > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the outline is nested more than ${LIMITS.maxDepth} levels deep`, FORMAT);
  };

  for (const block of blocks) {
    if (block.kind === 'blank') {
      blank = true;
      continue;
    }
    if (block === rootBlock) {
      if (block.kind === 'item') items = [{ indent: block.indent, id: b.rootId }];
      lastTarget = b.rootId;
      blank = false;
      continue;
    }
    if (block.kind === 'heading') {
      while (headings.length > 1 && (headings[headings.length - 1] as { level: number }).level >= block.level) headings.pop();
      const id = addTopic((headings[headings.length - 1] as { id: TopicId }).id, block.text);
      headings.push({ level: block.level, id });
      items = [];
      depthCheck();
      lastTarget = id;
    } else if (block.kind === 'item') {
      while (
        items.length &&
        (items[items.length - 1] as { indent: number }).indent >= block.indent &&
        items[items.length - 1]?.id !== b.rootId
      )
        items.pop();
      const parent = items.length ? (items[items.length - 1] as { id: TopicId }).id : (headings[headings.length - 1] as { id: TopicId }).id;
      const id = addTopic(parent, block.text);
      items.push({ indent: block.indent, id });
      depthCheck();
      lastTarget = id;
    } else {
      // Note material goes to the list item it is indented under (or continues lazily), else to the heading.
      let target: TopicId | undefined;
      if (block.lazy && items.length) target = (items[items.length - 1] as { id: TopicId }).id;
      else
        for (let k = items.length - 1; k >= 0 && target === undefined; k--)
          if ((items[k] as { indent: number }).indent < block.indent) target = (items[k] as { id: TopicId }).id;
      if (target === undefined) {
        if (!(items.length === 1 && items[0]?.id === b.rootId)) items = [];
        target = (headings[headings.length - 1] as { id: TopicId }).id;
      }
      if (!block.verbatim && IMAGE_ONLY.test(block.text.trim()) && !b.get(target)?.image) {
        const img = parseInline(block.text.trim()).image;
        if (img) {
          b.update(target, { image: img });
          continue;
        }
      }
      let list = notes.get(target);
      if (!list) notes.set(target, (list = []));
      else if (blank || lastTarget !== target) list.push('');
      list.push(block.text);
      lastTarget = target;
    }
    blank = false;
  }
  for (const [id, lines] of notes) {
    const note = lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (note) b.update(id, { note });
  }
  const doc: MindDoc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: [], format: FORMAT };
}
