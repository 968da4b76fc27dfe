// A pasted outline: the plain tree that text, Markdown and HTML pastes become before they are
// turned into `topic.create` operations.

import type { NewTopic, TopicId } from '@arbor/core';

export interface OutlineNode {
  text: string;
  note?: string;
  /** A link found in the line (http, https or mailto only). */
  href?: string;
  /** A Markdown task box (`- [ ]`, `- [x]`). */
  task?: { done: boolean };
  children: OutlineNode[];
}

export interface PastedOutline {
  roots: OutlineNode[];
  /** Number of topics the outline makes (every node, at every depth). */
  count: number;
}

/** Deeper nesting is flattened onto the node at this depth (hostile input can nest without end). */
export const MAX_OUTLINE_DEPTH = 100;

/** Counts every node of a forest, without recursion. */
export function countNodes(roots: readonly OutlineNode[]): number {
  let n = 0;
  const stack: OutlineNode[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as OutlineNode;
    n++;
    for (const c of node.children) stack.push(c);
  }
  return n;
}

/**
 * The outline as `NewTopic` trees for `topic.create`, one per root, every topic with an id from
 * `newId`. Built without recursion, so depth is never a stack problem here.
 */
export function outlineToNewTopics(outline: PastedOutline | readonly OutlineNode[], newId: () => TopicId): NewTopic[] {
  const roots = Array.isArray(outline) ? (outline as readonly OutlineNode[]) : (outline as PastedOutline).roots;
  const out: NewTopic[] = [];
  type Frame = { node: OutlineNode; into: NewTopic[] };
  const stack: Frame[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i] as OutlineNode, into: out });
  // Children are pushed in reverse so they come off the stack in order; each frame appends to its
  // parent's list when popped, which keeps sibling order because siblings pop in order.
  while (stack.length > 0) {
    const { node, into } = stack.pop() as Frame;
    const topic: { -readonly [K in keyof NewTopic]: NewTopic[K] } = { id: newId(), text: node.text };
    if (node.note) topic.note = node.note;
    if (node.href) topic.href = node.href;
    if (node.task) topic.task = { done: node.task.done };
    into.push(topic);
    if (node.children.length > 0) {
      const kids: NewTopic[] = [];
      topic.children = kids;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as OutlineNode, into: kids });
    }
  }
  return out;
}
