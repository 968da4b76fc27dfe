// Search in the map: topics whose text (or note) contains the query, in document order (folded
// branches included: going to a hit unfolds its ancestors). Case- and width-insensitive, so 'abc'
// finds 'ABC' and 'ＡＢＣ'.

import type { DocState, TopicId } from '@arbor/core';

/** At most this many hits are collected (a one-letter query in a 50,000-topic map stays quick). */
export const MAX_HITS = 5000;

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

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
  const seen = new Set<TopicId>();
  while (stack.length && hits.length < limit) {
    const id = stack.pop() as TopicId;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = state.topics.get(id);
    if (!t) continue;
    if (fold(t.text).includes(q) || (options.notes && t.note && fold(t.note).includes(q))) hits.push(id);
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
