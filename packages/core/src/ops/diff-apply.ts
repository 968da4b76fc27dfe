// applyDiff: replays a diff (from the server, a collaborator, or history) after checking that it
// fits the current document and keeps it whole: no orphans, no cycles, no dangling references.

import { isValidIndex } from '../fractional-index.ts';
import type { Boundary, Relationship, Summary, Topic, TopicId } from '../model.ts';
import {
  BOUNDARY_SPEC,
  checkValue,
  conforms,
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

function checkRecordShape(spec: Spec, r: unknown, c: string, list: string, i: number): void {
  if (conforms(spec, r)) return;
  const issues: ValidationIssue[] = [];
  checkValue(spec, r, `diff.${c}.${list}[${i}]${list === 'updated' ? '[1]' : ''}`, issues, 1);
  if (issues[0]) throw new OpError('invalid-field', `${issues[0].path} ${issues[0].message}`);
}

const COLLECTIONS = ['topics', 'relationships', 'summaries', 'boundaries'] as const;

function checkShape(diff: Diff): void {
  if (!isPlainObject(diff)) conflict('a diff must be an object');
  for (const c of COLLECTIONS) {
    const ch = diff[c] as RecordChanges<{ id: string }> | undefined;
    if (!isPlainObject(ch) || !Array.isArray(ch.added) || !Array.isArray(ch.updated) || !Array.isArray(ch.removed)) {
      conflict(`diff.${c} must have added, updated and removed lists`);
    }
    const total = ch.added.length + ch.updated.length + ch.removed.length;
    if (total === 0) continue;
    const seen = total > 1 ? new Set<string>() : null;
    for (let i = 0; i < ch.added.length; i++) {
      noteRecord(c, ch.added[i], seen);
      checkRecordShape(SPECS[c], ch.added[i], c, 'added', i);
    }
    for (const r of ch.removed) noteRecord(c, r, seen);
    for (let i = 0; i < ch.updated.length; i++) {
      const pair = ch.updated[i];
      if (!Array.isArray(pair) || pair.length !== 2) conflict(`diff.${c}.updated holds a malformed pair`);
      noteRecord(c, pair[1], seen);
      checkRecordShape(SPECS[c], pair[1], c, 'updated', i);
      if ((pair[0] as { id?: unknown })?.id !== pair[1].id) conflict(`diff.${c}.updated pairs records with different ids`);
    }
  }
}

function noteRecord(c: string, r: unknown, seen: Set<string> | null): void {
  if (!isPlainObject(r) || typeof r.id !== 'string') conflict(`diff.${c} holds a record without an id`);
  if (seen) {
    if (seen.has(r.id as string)) conflict(`diff.${c} changes ${r.id} twice`);
    seen.add(r.id as string);
  }
}

/** The topics as they will be after a diff: an overlay on the state (null = removed). */
class TopicsAfter {
  readonly overlay = new Map<TopicId, Topic | null>();
  private placedKeys: Map<string, string> | null = null;
  constructor(
    readonly state: DocState,
    readonly diff: Diff,
  ) {}

  get(id: TopicId): Topic | undefined {
    const o = this.overlay.get(id);
    return o === null ? undefined : (o ?? this.state.topics.get(id));
  }

  has(id: TopicId): boolean {
    return this.get(id) !== undefined;
  }

  /** The topic hangs, through existing topics and without a cycle, from the root. */
  checkPlaced(t: Topic): void {
    if (t.id === this.state.rootId) {
      if (t.parentId !== null) conflict('the root topic cannot get a parent');
      return;
    }
    if (t.parentId === null) conflict(`topic ${t.id} would become a second root`);
    const limit = this.state.topics.size + this.diff.topics.added.length + 1;
    let cur = this.get(t.parentId);
    if (!cur) conflict(`topic ${t.id} would lose its parent ${t.parentId}`);
    for (let n = 0; cur && cur.parentId !== null; n++) {
      if (cur.id === t.id || n > limit) conflict(`topic ${t.id} would be its own ancestor`);
      cur = this.get(cur.parentId);
      if (!cur) conflict(`topic ${t.id} would hang off a removed topic`);
    }
  }

  /** The topic's key is well formed and unique among its siblings after the diff. */
  checkKey(t: Topic): void {
    if (!isValidIndex(t.index)) conflict(`topic ${t.id} has a malformed index ${JSON.stringify(t.index)}`);
    if (t.parentId === null) return;
    for (const s of this.state.children.get(t.parentId)) {
      const sib = s === t.id ? undefined : this.get(s);
      if (sib && sib.parentId === t.parentId && sib.index === t.index) conflict(`topic ${t.id} would share its index with ${s}`);
    }
    if (this.diff.topics.added.length + this.diff.topics.updated.length < 2) return;
    this.placedKeys ??= new Map();
    const k = `${t.parentId}\u0000${t.index}`;
    const other = this.placedKeys.get(k);
    if (other !== undefined) conflict(`topics ${other} and ${t.id} would share an index`);
    this.placedKeys.set(k, t.id);
  }

  relationshipOk(r: Relationship): boolean {
    return this.has(r.from) && this.has(r.to);
  }
  summaryOk(x: Summary): boolean {
    return this.has(x.parentId) && this.has(x.fromId) && this.has(x.toId) && this.has(x.topicId);
  }
  boundaryOk(b: Boundary): boolean {
    return this.has(b.parentId) && this.has(b.fromId) && this.has(b.toId);
  }
}

/** Checks that `diff` applies to `state` and leaves a whole document; throws `OpError('conflict')`. */
export function checkDiff(state: DocState, diff: Diff): void {
  checkShape(diff);
  const after = new TopicsAfter(state, diff);
  const { overlay } = after;
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
  for (const [b, a] of diff.topics.updated) {
    if (b.parentId !== a.parentId || a.id === state.rootId) after.checkPlaced(a);
    if (b.parentId !== a.parentId || b.index !== a.index) after.checkKey(a);
  }
  for (const t of diff.topics.added) {
    after.checkPlaced(t);
    after.checkKey(t);
  }
  for (const t of diff.topics.removed) {
    for (const c of state.children.get(t.id)) {
      const child = after.get(c);
      if (child && child.parentId === t.id) conflict(`removing ${t.id} would orphan ${c}`);
    }
  }
  checkRecords(state.relationships, diff.relationships, 'relationship');
  checkRecords(state.summaries, diff.summaries, 'summary');
  checkRecords(state.boundaries, diff.boundaries, 'boundary');

  // References of the records the diff writes, and of the untouched ones a topic removal may break.
  for (const r of diff.relationships.added) if (!after.relationshipOk(r)) conflict(`relationship ${r.id} would point to a missing topic`);
  for (const [, r] of diff.relationships.updated)
    if (!after.relationshipOk(r)) conflict(`relationship ${r.id} would point to a missing topic`);
  for (const x of diff.summaries.added) if (!after.summaryOk(x)) conflict(`summary ${x.id} would point to a missing topic`);
  for (const [, x] of diff.summaries.updated) if (!after.summaryOk(x)) conflict(`summary ${x.id} would point to a missing topic`);
  for (const b of diff.boundaries.added) if (!after.boundaryOk(b)) conflict(`boundary ${b.id} would point to a missing topic`);
  for (const [, b] of diff.boundaries.updated) if (!after.boundaryOk(b)) conflict(`boundary ${b.id} would point to a missing topic`);
  if (diff.topics.removed.length > 0) {
    const rels = touchedIds(diff.relationships);
    const sums = touchedIds(diff.summaries);
    const bnds = touchedIds(diff.boundaries);
    for (const r of state.relationships.values())
      if (!rels.has(r.id) && !after.relationshipOk(r)) conflict(`relationship ${r.id} would point to a missing topic`);
    for (const x of state.summaries.values()) if (!sums.has(x.id) && !after.summaryOk(x)) conflict(`summary ${x.id} would dangle`);
    for (const b of state.boundaries.values()) if (!bnds.has(b.id) && !after.boundaryOk(b)) conflict(`boundary ${b.id} would dangle`);
  }
  if (diff.doc) checkDocFields(diff);
}

function touchedIds(ch: RecordChanges<{ id: string }>): Set<string> {
  const out = new Set<string>();
  for (const r of ch.added) out.add(r.id);
  for (const r of ch.removed) out.add(r.id);
  for (const [, r] of ch.updated) out.add(r.id);
  return out;
}

function checkDocFields(diff: Diff): void {
  const after = diff.doc?.after;
  if (!isPlainObject(after) || !isPlainObject(diff.doc?.before)) conflict('diff.doc must have before and after');
  const issues: ValidationIssue[] = [];
  if (after.title !== undefined && typeof after.title !== 'string') conflict('diff.doc.after.title must be a string');
  if (after.structure !== undefined) checkValue(structureSpec, after.structure, 'structure', issues);
  if (after.theme !== undefined) checkValue(THEME_SPEC, after.theme, 'theme', issues);
  if (after.meta !== undefined && after.meta !== null && !isPlainObject(after.meta)) conflict('diff.doc.after.meta must be an object');
  if (issues[0]) conflict(`diff.doc.after.${issues[0].path} ${issues[0].message}`);
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

/** A message when a summary or boundary the diff could have affected no longer spans a range or owns its topic. */
function brokenRange(state: DocState, diff: Diff): string | null {
  // A topic the diff writes may only name a summary that owns it, and a summary's topic stays attached.
  for (const t of diff.topics.added) {
    if (t.summaryId !== undefined && state.summaries.get(t.summaryId)?.topicId !== t.id)
      return `topic ${t.id} would name summary ${t.summaryId}, which does not own it`;
  }
  for (const [, t] of diff.topics.updated) {
    if (t.summaryId !== undefined && state.summaries.get(t.summaryId)?.topicId !== t.id)
      return `topic ${t.id} would name summary ${t.summaryId}, which does not own it`;
    if (t.summaryId !== undefined && t.detached) return `summary topic ${t.id} would float`;
  }
  if (state.summaries.size + state.boundaries.size === 0) return null;
  const parents = new Set<TopicId>();
  for (const t of diff.topics.removed) if (t.parentId !== null) parents.add(t.parentId);
  for (const [b, a] of diff.topics.updated) {
    if (b.parentId !== null) parents.add(b.parentId);
    if (a.parentId !== null) parents.add(a.parentId);
  }
  for (const t of diff.topics.added) if (t.parentId !== null) parents.add(t.parentId);
  const touched = touchedIds(diff.summaries);
  for (const s of state.summaries.values()) {
    if (!parents.has(s.parentId) && !touched.has(s.id)) continue;
    if (!rangeMembers(state, s.parentId, s.fromId, s.toId)) return `summary ${s.id} would not span a range of siblings`;
    const t = state.topics.get(s.topicId);
    if (!t || t.parentId !== s.parentId || t.summaryId !== s.id || t.detached) return `summary ${s.id} would lose its topic`;
  }
  const touchedB = touchedIds(diff.boundaries);
  for (const b of state.boundaries.values()) {
    if (!parents.has(b.parentId) && !touchedB.has(b.id)) continue;
    if (!rangeMembers(state, b.parentId, b.fromId, b.toId)) return `boundary ${b.id} would not span a range of siblings`;
  }
  return null;
}
