// Copy and paste of subtrees: what goes on the clipboard (an indented outline for other apps, a
// nested list carrying the Arbor payload, the payload itself for the custom type), and what a paste
// creates, from the richest source the clipboard holds.

import type { DocState, TopicId } from '@arbor/core';
import { buildOutline } from './entries.ts';
import { domHtmlParser, findArborAttribute, type HtmlParser, type HtmlTopic, htmlToEntries, MAX_HTML_CHARS, outlineHtml } from './html.ts';
import { outlineToNewTopics } from './outline.ts';
import { parsePastedText } from './paste-text.ts';
import { type ClipboardContent, payloadFromState, readPayload } from './payload.ts';

export interface CopiedSubtrees {
  /** Indented outline, one topic per line, a tab per level (what other apps get). */
  text: string;
  /** Nested list with the payload in a `data-arbor` attribute (survives the system clipboard across tabs). */
  html: string;
  /** The payload, for the `web application/x-arbor+json` clipboard type. */
  json: string;
}

/** The clipboard forms of the subtrees of `ids` (ids inside another copied subtree are covered by it). */
export function copySubtrees(state: DocState, ids: readonly TopicId[]): CopiedSubtrees {
  const payload = payloadFromState(state, ids);
  const json = JSON.stringify(payload);
  // One walk gives both the text lines and the tree the HTML is written from.
  const lines: string[] = [];
  const roots: HtmlTopic[] = [];
  type Frame = { id: TopicId; depth: number; into: HtmlTopic[] };
  const stack: Frame[] = [];
  for (let i = payload.roots.length - 1; i >= 0; i--) stack.push({ id: payload.roots[i] as TopicId, depth: 0, into: roots });
  while (stack.length > 0) {
    const { id, depth, into } = stack.pop() as Frame;
    const t = state.topics.get(id);
    if (!t) continue;
    lines.push('\t'.repeat(depth) + t.text.replace(/[\r\n\u2028\u2029]+/g, ' '));
    const node: HtmlTopic & { children: HtmlTopic[] } = { text: t.text, children: [] };
    if (t.href && !t.href.startsWith('#')) (node as { href?: string }).href = t.href;
    into.push(node);
    const kids = state.children.get(id);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as TopicId, depth: depth + 1, into: node.children });
  }
  return { text: lines.join('\n'), html: outlineHtml(roots, json), json };
}

export interface ClipboardData {
  text?: string;
  html?: string;
  /** The `web application/x-arbor+json` item, when the clipboard has one. */
  json?: string;
}

/**
 * What a paste creates, from the richest source on the clipboard: the Arbor payload (custom type,
 * then the HTML's `data-arbor`), then the outline of the HTML (nested lists, headings), then the
 * text. Every id is fresh; payloads are checked like any loaded document. Null when nothing usable.
 * HTML is parsed with `parseHtml`: the browser's DOMParser by default; in Node, pass
 * `parse5HtmlParser` (html-parse5.ts), or the HTML is skipped.
 */
export function readClipboard(
  data: ClipboardData,
  newId: () => TopicId,
  parseHtml: HtmlParser | undefined = domHtmlParser(),
): ClipboardContent | null {
  if (data.json) {
    const content = readPayload(data.json, newId);
    if (content) return content;
  }
  const text = data.text ?? '';
  if (data.html && data.html.length <= MAX_HTML_CHARS && parseHtml) {
    const doc = parseHtml(data.html);
    const attr = findArborAttribute(doc);
    if (attr) {
      const content = readPayload(attr, newId);
      if (content) return content;
    }
    const { entries, structured } = htmlToEntries(doc);
    // Paragraph-only HTML carries no more structure than its text, whose indentation may say more.
    if (structured || text.trim() === '') {
      const outline = buildOutline(entries);
      if (outline.count > 0) return { topics: outlineToNewTopics(outline, newId), extraOps: [], count: outline.count };
    }
  }
  if (text.trim() !== '') {
    const outline = parsePastedText(text);
    if (outline.count > 0) return { topics: outlineToNewTopics(outline, newId), extraOps: [], count: outline.count };
  }
  return null;
}
