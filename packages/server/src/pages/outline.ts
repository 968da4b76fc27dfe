// The whole outline of a map (思维导图大纲) as HTML: first-level branches as <h3>, second-level as
// <h4>, everything deeper as nested lists; notes (e.g. a law article's full text) under their
// topic, labels as tags, links only when plainly http(s)/mailto. Iterative, so a deep or huge map
// cannot overflow the stack.

import { childrenByParent, type MindDoc, type Topic, type TopicId } from '@arbor/core';
import { attachedChildrenOf } from '../templates/record.ts';
import { escapeHtml, SafeHtml, safeHref } from './html.ts';

function topicInline(t: Topic): string {
  const text = escapeHtml(t.text.trim() || '（空白主题）');
  const href = safeHref(t.href);
  let out = href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener ugc">${text}</a>` : text;
  if (t.labels) for (const l of t.labels.slice(0, 8)) out += `<span class="label">${escapeHtml(l)}</span>`;
  return out;
}

function noteHtml(t: Topic): string {
  const note = t.note?.trim();
  return note ? `<p class="note">${escapeHtml(note)}</p>` : '';
}

export function outlineHtml(doc: MindDoc): SafeHtml {
  const kids = childrenByParent(doc);
  const root = doc.topics[doc.rootId];
  if (!root) return new SafeHtml('');
  const parts: string[] = [noteHtml(root)];
  // Work items: open a topic (and later close what it opened).
  type Item = { topic: Topic; depth: number } | { close: string };
  const stack: Item[] = [];
  const pushChildren = (id: TopicId, depth: number) => {
    const children = attachedChildrenOf(kids, id);
    if (depth >= 3 && children.length) {
      stack.push({ close: '</ul>' });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ topic: children[i]!, depth });
      parts.push('<ul>');
      return;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ topic: children[i]!, depth });
  };
  pushChildren(root.id, 1);
  while (stack.length) {
    const item = stack.pop()!;
    if ('close' in item) {
      parts.push(item.close);
      continue;
    }
    const { topic, depth } = item;
    if (depth === 1) parts.push(`<h3>${topicInline(topic)}</h3>${noteHtml(topic)}`);
    else if (depth === 2) parts.push(`<h4>${topicInline(topic)}</h4>${noteHtml(topic)}`);
    else {
      parts.push(`<li>${topicInline(topic)}${noteHtml(topic)}`);
      stack.push({ close: '</li>' });
    }
    pushChildren(topic.id, depth + 1);
  }
  return new SafeHtml(parts.join(''));
}
