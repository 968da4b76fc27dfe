// The difference between two versions of a map, topic by topic, and a document that shows it: the
// newer version with the removed topics put back where they were, every changed topic coloured —
// added green, removed red, moved blue, changed amber — and their branches unfolded.

import type { MindDoc, Topic, TopicId, TopicStyle } from '@arbor/core';

export type ChangeKind = 'added' | 'removed' | 'moved' | 'changed';

export interface VersionDiff {
  added: string[];
  removed: string[];
  moved: string[];
  changed: string[];
}

export const DIFF_STYLE: Record<ChangeKind, TopicStyle> = {
  added: { fill: '#dcfce7', borderColor: '#15803d', borderWidth: 3, color: '#14532d' },
  removed: { fill: '#fee2e2', borderColor: '#b91c1c', borderWidth: 3, color: '#7f1d1d' },
  moved: { fill: '#dbeafe', borderColor: '#1d4ed8', borderWidth: 3, color: '#1e3a8a' },
  changed: { fill: '#fef3c7', borderColor: '#b45309', borderWidth: 3, color: '#78350f' },
};

const CONTENT: readonly (keyof Topic)[] = ['text', 'note', 'href', 'image', 'markers', 'labels', 'task', 'style', 'structure'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Topics added, removed, moved (new parent or new place among siblings) and changed (content). */
export function diffVersions(from: MindDoc, to: MindDoc): VersionDiff {
  const out: VersionDiff = { added: [], removed: [], moved: [], changed: [] };
  for (const [id, t] of Object.entries(to.topics)) {
    const old = from.topics[id];
    if (!old) {
      out.added.push(id);
      continue;
    }
    if (old.parentId !== t.parentId || old.index !== t.index) out.moved.push(id);
    if (CONTENT.some((k) => !same(old[k], t[k]))) out.changed.push(id);
  }
  for (const id of Object.keys(from.topics)) if (!(id in to.topics)) out.removed.push(id);
  return out;
}

/** The newer document with the removed topics restored in place and every difference coloured. */
export function diffDoc(from: MindDoc, to: MindDoc, diff: VersionDiff = diffVersions(from, to)): MindDoc {
  const topics: Record<string, Topic> = { ...to.topics };
  const paint = (id: string, kind: ChangeKind) => {
    const t = topics[id];
    if (t) topics[id] = { ...t, style: { ...t.style, ...DIFF_STYLE[kind] } };
  };
  // Removed topics go back under their old parent (or the nearest ancestor still present), parents
  // first, so a removed branch shows as a whole. Summary topics are left out (their summary is gone).
  const depth = (id: string): number => {
    let d = 0;
    for (let t = from.topics[id]; t?.parentId && d < 1000; t = from.topics[t.parentId]) d++;
    return d;
  };
  const removed = diff.removed.filter((id) => !from.topics[id]?.summaryId).sort((a, b) => depth(a) - depth(b));
  for (const id of removed) {
    const old = from.topics[id] as Topic;
    let parent: TopicId | null = old.parentId;
    while (parent && !topics[parent]) parent = from.topics[parent]?.parentId ?? null;
    const { detached: _d, position: _p, ...rest } = old;
    topics[id] = { ...rest, parentId: (parent ?? to.rootId) as TopicId };
  }
  for (const id of diff.added) paint(id, 'added');
  for (const id of diff.changed) paint(id, 'changed');
  for (const id of diff.moved) paint(id, 'moved');
  for (const id of removed) paint(id, 'removed');
  // Unfold the way to every difference.
  for (const id of [...diff.added, ...diff.changed, ...diff.moved, ...removed]) {
    for (let p = topics[id]?.parentId; p; p = topics[p]?.parentId) {
      const t = topics[p];
      if (!t) break;
      if (t.folded) topics[p] = { ...t, folded: false };
    }
  }
  return { ...to, topics };
}
