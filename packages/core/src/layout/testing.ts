// Helpers for layout tests and benchmarks: seeded random documents with realistic mixed
// Chinese/English texts, and checks of layout invariants (no overlaps, children on the right side).

import { DocBuilder } from '../builder.ts';
import type { MindDoc, StructureName, Topic, TopicId } from '../model.ts';
import type { LayoutResult, Rect, TopicBox } from './types.ts';

export { seededRandom } from '../random.ts';

import { seededRandom } from '../random.ts';

const ZH = [
  '市场分析',
  '用户研究',
  '产品设计',
  '数据驱动的增长策略',
  '《中华人民共和国劳动法》第十条',
  '风险评估与控制',
  '季度目标（OKR）',
  '团队协作',
  '第一章 总则',
  '合同的订立、履行和解除',
  '知识点：民事法律行为的效力',
  '“十四五”规划纲要',
  '需要进一步讨论。',
  '人工智能',
];
const EN = [
  'growth',
  'strategy',
  'internationalization',
  'review',
  'roadmap',
  'Q3 planning',
  'customer journey',
  'A/B testing',
  'well-known',
  'API',
];

/** A realistic topic text: a few Chinese phrases and English words, sometimes long enough to wrap. */
export function randomText(rnd: () => number): string {
  const parts = 1 + Math.floor(rnd() * (rnd() < 0.15 ? 12 : 3));
  const out: string[] = [];
  for (let i = 0; i < parts; i++)
    out.push(rnd() < 0.6 ? (ZH[Math.floor(rnd() * ZH.length)] as string) : (EN[Math.floor(rnd() * EN.length)] as string));
  return out.join(rnd() < 0.5 ? '' : ' ');
}

export interface RandomDocOptions {
  topics: number;
  structure?: StructureName;
  /** Probabilities of decorations and special cases (defaults: a little of everything). */
  folded?: number;
  overrides?: readonly StructureName[];
  overrideRate?: number;
  decorations?: boolean;
  summaries?: number;
  boundaries?: number;
  relationships?: number;
  detached?: number;
  /** Largest number of children of a topic (default 8). */
  maxChildren?: number;
}

/** A random tree of about `topics` topics, breadth-first, with random decorations. */
export function randomDoc(seed: number, opts: RandomDocOptions): MindDoc {
  const rnd = seededRandom(seed);
  const b = new DocBuilder({ rootText: randomText(rnd), structure: opts.structure ?? 'mindmap' });
  const maxKids = opts.maxChildren ?? 8;
  const ids: TopicId[] = [b.rootId];
  const queue: TopicId[] = [b.rootId];
  let head = 0;
  while (ids.length < opts.topics && head < queue.length) {
    const parent = queue[head++] as TopicId;
    const n = 1 + Math.floor(rnd() * maxKids);
    for (let i = 0; i < n && ids.length < opts.topics; i++) {
      const deco = opts.decorations !== false && rnd() < 0.2;
      const id = b.add(parent, {
        text: randomText(rnd),
        ...(deco && rnd() < 0.4 ? { markers: ['priority-1', 'flag-red'].slice(0, 1 + Math.floor(rnd() * 2)) } : {}),
        ...(deco && rnd() < 0.3 ? { labels: ['重点', 'todo'] } : {}),
        ...(deco && rnd() < 0.3 ? { note: '备注' } : {}),
        ...(deco && rnd() < 0.2 ? { href: 'https://example.com' } : {}),
        ...(deco && rnd() < 0.2 ? { task: { done: rnd() < 0.5 } } : {}),
        ...(deco && rnd() < 0.1
          ? { image: { src: 'data:,', width: 40 + Math.floor(rnd() * 300), height: 30 + Math.floor(rnd() * 120) } }
          : {}),
        ...(opts.overrides && rnd() < (opts.overrideRate ?? 0.03)
          ? { structure: opts.overrides[Math.floor(rnd() * opts.overrides.length)] }
          : {}),
      });
      ids.push(id);
      // Breadth-first with some randomness so that depths vary.
      if (rnd() < 0.85) queue.push(id);
    }
  }
  if (opts.folded)
    for (const id of ids) if (id !== b.rootId && b.children(id).length > 0 && rnd() < opts.folded) b.update(id, { folded: true });
  const withKids = ids.filter((id) => b.children(id).length > 0);
  for (let k = 0; k < (opts.summaries ?? 0) && withKids.length > 0; k++) {
    const parent = withKids[Math.floor(rnd() * withKids.length)] as TopicId;
    const kids = b.children(parent).filter((c) => b.get(c)?.summaryId === undefined && !b.get(c)?.detached);
    if (kids.length === 0) continue;
    const i = Math.floor(rnd() * kids.length);
    const j = i + Math.floor(rnd() * (kids.length - i));
    b.addSummary(parent, kids[i] as TopicId, kids[j] as TopicId, { text: `概要 ${randomText(rnd)}` });
  }
  for (let k = 0; k < (opts.boundaries ?? 0) && withKids.length > 0; k++) {
    const parent = withKids[Math.floor(rnd() * withKids.length)] as TopicId;
    const kids = b.children(parent).filter((c) => b.get(c)?.summaryId === undefined);
    if (kids.length === 0) continue;
    const i = Math.floor(rnd() * kids.length);
    b.addBoundary({
      parentId: parent,
      fromId: kids[i] as TopicId,
      toId: kids[Math.min(kids.length - 1, i + 1)] as TopicId,
      label: rnd() < 0.5 ? '范围' : undefined,
    });
  }
  for (let k = 0; k < (opts.relationships ?? 0); k++) {
    b.addRelationship({
      from: ids[Math.floor(rnd() * ids.length)] as TopicId,
      to: ids[Math.floor(rnd() * ids.length)] as TopicId,
      label: '关联',
    });
  }
  for (let k = 0; k < (opts.detached ?? 0); k++) {
    b.add(b.rootId, {
      text: `自由主题 ${k}`,
      detached: true,
      ...(rnd() < 0.7 ? { position: { x: Math.round((rnd() - 0.5) * 4000), y: Math.round((rnd() - 0.5) * 4000) } } : {}),
    });
  }
  return b.build();
}

/** Pairs of boxes that overlap by more than `tolerance` px in both directions (grid hashing). */
export function overlappingPairs(boxes: readonly Rect[], tolerance = 0.5): [number, number][] {
  const cell = 200;
  const grid = new Map<string, number[]>();
  const out: [number, number][] = [];
  const seen = new Set<string>();
  boxes.forEach((r, i) => {
    const cx0 = Math.floor(r.x / cell);
    const cx1 = Math.floor((r.x + r.width) / cell);
    const cy0 = Math.floor(r.y / cell);
    const cy1 = Math.floor((r.y + r.height) / cell);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = `${cx},${cy}`;
        let list = grid.get(key);
        if (!list) grid.set(key, (list = []));
        for (const j of list) {
          const q = boxes[j] as Rect;
          const ox = Math.min(r.x + r.width, q.x + q.width) - Math.max(r.x, q.x);
          const oy = Math.min(r.y + r.height, q.y + q.height) - Math.max(r.y, q.y);
          const pair = `${j},${i}`;
          if (ox > tolerance && oy > tolerance && !seen.has(pair)) {
            seen.add(pair);
            out.push([j, i]);
          }
        }
        list.push(i);
      }
    }
  });
  return out;
}

/** True when the topic or one of its ancestors is detached (a floating topic keeps its position). */
export function isInFloatingBranch(doc: MindDoc, id: TopicId): boolean {
  let cur: Topic | undefined = doc.topics[id];
  let guard = 0;
  while (cur && guard++ < 10_000) {
    if (cur.detached) return true;
    cur = cur.parentId ? doc.topics[cur.parentId] : undefined;
  }
  return false;
}

/** Boxes outside floating branches (those keep their stored position and may overlap). */
export function attachedBoxes(doc: MindDoc, layout: LayoutResult): TopicBox[] {
  return [...layout.boxes.values()].filter((b) => !isInFloatingBranch(doc, b.id));
}
