import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, stateFromDoc } from '@arbor/core';
import { findTopics, stepHit } from './search.ts';

test('search finds topics in document order, folded ones included, ignoring case and full width', () => {
  const b = new DocBuilder({ rootText: 'Contract 合同' });
  const a = b.add(b.rootId, { text: '第一条 ＡＢＣ', folded: true });
  const a1 = b.add(a, { text: 'abc inside a folded branch' });
  const c = b.add(b.rootId, { text: 'other', note: 'the note says abc' });
  const state = stateFromDoc(b.build());
  assert.deepEqual(findTopics(state, 'abc'), [a, a1]);
  assert.deepEqual(findTopics(state, 'ABC', { notes: true }), [a, a1, c]);
  assert.deepEqual(findTopics(state, '合同'), [b.rootId]);
  assert.deepEqual(findTopics(state, '   '), []);
  assert.deepEqual(findTopics(state, 'abc', { limit: 1 }), [a]);
  assert.deepEqual(findTopics(state, '<script>'), []);
});

test('next and previous wrap around', () => {
  assert.equal(stepHit(3, 2, 1), 0);
  assert.equal(stepHit(3, 0, -1), 2);
  assert.equal(stepHit(3, -1, 1), 0);
  assert.equal(stepHit(3, -1, -1), 2);
  assert.equal(stepHit(0, -1, 1), -1);
});
