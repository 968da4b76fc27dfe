// applyDiff: replays a diff (from the server, a collaborator, or history) after checking that it
// fits the current document and keeps it whole: no orphans, no cycles, no dangling references.

import { isValidIndex } from '../fractional-index.ts';
import type { Topic, TopicId } from '../model.ts';
import {
  BOUNDARY_SPEC,
  checkValue,
  isPlainObject,
  RELATIONSHIP_SPEC,
  type Spec,
  SUMMARY_SPEC,
  structureSpec,
  THEME_SPEC,
  TOPIC_SPEC,
  type ValidationIssue,
} from '../schema/spec.ts';
import type { DocState } from '../store.ts';
import type { ApplyResult } from './apply.ts';
import { rangeMembers } from './cascade.ts';
import { commitDiff, invertDiff, isEmptyDiff } from './changes.ts';
import { type Diff, OpError, type RecordChanges } from './types.ts';

function conflict(message: string): never {
  throw new OpError('conflict', message);
}

const SPECS = { topics: TOPIC_SPEC, relationships: RELATIONSHIP_SPEC, summaries: SUMMARY_SPEC, boundaries: BOUNDARY_SPEC };

function checkRecordShape(spec: Spec, r: unknown, path: string): void {
  const issues: ValidationIssue[] = [];
  checkValue(spec, r, path, issues, 1);
  if (issues[0]) throw new OpError('invalid-field', `${issues[0].path} ${issues[0].message}`);
}

function checkShape(diff: Diff): void {
  if (!isPlainObject(diff)) conflict('a diff must be an object');
  for (const c of ['topics', 'relationships', 'summaries', 'boundaries'] as const) {
    const ch = diff[c] as RecordChanges<{ id: string }> | undefined;
    if (!isPlainObject(ch) || !Array.isArray(ch.added) || !Array.isArray(ch.updated) || !Array.isArray(ch.removed)) {
      conflict(`diff.${c} must have added, updated and removed lists`);
    }
    const seen = new Set<string>();
    const note = (r: unknown) => {
      if (!isPlainObject(r) || typeof r.id !== 'string') conflict(`diff.${c} holds a record without an id`);
      const id = (r as { id: string }).id;
      if (seen.has(id)) conflict(`diff.${c} changes ${id} twice`);
      seen.add(id);
    };
    ch.added.forEach((r, i) => {
      note(r);
      checkRecordShape(SPECS[c], r, `diff.${c}.added[${i}]`);
    });
    ch.removed.forEach(note);
    for (const [i, pair] of ch.updated.entries()) {
      if (!Array.isArray(pair) || pair.length !== 2) conflict(`diff.${c}.updated holds a malformed pair`);
      note(pair[1]);
      checkRecordShape(SPECS[c], pair[1], `diff.${c}.updated[${i}][1]`);
      if ((pair[0] as { id?: unknown })?.id !== pair[1].id) conflict(`diff.${c}.updated pairs records with different ids`);
    }
  }
}

/** Checks that `diff` applies to `state` and leaves a whole document; throws `OpError('conflict')`. */
export function checkDiff(state: DocState, diff: Diff): void {
  checkShape(diff);
  // The topics after the diff, as an overlay on the state (null = removed).
  const overlay = new Map<TopicId, Topic | null>();
  for (const t of diff.topics.removed) {
    if (!state.topics.has(t.id)) conflict(`topic ${t.id} to remove does not exist`);
    if (t.id === state.rootId) conflict('the root topic cannot be removed');
    overlay.set(t.id, null);
  }
  for (const [, t] of diff.topics.updated) {
    if (!state.topics.has(t.id)) conflict(`topic ${t.id} to update does not exist`);
    overlay.set(t.id, t);
  }
  for (const t of diff.topics.added) {
    if (state.topics.has(t.id)) conflict(`topic ${t.id} to add already exists`);
    overlay.set(t.id, t);
  }
  const topicAfter = (id: TopicId): Topic | undefined => {
    const o = overlay.get(id);
    return o === null ? undefined : (o ?? state.topics.get(id));
  };
  const limit = state.topics.size + diff.topics.added.length + 1;
  const placed = (t: Topic) => {
    if (t.id === state.rootId) {
      if (t.parentId !== null) conflict('the root topic cannot get a parent');
      return;
    }
    if (t.parentId === null) conflict(`topic ${t.id} would become a second root`);
    let cur = topicAfter(t.parentId);
    if (!cur) conflict(`topic ${t.id} would lose its parent ${t.parentId}`);
    for (let n = 0; cur && cur.parentId !== null; n++) {
      if (cur.id === t.id || n > limit) conflict(`topic ${t.id} would be its own ancestor`);
      cur = topicAfter(cur.parentId);
      if (!cur) conflict(`topic ${t.id} would hang off a removed topic`);
    }
  };
  // Each parent's children after the diff must keep unique, well-formed keys.
  const keyed = (t: Topic) => {
    if (!isValidIndex(t.index)) conflict(`topic ${t.id} has a malformed index ${JSON.stringify(t.index)}`);
    if (t.parentId === null) return;
    for (const s of state.children.get(t.parentId)) {
      const sib = s === t.id ? undefined : topicAfter(s);
      if (sib && sib.parentId === t.parentId && sib.index === t.index) conflict(`topic ${t.id} would share its index with ${s}`);
    }
  };
  const addedKeys = new Map<string, string>();
  for (const t of [...diff.topics.added, ...diff.topics.updated.map((p) => p[1])]) {
    const k = `${t.parentId}\u0000${t.index}`;
    const other = addedKeys.get(k);
    if (other !== undefined) conflict(`topics ${other} and ${t.id} would share an index`);
    addedKeys.set(k, t.id);
  }
  for (const [before, after] of diff.topics.updated) {
    if (before.parentId !== after.parentId || after.id === state.rootId) placed(after);
    if (before.parentId !== after.parentId || before.index !== after.index) keyed(after);
  }
  for (const t of diff.topics.added) {
    placed(t);
    keyed(t);
  }
  for (const t of diff.topics.removed) {
    for (const c of state.children.get(t.id)) {
      const after = topicAfter(c);
      if (after && after.parentId === t.id) conflict(`removing ${t.id} would orphan ${c}`);
    }
  }
  checkRecords(state.relationships, diff.relationships, 'relationship');
  checkRecords(state.summaries, diff.summaries, 'summary');
  checkRecords(state.boundaries, diff.boundaries, 'boundary');

  // References of the records the diff writes, and of the untouched ones a topic removal may break.
  const exists = (id: TopicId) => topicAfter(id) !== undefined;
  const relIds = new Set(diff.relationships.removed.map((r) => r.id));
  for (const r of [...diff.relationships.added, ...diff.relationships.updated.map((p) => p[1])]) {
    if (!exists(r.from) || !exists(r.to)) conflict(`relationship ${r.id} would point to a missing topic`);
    relIds.add(r.id);
  }
  const sumIds = new Set(diff.summaries.removed.map((s) => s.id));
  for (const s of [...diff.summaries.added, ...diff.summaries.updated.map((p) => p[1])]) {
    if (![s.parentId, s.fromId, s.toId, s.topicId].every(exists)) conflict(`summary ${s.id} would point to a missing topic`);
    sumIds.add(s.id);
  }
  const bndIds = new Set(diff.boundaries.removed.map((b) => b.id));
  for (const b of [...diff.boundaries.added, ...diff.boundaries.updated.map((p) => p[1])]) {
    if (![b.parentId, b.fromId, b.toId].every(exists)) conflict(`boundary ${b.id} would point to a missing topic`);
    bndIds.add(b.id);
  }
  if (diff.topics.removed.length > 0) {
    for (const r of state.relationships.values()) {
      if (!relIds.has(r.id) && (!exists(r.from) || !exists(r.to))) conflict(`relationship ${r.id} would point to a missing topic`);
    }
    for (const s of state.summaries.values()) {
      if (!sumIds.has(s.id) && ![s.parentId, s.fromId, s.toId, s.topicId].every(exists)) conflict(`summary ${s.id} would dangle`);
    }
    for (const b of state.boundaries.values()) {
      if (!bndIds.has(b.id) && ![b.parentId, b.fromId, b.toId].every(exists)) conflict(`boundary ${b.id} would dangle`);
    }
  }
  if (diff.doc) {
    const after = diff.doc.after;
    if (!isPlainObject(after) || !isPlainObject(diff.doc.before)) conflict('diff.doc must have before and after');
    const issues: ValidationIssue[] = [];
    if (after.title !== undefined && typeof after.title !== 'string') conflict('diff.doc.after.title must be a string');
    if (after.structure !== undefined) checkValue(structureSpec, after.structure, 'structure', issues);
    if (after.theme !== undefined) checkValue(THEME_SPEC, after.theme, 'theme', issues);
    if (after.meta !== undefined && after.meta !== null && !isPlainObject(after.meta)) conflict('diff.doc.after.meta must be an object');
    if (issues[0]) conflict(`diff.doc.after.${issues[0].path} ${issues[0].message}`);
  }
}

function checkRecords<T extends { id: string }>(map: Map<string, T>, ch: RecordChanges<T>, what: string): void {
  for (const r of ch.removed) if (!map.has(r.id)) conflict(`${what} ${r.id} to remove does not exist`);
  for (const [, r] of ch.updated) if (!map.has(r.id)) conflict(`${what} ${r.id} to update does not exist`);
  for (const r of ch.added) if (map.has(r.id)) conflict(`${what} ${r.id} to add already exists`);
}

/**
 * Applies a diff after checking it (see `checkDiff`), bumping the version. Summary and boundary
 * ranges are re-checked after writing; if one broke, the diff is rolled back and refused.
 */
export function applyDiff(state: DocState, diff: Diff): ApplyResult {
  checkDiff(state, diff);
  if (isEmptyDiff(diff)) return { state, diff };
  commitDiff(state, diff);
  const broken = brokenRange(state, diff);
  if (broken) {
    commitDiff(state, invertDiff(diff));
    conflict(broken);
  }
  state.version++;
  return { state, diff };
}

/** A message when a summary or boundary that the diff could have affected no longer spans a range. */
function brokenRange(state: DocState, diff: Diff): string | null {
  if (state.summaries.size + state.boundaries.size === 0) return null;
  const parents = new Set<TopicId>();
  for (const t of diff.topics.removed) if (t.parentId !== null) parents.add(t.parentId);
  for (const [b, a] of diff.topics.updated) {
    if (b.parentId !== null) parents.add(b.parentId);
    if (a.parentId !== null) parents.add(a.parentId);
  }
  for (const t of diff.topics.added) if (t.parentId !== null) parents.add(t.parentId);
  const touched = new Set([...diff.summaries.added, ...diff.summaries.updated.map((p) => p[1])].map((s) => s.id));
  for (const s of state.summaries.values()) {
    if (!parents.has(s.parentId) && !touched.has(s.id)) continue;
    if (!rangeMembers(state, s.parentId, s.fromId, s.toId)) return `summary ${s.id} would not span a range of siblings`;
    const t = state.topics.get(s.topicId);
    if (!t || t.parentId !== s.parentId || t.summaryId !== s.id) return `summary ${s.id} would lose its topic`;
  }
  const touchedB = new Set([...diff.boundaries.added, ...diff.boundaries.updated.map((p) => p[1])].map((b) => b.id));
  for (const b of state.boundaries.values()) {
    if (!parents.has(b.parentId) && !touchedB.has(b.id)) continue;
    if (!rangeMembers(state, b.parentId, b.fromId, b.toId)) return `boundary ${b.id} would not span a range of siblings`;
  }
  return null;
}
