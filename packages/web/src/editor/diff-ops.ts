// Turns a diff that was applied to the editor's document (an undo, a redo, a rollback, an accepted
// preview) back into operations, because the server takes operations, not diffs (DESIGN §2, §8).
// The operations are computed against the state *after* the diff: replayed in order on the state
// before it, they give the same tree, the same records and the same sibling order (fractional
// index strings may differ: the server picks its own, and order is all that is compared).

import {
  type Boundary,
  type Diff,
  type DocState,
  isAttached,
  type NewTopic,
  type Op,
  type RecordChanges,
  type Summary,
  type Topic,
  type TopicId,
} from '@arbor/core';

const TOPIC_PLACEMENT = new Set(['id', 'parentId', 'index', 'summaryId']);

/** The fields of a topic record that travel in a NewTopic or a topic.update patch. */
function contentOf(t: Topic): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) if (!TOPIC_PLACEMENT.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** A patch from `before` to `after` over the given fields (null clears a field). */
function patchBetween(before: object, after: object, skip: ReadonlySet<string>): Record<string, unknown> | null {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  let any = false;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (skip.has(k)) continue;
    if (b[k] === a[k] || JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    patch[k] = a[k] === undefined ? null : a[k];
    any = true;
  }
  return any ? patch : null;
}

/** Where a topic sits among its parent's attached children in `state`: after its previous sibling, or first. */
function placementIn(state: DocState, t: Topic): { parentId: TopicId; after?: TopicId; index?: number } {
  const parentId = t.parentId as TopicId;
  let prev: TopicId | undefined;
  for (const id of state.children.get(parentId)) {
    if (id === t.id) break;
    const s = state.topics.get(id);
    if (s && isAttached(s)) prev = id;
  }
  return prev === undefined ? { parentId, index: 0 } : { parentId, after: prev };
}

/** Document order of topics in `state` (parents before children, siblings in order). */
function docOrder(state: DocState, ids: Iterable<TopicId>): TopicId[] {
  const wanted = new Set(ids);
  const out: TopicId[] = [];
  if (wanted.size === 0) return out;
  const stack: TopicId[] = [state.rootId];
  while (stack.length > 0 && out.length < wanted.size) {
    const id = stack.pop() as TopicId;
    if (wanted.has(id)) out.push(id);
    const kids = state.children.get(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TopicId);
  }
  return out;
}

/** A NewTopic for `id` with the added descendants nested under it (in sibling order). */
function newTopicTree(state: DocState, id: TopicId, added: ReadonlySet<TopicId>): NewTopic {
  const t = state.topics.get(id) as Topic;
  const node = { id, ...contentOf(t) } as NewTopic & { children?: NewTopic[] };
  const kids: NewTopic[] = [];
  for (const c of state.children.get(id)) {
    const ct = state.topics.get(c);
    // Summary topics come with their summary.create; detached children are created on their own.
    if (!added.has(c) || !ct || ct.summaryId !== undefined || ct.detached) continue;
    kids.push(newTopicTree(state, c, added));
  }
  if (kids.length) node.children = kids;
  return node;
}

/** Operations that replay `diff` (already applied to `state`) on the document as it was before. */
export function diffToOps(state: DocState, diff: Diff): Op[] {
  const ops: Op[] = [];
  if (diff.doc) {
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(diff.doc.after)) patch[k] = v === undefined ? null : v;
    ops.push({ type: 'doc.update', patch } as Op);
  }

  // Removals: overlays first (a summary.delete takes its topic's subtree with it), then subtrees.
  const removedSummaries = new Set(diff.summaries.removed.map((s) => s.id));
  for (const r of diff.relationships.removed) ops.push({ type: 'relationship.delete', id: r.id });
  for (const b of diff.boundaries.removed) ops.push({ type: 'boundary.delete', id: b.id });
  const removed = new Map(diff.topics.removed.map((t) => [t.id, t]));
  // Topics that left a summary's subtree while the summary went: out first, or deleting the
  // summary would take them along (they are placed exactly by their own move below).
  const summaryTopics = new Set(diff.summaries.removed.map((s) => s.topicId));
  const before = new Map(diff.topics.updated.map(([b]) => [b.id, b]));
  const beforeParent = (id: TopicId): TopicId | null => (before.get(id) ?? removed.get(id) ?? state.topics.get(id))?.parentId ?? null;
  for (const [b, a] of diff.topics.updated) {
    if (b.parentId === a.parentId || a.parentId === null || removed.has(a.id)) continue;
    let cur: TopicId | null = b.parentId;
    let inside = false;
    for (let guard = state.topics.size + removed.size + 1; cur !== null && guard-- > 0; cur = beforeParent(cur)) {
      if (summaryTopics.has(cur)) {
        inside = true;
        break;
      }
    }
    if (inside) ops.push({ type: 'topic.move', ids: [a.id], parentId: state.rootId });
  }
  // A summary over topics that go too goes with them (deleting it again would fail).
  for (const s of diff.summaries.removed) if (!removed.has(s.parentId)) ops.push({ type: 'summary.delete', id: s.id });
  const goneWithSummary = (t: Topic): boolean => {
    let cur: Topic | undefined = t;
    let guard = removed.size + 1;
    while (cur && guard-- > 0) {
      if (cur.summaryId !== undefined && removedSummaries.has(cur.summaryId)) return true;
      cur = cur.parentId === null ? undefined : removed.get(cur.parentId);
    }
    return false;
  };
  const topRemoved = diff.topics.removed.filter((t) => !(t.parentId !== null && removed.has(t.parentId)) && !goneWithSummary(t));
  if (topRemoved.length) ops.push({ type: 'topic.delete', ids: topRemoved.map((t) => t.id) });

  // Additions, parents first and siblings in order, so that each placement finds its neighbours.
  const added = new Set(diff.topics.added.map((t) => t.id));
  const addedSummaries = new Map(diff.summaries.added.map((s) => [s.topicId, s]));
  const moved = new Set<TopicId>();
  // A floating topic attached again is placed like a moved one (the move attaches it): in document
  // order, or a sibling placed after it would find it still floating, with no place to name.
  for (const [b, a] of diff.topics.updated)
    if (b.parentId !== a.parentId || b.index !== a.index || (b.detached && !a.detached)) moved.add(a.id);
  const placedIds = docOrder(state, [...added, ...moved]);
  // Summaries are created after the field changes (a floating topic made ordinary again may be in
  // their range), and so is anything moved into a summary's new subtree.
  const summaryOps: Op[] = [];
  const lateMoves: Op[] = [];
  const underNewSummary = (t: Topic): boolean => {
    let cur: Topic | undefined = t;
    let guard = state.topics.size + 1;
    while (cur && cur.parentId !== null && guard-- > 0) {
      cur = state.topics.get(cur.parentId);
      if (cur?.summaryId !== undefined && added.has(cur.id)) return true;
    }
    return false;
  };
  for (const id of placedIds) {
    const t = state.topics.get(id);
    if (!t || t.parentId === null) continue;
    if (added.has(id)) {
      // Nested under an added parent: created with it.
      if (added.has(t.parentId) && t.summaryId === undefined && !t.detached) continue;
      if (t.summaryId !== undefined) {
        const s = addedSummaries.get(id);
        if (!s) continue;
        const { topicId: _t, ...summary } = s;
        summaryOps.push({ type: 'summary.create', summary, topic: newTopicTree(state, id, added) });
        continue;
      }
      const tree = newTopicTree(state, id, added);
      // Floating topics keep their place among the siblings too: it is where they land when attached again.
      const op: Op = { type: 'topic.create', ...placementIn(state, t), topic: tree };
      (underNewSummary(t) ? lateMoves : ops).push(op);
    } else {
      const op: Op = { type: 'topic.move', ids: [id], ...placementIn(state, t) };
      (underNewSummary(t) ? lateMoves : ops).push(op);
    }
  }

  // Field changes (after moves: a move attaches a floating topic, which a patch may undo).
  for (const [b, a] of diff.topics.updated) {
    if (a.summaryId !== undefined && added.has(a.id)) continue;
    let before: Topic = b;
    if (moved.has(a.id) && b.detached) {
      // The move above already dropped `detached`/`position`.
      const { detached: _d, position: _p, ...rest } = b;
      before = rest as Topic;
    }
    const patch = patchBetween(before, a, TOPIC_PLACEMENT);
    if (patch) ops.push({ type: 'topic.update', id: a.id, patch } as Op);
  }
  ops.push(...summaryOps, ...lateMoves);
  for (const r of diff.relationships.added) ops.push({ type: 'relationship.create', relationship: r });
  for (const [b, a] of diff.relationships.updated) {
    const patch = patchBetween(b, a, new Set(['id']));
    if (patch) ops.push({ type: 'relationship.update', id: a.id, patch } as Op);
  }
  for (const b of diff.boundaries.added) ops.push({ type: 'boundary.create', boundary: b });

  // The topics above move one at a time, so the server passes through states the diff never had:
  // a range whose endpoint moves can see its endpoints out of order (or one of them gone or
  // floating) for a while, and the server then narrows it. Name the endpoints of every such range
  // again once everything is in place (a no-op on the server when nothing was narrowed).
  const shaken = new Set<TopicId>([...moved, ...removed.keys()]);
  for (const [b, a] of diff.topics.updated) if (Boolean(b.detached) !== Boolean(a.detached)) shaken.add(a.id);
  const rangeOps = (kind: 'summary' | 'boundary', records: Iterable<Summary | Boundary>, changes: RecordChanges<Summary | Boundary>) => {
    const skip = new Set(kind === 'summary' ? ['id', 'parentId', 'topicId'] : ['id', 'parentId']);
    const updated = new Map(changes.updated.map(([b, a]) => [a.id, b]));
    const added = new Set(changes.added.map((r) => r.id));
    for (const a of records) {
      if (added.has(a.id)) continue;
      const b = updated.get(a.id) ?? a;
      const patch = patchBetween(b, a, skip) ?? {};
      if ([b.fromId, b.toId, a.fromId, a.toId].some((id) => shaken.has(id))) Object.assign(patch, { fromId: a.fromId, toId: a.toId });
      if (Object.keys(patch).length) ops.push({ type: `${kind}.update`, id: a.id, patch } as Op);
    }
  };
  rangeOps('boundary', state.boundaries.values(), diff.boundaries);
  rangeOps('summary', state.summaries.values(), diff.summaries);
  return ops;
}
