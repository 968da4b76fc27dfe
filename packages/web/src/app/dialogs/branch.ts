// A branch as a document of its own: the topic becomes the central topic, with everything below
// it and the relationships, summaries and boundaries that stay inside the branch.

import { asTopicId, type MindDoc, type Topic } from '@arbor/core';

export function branchDoc(doc: MindDoc, topicId: string): MindDoc {
  const top = doc.topics[topicId];
  if (!top) throw new Error(`no topic ${topicId}`);
  if (topicId === doc.rootId) return doc;
  const kids = new Map<string, string[]>();
  for (const t of Object.values(doc.topics)) {
    if (t.parentId === null) continue;
    let list = kids.get(t.parentId);
    if (!list) kids.set(t.parentId, (list = []));
    list.push(t.id);
  }
  const topics: Record<string, Topic> = {};
  const stack = [topicId];
  while (stack.length) {
    const id = stack.pop() as string;
    const t = doc.topics[id] as Topic;
    topics[id] = t;
    stack.push(...(kids.get(id) ?? []));
  }
  const { detached: _d, position: _p, side: _s, summaryId: _m, ...root } = top;
  topics[topicId] = { ...root, parentId: null, index: 'a0' };
  const inside = (ids: string[]) => ids.every((id) => id in topics);
  const pick = <R>(records: Record<string, R>, ids: (r: R) => string[]) =>
    Object.fromEntries(Object.entries(records).filter(([, r]) => inside(ids(r))));
  return {
    ...doc,
    title: top.text.split('\n')[0]?.slice(0, 200) || doc.title,
    rootId: asTopicId(topicId),
    topics,
    relationships: pick(doc.relationships, (r) => [r.from, r.to]),
    summaries: pick(doc.summaries, (r) => [r.parentId, r.fromId, r.toId, r.topicId]),
    boundaries: pick(doc.boundaries, (r) => [r.parentId, r.fromId, r.toId]),
    structure: top.structure ?? doc.structure,
  };
}
