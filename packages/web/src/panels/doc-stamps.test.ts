import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, DocBuilder, type Op, stateFromDoc } from '@arbor/core';
import { bumpStamps, isStructuralDiff, type Stamps } from './doc-stamps.ts';
import { outlineRows } from './outline-logic.ts';
import { taskProgress } from './topic-logic.ts';

test('stamps move only for the changes a derived view depends on; views keyed by them stay right', () => {
  const b = new DocBuilder({ rootText: 'root' });
  const a = b.add(b.rootId, { text: 'A', task: { done: false } });
  const c = b.add(b.rootId, { text: 'C', source: { start: 0, end: 3 } });
  const state = stateFromDoc(b.build());
  const s: Stamps = { structure: 0, tasks: 0, sources: 0 };
  const step = (ops: Op[]) => bumpStamps(s, applyOps(state, ops).diff);
  const rows = () => outlineRows(state, state.rootId, `s${s.structure}`).map((r) => state.topics.get(r.id)?.text);

  assert.deepEqual(rows(), ['root', 'A', 'C']);
  step([{ type: 'topic.update', id: a, patch: { text: 'A2', note: 'n', style: { bold: true } } }]);
  assert.deepEqual(s, { structure: 0, tasks: 0, sources: 0 }, 'text, notes and styles move nothing');
  step([{ type: 'topic.update', id: a, patch: { task: { done: true } } }]);
  assert.deepEqual(s, { structure: 0, tasks: 1, sources: 0 });
  assert.deepEqual(taskProgress(state, state.rootId, `t${s.tasks}`), { done: 1, total: 1 });
  step([{ type: 'topic.update', id: c, patch: { source: { start: 1, end: 2 } } }]);
  assert.deepEqual(s, { structure: 0, tasks: 1, sources: 1 });
  step([{ type: 'topic.move', ids: [c], before: a }]);
  assert.deepEqual(s, { structure: 1, tasks: 2, sources: 2 });
  assert.deepEqual(rows(), ['root', 'C', 'A2']);
  step([{ type: 'topic.update', id: a, patch: { folded: true } }]);
  assert.equal(s.structure, 2, 'folding changes what the outline shows');
  step([{ type: 'doc.update', patch: { meta: { sourceText: 'abc' } } }]);
  assert.equal(s.sources, 4);
  const diff = applyOps(state, [{ type: 'topic.create', parentId: a, topic: { id: 'x' as never, text: 'x' } }]).diff;
  assert.ok(isStructuralDiff(diff));
});
