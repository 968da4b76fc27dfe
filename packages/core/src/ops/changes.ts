// ChangeSet: collects record changes while an op (or a chain of diffs) runs, composing changes to the
// same record (first `before`, last `after`), and turns them into a Diff. Also the one place that
// writes a diff into a DocState (commit) and inverts / composes diffs.

import type { Boundary, Relationship, Summary, Topic } from '../model.ts';
import type { DocState } from '../store.ts';
import type { Diff, DocFields, RecordChanges } from './types.ts';

interface Change<T> {
  before: T | undefined;
  after: T | undefined;
}

type Collection = 'topics' | 'relationships' | 'summaries' | 'boundaries';
type RecordOf<C extends Collection> = C extends 'topics'
  ? Topic
  : C extends 'relationships'
    ? Relationship
    : C extends 'summaries'
      ? Summary
      : Boundary;

export class ChangeSet {
  readonly topics = new Map<string, Change<Topic>>();
  readonly relationships = new Map<string, Change<Relationship>>();
  readonly summaries = new Map<string, Change<Summary>>();
  readonly boundaries = new Map<string, Change<Boundary>>();
  readonly doc = new Map<keyof DocFields, Change<DocFields[keyof DocFields]>>();

  /** Records that `id` went from `before` to `after` (undefined = absent), composing with earlier changes. */
  put<C extends Collection>(collection: C, id: string, before: RecordOf<C> | undefined, after: RecordOf<C> | undefined): void {
    const map = this[collection] as Map<string, Change<RecordOf<C>>>;
    const prev = map.get(id);
    if (prev) prev.after = after;
    else map.set(id, { before, after });
  }

  putDoc<K extends keyof DocFields>(key: K, before: DocFields[K], after: DocFields[K]): void {
    const prev = this.doc.get(key);
    if (prev) prev.after = after;
    else this.doc.set(key, { before, after });
  }

  /** Adds every change of `diff` after the ones already collected. */
  addDiff(diff: Diff): void {
    for (const c of COLLECTIONS) {
      const changes = diff[c] as RecordChanges<RecordOf<typeof c>>;
      for (const r of changes.removed) this.put(c, r.id, r, undefined);
      for (const [b, a] of changes.updated) this.put(c, a.id, b, a);
      for (const r of changes.added) this.put(c, r.id, undefined, r);
    }
    if (diff.doc) {
      for (const key of Object.keys(diff.doc.after) as (keyof DocFields)[]) {
        this.putDoc(key, diff.doc.before[key] as never, diff.doc.after[key] as never);
      }
    }
  }

  toDiff(): Diff {
    const diff: Diff = {
      topics: toChanges(this.topics),
      relationships: toChanges(this.relationships),
      summaries: toChanges(this.summaries),
      boundaries: toChanges(this.boundaries),
      doc: null,
    };
    for (const [key, ch] of this.doc) {
      if (ch.before === ch.after) continue;
      diff.doc ??= { before: {}, after: {} };
      (diff.doc.before as Record<string, unknown>)[key] = ch.before;
      (diff.doc.after as Record<string, unknown>)[key] = ch.after;
    }
    return diff;
  }
}

const COLLECTIONS = ['topics', 'relationships', 'summaries', 'boundaries'] as const;

function toChanges<T>(map: Map<string, Change<T>>): RecordChanges<T> {
  const out: RecordChanges<T> = { added: [], updated: [], removed: [] };
  for (const { before, after } of map.values()) {
    if (before === after) continue;
    if (before === undefined) out.added.push(after as T);
    else if (after === undefined) out.removed.push(before);
    else out.updated.push([before, after]);
  }
  return out;
}

export function emptyDiff(): Diff {
  return {
    topics: { added: [], updated: [], removed: [] },
    relationships: { added: [], updated: [], removed: [] },
    summaries: { added: [], updated: [], removed: [] },
    boundaries: { added: [], updated: [], removed: [] },
    doc: null,
  };
}

export function isEmptyDiff(diff: Diff): boolean {
  for (const c of COLLECTIONS) {
    const ch = diff[c];
    if (ch.added.length || ch.updated.length || ch.removed.length) return false;
  }
  return diff.doc === null;
}

function invertChanges<T>(c: RecordChanges<T>): RecordChanges<T> {
  const updated: [T, T][] = new Array(c.updated.length);
  for (let i = 0; i < c.updated.length; i++) {
    const [b, a] = c.updated[i] as [T, T];
    updated[i] = [a, b];
  }
  return { added: c.removed.slice(), updated, removed: c.added.slice() };
}

/** The diff that undoes `diff`. */
export function invertDiff(diff: Diff): Diff {
  return {
    topics: invertChanges(diff.topics),
    relationships: invertChanges(diff.relationships),
    summaries: invertChanges(diff.summaries),
    boundaries: invertChanges(diff.boundaries),
    doc: diff.doc ? { before: diff.doc.after, after: diff.doc.before } : null,
  };
}

/** One diff with the effect of applying `diffs` in order. */
export function composeDiffs(...diffs: Diff[]): Diff {
  const set = new ChangeSet();
  for (const d of diffs) set.addDiff(d);
  return set.toDiff();
}

/**
 * Writes a diff into the state without checking it (callers have validated it); the version is
 * left to the caller. Removals first, then updates, then additions, keeping the children index in step.
 */
export function commitDiff(state: DocState, diff: Diff): void {
  const { topics, children } = state;
  for (const t of diff.topics.removed) {
    topics.delete(t.id);
    if (t.parentId !== null) children.remove(t.parentId, t.id);
  }
  for (const [before, after] of diff.topics.updated) {
    topics.set(after.id, after);
    if (before.parentId !== after.parentId) {
      if (before.parentId !== null) children.remove(before.parentId, before.id);
      if (after.parentId !== null) children.add(after.parentId, after.id);
    } else if (before.index !== after.index && after.parentId !== null) {
      children.touch(after.parentId);
    }
  }
  for (const t of diff.topics.added) {
    topics.set(t.id, t);
    if (t.parentId !== null) children.add(t.parentId, t.id);
  }
  commitRecords(state.relationships, diff.relationships);
  commitRecords(state.summaries, diff.summaries);
  commitRecords(state.boundaries, diff.boundaries);
  if (diff.doc) {
    const after = diff.doc.after;
    if (after.title !== undefined) state.title = after.title;
    if (after.structure !== undefined) state.structure = after.structure;
    if (after.theme !== undefined) state.theme = after.theme;
    if (after.meta !== undefined) state.meta = after.meta ?? undefined;
  }
}

function commitRecords<T extends { id: string }>(map: Map<string, T>, changes: RecordChanges<T>): void {
  for (const r of changes.removed) map.delete(r.id);
  for (const [, a] of changes.updated) map.set(a.id, a);
  for (const r of changes.added) map.set(r.id, r);
}

/** Current document fields of a state in the diff's representation. */
export function docFieldsOf(state: DocState): DocFields {
  return { title: state.title, structure: state.structure, theme: state.theme, meta: state.meta ?? null };
}
