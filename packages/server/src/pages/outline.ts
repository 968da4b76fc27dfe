// The whole outline of a map (思维导图大纲) as HTML: first-level branches as <h3>, second-level as
// <h4>, everything deeper as nested lists; notes (e.g. a law article's full text) under their
// topic, each passage once (a title that opens its note is not printed twice), labels as tags, links
// only when plainly http(s)/mailto, law articles anchored (`#第十条`) for citations to link to; and the
// 引用法条 list. Iterative, so a deep or huge map cannot overflow the stack.

import { childrenByParent, type MindDoc, type Topic, type TopicId } from '@arbor/core';
import type { CitationLink } from '../templates/citations.ts';
import { attachedChildrenOf } from '../templates/record.ts';
import { escapeHtml, html, SafeHtml, safeHref } from './html.ts';

function inline(t: Topic, text: string): string {
  const escaped = escapeHtml(text.trim() || '（空白主题）');
  const href = safeHref(t.href);
  let out = href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener ugc">${escaped}</a>` : escaped;
  if (t.labels) for (const l of t.labels.slice(0, 8)) out += `<span class="label">${escapeHtml(l)}</span>`;
  return out;
}

function noteHtml(note: string | undefined): string {
  const text = note?.trim();
  return text ? `<p class="note">${escapeHtml(text)}</p>` : '';
}

const squash = (s: string) => s.replace(/\s+/g, '');
/** The number a heading starts with: 第十条, 第二章, 一、, （三）, 1.2. */
const LABEL =
  /^(?:第[零〇一二三四五六七八九十百千\d]+[编章节条](?:之[一二三四五六七八九十]+)?|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*(?:[.、．](?!\d)|(?=\s)))/;

/** What a topic shows: its title and the note under it, each passage once. */
export interface TopicText {
  title: string;
  note: string;
}

/**
 * A topic whose title is the opening of its note (a document's article condensed to its first words)
 * shows the passage once: in a list, the whole note in place of the title; as a heading, the number alone
 * over the text, or the note's first paragraph as the heading over the rest.
 */
export function topicText(title: string, note: string | undefined, asHeading: boolean): TopicText {
  const body = note?.trim() ?? '';
  const opening = title.trim().replace(/(?:…|\.\.\.)$/, '');
  if (!body || squash(opening).length < 4 || !squash(body).startsWith(squash(opening))) return { title, note: body };
  if (!asHeading) return { title: body, note: '' };
  const label = LABEL.exec(opening)?.[0];
  if (label && body.startsWith(label) && body.length > label.length) return { title: label, note: body.slice(label.length).trim() };
  const cut = body.indexOf('\n\n');
  return cut < 0 ? { title: body, note: '' } : { title: body.slice(0, cut), note: body.slice(cut).trim() };
}

/** The anchor of a topic that is a law's article (`第十条 …` → `第十条`): cited articles link to it. */
function anchorOf(text: string): string | undefined {
  return /^第[零〇一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?(?=[\s\u3000]|$)/.exec(text.trim())?.[0];
}

export function outlineHtml(doc: MindDoc): SafeHtml {
  const kids = childrenByParent(doc);
  const root = doc.topics[doc.rootId];
  if (!root) return new SafeHtml('');
  const rootNote = root.note?.trim() ?? '';
  // The root's title is the page's heading: a note repeating it shows only what follows.
  const parts: string[] = [noteHtml(squash(rootNote).startsWith(squash(root.text)) ? rootNote.slice(root.text.trim().length) : rootNote)];
  const anchors = new Set<string>();
  const idAttr = (text: string): string => {
    const anchor = anchorOf(text);
    if (!anchor || anchors.has(anchor)) return '';
    anchors.add(anchor);
    return ` id="${escapeHtml(anchor)}"`;
  };
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
    const shown = topicText(topic.text, topic.note, depth <= 2);
    const id = idAttr(topic.text);
    if (depth === 1) parts.push(`<h3${id}>${inline(topic, shown.title)}</h3>${noteHtml(shown.note)}`);
    else if (depth === 2) parts.push(`<h4${id}>${inline(topic, shown.title)}</h4>${noteHtml(shown.note)}`);
    else {
      parts.push(`<li${id}>${inline(topic, shown.title)}${noteHtml(shown.note)}`);
      stack.push({ close: '</li>' });
    }
    pushChildren(topic.id, depth + 1);
  }
  return new SafeHtml(parts.join(''));
}

/** `2021-01-01` → `2021年1月1日`. */
function chineseDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** The 引用法条 list: full names, linked to the laws' templates and articles; repealed laws with their successor. */
export function citationsHtml(references: readonly CitationLink[]): SafeHtml {
  if (references.length === 0) return new SafeHtml('');
  const item = (r: CitationLink) => {
    const name = r.href ? html`<a href="${r.href}">${r.text}</a>` : html`${r.text}`;
    const as = r.name !== r.fullName ? html` <span class="desc">（原文作《${r.name}》）</span>` : '';
    if (!r.repealed) return html`<li>${name}${as}</li>`;
    const successor = r.repealed.successorHref
      ? html`<a href="${r.repealed.successorHref}">《${r.repealed.successor}》</a>`
      : html`《${r.repealed.successor}》`;
    return html`<li>${name}${as} <span class="label">已废止 / repealed</span> <span class="desc">自${chineseDate(r.repealed.since)}起由${successor}取代</span></li>`;
  };
  return html`<section class="card citations"><h2>引用法条</h2><ul>${references.map(item)}</ul></section>`;
}
