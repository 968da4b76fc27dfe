// Consequences of structural changes: removing subtrees takes along the relationships, summaries
// and boundaries that would dangle; moving or removing topics keeps summary/boundary ranges valid.

import type { Boundary, Summary, TopicId } from '../model.ts';
import type { DocState } from '../store.ts';
import type { ChangeSet } from './changes.ts';
import { isAttached } from './placement.ts';

/** Ordinary children of `parentId` in order (the state's children index, filtered). */
function attachedOrder(state: DocState, parentId: TopicId): TopicId[] {
  const out: TopicId[] = [];
  for (const id of state.children.get(parentId)) {
    const t = state.topics.get(id);
    if (t && isAttached(t)) out.push(id);
  }
  return out;
}

/** Ids of a range `fromId`…`toId` among the ordinary children of its parent, or null if it is not one. */
export function rangeMembers(state: DocState, parentId: TopicId, fromId: TopicId, toId: TopicId): TopicId[] | null {
  const order = attachedOrder(state, parentId);
  const a = order.indexOf(fromId);
  const b = order.indexOf(toId);
  if (a < 0 || b < 0 || a > b) return null;
  return order.slice(a, b + 1);
}

/**
 * Records the removal of the subtrees under `roots` and of everything that would dangle:
 * relationships to removed topics, summaries and boundaries on removed parents, summaries whose
 * own topic is removed. Reads the current state; does not write it.
 */
export function removeSubtrees(state: DocState, changes: ChangeSet, roots: Iterable<TopicId>): Set<TopicId> {
  const removed = new Set<TopicId>();
  const stack: TopicId[] = [];
  for (const r of roots) if (!removed.has(r)) stack.push(r);
  while (stack.length) {
    const id = stack.pop() as TopicId;
    if (removed.has(id)) continue;
    const t = state.topics.get(id);
    if (!t) continue;
    removed.add(id);
    changes.put('topics', id, t, undefined);
    for (const c of state.children.get(id)) stack.push(c);
  }
  for (const r of state.relationships.values()) {
    if (removed.has(r.from) || removed.has(r.to)) changes.put('relationships', r.id, r, undefined);
  }
  for (const s of state.summaries.values()) {
    if (removed.has(s.parentId) || removed.has(s.topicId)) changes.put('summaries', s.id, s, undefined);
  }
  for (const b of state.boundaries.values()) {
    if (removed.has(b.parentId)) changes.put('boundaries', b.id, b, undefined);
  }
  return removed;
}

interface CapturedRange {
  kind: 'summaries' | 'boundaries';
  id: string;
  members: TopicId[];
}

/** Before a structural change under `parents`: the members of every range on them. */
export function captureRanges(state: DocState, parents: ReadonlySet<TopicId>): CapturedRange[] {
  const out: CapturedRange[] = [];
  if (parents.size === 0) return out;
  const capture = (kind: CapturedRange['kind'], r: Summary | Boundary) => {
    if (!parents.has(r.parentId)) return;
    out.push({ kind, id: r.id, members: rangeMembers(state, r.parentId, r.fromId, r.toId) ?? [r.fromId, r.toId] });
  };
  for (const s of state.summaries.values()) capture('summaries', s);
  for (const b of state.boundaries.values()) capture('boundaries', b);
  return out;
}

/**
 * After the change: a captured range whose endpoints are still ordinary children of its parent, in
 * order, stays. Otherwise it is narrowed to the first and last of its members still in place
 * (preferring members that did not move), or removed when none are left (a summary with its
 * topic's subtree).
 */
export function fixRanges(state: DocState, changes: ChangeSet, captured: CapturedRange[], moved: ReadonlySet<TopicId>): void {
  const orders = new Map<TopicId, Map<TopicId, number>>();
  const positionIn = (parentId: TopicId): Map<TopicId, number> => {
    let pos = orders.get(parentId);
    if (!pos) {
      pos = new Map(attachedOrder(state, parentId).map((id, i) => [id, i]));
      orders.set(parentId, pos);
    }
    return pos;
  };
  for (const { kind, id, members } of captured) {
    const rec = kind === 'summaries' ? state.summaries.get(id) : state.boundaries.get(id);
    // Gone already: an earlier summary dropped here took its subtree, and this range's parent, along.
    if (!rec || (changes[kind].has(id) && changes[kind].get(id)?.after === undefined)) continue;
    const pos = positionIn(rec.parentId);
    const a = pos.get(rec.fromId);
    const b = pos.get(rec.toId);
    if (a !== undefined && b !== undefined && a <= b) continue;
    let bounds = extent(members, pos, moved);
    if (!bounds) bounds = extent(members, pos, null);
    if (!bounds) {
      if (kind === 'summaries') {
        changes.put('summaries', id, rec as Summary, undefined);
        removeSubtrees(state, changes, [(rec as Summary).topicId]);
      } else changes.put('boundaries', id, rec as Boundary, undefined);
    } else if (kind === 'summaries') {
      changes.put('summaries', id, rec as Summary, { ...(rec as Summary), fromId: bounds[0], toId: bounds[1] });
    } else {
      changes.put('boundaries', id, rec as Boundary, { ...(rec as Boundary), fromId: bounds[0], toId: bounds[1] });
    }
  }
}

/** First and last (by position) of the members that are placed and not in `skip`. */
function extent(members: TopicId[], pos: Map<TopicId, number>, skip: ReadonlySet<TopicId> | null): [TopicId, TopicId] | null {
  let first: TopicId | undefined;
  let last: TopicId | undefined;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const m of members) {
    const p = pos.get(m);
    if (p === undefined || skip?.has(m)) continue;
    if (p < lo) [lo, first] = [p, m];
    if (p > hi) [hi, last] = [p, m];
  }
  return first === undefined || last === undefined ? null : [first, last];
}
