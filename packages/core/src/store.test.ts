import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from './builder.ts';
import { layoutDoc } from './layout/engine.ts';
import type { Topic, TopicId } from './model.ts';
import { applyOp } from './ops/apply.ts';
import { ChildrenIndex, stateFromDoc, TopicMap } from './store.ts';
import { ApproxMeasurer } from './text/approx-measurer.ts';

function sample() {
  const b = new DocBuilder({ rootText: 'root' });
  const a = b.add(b.rootId, { text: 'a' });
  const c = b.add(b.rootId, { text: 'c' });
  const d = b.add(a, { text: 'd' });
  return { state: stateFromDoc(b.build()), root: b.rootId, a, c, d };
}

const texts = (records: readonly (Topic | undefined)[]): (string | undefined)[] => records.map((t) => t?.text);

test('cached child records follow every write to the topics map, through ops or not', () => {
  const { state, root, a, c } = sample();
  assert.ok(state.topics instanceof TopicMap);
  const first = state.children.records(root);
  assert.deepEqual(texts(first), ['a', 'c']);
  assert.equal(state.children.records(root), first, 'cached while nothing changes');

  // A record replaced directly.
  state.topics.set(a, { ...(state.topics.get(a) as Topic), text: 'A' });
  assert.deepEqual(texts(state.children.records(root)), ['A', 'c']);

  // Through an op.
  applyOp(state, { type: 'topic.update', id: c, patch: { text: 'C' } });
  assert.deepEqual(texts(state.children.records(root)), ['A', 'C']);

  // A reorder: the records follow the ids.
  applyOp(state, { type: 'topic.move', ids: [c], parentId: root, index: 0 });
  assert.deepEqual(
    state.children.records(root).map((t) => t?.id),
    [...state.children.get(root)],
  );
  assert.deepEqual(texts(state.children.records(root)), ['C', 'A']);

  // A record deleted without telling the index: its slot reads as missing.
  state.topics.delete(a);
  assert.deepEqual(texts(state.children.records(root)), ['C', undefined]);

  // Cleared.
  state.topics.clear();
  assert.deepEqual(texts(state.children.records(root)), [undefined, undefined]);
});

test('an index over a plain Map reads records fresh every time', () => {
  const topics = new Map<TopicId, Topic>();
  const t = (id: string, parentId: string | null, text: string): Topic => ({
    id: id as TopicId,
    parentId: parentId as TopicId | null,
    index: 'a0',
    text,
  });
  topics.set('r' as TopicId, t('r', null, 'r'));
  topics.set('x' as TopicId, t('x', 'r', 'x'));
  const index = new ChildrenIndex(topics);
  index.add('r' as TopicId, 'x' as TopicId);
  assert.deepEqual(texts(index.records('r' as TopicId)), ['x']);
  topics.set('x' as TopicId, t('x', 'r', 'X'));
  assert.deepEqual(texts(index.records('r' as TopicId)), ['X']);
});

test('a layout after a direct write to a record shows the new record', () => {
  const { state, a } = sample();
  const measure = new ApproxMeasurer();
  const before = layoutDoc(state, { measure }).boxes.get(a)?.width as number;
  state.topics.set(a, { ...(state.topics.get(a) as Topic), text: 'a much longer text than before' });
  const after = layoutDoc(state, { measure }).boxes.get(a)?.width as number;
  assert.ok(after > before, `${after} > ${before}`);
});

test('leaves (children without lists) follow children gained and lost, through ops', () => {
  const { state, root, a, c, d } = sample();
  const leaves = () => (state.children.childList(root).lists ?? []).map((l) => (l === null ? 1 : 0));
  assert.deepEqual(leaves(), [0, 1], 'a has a child, c has none');
  applyOp(state, { type: 'topic.create', parentId: c, topic: { id: 'e' as TopicId, text: 'e' } });
  assert.deepEqual(leaves(), [0, 0], 'c gained its first child');
  applyOp(state, { type: 'topic.delete', ids: [d] });
  assert.deepEqual(leaves(), [1, 0], 'a lost its last child');
  applyOp(state, { type: 'topic.move', ids: ['e' as TopicId], parentId: a });
  assert.deepEqual(leaves(), [0, 1], 'a child moved from c to a');
  assert.equal(state.children.childList(d).lists, null, 'a topic without a list has no flags');
});

test('a child list handed out by its parent reads the same as a look-up by id, through changes', () => {
  const { state, root, a, c, d } = sample();
  const viaParent = (id: TopicId) => {
    const parent = state.children.childList(root);
    const i = parent.records.findIndex((t) => t?.id === id);
    const sub = parent.lists?.[i];
    return sub ? state.children.refresh(sub).records.map((t) => t?.id) : [];
  };
  const byId = (id: TopicId) => state.children.childList(id).records.map((t) => t?.id);
  const aList = state.children.childList(root).lists?.[0];
  assert.ok(aList, 'a has a list of its own');
  assert.deepEqual(viaParent(a), byId(a));
  applyOp(state, { type: 'topic.create', parentId: a, topic: { id: 'x' as TopicId, text: 'x' } });
  assert.deepEqual(
    state.children.refresh(aList).records.map((t) => t?.id),
    byId(a),
    'a list held on to is refreshed',
  );
  applyOp(state, { type: 'topic.delete', ids: [d, 'x' as TopicId] });
  assert.deepEqual(state.children.refresh(aList).records, [], 'a dropped list reads as no children');
  applyOp(state, { type: 'topic.create', parentId: a, topic: { id: 'y' as TopicId, text: 'y' } });
  assert.deepEqual(
    state.children.refresh(aList).records.map((t) => t?.id),
    ['y'],
    'a dropped list finds its successor',
  );
  assert.deepEqual(viaParent(c), byId(c));
});
