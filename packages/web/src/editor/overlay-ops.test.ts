import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApproxMeasurer, applyOps, DocBuilder, LayoutEngine, stateFromDoc, type TopicId } from '@arbor/core';
import {
  boundaryOps,
  curveDistance,
  dragControlPoint,
  labelOp,
  linkPair,
  relationshipAt,
  relationshipOp,
  siblingRange,
  summaryOps,
} from './overlay-ops.ts';

function tree() {
  const b = new DocBuilder({ rootText: 'root' });
  const a = b.add(b.rootId, { text: 'A' });
  const k = [0, 1, 2, 3].map((i) => b.add(a, { text: `k${i}` }));
  const f = b.add(b.rootId, { text: 'float', detached: true, position: { x: 0, y: 300 } });
  return { state: stateFromDoc(b.build()), root: b.rootId, a, k: k as TopicId[], f };
}

test('a summary covers the range of the selected siblings and gets its own topic, which takes children', () => {
  const { state, a, k, root, f } = tree();
  assert.deepEqual(siblingRange(state, k[3] as TopicId, [k[1] as TopicId, k[3] as TopicId]), { parentId: a, fromId: k[1], toId: k[3] });
  assert.equal(siblingRange(state, root, [root]), null);
  assert.equal(siblingRange(state, f, [f]), null);
  const made = summaryOps(state, k[2] as TopicId, [k[1] as TopicId, k[2] as TopicId], '概要', { summary: 's1', topic: 'ts' as TopicId });
  assert.ok(made);
  applyOps(state, made.ops);
  const s = state.summaries.get('s1');
  assert.deepEqual([s?.fromId, s?.toId, s?.topicId], [k[1], k[2], 'ts']);
  assert.equal(state.topics.get('ts' as TopicId)?.summaryId, 's1');
  // Tab on the summary's topic: a child like any topic.
  applyOps(state, [{ type: 'topic.create', parentId: 'ts' as TopicId, topic: { id: 'tc' as TopicId, text: 'child' } }]);
  assert.equal(state.topics.get('tc' as TopicId)?.parentId, 'ts');
  assert.equal(summaryOps(state, 'ts' as TopicId, ['ts' as TopicId], 'x'), null, 'no summary of a summary topic');
});

test('a boundary around one branch or several siblings', () => {
  const { state, k, a } = tree();
  applyOps(state, boundaryOps(state, a, [a], 'b1') ?? []);
  assert.deepEqual(state.boundaries.get('b1')?.fromId, a);
  applyOps(state, boundaryOps(state, k[0] as TopicId, [k[0] as TopicId, k[2] as TopicId], 'b2') ?? []);
  assert.deepEqual([state.boundaries.get('b2')?.fromId, state.boundaries.get('b2')?.toId], [k[0], k[2]]);
});

test('relationships: two selected topics are linked in selection order; labels are trimmed and cleared', () => {
  const { state, k } = tree();
  const [x, y] = [k[0] as TopicId, k[3] as TopicId];
  assert.deepEqual(linkPair(state, [x, y], y), [x, y]);
  assert.deepEqual(linkPair(state, [x, y], x), [y, x]);
  assert.equal(linkPair(state, [x], x), null);
  applyOps(state, [relationshipOp(x, y, 'r1')]);
  assert.deepEqual(state.relationships.get('r1'), { id: 'r1', from: x, to: y });
  applyOps(state, [labelOp('r1', '  因果\n')]);
  assert.equal(state.relationships.get('r1')?.label, '因果');
  applyOps(state, [labelOp('r1', '   ')]);
  assert.equal(state.relationships.get('r1')?.label, undefined);
  assert.equal((labelOp('r1', 'x'.repeat(5000)) as { patch: { label: string } }).patch.label.length, 500);
});

test('dragging a control point moves that point only; the curve goes through the new place in the layout', () => {
  const { state, k } = tree();
  const [x, y] = [k[0] as TopicId, k[3] as TopicId];
  applyOps(state, [relationshipOp(x, y, 'r1')]);
  const engine = new LayoutEngine({ measure: new ApproxMeasurer() });
  let layout = engine.update(state);
  const g = layout.relationships.find((r) => r.id === 'r1');
  assert.ok(g);
  const bx = layout.boxes.get(x);
  const by = layout.boxes.get(y);
  assert.ok(bx && by);
  const fc = { x: bx.x + bx.width / 2, y: bx.y + bx.height / 2 };
  const tc = { x: by.x + by.width / 2, y: by.y + by.height / 2 };
  const target = { x: g.c1.x + 120, y: g.c1.y - 40 };
  const cps = dragControlPoint(g, fc, tc, 0, target);
  applyOps(state, [{ type: 'relationship.update', id: 'r1', patch: { controlPoints: cps } }]);
  layout = engine.update(state, [x, y]);
  const after = layout.relationships.find((r) => r.id === 'r1');
  assert.ok(after);
  assert.ok(Math.hypot(after.c1.x - target.x, after.c1.y - target.y) < 0.2, 'c1 is where it was dropped');
  assert.ok(Math.hypot(after.c2.x - g.c2.x, after.c2.y - g.c2.y) < 0.2, 'c2 stays');
  // Hit testing follows the curve.
  const mid = after.labelAt;
  assert.ok(curveDistance(after, mid) < 0.5);
  assert.equal(relationshipAt(layout.relationships, mid, 6), 'r1');
  assert.equal(relationshipAt(layout.relationships, { x: mid.x + 500, y: mid.y + 500 }, 6), null);
});
