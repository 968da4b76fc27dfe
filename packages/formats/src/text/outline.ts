// Depth-first walk of a document's topic tree for the outline writers (Markdown, OPML, text,
// FreeMind). Iterative, so a document nested thousands of levels deep cannot overflow the stack.

import type { MindDoc, Topic, TopicId } from '@arbor/core';
import { childrenByParent } from '@arbor/core';

export interface OutlineVisitor {
  /** Called before a topic's children; `depth` is 0 for the root. */
  enter(topic: Topic, depth: number): void;
  /** Called after a topic's children. */
  exit?(topic: Topic, depth: number): void;
}

export interface OutlineOptions {
  /**
   * Which children to visit. Default: attached children, then detached (floating) ones, which
   * outline formats can only hold as ordinary children. Summary topics are left out.
   */
  children?: (kids: readonly Topic[]) => Topic[];
}

const defaultChildren = (kids: readonly Topic[]): Topic[] => [
  ...kids.filter((k) => !k.detached && k.summaryId === undefined),
  ...kids.filter((k) => k.detached && k.summaryId === undefined),
];

export function walkOutline(doc: MindDoc, visitor: OutlineVisitor, options: OutlineOptions = {}): void {
  const root = doc.topics[doc.rootId];
  if (!root) return;
  const byParent = childrenByParent(doc);
  const pick = options.children ?? defaultChildren;
  // Stack frames: a topic to enter, or a marker to exit it.
  const stack: { topic: Topic; depth: number; exit: boolean }[] = [{ topic: root, depth: 0, exit: false }];
  const seen = new Set<TopicId>();
  while (stack.length) {
    const frame = stack.pop() as { topic: Topic; depth: number; exit: boolean };
    if (frame.exit) {
      visitor.exit?.(frame.topic, frame.depth);
      continue;
    }
    if (seen.has(frame.topic.id)) continue; // defensive: a cycle in a damaged document
    seen.add(frame.topic.id);
    visitor.enter(frame.topic, frame.depth);
    stack.push({ topic: frame.topic, depth: frame.depth, exit: true });
    const kids = pick(byParent.get(frame.topic.id) ?? []);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ topic: kids[i] as Topic, depth: frame.depth + 1, exit: false });
  }
}

/** Number of topics a document holds (every kind). */
export const topicCount = (doc: MindDoc): number => Object.keys(doc.topics).length;
