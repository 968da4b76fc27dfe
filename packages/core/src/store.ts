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
 * The topics of a document state: a Map that tells the children index whenever a record is
 * written or removed, so that the child records the index caches (`ChildrenIndex.records`) are
 * never stale, whoever writes.
 */
export class TopicMap extends Map<TopicId, Topic> {
  /** Called after a record is written or removed; `null` after `clear`. Set by the index. */
  changed: ((record: Topic | null) => void) | null = null;

  override set(id: TopicId, record: Topic): this {
    super.set(id, record);
    this.changed?.(record);
    return this;
  }

  override delete(id: TopicId): boolean {
    const record = super.get(id);
    const had = super.delete(id);
    if (record) this.changed?.(record);
    return had;
  }

  override clear(): void {
    super.clear();
    this.changed?.(null);
  }
}

/** A parent's children: their ids in sibling order, and their records once read. */
interface ChildList {
  /** The parent's id. */
  readonly parentId: TopicId;
  ids: TopicId[];
  /** Index-aligned with `ids`; null until read, and again after any change among these children. */
  records: (Topic | undefined)[] | null;
  /** Index-aligned with `ids`: each child's own list, or null for a leaf. Made with `records`. */
  lists: (ChildList | null)[] | null;
  /** What a reader derived from `records` (see `ChildRecords.derived`); dropped with them. */
  derived: unknown;
  /** Set once the index dropped this list (its parent lost its last child, or the index was cleared). */
  dropped: boolean;
}

/** The children of a topic as `ChildrenIndex.childList` gives them. */
export interface ChildRecords {
  /** Index-aligned with the ids (undefined for an id without a record). */
  readonly records: readonly (Topic | undefined)[];
  /**
   * Index-aligned with the ids: each child's own children, to be read with
   * `ChildrenIndex.refresh` (a layout then looks no child's list up by id), or null for a child
   * without children. Null altogether when the index does not know.
   */
  readonly lists: readonly (ChildRecords | null)[] | null;
  /**
   * A slot for data a reader derives from these records (a layout keeps their sizes here): it is
   * dropped together with the records when one of these children changes.
   */
  derived: unknown;
}

/**
 * Children lists kept sorted by fractional index. Lists are rebuilt lazily: a change marks the
 * parent dirty and the next read sorts it again, so bulk changes cost one sort per parent.
 * Over a `TopicMap`, the children's records are cached per parent too: a layout reads every list
 * and would otherwise look each child up again.
 */
export class ChildrenIndex {
  private readonly lists = new Map<TopicId, ChildList>();
  private readonly dirty = new Set<TopicId>();
  /** Whether `topics` reports its writes to this index (so records may be cached). */
  private readonly cacheRecords: boolean;

  constructor(private readonly topics: Map<TopicId, Topic>) {
    this.cacheRecords = topics instanceof TopicMap && topics.changed === null;
    if (this.cacheRecords) {
      (topics as TopicMap).changed = (record) => {
        if (record === null) for (const l of this.lists.values()) l.records = null;
        else if (record.parentId !== null) this.forget(record.parentId);
      };
    }
  }

  add(parentId: TopicId, id: TopicId): void {
    let list = this.lists.get(parentId);
    if (!list) {
      list = { parentId, ids: [], records: null, lists: null, derived: null, dropped: false };
      this.lists.set(parentId, list);
      // The parent was a leaf in its own parent's list.
      this.forgetParentOf(parentId);
    }
    list.ids.push(id);
    list.records = null;
    this.dirty.add(parentId);
  }

  remove(parentId: TopicId, id: TopicId): void {
    const list = this.lists.get(parentId);
    if (!list) return;
    const i = list.ids.lastIndexOf(id);
    if (i >= 0) list.ids.splice(i, 1);
    list.records = null;
    if (list.ids.length === 0) {
      list.dropped = true;
      this.lists.delete(parentId);
      this.forgetParentOf(parentId);
    }
  }

  /** Mark a parent's list unsorted after a sibling's index changed. */
  touch(parentId: TopicId): void {
    if (this.lists.has(parentId)) this.dirty.add(parentId);
  }

  /** All children of `id` in sibling order. The returned array must not be modified. */
  get(id: TopicId): readonly TopicId[] {
    const list = this.lists.get(id);
    if (!list) return EMPTY;
    this.sorted(id, list);
    return list.ids;
  }

  /**
   * The records of `get(id)`, index-aligned (undefined for an id without a record). The returned
   * array must not be modified; it stays valid until the next change among these children.
   */
  records(id: TopicId): readonly (Topic | undefined)[] {
    return this.childList(id).records;
  }

  /**
   * The records of `get(id)` and each child's own list (null for a leaf): a layout hands those
   * down and looks no topic's children up by id again. Valid until the next change among these
   * children (`refresh` brings a list held on to up to date).
   */
  childList(id: TopicId): ChildRecords {
    const list = this.lists.get(id);
    if (!list) return NO_CHILDREN;
    return this.current(list);
  }

  /**
   * A list from `ChildRecords.lists`, brought up to date (sorted, records read again after a
   * change): the same as `childList` of the topic it belongs to, without looking it up.
   */
  refresh(children: ChildRecords): ChildRecords {
    if (children === NO_CHILDREN) return children;
    const list = children as unknown as ChildList;
    if (list.dropped) return this.childList(list.parentId);
    return this.current(list);
  }

  private current(list: ChildList): ChildRecords {
    this.sorted(list.parentId, list);
    if (list.records === null) {
      const ids = list.ids;
      const records = new Array<Topic | undefined>(ids.length);
      for (let i = 0; i < ids.length; i++) records[i] = this.topics.get(ids[i] as TopicId);
      if (!this.cacheRecords) return { records, lists: null, derived: null };
      list.records = records;
      list.lists = this.listsOf(ids);
      list.derived = null;
    }
    // Its records are read now, which is all that separates a list from `ChildRecords`.
    return list as unknown as ChildRecords;
  }

  clear(): void {
    for (const l of this.lists.values()) l.dropped = true;
    this.lists.clear();
    this.dirty.clear();
  }

  private sorted(id: TopicId, list: ChildList): void {
    // Most reads find nothing to sort: skip the second lookup then (a layout reads every list).
    if (this.dirty.size > 0 && this.dirty.has(id)) {
      this.dirty.delete(id);
      list.records = null;
      // Each record is looked up once, not at every comparison; lists already in order (a
      // document as written) are left as they are.
      const ids = list.ids;
      const n = ids.length;
      const records = new Array<Topic | undefined>(n);
      for (let i = 0; i < n; i++) records[i] = this.topics.get(ids[i] as TopicId);
      let inOrder = true;
      for (let i = 1; i < n && inOrder; i++) inOrder = siblingOrder(records[i - 1], ids[i - 1], records[i], ids[i]) <= 0;
      if (!inOrder) {
        const order = Array.from({ length: n }, (_, i) => i);
        order.sort((x, y) => siblingOrder(records[x], ids[x], records[y], ids[y]));
        const sortedIds = order.map((i) => ids[i] as TopicId);
        for (let i = 0; i < n; i++) ids[i] = sortedIds[i] as TopicId; // in place: `get` hands this array out
        if (this.cacheRecords) list.records = order.map((i) => records[i]);
      } else if (this.cacheRecords) list.records = records;
      if (list.records !== null) list.lists = this.listsOf(list.ids);
      list.derived = null;
    }
  }

  private listsOf(ids: readonly TopicId[]): (ChildList | null)[] {
    const lists = new Array<ChildList | null>(ids.length);
    for (let i = 0; i < ids.length; i++) lists[i] = this.lists.get(ids[i] as TopicId) ?? null;
    return lists;
  }

  private forget(parentId: TopicId): void {
    const list = this.lists.get(parentId);
    if (list) list.records = null;
  }

  /** Drops the cached records (and leaf flags) of the list that holds `id`. */
  private forgetParentOf(id: TopicId): void {
    const parent = this.topics.get(id)?.parentId;
    if (parent !== null && parent !== undefined) this.forget(parent);
  }
}

/** Sibling order: by fractional index, then by id (a record that is missing sorts first). */
function siblingOrder(ra: Topic | undefined, a: TopicId, rb: Topic | undefined, b: TopicId): number {
  const ia = ra?.index ?? '';
  const ib = rb?.index ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const NO_RECORDS: readonly (Topic | undefined)[] = Object.freeze([]);
/**
 * The children of a topic that has none. Not frozen, so that it shares its hidden class with the
 * lists a layout reads on its hot path; nothing ever writes to it (nothing is derived from no records).
 */
export const NO_CHILDREN: ChildRecords = {
  parentId: '' as TopicId,
  ids: [],
  records: NO_RECORDS,
  lists: null,
  derived: null,
  dropped: false,
} satisfies Omit<ChildList, 'records'> & ChildRecords as unknown as ChildRecords;
const EMPTY: readonly TopicId[] = Object.freeze([]);

/** Builds the in-memory state from a serialized document. Does not validate: use `restore()`. */
export function stateFromDoc(doc: MindDoc): DocState {
  const topics = new TopicMap();
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
