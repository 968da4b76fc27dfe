// Characters that whitespace handling tends to eat survive a round trip through every format that
// writes text: full-width spaces (U+3000, common in Chinese laws and 公文), line separators
// (U+2028, which JavaScript's `.` and `\s` treat as a line end and as space), and text that looks
// like markup.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { findFormat } from './registry.ts';
import type { ImportResult } from './types.ts';

const TEXTS = ['第一条\u3000为了规范管理', '行一\u2028行二', '<i>斜体</i>\u3000全角'];
/** Formats whose notes are plain text (FreeMind's are HTML; outline text and Markdown have none or their own). */
const PLAIN_NOTES = new Set(['json', 'xmind', 'xmind8', 'opml', 'mm']);

function sample(): MindDoc {
  const b = new DocBuilder({ title: '样例', rootText: '样例' });
  for (const text of TEXTS) b.add(b.rootId, { text, note: `备注：${text}` });
  return b.build();
}

for (const name of ['json', 'xmind', 'xmind8', 'mm', 'opml', 'markdown', 'text']) {
  test(`${name}: full-width spaces, line separators and markup-like text come back as written`, async () => {
    const format = findFormat(name);
    assert.ok(format?.serialize, name);
    const back = ((await format.parse(await format.serialize(sample()))) as ImportResult).doc;
    const kids = Object.values(back.topics).filter((t) => t.parentId === back.rootId && !t.summaryId);
    kids.sort((a, b) => (a.index < b.index ? -1 : 1));
    assert.deepEqual(
      kids.map((t) => t.text),
      TEXTS,
    );
    if (PLAIN_NOTES.has(name))
      assert.deepEqual(
        kids.map((t) => t.note),
        TEXTS.map((t) => `备注：${t}`),
      );
  });
}
