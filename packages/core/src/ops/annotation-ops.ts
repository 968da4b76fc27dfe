// relationship.*, summary.*, boundary.* and doc.update: validate, then describe the change as a plan.

import type { Summary, TopicId } from '../model.ts';
import { getTheme, themeNames } from '../render/themes.ts';
import { BOUNDARY_SPEC, isPlainObject, META_SPEC, RELATIONSHIP_SPEC, SUMMARY_SPEC, structureSpec, THEME_SPEC } from '../schema/spec.ts';
import type { DocState } from '../store.ts';
import { rangeMembers, removeSubtrees } from './cascade.ts';
import { docFieldsOf } from './changes.ts';
import { checkField, cleanValue, fieldsExcept, need, needId, patchRecord } from './fields.ts';
import { slotKeys } from './placement.ts';
import { newPlan, type Plan } from './plan.ts';
import { buildNewTopics } from './topic-ops.ts';
import {
  type BoundaryCreateOp,
  type BoundaryDeleteOp,
  type BoundaryUpdateOp,
  type DocFields,
  type DocUpdateOp,
  OpError,
  type RelationshipCreateOp,
  type RelationshipDeleteOp,
  type RelationshipUpdateOp,
  type SummaryCreateOp,
  type SummaryDeleteOp,
  type SummaryUpdateOp,
} from './types.ts';

function needTopic(state: DocState, id: TopicId, what: string): void {
  if (!state.topics.has(id)) throw new OpError('unknown-topic', `${what}: unknown topic ${id}`);
}

function needRange(state: DocState, r: { parentId: TopicId; fromId: TopicId; toId: TopicId }): void {
  needTopic(state, r.parentId, 'parentId');
  needTopic(state, r.fromId, 'fromId');
  needTopic(state, r.toId, 'toId');
  if (!rangeMembers(state, r.parentId, r.fromId, r.toId)) {
    throw new OpError(
      'invalid-range',
      `${r.fromId}…${r.toId} is not a range of ordinary children of ${r.parentId} (from must come before or be to)`,
    );
  }
}

// Relationships

const REL_EDITABLE = fieldsExcept(RELATIONSHIP_SPEC, 'id');

export function planRelationshipCreate(state: DocState, op: RelationshipCreateOp): Plan {
  checkField(RELATIONSHIP_SPEC, op.relationship, 'relationship');
  const r = op.relationship;
  if (state.relationships.has(r.id)) throw new OpError('duplicate-id', `relationship ${r.id} already exists`);
  needTopic(state, r.from, 'from');
  needTopic(state, r.to, 'to');
  const plan = newPlan();
  plan.changes.put('relationships', r.id, undefined, cleanValue(r));
  return plan;
}

export function planRelationshipUpdate(state: DocState, op: RelationshipUpdateOp): Plan {
  needId(op.id, 'id');
  const r = state.relationships.get(op.id);
  if (!r) throw new OpError('unknown-relationship', `unknown relationship ${op.id}`);
  const next = patchRecord(r, op.patch, RELATIONSHIP_SPEC, REL_EDITABLE, 'patch');
  needTopic(state, next.from, 'from');
  needTopic(state, next.to, 'to');
  const plan = newPlan();
  plan.changes.put('relationships', r.id, r, next);
  return plan;
}

export function planRelationshipDelete(state: DocState, op: RelationshipDeleteOp): Plan {
  needId(op.id, 'id');
  const r = state.relationships.get(op.id);
  if (!r) throw new OpError('unknown-relationship', `unknown relationship ${op.id}`);
  const plan = newPlan();
  plan.changes.put('relationships', r.id, r, undefined);
  return plan;
}

// Summaries

const SUMMARY_EDITABLE = new Set(['fromId', 'toId', 'style']);

export function planSummaryCreate(state: DocState, op: SummaryCreateOp): Plan {
  need(isPlainObject(op.summary), 'summary must be an object');
  need(isPlainObject(op.topic), 'topic must be an object');
  const summary = cleanValue({ ...op.summary, topicId: op.topic.id } as Summary);
  checkField(SUMMARY_SPEC, summary, 'summary');
  if (state.summaries.has(summary.id)) throw new OpError('duplicate-id', `summary ${summary.id} already exists`);
  needRange(state, summary);
  if (op.topic.detached) throw new OpError('summary-topic', "a summary's topic cannot float");
  // The summary's topic sits after every other child of the parent.
  const siblings = state.children.get(summary.parentId);
  const last = siblings[siblings.length - 1];
  const key = slotKeys({ lo: last === undefined ? null : (state.topics.get(last)?.index ?? null), hi: null }, 1)[0] as string;
  const plan = newPlan();
  for (const rec of buildNewTopics(state, op.topic, summary.parentId, key, 'topic', summary.id)) {
    plan.changes.put('topics', rec.id, undefined, rec);
  }
  plan.changes.put('summaries', summary.id, undefined, summary);
  return plan;
}

export function planSummaryUpdate(state: DocState, op: SummaryUpdateOp): Plan {
  needId(op.id, 'id');
  const s = state.summaries.get(op.id);
  if (!s) throw new OpError('unknown-summary', `unknown summary ${op.id}`);
  const next = patchRecord(s, op.patch, SUMMARY_SPEC, SUMMARY_EDITABLE, 'patch');
  needRange(state, next);
  const plan = newPlan();
  plan.changes.put('summaries', s.id, s, next);
  return plan;
}

export function planSummaryDelete(state: DocState, op: SummaryDeleteOp): Plan {
  needId(op.id, 'id');
  const s = state.summaries.get(op.id);
  if (!s) throw new OpError('unknown-summary', `unknown summary ${op.id}`);
  const plan = newPlan();
  plan.changes.put('summaries', s.id, s, undefined);
  removeSubtrees(state, plan.changes, [s.topicId]);
  return plan;
}

// Boundaries

const BOUNDARY_EDITABLE = new Set(['fromId', 'toId', 'label', 'style']);

export function planBoundaryCreate(state: DocState, op: BoundaryCreateOp): Plan {
  checkField(BOUNDARY_SPEC, op.boundary, 'boundary');
  const b = cleanValue(op.boundary);
  if (state.boundaries.has(b.id)) throw new OpError('duplicate-id', `boundary ${b.id} already exists`);
  needRange(state, b);
  const plan = newPlan();
  plan.changes.put('boundaries', b.id, undefined, b);
  return plan;
}

export function planBoundaryUpdate(state: DocState, op: BoundaryUpdateOp): Plan {
  needId(op.id, 'id');
  const b = state.boundaries.get(op.id);
  if (!b) throw new OpError('unknown-boundary', `unknown boundary ${op.id}`);
  const next = patchRecord(b, op.patch, BOUNDARY_SPEC, BOUNDARY_EDITABLE, 'patch');
  needRange(state, next);
  const plan = newPlan();
  plan.changes.put('boundaries', b.id, b, next);
  return plan;
}

export function planBoundaryDelete(state: DocState, op: BoundaryDeleteOp): Plan {
  needId(op.id, 'id');
  const b = state.boundaries.get(op.id);
  if (!b) throw new OpError('unknown-boundary', `unknown boundary ${op.id}`);
  const plan = newPlan();
  plan.changes.put('boundaries', b.id, b, undefined);
  return plan;
}

// Document fields

export function planDocUpdate(state: DocState, op: DocUpdateOp): Plan {
  need(isPlainObject(op.patch), 'patch must be an object');
  const cur = docFieldsOf(state);
  const plan = newPlan();
  for (const [k, v] of Object.entries(op.patch)) {
    switch (k) {
      case 'title':
        checkField({ kind: 'string' }, v, 'patch.title');
        break;
      case 'structure':
        checkField(structureSpec, v, 'patch.structure');
        break;
      case 'theme':
        checkField(THEME_SPEC, v, 'patch.theme');
        if (!getTheme((v as { name: string }).name)) {
          throw new OpError(
            'invalid-field',
            `patch.theme.name: unknown theme ${JSON.stringify((v as { name: string }).name)} (valid: ${themeNames().join(', ')})`,
          );
        }
        break;
      case 'meta':
        if (v !== null && v !== undefined) checkField(META_SPEC, v, 'patch.meta');
        break;
      default:
        throw new OpError('invalid-field', `patch.${k} is not a document field`);
    }
  }
  for (const [k, v] of Object.entries(op.patch)) {
    const key = k as keyof DocFields;
    const value = key === 'meta' ? (v ?? null) : v;
    if (cur[key] !== value) plan.changes.putDoc(key, cur[key] as never, value as never);
  }
  return plan;
}
