// The outline view's model without a DOM: the visible rows of the tree in document order (folded
// branches hidden), and the operations for indenting and outdenting. The outline and the canvas
// are two views of the same operations: nothing here keeps state of its own.

import { attachedChildren, type DocState, type Op, type TopicId } from '@arbor/core';

export type RowKind = 'topic' | 'summary' | 'floating';

export interface OutlineRow {
  id: TopicId;
  depth: number;
  kind: RowKind;
  hasChildren: boolean;
  folded: boolean;
}

const rowCache = new WeakMap<DocState, { key: string; rows: OutlineRow[] }>();

/**
 * The rows of the outline from `rootId` down (attached children first, then summary topics, then
 * floating topics), skipping what is under a folded topic. O(shown rows), cached per `stamp` (the
 * document version by default; the outline passes a counter of structural changes).
 */
export function outlineRows(state: DocState, rootId: TopicId = state.rootId, stamp: number | string = state.version): OutlineRow[] {
  const key = `${stamp}:${rootId}`;
  const hit = rowCache.get(state);
  if (hit && hit.key === key) return hit.rows;
  const rows: OutlineRow[] = [];
  // Two parallel stacks (no tuple per topic); the store is acyclic, the size cap is only a guard.
  const ids: TopicId[] = [rootId];
  const depths: number[] = [0];
  const cap = state.topics.size;
  while (ids.length && rows.length < cap) {
    const id = ids.pop() as TopicId;
    const depth = depths.pop() as number;
    const t = state.topics.get(id);
    if (!t) continue;
    const kids = state.children.get(id);
    const kind: RowKind = t.summaryId !== undefined ? 'summary' : t.detached ? 'floating' : 'topic';
    rows.push({ id, depth, kind, hasChildren: kids.length > 0, folded: Boolean(t.folded) && kids.length > 0 });
    if ((t.folded && id !== rootId) || kids.length === 0) continue;
    const ordered = orderedChildren(state, id, kids);
    for (let i = ordered.length - 1; i >= 0; i--) {
      ids.push(ordered[i] as TopicId);
      depths.push(depth + 1);
    }
  }
  rowCache.set(state, { key, rows });
  return rows;
}

/** Children in outline order: attached, then summary topics, then floating topics. */
function orderedChildren(state: DocState, id: TopicId, all: readonly TopicId[] = state.children.get(id)): readonly TopicId[] {
  let plain = true;
  for (const k of all) {
    const t = state.topics.get(k);
    if (t && (t.summaryId !== undefined || t.detached)) {
      plain = false;
      break;
    }
  }
  if (plain) return all;
  const attached: TopicId[] = [];
  const summaries: TopicId[] = [];
  const floating: TopicId[] = [];
  for (const k of all) {
    const t = state.topics.get(k);
    if (!t) continue;
    if (t.summaryId !== undefined) summaries.push(k);
    else if (t.detached) floating.push(k);
    else attached.push(k);
  }
  return [...attached, ...summaries, ...floating];
}

/** The selected attached siblings of the primary topic, in sibling order (what Tab and Shift+Tab move). */
export function movableSiblings(state: DocState, primary: TopicId, selection: readonly TopicId[]): TopicId[] {
  const t = state.topics.get(primary);
  if (!t || t.parentId === null || t.detached || t.summaryId !== undefined) return [];
  const kids = attachedChildren(state, t.parentId);
  const chosen = new Set(selection.includes(primary) ? selection : [primary]);
  chosen.add(primary);
  return kids.filter((k) => chosen.has(k));
}

/**
 * Tab in the outline: the topics move under the sibling just before the first of them, as its last
 * children (it is unfolded so they stay in view). Null when there is no such sibling.
 */
export function indentOps(state: DocState, primary: TopicId, selection: readonly TopicId[]): Op[] | null {
  const ids = movableSiblings(state, primary, selection);
  if (!ids.length) return null;
  const parentId = (state.topics.get(primary) as { parentId: TopicId }).parentId;
  const kids = attachedChildren(state, parentId);
  const at = kids.indexOf(ids[0] as TopicId);
  const target = at > 0 ? (kids[at - 1] as TopicId) : null;
  if (!target) return null;
  const ops: Op[] = [];
  if (state.topics.get(target)?.folded) ops.push({ type: 'topic.update', id: target, patch: { folded: null } });
  ops.push({ type: 'topic.move', ids, parentId: target });
  return ops;
}

/**
 * Shift+Tab in the outline: the topics become siblings of their parent, right after it. Null when
 * the parent is the root (or the focused branch's top) — there is nowhere further out to go.
 */
export function outdentOps(state: DocState, primary: TopicId, selection: readonly TopicId[], top: TopicId = state.rootId): Op[] | null {
  const ids = movableSiblings(state, primary, selection);
  if (!ids.length) return null;
  const parent = state.topics.get((state.topics.get(primary) as { parentId: TopicId }).parentId);
  if (!parent || parent.parentId === null || parent.id === top || parent.detached || parent.summaryId !== undefined) return null;
  return [{ type: 'topic.move', ids, after: parent.id }];
}

/** The row index of a topic, or -1 (rows of 5,000 topics: a linear scan is well under a millisecond). */
export function rowIndexOf(rows: readonly OutlineRow[], id: TopicId | null): number {
  if (!id) return -1;
  for (let i = 0; i < rows.length; i++) if ((rows[i] as OutlineRow).id === id) return i;
  return -1;
}

/** Which rows to render for a scroll position (virtualised list): [first, last) with overscan. */
export function visibleWindow(count: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan = 8): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}
