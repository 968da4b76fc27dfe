// Map → Markdown that `parseMarkdown` (and markmap) read back as the same tree: the root and first
// level as headings, deeper topics as nested list items below them; notes as block quotes under
// their topic (so a note line can never be taken for a heading or item); links, images, tasks and
// folding inline.

import type { MindDoc, Topic } from '@arbor/core';
import { encodeText } from '../text/decode.ts';
import { walkOutline } from '../text/outline.ts';
import { escapeInline } from './inline.ts';

/** Depth from which topics are written as list items rather than headings. */
const FIRST_LIST_DEPTH = 2;

/** A link destination: bare when it is plain, else in pointy brackets with `\\ < > &` escaped. */
const linkTarget = (url: string): string =>
  /[\s()<>\\&]/.test(url) || url === ''
    ? `<${url
        .replace(/[\\<>&]/g, '\\$&')
        .replace(/\n/g, '%0A')
        .replace(/\r/g, '%0D')}>`
    : url;

function topicLine(t: Topic, isItem: boolean): string {
  // An empty item (`-`) under a paragraph would be read as a setext underline: an empty comment
  // keeps it an item.
  let s = escapeInline(t.text) || (isItem && !t.href && !t.image && !t.task && !t.folded ? '<!-- -->' : '');
  // An item that is only `<br>` would be an HTML block: a comment after it keeps it inline.
  if (isItem && s === '<br>') s += '<!-- -->';
  if (t.href !== undefined) s = `[${s}](${linkTarget(t.href)})`;
  if (t.image) s = `![${escapeInline(t.image.alt ?? '')}](${linkTarget(t.image.src)})${s ? ` ${s}` : ''}`;
  if (t.task) s = `[${t.task.done ? 'x' : ' '}] ${s}`;
  if (t.folded) s += s ? ' <!-- markmap: fold -->' : '<!-- markmap: fold -->'; // one space: the item's content column stays 2
  return s;
}

export function serializeMarkdown(doc: MindDoc): Uint8Array {
  const out: string[] = [];
  walkOutline(doc, {
    enter(t, depth) {
      const isItem = depth >= FIRST_LIST_DEPTH;
      const indent = isItem ? '  '.repeat(depth - FIRST_LIST_DEPTH) : '';
      if (!isItem && out.length) out.push('');
      out.push(
        isItem ? `${indent}- ${topicLine(t, true)}`.trimEnd() : `${'#'.repeat(Math.min(depth + 1, 6))} ${topicLine(t, false)}`.trimEnd(),
      );
      if (t.note) {
        const noteIndent = isItem ? `${indent}  ` : '';
        if (!isItem) out.push('');
        for (const line of t.note.split(/\r\n|\r|\n/)) out.push(`${noteIndent}>${line ? ` ${line}` : ''}`);
        out.push('');
      }
    },
  });
  return encodeText(`${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`);
}
