// Relationships, summaries and boundaries as operations, without a DOM: what the overlay commands
// and the relationship tool apply. Ranges are the selected attached siblings of the primary topic.

import {
  attachedChildren,
  createId,
  type DocState,
  type Op,
  type Point,
  type Relationship,
  type RelationshipGeometry,
  type TopicId,
} from '@arbor/core';

/** The contiguous sibling range covering the selected siblings of `primary`, or null (root, floating, summary topics). */
export function siblingRange(
  state: DocState,
  primary: TopicId | null,
  selection: readonly TopicId[],
): { parentId: TopicId; fromId: TopicId; toId: TopicId } | null {
  const t = primary ? state.topics.get(primary) : undefined;
  if (!t || t.parentId === null || t.detached || t.summaryId !== undefined) return null;
  const kids = attachedChildren(state, t.parentId);
  const chosen = new Set([...selection, t.id]);
  let first = -1;
  let last = -1;
  kids.forEach((k, i) => {
    if (!chosen.has(k)) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return null;
  return { parentId: t.parentId, fromId: kids[first] as TopicId, toId: kids[last] as TopicId };
}

/** A summary over the selected siblings, with its own topic (which may get children like any topic). */
export function summaryOps(
  state: DocState,
  primary: TopicId | null,
  selection: readonly TopicId[],
  text: string,
  ids: { summary?: string; topic?: TopicId } = {},
): { ops: Op[]; topicId: TopicId } | null {
  const range = siblingRange(state, primary, selection);
  if (!range) return null;
  const topicId = ids.topic ?? (createId('t') as TopicId);
  const op: Op = { type: 'summary.create', summary: { id: ids.summary ?? createId('s'), ...range }, topic: { id: topicId, text } };
  return { ops: [op], topicId };
}

/** A boundary around the selected siblings (one topic: around its branch). */
export function boundaryOps(
  state: DocState,
  primary: TopicId | null,
  selection: readonly TopicId[],
  id: string = createId('b'),
): Op[] | null {
  const range = siblingRange(state, primary, selection);
  if (!range) return null;
  return [{ type: 'boundary.create', boundary: { id, ...range } }];
}

/** The two topics a two-topic selection links, in the order they were selected (primary last). */
export function linkPair(state: DocState, selection: readonly TopicId[], primary: TopicId | null): [TopicId, TopicId] | null {
  const ids = selection.filter((id) => state.topics.has(id));
  if (ids.length !== 2) return null;
  const [a, b] = ids as [TopicId, TopicId];
  return primary === a ? [b, a] : [a, b];
}

export function relationshipOp(from: TopicId, to: TopicId, id: string = createId('r'), label?: string): Op {
  const relationship: Relationship = label ? { id, from, to, label } : { id, from, to };
  return { type: 'relationship.create', relationship };
}

/** Longest relationship label (characters). */
export const MAX_REL_LABEL = 500;

/** A label edit: trimmed of outer blank lines, capped; null clears it. */
export function labelOp(id: string, label: string): Op {
  const clean = label.replace(/^\s+|\s+$/g, '').slice(0, MAX_REL_LABEL);
  return { type: 'relationship.update', id, patch: { label: clean || null } };
}

/**
 * Control points after dragging one of them to `to` (map coordinates). They are stored relative to
 * the centres of the two topics; the other point keeps where the curve drew it (its geometry).
 */
export function dragControlPoint(
  geometry: Pick<RelationshipGeometry, 'c1' | 'c2'>,
  fromCentre: Point,
  toCentre: Point,
  which: 0 | 1,
  to: Point,
): [Point, Point] {
  const c1 = which === 0 ? to : geometry.c1;
  const c2 = which === 1 ? to : geometry.c2;
  const r = (v: number) => Math.round(v * 10) / 10;
  return [
    { x: r(c1.x - fromCentre.x), y: r(c1.y - fromCentre.y) },
    { x: r(c2.x - toCentre.x), y: r(c2.y - toCentre.y) },
  ];
}

function bezier(g: Pick<RelationshipGeometry, 'start' | 'c1' | 'c2' | 'end'>, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * g.start.x + b * g.c1.x + c * g.c2.x + d * g.end.x, y: a * g.start.y + b * g.c1.y + c * g.c2.y + d * g.end.y };
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from a point to a relationship's curve (sampled as 32 segments). */
export function curveDistance(g: Pick<RelationshipGeometry, 'start' | 'c1' | 'c2' | 'end'>, p: Point): number {
  let best = Number.POSITIVE_INFINITY;
  let prev = g.start;
  for (let i = 1; i <= 32; i++) {
    const cur = bezier(g, i / 32);
    best = Math.min(best, segmentDistance(p, prev, cur));
    prev = cur;
  }
  return best;
}

/** The relationship whose curve or label passes within `tolerance` of a point (nearest first), or null. */
export function relationshipAt(list: readonly RelationshipGeometry[], p: Point, tolerance: number): string | null {
  let best: string | null = null;
  let bestD = tolerance;
  for (const g of list) {
    const label = Math.abs(p.x - g.labelAt.x) <= 24 && Math.abs(p.y - g.labelAt.y) <= 10 ? 0 : Number.POSITIVE_INFINITY;
    const d = Math.min(label, curveDistance(g, p));
    if (d <= bestD) {
      bestD = d;
      best = g.id;
    }
  }
  return best;
}
