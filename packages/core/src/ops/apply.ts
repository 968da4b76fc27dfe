// applyOp / applyOps: validate fully, then write the changes into the state in place (O(changed
// records)) and return the diff. A refused op or transaction leaves the state untouched.

import type { DocState } from '../store.ts';
import {
  planBoundaryCreate,
  planBoundaryDelete,
  planBoundaryUpdate,
  planDocUpdate,
  planRelationshipCreate,
  planRelationshipDelete,
  planRelationshipUpdate,
  planSummaryCreate,
  planSummaryDelete,
  planSummaryUpdate,
} from './annotation-ops.ts';
import { captureRanges, fixRanges } from './cascade.ts';
import { ChangeSet, commitDiff, composeDiffs, invertDiff, isEmptyDiff } from './changes.ts';
import type { Plan } from './plan.ts';
import { planTopicCreate, planTopicDelete, planTopicMove, planTopicUpdate } from './topic-ops.ts';
import { type Diff, type Op, OpError } from './types.ts';

export interface ApplyResult {
  /** The same state object, updated in place. */
  state: DocState;
  diff: Diff;
}

function plan(state: DocState, op: Op): Plan {
  if (op === null || typeof op !== 'object') throw new OpError('invalid-op', 'an operation must be an object');
  switch (op.type) {
    case 'topic.create':
      return planTopicCreate(state, op);
    case 'topic.update':
      return planTopicUpdate(state, op);
    case 'topic.move':
      return planTopicMove(state, op);
    case 'topic.delete':
      return planTopicDelete(state, op);
    case 'relationship.create':
      return planRelationshipCreate(state, op);
    case 'relationship.update':
      return planRelationshipUpdate(state, op);
    case 'relationship.delete':
      return planRelationshipDelete(state, op);
    case 'summary.create':
      return planSummaryCreate(state, op);
    case 'summary.update':
      return planSummaryUpdate(state, op);
    case 'summary.delete':
      return planSummaryDelete(state, op);
    case 'boundary.create':
      return planBoundaryCreate(state, op);
    case 'boundary.update':
      return planBoundaryUpdate(state, op);
    case 'boundary.delete':
      return planBoundaryDelete(state, op);
    case 'doc.update':
      return planDocUpdate(state, op);
    default:
      throw new OpError('invalid-op', `unknown operation type ${JSON.stringify((op as { type?: unknown }).type)}`);
  }
}

/** Plans and commits one op; returns its diff without bumping the version. */
function run(state: DocState, op: Op): Diff {
  const p = plan(state, op);
  const main = p.changes.toDiff();
  if (isEmptyDiff(main)) return main;
  const ranges = state.summaries.size + state.boundaries.size > 0 ? captureRanges(state, p.rangeParents) : [];
  commitDiff(state, main);
  if (ranges.length === 0) return main;
  try {
    const fixes = new ChangeSet();
    fixRanges(state, fixes, ranges, p.moved);
    const extra = fixes.toDiff();
    if (isEmptyDiff(extra)) return main;
    commitDiff(state, extra);
    return composeDiffs(main, extra);
  } catch (e) {
    commitDiff(state, invertDiff(main));
    throw e;
  }
}

/** Applies one operation. Throws `OpError` (and changes nothing) when the op is invalid. */
export function applyOp(state: DocState, op: Op): ApplyResult {
  const diff = run(state, op);
  if (!isEmptyDiff(diff)) state.version++;
  return { state, diff };
}

/** Applies operations as one transaction: all of them, or (on the first refusal) none. */
export function applyOps(state: DocState, ops: readonly Op[]): ApplyResult {
  if (!Array.isArray(ops)) throw new OpError('invalid-op', 'a transaction must be an array of operations');
  const done: Diff[] = [];
  try {
    for (const op of ops) done.push(run(state, op));
  } catch (e) {
    for (let i = done.length - 1; i >= 0; i--) commitDiff(state, invertDiff(done[i] as Diff));
    throw e;
  }
  const diff = done.length === 1 ? (done[0] as Diff) : composeDiffs(...done);
  if (!isEmptyDiff(diff)) state.version++;
  return { state, diff };
}
