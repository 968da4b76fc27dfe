// The in-memory document: the records of a MindDoc held in Maps, plus a derived children index.
// Records are immutable; operations replace them in the Maps in place (O(1) per change).

import type { Boundary, DocMeta, MindDoc, Relationship, StructureName, Summary, ThemeRef, Topic, TopicId } from './model.ts';
import { SCHEMA_VERSION } from './model.ts';

export interface DocState {
  schema: number;
  id: string;
  title: string;
  rootId: TopicId;
  structure: StructureName;
  theme: ThemeRef;
  meta: DocMeta | undefined;
  /** Bumped by every applied operation. */
  version: number;
  readonly topics: Map<TopicId, Topic>;
  readonly relationships: Map<string, Relationship>;
  readonly summaries: Map<string, Summary>;
  readonly boundaries: Map<string, Boundary>;
  /** Derived: child ids of each topic sorted by `index` (all kinds: attached, detached, summary). */
  readonly children: ChildrenIndex;
}

/**
 * Children lists kept sorted by fractional index. Lists are rebuilt lazily: a change marks the
 * parent dirty and the next read sorts it again, so bulk changes cost one sort per parent.
 */
export class ChildrenIndex {
  private readonly lists = new Map<TopicId, TopicId[]>();
  private readonly dirty = new Set<TopicId>();
  constructor(private readonly topics: Map<TopicId, Topic>) {}

  add(parentId: TopicId, id: TopicId): void {
    let list = this.lists.get(parentId);
    if (!list) {
      list = [];
      this.lists.set(parentId, list);
    }
    list.push(id);
    this.dirty.add(parentId);
  }

  remove(parentId: TopicId, id: TopicId): void {
    const list = this.lists.get(parentId);
    if (!list) return;
    const i = list.lastIndexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.lists.delete(parentId);
  }

  /** Mark a parent's list unsorted after a sibling's index changed. */
  touch(parentId: TopicId): void {
    if (this.lists.has(parentId)) this.dirty.add(parentId);
  }

  /** All children of `id` in sibling order. The returned array must not be modified. */
  get(id: TopicId): readonly TopicId[] {
    const list = this.lists.get(id);
    if (!list) return EMPTY;
    // Most reads find nothing to sort: skip the second lookup then (a layout reads every list).
    if (this.dirty.size > 0 && this.dirty.has(id)) {
      const topics = this.topics;
      list.sort((a, b) => {
        const ia = topics.get(a)?.index ?? '';
        const ib = topics.get(b)?.index ?? '';
        return ia < ib ? -1 : ia > ib ? 1 : a < b ? -1 : a > b ? 1 : 0;
      });
      this.dirty.delete(id);
    }
    return list;
  }

  clear(): void {
    this.lists.clear();
    this.dirty.clear();
  }
}

const EMPTY: readonly TopicId[] = Object.freeze([]);

/** Builds the in-memory state from a serialized document. Does not validate: use `restore()`. */
export function stateFromDoc(doc: MindDoc): DocState {
  const topics = new Map<TopicId, Topic>();
  for (const t of Object.values(doc.topics)) topics.set(t.id, t);
  const children = new ChildrenIndex(topics);
  for (const t of topics.values()) if (t.parentId !== null) children.add(t.parentId, t.id);
  return {
    schema: doc.schema,
    id: doc.id,
    title: doc.title,
    rootId: doc.rootId,
    structure: doc.structure,
    theme: doc.theme,
    meta: doc.meta,
    version: 0,
    topics,
    relationships: new Map(Object.values(doc.relationships).map((r) => [r.id, r])),
    summaries: new Map(Object.values(doc.summaries).map((s) => [s.id, s])),
    boundaries: new Map(Object.values(doc.boundaries).map((b) => [b.id, b])),
    children,
  };
}

/** The serialized shape of an in-memory document (records are shared, not copied). */
export function docFromState(state: DocState): MindDoc {
  const doc: MindDoc = {
    schema: SCHEMA_VERSION,
    id: state.id,
    title: state.title,
    rootId: state.rootId,
    topics: Object.fromEntries(state.topics),
    relationships: Object.fromEntries(state.relationships),
    summaries: Object.fromEntries(state.summaries),
    boundaries: Object.fromEntries(state.boundaries),
    structure: state.structure,
    theme: state.theme,
  };
  if (state.meta) doc.meta = state.meta;
  return doc;
}

/** Ordinary (attached, non-summary) children of a topic, in order. */
export function attachedChildren(state: DocState, id: TopicId): TopicId[] {
  const out: TopicId[] = [];
  for (const c of state.children.get(id)) {
    const t = state.topics.get(c);
    if (t && !t.detached && t.summaryId === undefined) out.push(c);
  }
  return out;
}

/** Detached (floating) topics hanging off a topic (normally the root). */
export function detachedChildren(state: DocState, id: TopicId): TopicId[] {
  const out: TopicId[] = [];
  for (const c of state.children.get(id)) if (state.topics.get(c)?.detached) out.push(c);
  return out;
}

/** True when `ancestor` is `id` or one of its ancestors. */
export function isAncestorOrSelf(state: DocState, ancestor: TopicId, id: TopicId): boolean {
  let cur: TopicId | null = id;
  let guard = state.topics.size + 1;
  while (cur !== null && guard-- > 0) {
    if (cur === ancestor) return true;
    cur = state.topics.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Depth-first pre-order of a subtree (including `id`). */
export function subtreeIds(state: DocState, id: TopicId): TopicId[] {
  const out: TopicId[] = [];
  const stack: TopicId[] = [id];
  while (stack.length) {
    const cur = stack.pop() as TopicId;
    out.push(cur);
    const kids = state.children.get(cur);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TopicId);
  }
  return out;
}
