import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from '../builder.ts';
import { asTopicId as T } from '../model.ts';
import { applyOp } from '../ops/apply.ts';
import { OpError } from '../ops/types.ts';
import { docFromState, stateFromDoc } from '../store.ts';
import { History } from './history.ts';

function sample() {
  const b = new DocBuilder({ title: 'T' });
  for (const n of ['a', 'b', 'c']) b.add(b.rootId, { id: n, text: n.toUpperCase() });
  return { state: stateFromDoc(b.build()), root: b.rootId };
}
const snap = (s: ReturnType<typeof sample>['state']) => JSON.parse(JSON.stringify(docFromState(s)));

test('each op or transaction is one step; undo and redo walk them', () => {
  const { state, root } = sample();
  const h = new History();
  const s0 = snap(state);
  h.apply(state, { type: 'topic.create', parentId: root, topic: { id: T('x'), text: 'X' } });
  const s1 = snap(state);
  h.apply(state, [
    { type: 'topic.update', id: T('a'), patch: { text: 'A!' } },
    { type: 'topic.move', ids: [T('b')], parentId: T('x') },
  ]);
  const s2 = snap(state);
  assert.equal(h.undoDepth, 2);
  h.undo(state);
  assert.deepEqual(docFromState(state), s1);
  h.undo(state);
  assert.deepEqual(docFromState(state), s0);
  assert.equal(h.undo(state), null);
  h.redo(state);
  h.redo(state);
  assert.deepEqual(docFromState(state), s2);
  h.undo(state);
  h.apply(state, { type: 'topic.update', id: T('c'), patch: { note: 'n' } });
  assert.equal(h.canRedo, false, 'a new change clears redo');
});

test('typing with one mergeKey squashes into one step within the window', () => {
  const { state } = sample();
  let now = 1000;
  const h = new History({ now: () => now, mergeWindowMs: 500 });
  const s0 = snap(state);
  for (const text of ['思', '思维', '思维导', '思维导图']) {
    h.apply(state, { type: 'topic.update', id: T('a'), patch: { text } }, { mergeKey: 'text:a' });
    now += 300;
  }
  assert.equal(h.undoDepth, 1);
  now += 1000;
  h.apply(state, { type: 'topic.update', id: T('a'), patch: { text: '思维导图!' } }, { mergeKey: 'text:a' });
  assert.equal(h.undoDepth, 2, 'after the window a new step starts');
  h.seal();
  h.apply(state, { type: 'topic.update', id: T('a'), patch: { text: '思维导图!!' } }, { mergeKey: 'text:a' });
  assert.equal(h.undoDepth, 3, 'sealing starts a new step');
  h.apply(state, { type: 'topic.update', id: T('b'), patch: { text: 'b' } }, { mergeKey: 'text:b' });
  assert.equal(h.undoDepth, 4, 'another key starts a new step');
  for (let i = 0; i < 4; i++) h.undo(state);
  assert.deepEqual(docFromState(state), s0);
});

test('remote and preview changes never enter history; undo still works around them', () => {
  const { state, root } = sample();
  const h = new History();
  h.apply(state, { type: 'topic.update', id: T('a'), patch: { text: 'mine' } });
  h.apply(state, { type: 'topic.create', parentId: root, topic: { id: T('p'), text: 'AI' } }, { origin: 'preview' });
  h.apply(state, { type: 'topic.update', id: T('b'), patch: { text: 'theirs' } }, { origin: 'remote' });
  h.apply(state, { type: 'topic.update', id: T('a'), patch: { note: 'their note' } }, { origin: 'remote' });
  assert.equal(h.undoDepth, 1);
  h.undo(state);
  const a = state.topics.get(T('a'));
  assert.equal(a?.text, 'A', 'my edit is undone');
  assert.equal(a?.note, 'their note', 'a remote edit to another field of the same topic survives');
  assert.equal(state.topics.get(T('b'))?.text, 'theirs');
  assert.ok(state.topics.has(T('p')));
  h.redo(state);
  assert.equal(state.topics.get(T('a'))?.text, 'mine');
});

test('a step that no longer fits is refused without changes and dropped', () => {
  const { state, root } = sample();
  const h = new History();
  h.apply(state, { type: 'topic.update', id: T('c'), patch: { text: 'C1' } });
  h.apply(state, { type: 'topic.create', parentId: root, topic: { id: T('x'), text: 'X' } });
  applyOp(state, { type: 'topic.create', parentId: T('x'), topic: { id: T('y'), text: 'remote child' } });
  const before = snap(state);
  assert.throws(
    () => h.undo(state),
    (e: unknown) => e instanceof OpError && e.code === 'conflict',
  );
  assert.deepEqual(docFromState(state), before);
  assert.equal(h.undoDepth, 1);
  h.undo(state);
  assert.equal(state.topics.get(T('c'))?.text, 'C');
});

test('memory is bounded by the step cap', () => {
  const { state } = sample();
  const h = new History({ capacity: 10 });
  for (let i = 0; i < 50; i++) h.apply(state, { type: 'topic.update', id: T('a'), patch: { text: `v${i}` } });
  assert.equal(h.undoDepth, 10);
  while (h.canUndo) h.undo(state);
  assert.equal(state.topics.get(T('a'))?.text, 'v39');
});
