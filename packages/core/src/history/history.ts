// Undo/redo from diffs (DESIGN §2): a step is the diff of an op or a transaction; typing and
// dragging squash into one step through a shared mergeKey within a time window; remote changes and
// previews are never recorded. Memory is bounded by a cap on steps.

import { applyOp, applyOps } from '../ops/apply.ts';
import { composeDiffs, invertDiff, isEmptyDiff } from '../ops/changes.ts';
import { applyDiff } from '../ops/diff-apply.ts';
import type { Diff, Op } from '../ops/types.ts';
import type { DocState } from '../store.ts';
import { rebaseDiff } from './rebase.ts';

export type ChangeOrigin = 'local' | 'remote' | 'preview';

export interface ChangeMeta {
  /** Default `local`. Only local changes enter history. */
  origin?: ChangeOrigin;
  /** Consecutive local changes with the same key within the merge window become one step. */
  mergeKey?: string;
  /** Milliseconds; default `now()`. */
  time?: number;
}

export interface HistoryOptions {
  /** Most steps kept for undo (oldest dropped first); default 500. */
  capacity?: number;
  /** Window for squashing changes with the same mergeKey, measured from the step's last change; default 1000 ms. */
  mergeWindowMs?: number;
  now?: () => number;
}

interface Step {
  diff: Diff;
  mergeKey: string | undefined;
  time: number;
  sealed: boolean;
}

export class History {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  private readonly capacity: number;
  private readonly mergeWindowMs: number;
  private readonly now: () => number;

  constructor(options: HistoryOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 500);
    this.mergeWindowMs = options.mergeWindowMs ?? 1000;
    this.now = options.now ?? (() => Date.now());
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  get undoDepth(): number {
    return this.undoStack.length;
  }
  get redoDepth(): number {
    return this.redoStack.length;
  }

  /** Applies an op, or several as one transaction, and records the result. */
  apply(state: DocState, ops: Op | readonly Op[], meta: ChangeMeta = {}): Diff {
    const { diff } = Array.isArray(ops) ? applyOps(state, ops as readonly Op[]) : applyOp(state, ops as Op);
    this.record(diff, meta);
    return diff;
  }

  /**
   * Records a diff that was applied to the document. Remote and preview changes are ignored; to
   * accept a preview as one step, record `composeDiffs(...previewDiffs)` as a local change.
   */
  record(diff: Diff, meta: ChangeMeta = {}): void {
    if ((meta.origin ?? 'local') !== 'local' || isEmptyDiff(diff)) return;
    const time = meta.time ?? this.now();
    this.redoStack = [];
    const last = this.undoStack[this.undoStack.length - 1];
    if (
      last &&
      !last.sealed &&
      meta.mergeKey !== undefined &&
      last.mergeKey === meta.mergeKey &&
      time >= last.time &&
      time - last.time <= this.mergeWindowMs
    ) {
      last.diff = composeDiffs(last.diff, diff);
      last.time = time;
      return;
    }
    this.undoStack.push({ diff, mergeKey: meta.mergeKey, time, sealed: false });
    if (this.undoStack.length > this.capacity) this.undoStack.splice(0, this.undoStack.length - this.capacity);
  }

  /** Ends the current squashing run: the next change starts a new step even with the same key. */
  seal(): void {
    const last = this.undoStack[this.undoStack.length - 1];
    if (last) last.sealed = true;
  }

  /**
   * Undoes the last local step and returns the diff applied (null when there is none). If the
   * document changed in a way that makes the step impossible, the step is dropped and the
   * OpError rethrown; the document is unchanged.
   */
  undo(state: DocState): Diff | null {
    return this.travel(state, this.undoStack, this.redoStack);
  }

  redo(state: DocState): Diff | null {
    return this.travel(state, this.redoStack, this.undoStack);
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  private travel(state: DocState, from: Step[], to: Step[]): Diff | null {
    const step = from.pop();
    if (!step) return null;
    const diff = rebaseDiff(state, invertDiff(step.diff));
    applyDiff(state, diff);
    // An inverse that no longer changes anything still moves the step across, so redo finds it.
    to.push({ diff: isEmptyDiff(diff) ? invertDiff(step.diff) : diff, mergeKey: undefined, time: step.time, sealed: true });
    return diff;
  }
}
