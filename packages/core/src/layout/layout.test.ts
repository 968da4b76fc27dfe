import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DocBuilder } from '../builder.ts';
import { type MindDoc, STRUCTURE_NAMES, type StructureName, type TopicId } from '../model.ts';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { LayoutError, layoutDoc } from './engine.ts';
import { attachedBoxes, isInFloatingBranch, overlappingPairs, randomDoc } from './testing.ts';
import type { LayoutResult, TopicBox } from './types.ts';

const measure = new ApproxMeasurer();

function describeOverlap(doc: MindDoc, boxes: TopicBox[], pairs: [number, number][]): string {
  return pairs
    .slice(0, 3)
    .map(([i, j]) => {
      const a = boxes[i] as TopicBox;
      const b = boxes[j] as TopicBox;
      const fmt = (x: TopicBox) =>
        `${x.id}(${doc.topics[x.id]?.text.slice(0, 8)}) [${x.x.toFixed(1)},${x.y.toFixed(1)} ${x.width}x${x.height}]`;
      return `${fmt(a)} × ${fmt(b)}`;
    })
    .join('; ');
}

function assertNoOverlap(doc: MindDoc, layout: LayoutResult): void {
  const boxes = attachedBoxes(doc, layout);
  const pairs = overlappingPairs(boxes);
  assert.equal(pairs.length, 0, `overlapping topics: ${describeOverlap(doc, boxes, pairs)}`);
}

/** Every visible child lies on the side its structure puts it. */
function assertDirections(doc: MindDoc, layout: LayoutResult): void {
  for (const box of layout.boxes.values()) {
    const t = doc.topics[box.id];
    if (!t?.parentId || t.detached || t.summaryId !== undefined || isInFloatingBranch(doc, box.id)) continue;
    const p = layout.boxes.get(t.parentId);
    assert.ok(p, `parent of visible ${box.id} is visible`);
    const eps = 0.01;
    const where = `${box.id} (${box.direction}) under ${p.id} (${p.structure})`;
    const structureOf = (id: TopicId): StructureName | undefined => {
      const topic = doc.topics[id];
      return topic?.structure ?? (id === doc.rootId ? doc.structure : undefined);
    };
    const isFishboneRoot = (id: TopicId): boolean => structureOf(id)?.startsWith('fishbone') === true;
    if (isFishboneRoot(p.id)) {
      const spine = p.y + p.height / 2;
      if (box.direction === 'up') assert.ok(box.y + box.height <= spine + eps, `above the spine: ${where}`);
      else assert.ok(box.y >= spine - eps, `below the spine: ${where}`);
      continue;
    }
    const grand = doc.topics[p.id]?.parentId;
    if (grand && isFishboneRoot(grand) && structureOf(p.id) === undefined) {
      // Sub-topics along a bone sit between the main topic and the spine.
      if (p.direction === 'up') assert.ok(box.y >= p.y + p.height - eps, `under its bone's topic: ${where}`);
      else assert.ok(box.y + box.height <= p.y + eps, `above its bone's topic: ${where}`);
      continue;
    }
    switch (box.direction) {
      case 'right':
        assert.ok(box.x >= p.x + p.width - eps, `right of its parent: ${where}`);
        break;
      case 'left':
        assert.ok(box.x + box.width <= p.x + eps, `left of its parent: ${where}`);
        break;
      case 'down':
        assert.ok(box.y >= p.y + p.height - eps, `below its parent: ${where}`);
        break;
      case 'up':
        assert.ok(box.y + box.height <= p.y + eps, `above its parent: ${where}`);
        break;
    }
  }
}

/** Folded topics' descendants are absent, everything else is present, hiddenCount is right. */
function assertVisibility(doc: MindDoc, layout: LayoutResult): void {
  const kids = new Map<TopicId, TopicId[]>();
  for (const t of Object.values(doc.topics)) {
    if (!t.parentId) continue;
    let list = kids.get(t.parentId);
    if (!list) kids.set(t.parentId, (list = []));
    list.push(t.id);
  }
  const countBelow = (id: TopicId): number => {
    let n = 0;
    const stack = [...(kids.get(id) ?? [])];
    while (stack.length > 0) {
      n++;
      stack.push(...(kids.get(stack.pop() as TopicId) ?? []));
    }
    return n;
  };
  // Walk from the root: below a folded topic everything is hidden.
  const stack: [TopicId, boolean][] = [[doc.rootId, false]];
  while (stack.length > 0) {
    const [id, hidden] = stack.pop() as [TopicId, boolean];
    const t = doc.topics[id];
    if (!t) continue;
    assert.equal(layout.boxes.has(id), !hidden, `${id} ${hidden ? 'hidden' : 'visible'}`);
    const box = layout.boxes.get(id);
    if (box && t.folded) assert.equal(box.hiddenCount, countBelow(id), `hiddenCount of ${id}`);
    for (const c of kids.get(id) ?? []) stack.push([c, hidden || t.folded === true]);
  }
}

function assertDetached(doc: MindDoc, layout: LayoutResult): void {
  const root = layout.boxes.get(doc.rootId) as TopicBox;
  const rc = { x: root.x + root.width / 2, y: root.y + root.height / 2 };
  assert.ok(Math.abs(rc.x) < 1e-6 && Math.abs(rc.y) < 1e-6, 'the root is centred at (0, 0)');
  for (const t of Object.values(doc.topics)) {
    if (!t.detached || !t.position) continue;
    const b = layout.boxes.get(t.id);
    if (!b) continue;
    assert.ok(
      Math.abs(b.x + b.width / 2 - t.position.x) < 1e-6 && Math.abs(b.y + b.height / 2 - t.position.y) < 1e-6,
      `${t.id} keeps its position`,
    );
  }
}

function checkAll(doc: MindDoc, layout: LayoutResult): void {
  assertVisibility(doc, layout);
  assertNoOverlap(doc, layout);
  assertDirections(doc, layout);
  assertDetached(doc, layout);
}

describe('layoutDoc on random trees', () => {
  for (const structure of STRUCTURE_NAMES) {
    test(`${structure}: no overlaps, children on their side, folded absent, detached kept`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 400 }), (seed, topics) => {
          const doc = randomDoc(seed, { topics, structure, folded: 0.05, summaries: 3, boundaries: 2, relationships: 3, detached: 2 });
          checkAll(doc, layoutDoc(stateFromDoc(doc), { measure }));
        }),
        { numRuns: 8 },
      );
    });
  }

  test('2,000 topics in every structure, with per-branch overrides', () => {
    const others = STRUCTURE_NAMES.filter((s): s is StructureName => true);
    for (const structure of STRUCTURE_NAMES) {
      const doc = randomDoc(2024 + structure.length, {
        topics: 2000,
        structure,
        folded: 0.03,
        summaries: 6,
        boundaries: 4,
        relationships: 5,
        detached: 2,
        overrides: others,
        overrideRate: 0.02,
      });
      checkAll(doc, layoutDoc(stateFromDoc(doc), { measure }));
    }
  });

  test('overrides nest: random structures per branch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...STRUCTURE_NAMES), (seed, structure) => {
        const doc = randomDoc(seed, { topics: 300, structure, overrides: STRUCTURE_NAMES, overrideRate: 0.1, summaries: 2 });
        checkAll(doc, layoutDoc(stateFromDoc(doc), { measure }));
      }),
      { numRuns: 25 },
    );
  });
});

describe('layoutDoc details', () => {
  test('is deterministic', () => {
    const doc = randomDoc(7, { topics: 500, summaries: 3, boundaries: 2, relationships: 3 });
    const a = layoutDoc(stateFromDoc(doc), { measure });
    const b = layoutDoc(stateFromDoc(doc), { measure });
    assert.deepEqual([...a.boxes.values()], [...b.boxes.values()]);
    assert.deepEqual(a.connectors, b.connectors);
  });

  test('a balanced map respects topic.side and splits the rest by height', () => {
    const b = new DocBuilder({ rootText: '中心' });
    const ids = [0, 1, 2, 3, 4, 5].map((i) => b.add(b.rootId, { text: `分支 ${i}`, ...(i === 0 ? { side: 'left' as const } : {}) }));
    const layout = layoutDoc(stateFromDoc(b.build()), { measure });
    const dirs = ids.map((id) => layout.boxes.get(id)?.direction);
    assert.equal(dirs[0], 'left');
    assert.equal(dirs.filter((d) => d === 'right').length, 3);
    assert.equal(dirs.filter((d) => d === 'left').length, 3);
  });

  test('summary brace spans its range, and the summary topic sits beyond the brace', () => {
    const b = new DocBuilder({ rootText: '中心', structure: 'logic-right' });
    const kids = ['一', '二', '三'].map((t) => b.add(b.rootId, { text: `第${t}条` }));
    b.addSummary(b.rootId, kids[0] as TopicId, kids[2] as TopicId, { text: '总结' }, 'sum');
    const doc = b.build();
    const layout = layoutDoc(stateFromDoc(doc), { measure });
    const g = layout.summaries.find((s) => s.id === 'sum');
    assert.ok(g);
    const first = layout.boxes.get(kids[0] as TopicId) as TopicBox;
    const last = layout.boxes.get(kids[2] as TopicId) as TopicBox;
    assert.ok(g.start.y <= first.y + 0.01 && g.end.y >= last.y + last.height - 0.01);
    const right = Math.max(
      ...(kids as TopicId[]).map((k) => (layout.boxes.get(k) as TopicBox).x + (layout.boxes.get(k) as TopicBox).width),
    );
    assert.ok(g.start.x > right);
    const topicId = doc.summaries.sum?.topicId as TopicId;
    const st = layout.boxes.get(topicId) as TopicBox;
    assert.ok(st.x > g.start.x && g.tip.x > g.start.x && g.tip.x <= st.x);
    assert.equal(g.direction, 'right');
  });

  test('boundaries frame their range and relationships join their topics', () => {
    const b = new DocBuilder({ rootText: '中心' });
    const a = b.add(b.rootId, { text: 'A' });
    const c = b.add(b.rootId, { text: 'B' });
    b.add(a, { text: 'A1' });
    b.addBoundary({ id: 'f', parentId: b.rootId, fromId: a, toId: a, label: '范围' });
    b.addRelationship({ id: 'r', from: a, to: c, label: '关联' });
    b.addRelationship({
      id: 'r2',
      from: a,
      to: c,
      controlPoints: [
        { x: 0, y: -100 },
        { x: 0, y: -100 },
      ],
    });
    const layout = layoutDoc(stateFromDoc(b.build()), { measure });
    const f = layout.boundaries.find((x) => x.id === 'f');
    assert.ok(f?.label);
    for (const id of [a, ...b.children(a)]) {
      const box = layout.boxes.get(id) as TopicBox;
      assert.ok(
        box.x >= f.rect.x &&
          box.x + box.width <= f.rect.x + f.rect.width &&
          box.y >= f.rect.y &&
          box.y + box.height <= f.rect.y + f.rect.height,
      );
    }
    assert.ok(f.label.y + f.label.height <= f.rect.y + 0.01);
    const r2 = layout.relationships.find((x) => x.id === 'r2');
    const ab = layout.boxes.get(a) as TopicBox;
    assert.ok(r2);
    assert.equal(r2.c1.y, ab.y + ab.height / 2 - 100);
    assert.ok(Number.isFinite(r2.labelAt.x) && Number.isFinite(r2.labelAt.y));
    assert.ok(layout.relationships.some((x) => x.id === 'r'));
  });

  test('every visible parent–child pair has one connector', () => {
    for (const structure of STRUCTURE_NAMES) {
      const doc = randomDoc(99, { topics: 200, structure, summaries: 0 });
      const layout = layoutDoc(stateFromDoc(doc), { measure });
      const pairs = new Set(
        layout.connectors.filter((c) => c.kind !== 'straight' || doc.topics[c.to]?.parentId === c.from).map((c) => `${c.from}>${c.to}`),
      );
      for (const box of layout.boxes.values()) {
        const t = doc.topics[box.id];
        if (!t?.parentId || t.detached || t.summaryId !== undefined) continue;
        assert.ok(pairs.has(`${t.parentId}>${t.id}`), `${structure}: connector to ${t.id}`);
      }
      for (const c of layout.connectors) for (const v of c.coords) assert.ok(Number.isFinite(v));
    }
  });

  test('a topic with an image is tall enough for it, and markers widen the box', () => {
    const b = new DocBuilder({ rootText: 'root' });
    const plain = b.add(b.rootId, { text: '图片' });
    const img = b.add(b.rootId, { text: '图片', image: { src: 'x.png', width: 120, height: 80 } });
    const mk = b.add(b.rootId, { text: '图片', markers: ['priority-1', 'flag-red'] });
    const layout = layoutDoc(stateFromDoc(b.build()), { measure });
    const [p, i, m] = [plain, img, mk].map((id) => layout.boxes.get(id) as TopicBox);
    assert.ok(i && p && m);
    assert.ok(i.height >= p.height + 80);
    assert.ok(i.image && i.image.width === 120 && i.image.y + i.image.height <= i.parts.text.y);
    assert.ok(m.width > p.width && m.parts.markers && m.parts.markers.x + m.parts.markers.width <= m.parts.text.x);
  });

  test('bad input: a corrupt cycle is ignored, a missing root or a very deep chain is a LayoutError', () => {
    const b = new DocBuilder({ rootText: 'root' });
    const a = b.add(b.rootId, { text: 'A' });
    const c = b.add(a, { text: 'C' });
    const state = stateFromDoc(b.build());
    // C claims the root as its child: a cycle back to the top.
    state.children.add(c, state.rootId);
    const layout = layoutDoc(state, { measure });
    assert.equal(layout.boxes.size, 3);
    assert.throws(() => layoutDoc({ ...state, rootId: 'nope' as TopicId }, { measure }), LayoutError);
    const deep = new DocBuilder({ rootText: 'deep' });
    let parent = deep.rootId;
    for (let i = 0; i < 1500; i++) parent = deep.add(parent, { text: `${i}` });
    assert.throws(() => layoutDoc(stateFromDoc(deep.build()), { measure }), LayoutError);
    // Within the limit, deep chains lay out.
    const ok = new DocBuilder({ rootText: 'deep', structure: 'tree' });
    parent = ok.rootId;
    for (let i = 0; i < 500; i++) parent = ok.add(parent, { text: `${i}` });
    assert.equal(layoutDoc(stateFromDoc(ok.build()), { measure }).boxes.size, 501);
  });
});
