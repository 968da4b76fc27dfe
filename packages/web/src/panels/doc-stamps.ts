// Counters that move only when a change matters to a derived view, so the panels recompute their
// O(n) views (outline rows, task roll-ups, uncovered passages) on structural changes, not on every
// typed character: typing in a 20,000-topic map must stay within a frame.

import type { Diff } from '@arbor/core';
import type { Editor } from '../editor/editor.ts';

export interface Stamps {
  /** Topics added, removed, moved, folded or detached. */
  structure: number;
  /** `structure`, or a task changed. */
  tasks: number;
  /** `structure`, a topic's source span, or the document's fields (its source text) changed. */
  sources: number;
}

/** A change that alters the tree's shape (what the outline shows, what the roll-ups add up). */
export function isStructuralDiff(diff: Diff): boolean {
  if (diff.topics.added.length || diff.topics.removed.length) return true;
  for (const [b, a] of diff.topics.updated) {
    if (
      b.parentId !== a.parentId ||
      b.index !== a.index ||
      b.folded !== a.folded ||
      b.detached !== a.detached ||
      b.summaryId !== a.summaryId
    )
      return true;
  }
  return false;
}

const touches = (diff: Diff, key: 'task' | 'source'): boolean => diff.topics.updated.some(([b, a]) => b[key] !== a[key]);

/** Moves the stamps a diff concerns. */
export function bumpStamps(s: Stamps, diff: Diff): void {
  const structural = isStructuralDiff(diff);
  if (structural) s.structure++;
  if (structural || touches(diff, 'task')) s.tasks++;
  if (structural || diff.doc || touches(diff, 'source')) s.sources++;
}

const trackers = new WeakMap<Editor, Stamps>();

/** The stamps of an editor's document (tracked from the first call on). */
export function stampsOf(editor: Editor): Stamps {
  let s = trackers.get(editor);
  if (!s) {
    const stamps: Stamps = { structure: 0, tasks: 0, sources: 0 };
    editor.on('change', ({ diff }) => bumpStamps(stamps, diff));
    // A reload replaces the state object: every derived view is computed afresh anyway.
    trackers.set(editor, stamps);
    s = stamps;
  }
  return s;
}
