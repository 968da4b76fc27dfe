// topic.create / topic.update / topic.move / topic.delete: validate everything, then describe the
// change as a plan. Handlers never write to the state.

import { keysBetween } from '../fractional-index.ts';
import type { Topic, TopicId } from '../model.ts';
import { TOPIC_SPEC } from '../schema/spec.ts';
import { type DocState, isAncestorOrSelf } from '../store.ts';
import { removeSubtrees } from './cascade.ts';
import { checkNewTopicFields, cleanValue, fieldsExcept, need, needId, needIdList, patchRecord } from './fields.ts';
import { isAttached, resolveSlot, slotKeys } from './placement.ts';
import { newPlan, type Plan } from './plan.ts';
import { type NewTopic, OpError, type TopicCreateOp, type TopicDeleteOp, type TopicMoveOp, type TopicUpdateOp } from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Checks a topic tree to create and returns its records in pre-order, the top one under
 * `parentId` with `index`; children get fresh keys in their given order.
 */
export function buildNewTopics(
  state: DocState,
  top: NewTopic,
  parentId: TopicId,
  index: string,
  path: string,
  summaryId?: string,
): Topic[] {
  const out: Topic[] = [];
  const seen = new Set<string>();
  const stack: { t: NewTopic; parentId: TopicId; index: string; path: string }[] = [{ t: top, parentId, index, path }];
  while (stack.length) {
    const { t, parentId: pid, index: key, path: p } = stack.pop() as (typeof stack)[number];
    need(t !== null && typeof t === 'object' && !Array.isArray(t), `${p} must be an object`);
    needId(t.id, `${p}.id`);
    if (state.topics.has(t.id) || seen.has(t.id)) throw new OpError('duplicate-id', `topic ${t.id} already exists`);
    seen.add(t.id);
    checkNewTopicFields(t as unknown as Record<string, unknown>, p);
    const rec: Mutable<Topic> = { id: t.id, parentId: pid, index: key, text: '' };
    for (const [k, v] of Object.entries(t)) {
      if (v !== undefined && k !== 'children' && k !== 'id')
        (rec as Record<string, unknown>)[k] = typeof v === 'object' ? cleanValue(v) : v;
    }
    if (summaryId !== undefined && out.length === 0) rec.summaryId = summaryId;
    out.push(rec);
    const kids = t.children;
    if (kids !== undefined) {
      need(Array.isArray(kids), `${p}.children must be an array`);
      const keys = keysBetween(null, null, kids.length);
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({ t: kids[i] as NewTopic, parentId: t.id, index: keys[i] as string, path: `${p}.children[${i}]` });
      }
    }
  }
  return out;
}

export function planTopicCreate(state: DocState, op: TopicCreateOp): Plan {
  const slot = resolveSlot(state, op);
  const plan = newPlan();
  for (const rec of buildNewTopics(state, op.topic, slot.parentId, slotKeys(slot, 1)[0] as string, 'topic')) {
    plan.changes.put('topics', rec.id, undefined, rec);
  }
  return plan;
}

const TOPIC_EDITABLE = fieldsExcept(TOPIC_SPEC, 'id', 'parentId', 'index', 'summaryId');

export function planTopicUpdate(state: DocState, op: TopicUpdateOp): Plan {
  needId(op.id, 'id');
  const t = state.topics.get(op.id);
  if (!t) throw new OpError('unknown-topic', `unknown topic ${op.id}`);
  const next = patchRecord(t, op.patch, TOPIC_SPEC, TOPIC_EDITABLE, 'patch');
  const plan = newPlan();
  if (next === t) return plan;
  if (next.detached && !t.detached) {
    if (t.parentId === null) throw new OpError('root-protected', 'the root topic cannot float');
    if (t.summaryId !== undefined) throw new OpError('summary-topic', `${t.id} is a summary's topic and cannot float`);
  }
  if (Boolean(next.detached) !== Boolean(t.detached) && t.parentId !== null) {
    plan.rangeParents.add(t.parentId);
    plan.moved.add(t.id);
  }
  plan.changes.put('topics', t.id, t, next);
  return plan;
}

/** Ancestor index keys from the root down to `id`: compares like document (pre-)order. */
function orderPath(state: DocState, id: TopicId): string[] {
  const path: string[] = [];
  let cur = state.topics.get(id);
  while (cur && cur.parentId !== null) {
    path.push(cur.index);
    cur = state.topics.get(cur.parentId);
  }
  return path.reverse();
}

function compareDocOrder(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function hasMovedAncestor(state: DocState, t: Topic, moved: ReadonlySet<TopicId>): boolean {
  let cur = t.parentId === null ? undefined : state.topics.get(t.parentId);
  let guard = state.topics.size;
  while (cur && guard-- > 0) {
    if (moved.has(cur.id)) return true;
    cur = cur.parentId === null ? undefined : state.topics.get(cur.parentId);
  }
  return false;
}

export function planTopicMove(state: DocState, op: TopicMoveOp): Plan {
  needIdList(op.ids, 'ids');
  const given = new Set<TopicId>();
  for (const id of op.ids) {
    const t = state.topics.get(id);
    if (!t) throw new OpError('unknown-topic', `unknown topic ${id}`);
    if (t.parentId === null) throw new OpError('root-protected', 'the root topic cannot be moved');
    if (t.summaryId !== undefined) throw new OpError('summary-topic', `${id} is a summary's topic; change the summary instead`);
    given.add(id);
  }
  const slot = resolveSlot(state, op, given);
  // A topic whose ancestor moves too travels with that ancestor.
  const tops: Topic[] = [];
  for (const id of given) {
    const t = state.topics.get(id) as Topic;
    if (given.size === 1 || !hasMovedAncestor(state, t, given)) tops.push(t);
  }
  for (const t of tops) {
    if (isAncestorOrSelf(state, t.id, slot.parentId)) throw new OpError('cycle', `cannot move ${t.id} into its own subtree`);
  }
  if (tops.length > 1) {
    const paths = new Map(tops.map((t) => [t.id, orderPath(state, t.id)]));
    tops.sort((a, b) => compareDocOrder(paths.get(a.id) as string[], paths.get(b.id) as string[]));
  }
  const keys = slotKeys(slot, tops.length);
  const plan = newPlan();
  plan.rangeParents.add(slot.parentId);
  for (let i = 0; i < tops.length; i++) {
    const t = tops[i] as Topic;
    const next: Mutable<Topic> = { ...t, parentId: slot.parentId, index: keys[i] as string };
    // Dropping a floating topic onto a place attaches it.
    if (next.detached) {
      delete next.detached;
      delete next.position;
    }
    plan.changes.put('topics', t.id, t, next);
    plan.moved.add(t.id);
    if (t.parentId !== null && isAttached(t)) plan.rangeParents.add(t.parentId);
  }
  return plan;
}

export function planTopicDelete(state: DocState, op: TopicDeleteOp): Plan {
  needIdList(op.ids, 'ids');
  const plan = newPlan();
  for (const id of op.ids) {
    const t = state.topics.get(id);
    if (!t) throw new OpError('unknown-topic', `unknown topic ${id}`);
    if (t.parentId === null) throw new OpError('root-protected', 'the root topic cannot be deleted');
    plan.rangeParents.add(t.parentId);
  }
  removeSubtrees(state, plan.changes, op.ids as TopicId[]);
  return plan;
}
