// Map → Markdown that `parseMarkdown` (and markmap) read back: the root and first level as
// headings, deeper topics as nested list items; notes as block quotes under their topic (so a
// note line can never be taken for a heading or item); links, images, tasks and folding inline.

import type { MindDoc, Topic } from '@arbor/core';
import { encodeText } from '../text/decode.ts';
import { walkOutline } from '../text/outline.ts';
import { escapeInline } from './inline.ts';

/** Depth from which topics are written as list items rather than headings. */
const FIRST_LIST_DEPTH = 2;

const linkTarget = (url: string): string => (/[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url);

function topicLine(t: Topic): string {
  let s = escapeInline(t.text);
  if (t.href) s = `[${s}](${linkTarget(t.href)})`;
  if (t.image) s = `![${escapeInline(t.image.alt ?? '')}](${linkTarget(t.image.src)})${s ? ` ${s}` : ''}`;
  if (t.task) s = `[${t.task.done ? 'x' : ' '}] ${s}`;
  if (t.folded) s += ' <!-- markmap: fold -->';
  return s;
}

export function serializeMarkdown(doc: MindDoc): Uint8Array {
  const out: string[] = [];
  walkOutline(doc, {
    enter(t, depth) {
      const isItem = depth >= FIRST_LIST_DEPTH;
      const indent = isItem ? '  '.repeat(depth - FIRST_LIST_DEPTH) : '';
      if (!isItem && out.length) out.push('');
      out.push(isItem ? `${indent}- ${topicLine(t)}`.trimEnd() : `${'#'.repeat(depth + 1)} ${topicLine(t)}`.trimEnd());
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
