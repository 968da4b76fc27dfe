// Operations on a DocState (DESIGN §2): applyOp / applyOps validate and apply ops and return diffs;
// applyDiff / invertDiff / composeDiffs replay, undo and merge diffs.
export { type ApplyResult, applyOp, applyOps } from './apply.ts';
export { composeDiffs, emptyDiff, invertDiff, isEmptyDiff } from './changes.ts';
export { applyDiff, checkDiff } from './diff-apply.ts';
export { isAttached } from './placement.ts';
export * from './types.ts';
