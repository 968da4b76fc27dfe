import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, attachedChildren, DocBuilder, stateFromDoc, type TopicId } from '@arbor/core';
import { indentOps, outdentOps, outlineRows, rowIndexOf, visibleWindow } from './outline-logic.ts';

function tree() {
  const b = new DocBuilder({ rootText: 'root' });
  const a = b.add(b.rootId, { text: 'A' });
  const a1 = b.add(a, { text: 'a1' });
  const a2 = b.add(a, { text: 'a2' });
  const bb = b.add(b.rootId, { text: 'B' });
  const c = b.add(b.rootId, { text: 'C' });
  const f = b.add(b.rootId, { text: 'floating', detached: true, position: { x: 0, y: 200 } });
  return { state: stateFromDoc(b.build()), root: b.rootId, a, a1, a2, bb, c, f };
}

const texts = (state: ReturnType<typeof tree>['state'], root?: TopicId) =>
  outlineRows(state, root).map((r) => `${'  '.repeat(r.depth)}${state.topics.get(r.id)?.text}`);

test('rows: document order with depths, floating topics after the attached ones, folded branches hidden', () => {
  const { state, a } = tree();
  assert.deepEqual(texts(state), ['root', '  A', '    a1', '    a2', '  B', '  C', '  floating']);
  applyOps(state, [{ type: 'topic.update', id: a, patch: { folded: true } }]);
  const rows = outlineRows(state);
  assert.deepEqual(texts(state), ['root', '  A', '  B', '  C', '  floating']);
  assert.equal(rows[1]?.folded, true);
  assert.equal(rows[4]?.kind, 'floating');
  assert.deepEqual(texts(state, a), ['A', '  a1', '  a2'], 'a focused branch shows its own children even when folded');
});

test('Tab indents under the previous sibling, Shift+Tab outdents after the parent: the same ops the canvas applies', () => {
  const { state, root, a, a2, bb, c } = tree();
  assert.equal(indentOps(state, a, [a]), null, 'the first child has no previous sibling');
  applyOps(state, indentOps(state, bb, [bb]) ?? []);
  assert.deepEqual(attachedChildren(state, a).slice(-1), [bb]);
  assert.deepEqual(texts(state).slice(0, 6), ['root', '  A', '    a1', '    a2', '    B', '  C']);
  // Indent a2 and B together under a1.
  const a1 = attachedChildren(state, a)[0] as TopicId;
  applyOps(state, indentOps(state, bb, [a2, bb]) ?? []);
  assert.deepEqual(attachedChildren(state, a1), [a2, bb]);
  // Outdent them back: after a1, in order.
  applyOps(state, outdentOps(state, a2, [a2, bb]) ?? []);
  assert.deepEqual(attachedChildren(state, a), [a1, a2, bb]);
  assert.equal(outdentOps(state, c, [c]), null, 'children of the root go nowhere further out');
  assert.equal(outdentOps(state, a1, [a1], a), null, 'nor children of the focused branch');
  assert.equal(indentOps(state, root, [root]), null);
});

test('indenting under a folded sibling unfolds it so the topic stays in view', () => {
  const { state, a, bb } = tree();
  applyOps(state, [{ type: 'topic.update', id: a, patch: { folded: true } }]);
  const ops = indentOps(state, bb, [bb]) ?? [];
  assert.equal(ops[0]?.type, 'topic.update');
  applyOps(state, ops);
  assert.ok(rowIndexOf(outlineRows(state), bb) > 0);
});

test('a floating topic neither indents nor outdents', () => {
  const { state, f } = tree();
  assert.equal(indentOps(state, f, [f]), null);
  assert.equal(outdentOps(state, f, [f]), null);
});

test('rows of a 5,000-topic map in a few milliseconds; the virtual window renders only what is in view', () => {
  const b = new DocBuilder({ rootText: 'root' });
  for (let i = 0; i < 50; i++) {
    const m = b.add(b.rootId, { text: `m${i}` });
    for (let j = 0; j < 99; j++) b.add(m, { text: `s${i}.${j}` });
  }
  const state = stateFromDoc(b.build());
  const rows = outlineRows(state);
  assert.equal(rows.length, 5001);
  assert.equal(outlineRows(state), rows, 'cached within a version');
  const [first, last] = visibleWindow(rows.length, 28, 28 * 1000, 600);
  assert.ok(first >= 990 && last <= 1040 && last - first < 50, `${first}..${last}`);
  assert.deepEqual(visibleWindow(3, 28, 0, 600), [0, 3]);
});
