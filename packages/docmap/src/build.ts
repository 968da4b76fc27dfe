// Outline → MindDoc through DocBuilder: condensed titles, full text in notes, source spans, and the
// depth and body-leaf options. Nothing is dropped: what does not become a topic goes into a note.

import { DocBuilder, type MindDoc, type SourceSpan, type TopicId } from '@arbor/core';
import { condenseTitle, DEFAULT_TITLE_LENGTH } from './condense.ts';
import type { OutlineNode } from './outline.ts';

export interface BuildOptions {
  /** Deepest topic level below the root (default unlimited); deeper material joins its ancestor's note. */
  maxDepth?: number;
  /** Body paragraphs and tables as leaf topics (default true); off, they join their heading's note. */
  bodyLeaves?: boolean;
  /** Condensed title length in wide characters (a Latin letter counts half); default 30. */
  titleLength?: number;
  sourceName?: string;
  references?: string[];
}

export function outlineToDoc(root: OutlineNode, options: BuildOptions = {}): MindDoc {
  const maxDepth = Math.max(1, options.maxDepth ?? Number.POSITIVE_INFINITY);
  const bodyLeaves = options.bodyLeaves ?? true;
  const titleLength = options.titleLength ?? DEFAULT_TITLE_LENGTH;
  const b = new DocBuilder({ title: root.heading, rootText: root.heading, structure: 'logic-right' });
  b.update(b.rootId, { source: span(root) });
  const meta: NonNullable<MindDoc['meta']> = {};
  if (options.sourceName) meta.sourceName = options.sourceName;
  if (options.references?.length) meta.references = options.references;
  b.meta = meta;

  // Notes collect text that did not become a topic of its own, per topic.
  const notes = new Map<TopicId, string[]>();
  const addNote = (id: TopicId, text: string) => {
    let list = notes.get(id);
    if (!list) notes.set(id, (list = []));
    list.push(text);
  };

  // Iterative walk: deep outlines never overflow the call stack.
  const work: { node: OutlineNode; parent: TopicId; depth: number }[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) work.push({ node: root.children[i] as OutlineNode, parent: b.rootId, depth: 1 });
  while (work.length) {
    const { node, parent, depth } = work.pop() as { node: OutlineNode; parent: TopicId; depth: number };
    const isBody = node.kind === 'body' || node.kind === 'table';
    if (depth > maxDepth || (isBody && !bodyLeaves)) {
      addNote(parent, flatten(node));
      continue;
    }
    const title = topicTitle(node, titleLength);
    const id = b.add(parent, { text: title, source: span(node) });
    if (node.text !== title) addNote(id, node.text);
    for (let i = node.children.length - 1; i >= 0; i--) work.push({ node: node.children[i] as OutlineNode, parent: id, depth: depth + 1 });
  }
  for (const [id, parts] of notes) b.update(id, { note: parts.join('\n\n') });
  return b.build();
}

function topicTitle(node: OutlineNode, titleLength: number): string {
  if (node.kind === 'table') {
    const firstRow = node.text.split('\n', 1)[0] ?? '';
    return condenseTitle(firstRow, titleLength);
  }
  return condenseTitle(node.heading, titleLength);
}

/** The full text of a subtree, in document order, for a note. */
function flatten(node: OutlineNode): string {
  const out: string[] = [];
  const stack: OutlineNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as OutlineNode;
    out.push(n.text);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as OutlineNode);
  }
  return out.join('\n\n');
}

function span(node: OutlineNode): SourceSpan {
  return node.page === undefined ? { start: node.start, end: node.end } : { start: node.start, end: node.end, page: node.page };
}
