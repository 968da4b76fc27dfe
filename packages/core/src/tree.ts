// Nested views of a document: the `tree-json` shape ({title, children}) used by the CLI and the
// doc→map evaluation, and a richer nested outline for exporters that walk a tree.

import type { MindDoc, Topic, TopicId } from './model.ts';

export interface TitleTree {
  title: string;
  children?: TitleTree[];
}

/** Attached children of `id` in sibling order, computed from the serialized record set. */
export function childrenByParent(doc: MindDoc): Map<TopicId, Topic[]> {
  const map = new Map<TopicId, Topic[]>();
  for (const t of Object.values(doc.topics)) {
    if (t.parentId === null) continue;
    let list = map.get(t.parentId);
    if (!list) map.set(t.parentId, (list = []));
    list.push(t);
  }
  for (const list of map.values()) list.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  return map;
}

/** `{title, children}` of the attached tree (detached and summary topics left out). */
export function docToTitleTree(doc: MindDoc): TitleTree {
  const kids = childrenByParent(doc);
  const build = (t: Topic): TitleTree => {
    const children = (kids.get(t.id) ?? []).filter((c) => !c.detached && c.summaryId === undefined).map(build);
    return children.length ? { title: t.text, children } : { title: t.text };
  };
  const root = doc.topics[doc.rootId];
  if (!root) return { title: doc.title };
  return build(root);
}
