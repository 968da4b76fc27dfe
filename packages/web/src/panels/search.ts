// Search in the map: topics whose text (or note) contains the query, in document order (folded
// branches included: going to a hit unfolds its ancestors). Case- and width-insensitive, so 'abc'
// finds 'ABC' and 'ＡＢＣ'.

import type { DocState, TopicId } from '@arbor/core';

/** At most this many hits are collected (a one-letter query in a 50,000-topic map stays quick). */
export const MAX_HITS = 5000;

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Folded texts by record: records are immutable, so a search keystroke reuses the last one's work. */
const foldedText = new WeakMap<object, string>();
const foldedNote = new WeakMap<object, string>();
function cached(map: WeakMap<object, string>, record: object, s: string): string {
  let f = map.get(record);
  if (f === undefined) {
    f = fold(s);
    map.set(record, f);
  }
  return f;
}

export interface SearchOptions {
  notes?: boolean;
  limit?: number;
}

/** Topic ids matching `query` in document order (depth first, siblings in order). */
export function findTopics(state: DocState, query: string, options: SearchOptions = {}): TopicId[] {
  const q = fold(query.trim());
  if (!q) return [];
  const limit = options.limit ?? MAX_HITS;
  const hits: TopicId[] = [];
  const stack: TopicId[] = [state.rootId];
  // The store is acyclic; the visit cap is only a guard.
  let visits = state.topics.size;
  while (stack.length && hits.length < limit && visits-- > 0) {
    const id = stack.pop() as TopicId;
    const t = state.topics.get(id);
    if (!t) continue;
    if (cached(foldedText, t, t.text).includes(q) || (options.notes && t.note && cached(foldedNote, t, t.note).includes(q))) hits.push(id);
    const kids = state.children.get(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TopicId);
  }
  return hits;
}

/** The hit after (or before) the current one, wrapping around; -1 without hits. */
export function stepHit(count: number, current: number, delta: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (current + delta + count) % count;
}
