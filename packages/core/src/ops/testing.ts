// Generators for tests and benchmarks: documents of a given shape or size, and operations chosen
// by plain numbers (so fast-check can shrink them) that are interpreted against the current state,
// valid or deliberately not.

import { DocBuilder } from '../builder.ts';
import { asTopicId, type MindDoc, STRUCTURE_NAMES, type TopicId } from '../model.ts';
import { type DocState, isAncestorOrSelf } from '../store.ts';
import { isAttached } from './placement.ts';
import type { NewTopic, Op } from './types.ts';

const WORDS = ['市场', '分析', 'growth', '用户', 'strategy', '产品', '设计', 'plan', '数据', 'review', '目标', 'risk'];

/** Text of a few mixed Chinese/English words chosen by `n`. */
export function sampleText(n: number): string {
  const len = 1 + (n % 4);
  const out: string[] = [];
  for (let i = 0; i < len; i++) out.push(WORDS[(n * 7 + i * 13) % WORDS.length] as string);
  return out.join(' ');
}

/**
 * A document whose topic i (i ≥ 1) hangs under topic `parents[i-1] % i`, with summaries,
 * boundaries and relationships chosen by `extras` (triples of numbers).
 */
export function docFromShape(parents: readonly number[], extras: readonly [number, number, number][] = []): MindDoc {
  const b = new DocBuilder({ title: '测试 map', rootText: '中心主题' });
  const ids: TopicId[] = [b.rootId];
  parents.forEach((p, i) => {
    ids.push(b.add(ids[p % (i + 1)] as TopicId, { text: sampleText(i), ...(i % 5 === 0 ? { note: `note ${i}` } : {}) }));
  });
  extras.forEach(([x, y, z], k) => {
    const parent = ids[x % ids.length] as TopicId;
    const kids = b.children(parent).filter((c) => b.get(c)?.summaryId === undefined);
    if (z % 3 === 0) {
      b.addRelationship({ id: `r${k}`, from: parent, to: ids[y % ids.length] as TopicId, label: `rel ${k}` });
    } else if (kids.length > 0) {
      const i = y % kids.length;
      const j = i + (z % (kids.length - i));
      if (z % 3 === 1) b.addSummary(parent, kids[i] as TopicId, kids[j] as TopicId, { text: `概要 ${k}` }, `s${k}`);
      else b.addBoundary({ id: `b${k}`, parentId: parent, fromId: kids[i] as TopicId, toId: kids[j] as TopicId, label: `frame ${k}` });
    }
  });
  return b.build();
}

/** A balanced-ish document of `size` topics (about `fanout` children each), for benchmarks. */
export function sizedDoc(size: number, fanout = 8): MindDoc {
  const b = new DocBuilder({ title: 'bench', rootText: '中心主题' });
  const queue: TopicId[] = [b.rootId];
  let n = 1;
  for (let q = 0; n < size; q++) {
    const parent = queue[q] as TopicId;
    for (let k = 0; k < fanout && n < size; k++, n++) queue.push(b.add(parent, { text: sampleText(n) }));
  }
  return b.build();
}

/** A numeric recipe for one op; `opFromChoice` turns it into an op against a state. */
export interface OpChoice {
  kind: number;
  a: number;
  b: number;
  c: number;
  d: number;
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

let counter = 0;
/** Ids unique within a test run (deterministic for a given sequence of calls). */
export const freshId = (prefix: string): string => `${prefix}${++counter}`;

function subtree(depth: number, width: number): NewTopic {
  const t: NewTopic = { id: asTopicId(freshId('n')), text: sampleText(depth * 3 + width) };
  if (depth > 0) (t as { children?: NewTopic[] }).children = Array.from({ length: width }, () => subtree(depth - 1, width));
  return t;
}

/** Interprets a choice against the state: most choices give valid ops, some deliberately invalid ones. */
export function opFromChoice(state: DocState, ch: OpChoice): Op {
  const ids = [...state.topics.keys()];
  const topic = (n: number) => pick(ids, n) as TopicId;
  const nonRoot = ids.filter((id) => id !== state.rootId);
  const ordinary = nonRoot.filter((id) => isAttached(state.topics.get(id) as never));
  const attachedKids = (p: TopicId) => state.children.get(p).filter((c) => isAttached(state.topics.get(c) as never));
  switch (ch.kind % 16) {
    case 0:
    case 1: {
      const parentId = topic(ch.a);
      const kids = attachedKids(parentId);
      const t = subtree(ch.c % 3 === 0 ? 1 : 0, 1 + (ch.d % 2));
      switch (ch.b % 4) {
        case 0:
          return { type: 'topic.create', parentId, topic: t };
        case 1:
          return { type: 'topic.create', parentId, index: ch.c % (kids.length + 2), topic: t };
        case 2:
          return kids.length
            ? { type: 'topic.create', before: pick(kids, ch.c) as TopicId, topic: t }
            : { type: 'topic.create', parentId, topic: t };
        default:
          return kids.length
            ? { type: 'topic.create', after: pick(kids, ch.c) as TopicId, topic: t }
            : { type: 'topic.create', parentId, topic: t };
      }
    }
    case 2:
    case 3: {
      const id = topic(ch.a);
      const patches = [
        { text: `编辑 ${ch.c}` },
        { note: `note ${ch.c}` },
        { note: null },
        { style: { fill: '#ffeeaa', bold: true } },
        { folded: ch.c % 2 === 0 },
        { detached: true, position: { x: ch.c, y: 5 - ch.d } },
        { detached: null, position: null },
        { markers: ['priority-1'], labels: null },
        { text: 42 as unknown as string }, // invalid type
        { parentId: topic(ch.c) } as never, // not editable here
      ];
      return { type: 'topic.update', id, patch: pick(patches, ch.b) as never };
    }
    case 4:
    case 5:
    case 6: {
      const count = 1 + (ch.d % 3);
      const moved = Array.from({ length: count }, (_, i) => pick(nonRoot.length ? nonRoot : ids, ch.a + i * 7) as TopicId);
      const parentId = topic(ch.b);
      const kids = attachedKids(parentId).filter((k) => !moved.includes(k));
      if (ch.c % 3 === 0 && kids.length) return { type: 'topic.move', ids: moved, before: pick(kids, ch.c) as TopicId };
      return { type: 'topic.move', ids: moved, parentId, index: ch.c % (kids.length + 1) };
    }
    case 7:
      return { type: 'topic.delete', ids: ch.b % 5 === 0 ? [state.rootId] : [topic(ch.a)] };
    case 8: {
      if (ch.b % 4 === 0)
        return { type: 'relationship.create', relationship: { id: freshId('r'), from: topic(ch.a), to: asTopicId('missing') } };
      return { type: 'relationship.create', relationship: { id: freshId('r'), from: topic(ch.a), to: topic(ch.c), label: `关系 ${ch.d}` } };
    }
    case 9: {
      const r = pick([...state.relationships.keys()], ch.a) ?? 'none';
      if (ch.b % 3 === 0) return { type: 'relationship.delete', id: r };
      return { type: 'relationship.update', id: r, patch: ch.b % 3 === 1 ? { label: null, to: topic(ch.c) } : { style: { dashed: true } } };
    }
    case 10:
    case 11: {
      const parentId = topic(ch.a);
      const kids = attachedKids(parentId);
      const i = ch.b % Math.max(1, kids.length);
      const j = ch.d % 4 === 0 ? Math.max(0, i - 1) : i + (ch.c % Math.max(1, kids.length - i));
      const fromId = (kids[i] ?? pick(ordinary, ch.b) ?? parentId) as TopicId;
      const toId = (kids[j] ?? fromId) as TopicId;
      if (ch.kind % 16 === 10) {
        return { type: 'summary.create', summary: { id: freshId('s'), parentId, fromId, toId }, topic: subtree(ch.c % 2, 1) };
      }
      return { type: 'boundary.create', boundary: { id: freshId('b'), parentId, fromId, toId, label: `边界 ${ch.c}` } };
    }
    case 12: {
      const s = pick([...state.summaries.values()], ch.a);
      if (!s) return { type: 'summary.delete', id: 'none' };
      if (ch.b % 2 === 0) return { type: 'summary.delete', id: s.id };
      const kids = attachedKids(s.parentId);
      return { type: 'summary.update', id: s.id, patch: { toId: pick(kids, ch.c) as TopicId, style: { color: '#f00' } } };
    }
    case 13: {
      const bd = pick([...state.boundaries.values()], ch.a);
      if (!bd) return { type: 'boundary.delete', id: 'none' };
      if (ch.b % 2 === 0) return { type: 'boundary.delete', id: bd.id };
      const kids = attachedKids(bd.parentId);
      return { type: 'boundary.update', id: bd.id, patch: { fromId: pick(kids, ch.c) as TopicId, label: null } };
    }
    case 14: {
      const patches = [
        { title: `标题 ${ch.c}` },
        { structure: pick(STRUCTURE_NAMES, ch.c) },
        { meta: { references: ['《中华人民共和国劳动法》第十条'] } },
        { meta: null },
        { structure: 'spiral' as never },
        { theme: { name: 'classic', overrides: { rainbow: '#123456' } } },
      ];
      return { type: 'doc.update', patch: pick(patches, ch.b) as never };
    }
    default: {
      // Moves that must be refused when they would create a cycle; otherwise valid.
      const id = pick(nonRoot, ch.a);
      if (!id) return { type: 'topic.delete', ids: [asTopicId('missing')] };
      const inside = [...state.topics.keys()].filter((t) => isAncestorOrSelf(state, id, t));
      return { type: 'topic.move', ids: [id], parentId: pick(inside, ch.b) as TopicId };
    }
  }
}
