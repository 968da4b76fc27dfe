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

  const removed = new Map(diff.topics.removed.map((t) => [t.id, t]));
  const added = new Set(diff.topics.added.map((t) => t.id));
  const moved = new Set<TopicId>();
  // A floating topic attached again is placed like a moved one (the move attaches it): in document
  // order, or a sibling placed after it would find it still floating, with no place to name.
  for (const [b, a] of diff.topics.updated)
    if (b.parentId !== a.parentId || b.index !== a.index || (b.detached && !a.detached)) moved.add(a.id);
  const records = recordUpdates(state, diff, removed, moved);

  // Removals of overlays first (a summary.delete takes its topic's subtree with it); topics go
  // last, once everything that leaves them or a range over them is in place (a composed diff, a
  // saved preview or its cancellation, can move topics out of a subtree that goes, or narrow a
  // range to new topics and then remove its old ones).
  const removedSummaries = new Set(diff.summaries.removed.map((s) => s.id));
  for (const r of diff.relationships.removed) ops.push({ type: 'relationship.delete', id: r.id });
  for (const b of diff.boundaries.removed) ops.push({ type: 'boundary.delete', id: b.id });
  ops.push(...records.early);
  // Topics that left a summary's subtree while the summary went: out first, or deleting the
  // summary would take them along (they are placed exactly by their own move below). Deepest
  // first: taking a summary's last topic out drops the summary, and its topic's subtree with it.
  const summaryTopics = new Set(diff.summaries.removed.map((s) => s.topicId));
  const before = new Map(diff.topics.updated.map(([b]) => [b.id, b]));
  const beforeParent = (id: TopicId): TopicId | null => (before.get(id) ?? removed.get(id) ?? state.topics.get(id))?.parentId ?? null;
  const outFirst: [TopicId, number][] = [];
  for (const [b, a] of diff.topics.updated) {
    if (b.parentId === a.parentId || a.parentId === null || removed.has(a.id)) continue;
    let cur: TopicId | null = b.parentId;
    let depth = 0;
    let inside = false;
    // Through removed topics only: a surviving ancestor leaves too, and takes this one along.
    for (let guard = state.topics.size + removed.size + 1; cur !== null && guard-- > 0; cur = beforeParent(cur), depth++) {
      if (summaryTopics.has(cur)) inside = true;
      else if (!inside && !removed.has(cur)) break;
    }
    if (inside) outFirst.push([a.id, depth]);
  }
  outFirst.sort((x, y) => y[1] - x[1]);
  for (const [id] of outFirst) ops.push({ type: 'topic.move', ids: [id], parentId: state.rootId });
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

  // Additions, parents first and siblings in order, so that each placement finds its neighbours.
  const addedSummaries = new Map(diff.summaries.added.map((s) => [s.topicId, s]));
  const placedIds = docOrder(state, [...added, ...moved]);
  // Summaries are created after the field changes (a floating topic made ordinary again may be in
  // their range), and so is anything placed in a new summary's subtree, all in document order (a
  // summary over topics moved under another new summary comes after them).
  const late: Op[] = [];
  const movedLate = new Set<TopicId>();
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
    const list = underNewSummary(t) ? late : ops;
    if (added.has(id) && t.summaryId !== undefined) {
      const s = addedSummaries.get(id);
      if (!s) continue;
      const { topicId: _t, ...summary } = s;
      late.push({ type: 'summary.create', summary, topic: newTopicTree(state, id, added) });
      continue;
    }
    if (!added.has(id)) {
      list.push({ type: 'topic.move', ids: [id], ...placementIn(state, t) });
      if (list === late) movedLate.add(id);
    }
    // Floating topics keep their place among the siblings too: it is where they land when attached
    // again. Ordinary ones under an added parent are created with it.
    else if (!added.has(t.parentId) || t.detached)
      list.push({ type: 'topic.create', ...placementIn(state, t), topic: newTopicTree(state, id, added) });
    list.push(...(records.placed.get(id) ?? []));
    records.placed.delete(id);
  }

  // Field changes (after moves: a move attaches a floating topic, which a patch may undo; so the
  // patches of topics moved late come after those moves).
  const latePatches: Op[] = [];
  for (const [b, a] of diff.topics.updated) {
    if (a.summaryId !== undefined && added.has(a.id)) continue;
    let before: Topic = b;
    if (moved.has(a.id) && b.detached) {
      // The move above already dropped `detached`/`position`.
      const { detached: _d, position: _p, ...rest } = b;
      before = rest as Topic;
    }
    const patch = patchBetween(before, a, TOPIC_PLACEMENT);
    if (patch) (movedLate.has(a.id) ? latePatches : ops).push({ type: 'topic.update', id: a.id, patch } as Op);
  }
  ops.push(...late, ...latePatches);
  if (topRemoved.length) ops.push({ type: 'topic.delete', ids: topRemoved.map((t) => t.id) });
  for (const r of diff.relationships.added) ops.push({ type: 'relationship.create', relationship: r });
  for (const b of diff.boundaries.added) ops.push({ type: 'boundary.create', boundary: b });
  for (const rest of records.placed.values()) ops.push(...rest);
  ops.push(...records.late);
  return ops;
}

/**
 * Updates of relationships, summaries and boundaries. The topics change one at a time, so the
 * server passes through states the diff never had: a relationship to a topic that goes goes with
 * it; a range whose endpoint moves or goes can see its endpoints out of order or gone for a while,
 * and the server then narrows it, or drops it when none of its topics is left. So a record whose
 * new form already fits the document before the diff is updated `early` (before any topic
 * changes, which it then rides out like the diff's own); a range that does not is set once its
 * endpoints are `placed` (keyed by the last of them); every range with an endpoint that moves or
 * goes is named again `late`, once everything is in place (a no-op on the server when nothing was
 * narrowed). A relationship that must leave a topic that goes for one that comes is deleted early
 * and created again late.
 */
function recordUpdates(
  state: DocState,
  diff: Diff,
  removed: ReadonlyMap<TopicId, Topic>,
  moved: ReadonlySet<TopicId>,
): { early: Op[]; placed: Map<TopicId, Op[]>; late: Op[] } {
  const early: Op[] = [];
  const late: Op[] = [];
  const placed = new Map<TopicId, Op[]>();
  const shaken = new Set<TopicId>([...moved, ...removed.keys()]);
  for (const [b, a] of diff.topics.updated) if (Boolean(b.detached) !== Boolean(a.detached)) shaken.add(a.id);
  const beforeTopics = new Map<TopicId, Topic | null>(diff.topics.added.map((t) => [t.id, null]));
  for (const [b] of diff.topics.updated) beforeTopics.set(b.id, b);
  for (const t of diff.topics.removed) beforeTopics.set(t.id, t);
  const beforeOf = (id: TopicId): Topic | undefined => {
    const t = beforeTopics.get(id);
    return t === null ? undefined : (t ?? state.topics.get(id));
  };
  const fitsBefore = (r: Summary | Boundary): boolean => {
    const from = beforeOf(r.fromId);
    const to = beforeOf(r.toId);
    if (!from || !to || from.parentId !== r.parentId || to.parentId !== r.parentId || !isAttached(from) || !isAttached(to)) return false;
    return from.index < to.index || (from.index === to.index && from.id <= to.id);
  };
  for (const [b, a] of diff.relationships.updated) {
    const patch = patchBetween(b, a, new Set(['id']));
    if (!patch) continue;
    if (beforeOf(a.from) && beforeOf(a.to)) early.push({ type: 'relationship.update', id: a.id, patch } as Op);
    else if (removed.has(b.from) || removed.has(b.to)) {
      early.push({ type: 'relationship.delete', id: a.id });
      late.push({ type: 'relationship.create', relationship: a });
    } else late.push({ type: 'relationship.update', id: a.id, patch } as Op);
  }
  // A summary's topic without children or relationships, before and after: deleting the summary
  // takes nothing else along.
  const standsAlone = (topicId: TopicId): boolean => {
    if (state.children.get(topicId).length > 0 || diff.topics.updated.some(([b]) => b.parentId === topicId)) return false;
    if (diff.topics.removed.some((t) => t.parentId === topicId)) return false;
    const rels = [...state.relationships.values(), ...diff.relationships.removed, ...diff.relationships.updated.map(([b]) => b)];
    return !rels.some((r) => r.from === topicId || r.to === topicId);
  };
  const collect = (kind: 'summary' | 'boundary', records: Iterable<Summary | Boundary>, changes: RecordChanges<Summary | Boundary>) => {
    const skip = new Set(kind === 'summary' ? ['id', 'parentId', 'topicId'] : ['id', 'parentId']);
    const before = new Map(changes.updated.map(([b]) => [b.id, b]));
    const added = new Set(changes.added.map((r) => r.id));
    for (const a of records) {
      if (added.has(a.id)) continue;
      const b = before.get(a.id) ?? a;
      const patch = patchBetween(b, a, skip);
      const endpoints = { fromId: a.fromId, toId: a.toId };
      const isShaken = [b.fromId, b.toId, a.fromId, a.toId].some((id) => shaken.has(id));
      if (patch && ('fromId' in patch || 'toId' in patch) && fitsBefore(a)) {
        early.push({ type: `${kind}.update`, id: a.id, patch } as Op);
        if (isShaken) late.push({ type: `${kind}.update`, id: a.id, patch: endpoints } as Op);
      } else if (patch && ('fromId' in patch || 'toId' in patch)) {
        // Once the last endpoint is in place (from and to are then in order, and stay so). By
        // then the old range's topics may all have left and the server dropped the record: so it
        // holds on to a sibling that stays put meanwhile; without one, a boundary, or a summary
        // whose topic stands alone, is taken out early and made again there.
        const last = moved.has(a.toId) || beforeOf(a.toId) === undefined ? a.toId : a.fromId;
        let op = { type: `${kind}.update`, id: a.id, patch: { ...patch, ...endpoints } } as Op;
        const stay = state.children
          .get(a.parentId)
          .find((id) => !shaken.has(id) && beforeOf(id) && isAttached(state.topics.get(id) as Topic));
        if (stay !== undefined) early.push({ type: `${kind}.update`, id: a.id, patch: { fromId: stay, toId: stay } } as Op);
        else if (kind === 'boundary') {
          early.push({ type: 'boundary.delete', id: a.id });
          op = { type: 'boundary.create', boundary: a as Boundary };
        } else if (standsAlone((a as Summary).topicId)) {
          early.push({ type: 'summary.delete', id: a.id });
          const { topicId, ...summary } = a as Summary;
          op = { type: 'summary.create', summary, topic: { id: topicId, ...contentOf(state.topics.get(topicId) as Topic) } as NewTopic };
        }
        placed.set(last, [...(placed.get(last) ?? []), op]);
      } else if (patch || isShaken) {
        late.push({ type: `${kind}.update`, id: a.id, patch: isShaken ? { ...patch, ...endpoints } : patch } as Op);
      }
    }
  };
  collect('boundary', state.boundaries.values(), diff.boundaries);
  collect('summary', state.summaries.values(), diff.summaries);
  return { early, placed, late };
}
