import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApproxMeasurer, type DocState, getTheme, LayoutEngine, type Rect, renderShapes, stateFromDoc } from '@arbor/core';
import { sizedDoc } from '../../../core/src/ops/testing.ts';
import { SpatialIndex, scanCandidates } from './spatial-index.ts';

const meets = (r: Rect, x: number, y: number, w: number, h: number) =>
  x <= r.x + r.width && r.x <= x + w && y <= r.y + r.height && r.y <= y + h;

function brute(state: DocState, layout: ReturnType<LayoutEngine['update']>, r: Rect): number[] {
  void state;
  const t = layout.table;
  const out: number[] = [];
  for (let i = 0; i < t.size; i++)
    if (meets(r, t.rect[4 * i] as number, t.rect[4 * i + 1] as number, t.rect[4 * i + 2] as number, t.rect[4 * i + 3] as number))
      out.push(i);
  return out;
}

test('the grid finds every topic a rectangle meets, across rebuilds and repeated queries', () => {
  const state = stateFromDoc(sizedDoc(3000));
  const engine = new LayoutEngine({ measure: new ApproxMeasurer() });
  const index = new SpatialIndex();
  let layout = engine.update(state);
  for (let round = 0; round < 4; round++) {
    index.update(layout.table, layout.bounds);
    const b = layout.bounds;
    for (let k = 0; k < 40; k++) {
      const r = {
        x: b.x + ((k * 137) % Math.max(1, b.width)),
        y: b.y + ((k * 311) % Math.max(1, b.height)),
        width: 300 + k * 20,
        height: 200 + k * 10,
      };
      const got = index.topicsIn(r).sort((a, c) => a - c);
      assert.deepEqual(got, brute(state, layout, r));
      const cands = index.query(r).topics;
      for (const i of got) assert.ok(cands.includes(i), 'a candidate list holds every topic in the rectangle');
      for (let j = 1; j < cands.length; j++) assert.ok((cands[j - 1] as number) < (cands[j] as number), 'candidates are sorted and unique');
    }
    // A new layout (another table, or the same one cleared) is indexed again.
    const first = [...state.topics.keys()][5];
    layout = engine.update(state, first ? [first] : []);
  }
});

test('one pass over the rows gives the same drawing as the full scan, for every structure', () => {
  const structures = ['mindmap', 'logic-right', 'org-down', 'tree', 'timeline-horizontal', 'fishbone-right', 'brace'] as const;
  const theme = getTheme('classic');
  assert.ok(theme);
  for (const structure of structures) {
    const doc = sizedDoc(800);
    doc.structure = structure;
    const state = stateFromDoc(doc);
    const layout = new LayoutEngine({ measure: new ApproxMeasurer() }).update(state);
    const b = layout.bounds;
    for (let k = 0; k < 12; k++) {
      const viewport = {
        x: b.x + ((k * 397) % Math.max(1, b.width)) - 200,
        y: b.y + ((k * 211) % Math.max(1, b.height)) - 150,
        width: 900,
        height: 600,
      };
      const full = renderShapes(state, layout, theme, { viewport });
      const fast = renderShapes(state, layout, theme, { viewport, candidates: scanCandidates(layout.table, viewport) });
      assert.deepEqual(fast, full, `${structure} view ${k}`);
      const index = new SpatialIndex();
      index.update(layout.table, layout.bounds);
      const indexed = renderShapes(state, layout, theme, { viewport, candidates: index.query(viewport) });
      assert.deepEqual(indexed, full, `${structure} view ${k} through the index`);
    }
  }
});
