import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { asTopicId, STRUCTURE_NAMES, type StructureName, type Topic, type TopicId } from '../model.ts';
import { type DocState, docFromState, isAncestorOrSelf, stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { LayoutEngine, layoutDoc } from './engine.ts';
import { StaleLayoutError } from './table.ts';
import { randomDoc, randomText, seededRandom } from './testing.ts';
import type { LayoutResult } from './types.ts';

const measure = new ApproxMeasurer();

/** A plain copy of what a layout says, to compare two layouts by value. */
function snapshot(r: LayoutResult): unknown {
  const boxes = [...r.boxes.values()].map((b) => ({ ...b })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const connectors = r.connectors.map((c) => ({ from: c.from, to: c.to, kind: c.kind, coords: [...c.coords] }));
  connectors.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.kind < b.kind ? -1 : 1));
  return { boxes, connectors, summaries: r.summaries, boundaries: r.boundaries, relationships: r.relationships, bounds: r.bounds };
}

let counter = 0;

/** Applies one random change to the state in place; returns the ids it touched. */
function randomChange(state: DocState, rnd: () => number): TopicId[] {
  const ids = [...state.topics.keys()];
  const pick = (): TopicId => ids[Math.floor(rnd() * ids.length)] as TopicId;
  const t = state.topics.get(pick()) as Topic;
  const kind = Math.floor(rnd() * 13);
  switch (kind) {
    case 0:
    case 1: {
      // Insert a topic.
      const id = asTopicId(`new${++counter}`);
      const index = `a${Math.floor(rnd() * 1000)}`;
      state.topics.set(id, { id, parentId: t.id, index, text: randomText(rnd) });
      state.children.add(t.id, id);
      return [id];
    }
    case 2:
      state.topics.set(t.id, { ...t, text: randomText(rnd) });
      return [t.id];
    case 3: {
      // Delete a leaf that nothing else refers to.
      if (t.parentId === null || state.children.get(t.id).length > 0 || t.summaryId !== undefined) return [];
      for (const s of state.summaries.values()) if (s.fromId === t.id || s.toId === t.id) return [];
      state.topics.delete(t.id);
      state.children.remove(t.parentId, t.id);
      return [t.id];
    }
    case 4:
      if (t.parentId === null) return [];
      state.topics.set(t.id, { ...t, folded: !t.folded });
      return [t.id];
    case 5: {
      // Move a branch under another topic outside it.
      const target = pick();
      if (t.parentId === null || t.summaryId !== undefined || t.detached || isAncestorOrSelf(state, t.id, target)) return [];
      for (const s of state.summaries.values()) if (s.fromId === t.id || s.toId === t.id) return [];
      state.children.remove(t.parentId, t.id);
      state.topics.set(t.id, { ...t, parentId: target, index: `b${Math.floor(rnd() * 1000)}` });
      state.children.add(target, t.id);
      return [t.id];
    }
    case 7: {
      // Relationships change no topic: an update is told of none.
      const rels = [...state.relationships.keys()];
      if (rels.length > 0 && rnd() < 0.5) state.relationships.delete(rels[Math.floor(rnd() * rels.length)] as string);
      else {
        const id = `rel${++counter}`;
        state.relationships.set(id, { id, from: t.id, to: pick(), label: '关联' });
      }
      return [];
    }
    case 8: {
      // Drag a floating topic (or float a topic that was attached).
      const floating = ids.map((id) => state.topics.get(id) as Topic).filter((f) => f.detached);
      const f = floating.length > 0 && rnd() < 0.7 ? (floating[Math.floor(rnd() * floating.length)] as Topic) : t;
      if (f.parentId === null || f.summaryId !== undefined) return [];
      for (const s of state.summaries.values()) if (s.fromId === f.id || s.toId === f.id) return [];
      state.topics.set(f.id, {
        ...f,
        detached: true,
        position: { x: Math.round((rnd() - 0.5) * 3000), y: Math.round((rnd() - 0.5) * 3000) },
      });
      return [f.id];
    }
    case 9: {
      // Pin a main branch to a side, or unpin it.
      const kids = state.children.get(state.rootId);
      const k = kids[Math.floor(rnd() * kids.length)];
      if (!k) return [];
      const kt = state.topics.get(k) as Topic;
      const r = rnd();
      const { side: _side, ...rest } = kt;
      state.topics.set(k, r < 0.33 ? rest : { ...kt, side: r < 0.66 ? 'left' : 'right' });
      return [k];
    }
    case 10: {
      // A summary over a run of a topic's children.
      const kids = state.children.get(t.id).filter((k) => {
        const kt = state.topics.get(k) as Topic;
        return !kt.detached && kt.summaryId === undefined;
      });
      if (kids.length === 0) return [];
      const a = Math.floor(rnd() * kids.length);
      const b = Math.min(kids.length - 1, a + Math.floor(rnd() * 3));
      const sid = `sum${++counter}`;
      const tid = asTopicId(`sumt${counter}`);
      state.topics.set(tid, { id: tid, parentId: t.id, index: `zz${counter}`, text: '概括', summaryId: sid });
      state.children.add(t.id, tid);
      state.summaries.set(sid, { id: sid, parentId: t.id, fromId: kids[a] as TopicId, toId: kids[b] as TopicId, topicId: tid });
      return [tid, t.id];
    }
    case 11: {
      // Delete a summary and its topic.
      const all = [...state.summaries.values()];
      const sm = all[Math.floor(rnd() * all.length)];
      if (!sm) return [];
      if (state.children.get(sm.topicId).length > 0) return [];
      state.summaries.delete(sm.id);
      state.topics.delete(sm.topicId);
      state.children.remove(sm.parentId, sm.topicId);
      return [sm.topicId, sm.parentId];
    }
    case 12: {
      // A boundary around a topic's branch, or one removed.
      const all = [...state.boundaries.keys()];
      if (all.length > 0 && rnd() < 0.5) {
        const id = all[Math.floor(rnd() * all.length)] as string;
        const bd = state.boundaries.get(id);
        state.boundaries.delete(id);
        return bd ? [bd.parentId] : [];
      }
      if (t.parentId === null) return [];
      const id = `bd${++counter}`;
      state.boundaries.set(id, { id, parentId: t.parentId, fromId: t.id, toId: t.id, label: '范围' });
      return [t.parentId];
    }
    default: {
      const structure = rnd() < 0.5 ? undefined : (STRUCTURE_NAMES[Math.floor(rnd() * STRUCTURE_NAMES.length)] as StructureName);
      const { structure: _old, ...rest } = t;
      state.topics.set(t.id, structure ? { ...rest, structure } : rest);
      return [t.id];
    }
  }
}

describe('LayoutEngine', () => {
  test('after random changes, an incremental update equals a full layout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...STRUCTURE_NAMES), (seed, structure) => {
        // Branches with structures of their own: three in ten topics.
        const doc = randomDoc(seed, {
          topics: 150,
          structure,
          folded: 0.05,
          summaries: 2,
          boundaries: 1,
          relationships: 2,
          detached: 1,
          overrides: STRUCTURE_NAMES,
          overrideRate: 0.3,
        });
        const state = stateFromDoc(doc);
        const engine = new LayoutEngine({ measure });
        engine.update(state);
        const rnd = seededRandom(seed ^ 0x5bd1e995);
        for (let step = 0; step < 12; step++) {
          const changed = randomChange(state, rnd);
          const incremental = snapshot(engine.update(state, changed));
          const full = snapshot(layoutDoc(state, { measure }));
          assert.deepEqual(incremental, full, `step ${step} after changing ${changed.join(',')}`);
          // A state rebuilt from scratch has no cached child records: the same layout again.
          const rebuilt = snapshot(layoutDoc(stateFromDoc(docFromState(state)), { measure }));
          assert.deepEqual(full, rebuilt, `step ${step}: cached child records are stale`);
        }
      }),
      { numRuns: 25 },
    );
  });

  test('lays out only the dirty path again: one insert into 2,000 topics', () => {
    const doc = randomDoc(5, { topics: 2000, structure: 'mindmap', maxChildren: 6 });
    const state = stateFromDoc(doc);
    const engine = new LayoutEngine({ measure });
    const before = engine.update(state);
    assert.equal(engine.laidOut, before.boxes.size);
    const leaf = [...state.topics.values()].find(
      (t) => t.parentId !== null && state.children.get(t.id).length === 0 && before.boxes.has(t.id),
    ) as Topic;
    let depth = 0;
    for (let cur: Topic | undefined = leaf; cur?.parentId; cur = state.topics.get(cur.parentId)) depth++;
    const id = asTopicId('inserted');
    state.topics.set(id, { id, parentId: leaf.id, index: 'a0', text: '新主题' });
    state.children.add(leaf.id, id);
    const after = engine.update(state, [id]);
    assert.ok(after.boxes.has(id));
    // The new topic and its ancestors: the rest of the map comes from the caches.
    assert.ok(engine.laidOut <= depth + 2, `laid out ${engine.laidOut} topics for a change at depth ${depth + 1}`);
    // Their rows are written again; the clean subtrees beside them are copied (each ancestor has at
    // most 6 children).
    assert.ok(engine.walkedRows <= 7 * (depth + 2), `placed ${engine.walkedRows} rows by walking for a change at depth ${depth + 1}`);
    assert.deepEqual(snapshot(after), snapshot(layoutDoc(state, { measure })));
  });
});

test('many creations and deletions (which leave node geometry slots behind) still lay out like a fresh layout', () => {
  const state = stateFromDoc(randomDoc(21, { topics: 300, structure: 'mindmap' }));
  const engine = new LayoutEngine({ measure });
  engine.update(state);
  const rnd = seededRandom(5);
  const parents = [...state.topics.keys()];
  let fullLayouts = 0;
  for (let round = 0; round < 120; round++) {
    const parent = parents[Math.floor(rnd() * parents.length)] as TopicId;
    const ids: TopicId[] = [];
    for (let k = 0; k < 25; k++) {
      const id = asTopicId(`churn${round}-${k}`);
      state.topics.set(id, { id, parentId: parent, index: `c${round}-${String(k).padStart(2, '0')}`, text: randomText(rnd) });
      state.children.add(parent, id);
      ids.push(id);
    }
    engine.update(state, ids);
    // A full layout lays out every visible topic again (the engine reclaims the deleted topics' slots).
    if (engine.laidOut >= state.topics.size) fullLayouts++;
    for (const id of ids) {
      state.topics.delete(id);
      state.children.remove(parent, id);
    }
    engine.update(state, ids);
    if (engine.laidOut >= state.topics.size) fullLayouts++;
  }
  assert.ok(fullLayouts >= 1 && fullLayouts <= 10, `the engine compacts now and then (${fullLayouts} full layouts)`);
  assert.deepEqual(snapshot(engine.update(state, [])), snapshot(layoutDoc(state, { measure })));
});

test('after an update that fails (a map nested too deep), the next one still lays out like a fresh layout', async () => {
  const { LayoutError } = await import('./engine.ts');
  const state = stateFromDoc(randomDoc(8, { topics: 300, structure: 'mindmap', maxChildren: 5 }));
  const engine = new LayoutEngine({ measure });
  engine.update(state);
  const ids = [...state.topics.keys()];
  // Grow a chain deeper than layout allows under one topic, and change a sibling branch too.
  const chain: TopicId[] = [];
  let parent = ids[7] as TopicId;
  for (let i = 0; i < 1005; i++) {
    const id = asTopicId(`deep${i}`);
    state.topics.set(id, { id, parentId: parent, index: 'a0', text: `层级 ${i}` });
    state.children.add(parent, id);
    chain.push(id);
    parent = id;
  }
  // Topics all over the map change too: some are laid out again before the update fails.
  const others = ids.filter((_, i) => i % 15 === 1);
  for (const id of others) {
    const t = state.topics.get(id) as Topic;
    state.topics.set(id, { ...t, text: `${t.text} 以及更长的文字 and more words` });
  }
  assert.throws(() => engine.update(state, [...chain, ...others]), LayoutError);
  for (const id of [...chain].reverse()) {
    const t = state.topics.get(id) as Topic;
    state.topics.delete(id);
    state.children.remove(t.parentId as TopicId, id);
  }
  assert.deepEqual(snapshot(engine.update(state, chain)), snapshot(layoutDoc(state, { measure })));
});

test('a branch that stops being a fishbone loses its spine', () => {
  const state = stateFromDoc(randomDoc(9, { topics: 120, structure: 'mindmap', maxChildren: 4 }));
  const branch = state.children.get(state.rootId)[0] as TopicId;
  const t = state.topics.get(branch) as Topic;
  state.topics.set(branch, { ...t, structure: 'fishbone-right' });
  const engine = new LayoutEngine({ measure });
  const before = engine.update(state);
  const spines = (r: LayoutResult) => r.connectors.filter((c) => c.from === branch && c.kind === 'straight').length;
  assert.equal(spines(before), 1, 'the fishbone draws its spine');
  state.topics.set(branch, t);
  const after = engine.update(state, [branch]);
  assert.equal(spines(after), 0);
  assert.deepEqual(snapshot(after), snapshot(layoutDoc(state, { measure })));
});

test('a theme with fractional sizes and gaps still lays out incrementally like a fresh layout', async () => {
  const { getTheme } = await import('../render/themes.ts');
  const classic = getTheme('classic');
  assert.ok(classic);
  const theme = {
    ...classic,
    name: 'fractional',
    hGap: 37.3,
    vGap: 11.7,
    levels: classic.levels.map((l) => ({ ...l, paddingX: l.paddingX + 0.3, paddingY: l.paddingY + 1 / 3 })) as typeof classic.levels,
  };
  const doc = randomDoc(31, { topics: 400, structure: 'mindmap', summaries: 3, overrides: STRUCTURE_NAMES, overrideRate: 0.2 });
  const state = stateFromDoc(doc);
  const engine = new LayoutEngine({ measure, theme });
  engine.update(state);
  const rnd = seededRandom(77);
  for (let step = 0; step < 40; step++) {
    const changed = randomChange(state, rnd);
    assert.deepEqual(snapshot(engine.update(state, changed)), snapshot(layoutDoc(state, { measure, theme })), `step ${step}`);
  }
});

test('an engine reuses its rows: an earlier result throws once read after the next update', () => {
  const state = stateFromDoc(randomDoc(3, { topics: 50, structure: 'mindmap' }));
  const engine = new LayoutEngine({ measure });
  const first = engine.update(state);
  const root = first.boxes.get(state.rootId);
  assert.ok(root);
  engine.update(state, []);
  assert.throws(() => first.boxes.get(state.rootId), StaleLayoutError);
  assert.throws(() => first.table, StaleLayoutError);
  // layoutDoc's results are its own and stay valid.
  const a = layoutDoc(state, { measure });
  layoutDoc(state, { measure });
  assert.equal(a.boxes.get(state.rootId)?.id, state.rootId);
});

test('the boxes of a result read like a Map, in drawing order', () => {
  const state = stateFromDoc(randomDoc(4, { topics: 200, structure: 'mindmap', summaries: 3, detached: 2 }));
  const r = layoutDoc(state, { measure });
  const ids = [...r.boxes.keys()];
  assert.equal(ids.length, r.boxes.size);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids[0], state.rootId);
  for (const [id, box] of r.boxes) {
    assert.equal(box.id, id);
    assert.equal(r.boxes.get(id), box, 'the same box object for the same id');
    assert.ok(r.boxes.has(id));
  }
  assert.equal(r.boxes.get(asTopicId('no-such-topic')), undefined);
  assert.deepEqual(
    [...r.boxes.values()].map((b) => b.id),
    ids,
  );
  // Every connector ends at a placed topic, and its start row is its parent's.
  const t = r.table;
  for (let j = 0; j < t.connectorCount; j++) {
    assert.equal(t.ids[t.fromRow[j] as number], r.connectors[j]?.from);
    assert.ok(r.boxes.has(t.to[j] as TopicId));
  }
  assert.equal(r.connectors.length, t.connectorCount);
});

test('sizes kept beside the children records are dropped when the size caches are cleared (fonts loaded)', async () => {
  const { sharedTopicMeasurer } = await import('./topic-size.ts');
  const { getTheme } = await import('../render/themes.ts');
  // A measurer whose fonts "load": every width doubles after the switch.
  let scale = 1;
  const base = new ApproxMeasurer();
  const switching = {
    width: (text: string, font: Parameters<ApproxMeasurer['width']>[1]) => base.width(text, font) * scale,
    lineHeight: (font: Parameters<ApproxMeasurer['lineHeight']>[0]) => base.lineHeight(font),
  };
  const state = stateFromDoc(randomDoc(5, { topics: 40, maxChildren: 4 }));
  const theme = getTheme('classic');
  assert.ok(theme);
  const before = layoutDoc(state, { measure: switching, theme });
  const widths = (r: LayoutResult) => [...r.boxes.values()].map((b) => b.width);
  const w0 = widths(before);
  scale = 2;
  assert.deepEqual(widths(layoutDoc(state, { measure: switching, theme })), w0, 'cached sizes are used until the caches are cleared');
  sharedTopicMeasurer(theme, switching).clear();
  const after = widths(layoutDoc(state, { measure: switching, theme }));
  assert.notDeepEqual(after, w0, 'after clearing, every topic is measured again');
  assert.ok(after.every((w, i) => w >= (w0[i] as number)));
});
