import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, attachedChildren, DocBuilder, stateFromDoc, type TopicId } from '@arbor/core';
import {
  coveredSpans,
  firstSentence,
  paragraphs,
  passageToTopicOp,
  sourceSegments,
  uncoveredOf,
  uncoveredPassages,
} from './source-logic.ts';

const TEXT = [
  '第一章 总则',
  '',
  '第一条 为了规范管理，制定本办法。其他内容。',
  '',
  '这一段没有主题。它在第一条之后。',
  '',
  '第二条 本办法自公布之日起施行。',
  '',
  '  ',
  '结尾的一段。',
].join('\n');
const at = (s: string) => TEXT.indexOf(s);
const span = (s: string) => ({ start: at(s), end: at(s) + s.length });

function mapOf() {
  const b = new DocBuilder({ rootText: '办法' });
  const ch = b.add(b.rootId, { text: '第一章 总则', source: span('第一章 总则') });
  const a1 = b.add(ch, {
    text: '第一条',
    note: '第一条 为了规范管理，制定本办法。其他内容。',
    source: span('第一条 为了规范管理，制定本办法。其他内容。'),
  });
  const a2 = b.add(ch, { text: '第二条', note: '第二条 本办法自公布之日起施行。', source: span('第二条 本办法自公布之日起施行。') });
  b.meta = { sourceText: TEXT };
  return { state: stateFromDoc(b.build()), ch, a1, a2 };
}

test('paragraphs are runs of non-blank lines; blank and whitespace-only lines separate them', () => {
  const ps = paragraphs(TEXT).map((p) => TEXT.slice(p.start, p.end));
  assert.deepEqual(ps, [
    '第一章 总则',
    '第一条 为了规范管理，制定本办法。其他内容。',
    '这一段没有主题。它在第一条之后。',
    '第二条 本办法自公布之日起施行。',
    '结尾的一段。',
  ]);
  assert.deepEqual(paragraphs(''), []);
  assert.deepEqual(paragraphs('\n\n\n'), []);
});

test('uncovered passages: the paragraphs no topic span overlaps, and the uncovered rest of a partly covered one', () => {
  const { state } = mapOf();
  const un = uncoveredOf(state).map((p) => TEXT.slice(p.start, p.end));
  assert.deepEqual(un, ['这一段没有主题。它在第一条之后。', '结尾的一段。']);
  const text = 'abc def ghi';
  assert.deepEqual(
    uncoveredPassages(text, [{ start: 4, end: 7 }]).map((p) => text.slice(p.start, p.end)),
    ['abc', 'ghi'],
  );
  assert.deepEqual(uncoveredPassages(text, [{ start: 0, end: 11 }]), []);
  assert.deepEqual(coveredSpans(state, TEXT.length).length, 3, 'three separate covered spans (merged when they touch)');
});

test('a span past the end of the text (a stale map) is clamped, never a crash', () => {
  const { state, a2 } = mapOf();
  applyOps(state, [{ type: 'topic.update', id: a2, patch: { source: { start: TEXT.length - 3, end: TEXT.length + 500 } } }]);
  const un = uncoveredOf(state).map((p) => TEXT.slice(p.start, p.end));
  assert.ok(un.includes('第二条 本办法自公布之日起施行。'));
  assert.ok(!un.includes('结尾的一段。'), 'the clamped span still covers the end');
});

test('making a passage a topic: under the preceding topic (or after a body leaf), first sentence as text, full text as note, span kept', () => {
  const { state, ch, a1, a2 } = mapOf();
  const passage = uncoveredOf(state)[0] as { start: number; end: number };
  const op = passageToTopicOp(state, passage, () => 'tNew' as TopicId);
  applyOps(state, [op]);
  const t = state.topics.get('tNew' as TopicId);
  assert.equal(t?.text, '这一段没有主题。');
  assert.equal(t?.note, '这一段没有主题。它在第一条之后。');
  assert.deepEqual(t?.source, passage);
  assert.deepEqual(attachedChildren(state, ch), [a1, 'tNew', a2], 'after the body leaf 第一条, before 第二条');
  assert.deepEqual(
    uncoveredOf(state).map((p) => TEXT.slice(p.start, p.end)),
    ['结尾的一段。'],
    'the passage is covered now',
  );
  // A passage under a heading with children goes among them in text order.
  const end = uncoveredOf(state)[0] as { start: number; end: number };
  applyOps(state, [passageToTopicOp(state, end, () => 'tEnd' as TopicId)]);
  assert.equal(state.topics.get('tEnd' as TopicId)?.note, undefined, 'a one-sentence passage needs no note');
  assert.equal(state.topics.get('tEnd' as TopicId)?.parentId, ch);
});

test('first sentences: Chinese and English stops, long sentences cut with an ellipsis', () => {
  assert.equal(firstSentence('为了规范管理。其他。'), '为了规范管理。');
  assert.equal(firstSentence('This is one. And two.'), 'This is one.');
  assert.equal(firstSentence('version 1.2 is out'), 'version 1.2 is out');
  assert.equal(firstSentence('甲'.repeat(100)).length, 40);
  assert.ok(firstSentence('甲'.repeat(100)).endsWith('…'));
  assert.equal(firstSentence('line one\nline two'), 'line one line two');
});

test('segments: the selected passage, the uncovered passages and plain text in between, covering the text once', () => {
  const { state, a1 } = mapOf();
  const un = uncoveredOf(state);
  const src = state.topics.get(a1)?.source ?? null;
  const segs = sourceSegments(TEXT.length, un, src);
  assert.equal(segs.map((s) => TEXT.slice(s.start, s.end)).join(''), TEXT, 'every character once, in order');
  assert.deepEqual(
    segs.filter((s) => s.kind !== 'plain').map((s) => [s.kind, TEXT.slice(s.start, s.end)]),
    [
      ['passage', '第一条 为了规范管理，制定本办法。其他内容。'],
      ['uncovered', '这一段没有主题。它在第一条之后。'],
      ['uncovered', '结尾的一段。'],
    ],
  );
  assert.deepEqual(sourceSegments(0, [], null), []);
  assert.deepEqual(sourceSegments(5, [], { start: 3, end: 99 }), [
    { start: 0, end: 3, kind: 'plain' },
    { start: 3, end: 5, kind: 'passage' },
  ]);
});
