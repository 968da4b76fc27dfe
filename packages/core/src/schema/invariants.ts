// The invariants every DocState keeps after restore(), every op and every diff: one root, every
// other topic reaching it without cycles, a children index that matches the parent ids, unique and
// well-formed sibling keys, and relationships, summaries and boundaries that resolve.

import { isValidIndex } from '../fractional-index.ts';
import type { TopicId } from '../model.ts';
import type { DocState } from '../store.ts';
import { joinPath } from './spec.ts';

export interface InvariantViolation {
  path: string;
  message: string;
}

const attached = (state: DocState, id: TopicId): boolean => {
  const t = state.topics.get(id);
  return t !== undefined && !t.detached && t.summaryId === undefined;
};

/** Every broken invariant of `state` (empty when the document is whole), at most `limit`. */
export function checkInvariants(state: DocState, limit = 100): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const add = (path: string, message: string) => {
    if (out.length < limit) out.push({ path, message });
  };
  const { topics, rootId } = state;
  const root = topics.get(rootId);
  if (!root) add('rootId', `root topic ${rootId} does not exist`);
  else if (root.parentId !== null) add(joinPath(joinPath('topics', rootId), 'parentId'), 'the root must have no parent');

  // Parents, roots and cycles: walk up from each topic, memoising topics known to reach the root.
  const reaches = new Set<TopicId>([rootId]);
  for (const [key, t] of topics) {
    const p = joinPath('topics', key);
    if (t.id !== key) add(joinPath(p, 'id'), `does not match its key ${key}`);
    if (t.parentId === null) {
      if (key !== rootId) add(joinPath(p, 'parentId'), 'only the root may have no parent');
      continue;
    }
    if (!topics.has(t.parentId)) {
      add(joinPath(p, 'parentId'), `parent ${t.parentId} does not exist`);
      continue;
    }
    const path: TopicId[] = [];
    const onPath = new Set<TopicId>();
    let cur: TopicId | null = key;
    while (cur !== null && !reaches.has(cur)) {
      if (onPath.has(cur)) {
        add(joinPath(p, 'parentId'), 'is part of a cycle');
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = topics.get(cur)?.parentId ?? null;
    }
    if (cur !== null && reaches.has(cur)) for (const id of path) reaches.add(id);
  }

  // Children index against parent ids; sibling keys unique, ordered and well formed.
  let listed = 0;
  for (const [key, t] of topics) {
    const kids = state.children.get(key);
    listed += kids.length;
    let prev: string | null = null;
    for (const c of kids) {
      const child = topics.get(c);
      if (!child) add(joinPath('topics', key), `children index lists missing topic ${c}`);
      else if (child.parentId !== key) add(joinPath('topics', key), `children index lists ${c}, whose parent is ${child.parentId}`);
      else if (!isValidIndex(child.index))
        add(joinPath(joinPath('topics', c), 'index'), `malformed fractional index ${JSON.stringify(child.index)}`);
      else if (prev !== null && !(prev < child.index))
        add(joinPath(joinPath('topics', c), 'index'), 'duplicate or unordered sibling index');
      if (child) prev = child.index;
    }
    if (t.parentId !== null && !state.children.get(t.parentId).includes(key)) {
      add(joinPath(joinPath('topics', key), 'parentId'), 'missing from its parent in the children index');
    }
  }
  if (listed !== topics.size - (root ? 1 : 0)) add('topics', `children index holds ${listed} entries for ${topics.size} topics`);

  for (const [key, r] of state.relationships) {
    const p = joinPath('relationships', key);
    if (r.id !== key) add(joinPath(p, 'id'), `does not match its key ${key}`);
    if (!topics.has(r.from)) add(joinPath(p, 'from'), `topic ${r.from} does not exist`);
    if (!topics.has(r.to)) add(joinPath(p, 'to'), `topic ${r.to} does not exist`);
  }
  const rangeOk = (parentId: TopicId, fromId: TopicId, toId: TopicId): boolean => {
    if (!attached(state, fromId) || !attached(state, toId)) return false;
    const a = topics.get(fromId);
    const b = topics.get(toId);
    return a?.parentId === parentId && b?.parentId === parentId && a.index <= b.index;
  };
  for (const [key, s] of state.summaries) {
    const p = joinPath('summaries', key);
    if (s.id !== key) add(joinPath(p, 'id'), `does not match its key ${key}`);
    if (!topics.has(s.parentId)) add(joinPath(p, 'parentId'), `topic ${s.parentId} does not exist`);
    else if (!rangeOk(s.parentId, s.fromId, s.toId)) add(p, `${s.fromId}…${s.toId} is not a range of ordinary children of ${s.parentId}`);
    const t = topics.get(s.topicId);
    if (!t) add(joinPath(p, 'topicId'), `topic ${s.topicId} does not exist`);
    else if (t.parentId !== s.parentId || t.summaryId !== key)
      add(joinPath(p, 'topicId'), `topic ${s.topicId} is not this summary's child topic`);
  }
  for (const [key, t] of topics) {
    if (t.summaryId !== undefined && state.summaries.get(t.summaryId)?.topicId !== key) {
      add(joinPath(joinPath('topics', key), 'summaryId'), `summary ${t.summaryId} does not own this topic`);
    }
  }
  for (const [key, b] of state.boundaries) {
    const p = joinPath('boundaries', key);
    if (b.id !== key) add(joinPath(p, 'id'), `does not match its key ${key}`);
    if (!topics.has(b.parentId)) add(joinPath(p, 'parentId'), `topic ${b.parentId} does not exist`);
    else if (!rangeOk(b.parentId, b.fromId, b.toId)) add(p, `${b.fromId}…${b.toId} is not a range of ordinary children of ${b.parentId}`);
  }
  return out;
}
