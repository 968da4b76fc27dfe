// What a template row holds, derived from a MindDoc: the outline text, citations, topic count and
// the pre-tokenized search fields. Pure: used by publishing and by the demo-library seed alike.

import { randomBytes } from 'node:crypto';
import type { MindDoc, Topic, TopicId } from '@arbor/core';
import { childrenByParent } from '@arbor/core';
import { similarityTerms, tokenizeForIndex } from '../search/tokenize.ts';

export const FILE_ID = /^[0-9a-f]{32}$/;
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;
export const MAX_DESCRIPTION = 2000;
const MAX_CITATIONS = 300;

/** A new public template id: 32 random lowercase hex characters. */
export function newFileId(): string {
  return randomBytes(16).toString('hex');
}

/** The attached children of a topic in order (no detached or summary topics). */
export function attachedChildrenOf(kids: Map<TopicId, Topic[]>, id: TopicId): Topic[] {
  return (kids.get(id) ?? []).filter((c) => !c.detached && c.summaryId === undefined);
}

/** Every attached topic's text on its own line, indented two spaces per level below the root. */
export function outlineText(doc: MindDoc): string {
  const kids = childrenByParent(doc);
  const lines: string[] = [];
  const root = doc.topics[doc.rootId];
  if (!root) return doc.title;
  const stack: [Topic, number][] = [[root, 0]];
  while (stack.length) {
    const [t, depth] = stack.pop()!;
    lines.push(`${'  '.repeat(depth)}${t.text.replace(/\s+/g, ' ').trim()}`);
    const children = attachedChildrenOf(kids, t.id);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return lines.join('\n');
}

export function docTitle(doc: MindDoc): string {
  const title = doc.title.trim() || doc.topics[doc.rootId]?.text.trim() || '未命名导图';
  return title.replace(/\s+/g, ' ').slice(0, 200);
}

/** Citations (引用法条) from the document's metadata: strings only, distinct, in order. */
export function docCitations(doc: MindDoc): string[] {
  const refs = doc.meta?.references;
  if (!Array.isArray(refs)) return [];
  const out = new Set<string>();
  for (const r of refs) if (typeof r === 'string' && r.trim() !== '') out.add(r.trim().slice(0, 200));
  return [...out].slice(0, MAX_CITATIONS);
}

/** Tags from user input: trimmed, distinct, bounded. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const v = t.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH);
    if (v !== '') out.add(v);
    if (out.size >= MAX_TAGS) break;
  }
  return [...out];
}

export interface TemplateContent {
  title: string;
  description: string;
  tags: string[];
  doc: MindDoc;
}

/** The content columns of a template row (everything but ids, owner, category and counters). */
export interface TemplateRecord {
  title: string;
  description: string;
  tags: string;
  citations: string;
  topic_count: number;
}

/** The template_contents row (without its id). */
export interface TemplateContentRecord {
  doc: string;
  outline_text: string;
  search_title: string;
  search_body: string;
}

export interface PreparedTemplate {
  record: TemplateRecord;
  content: TemplateContentRecord;
  /** Content terms for TF-IDF similarity. */
  terms: string[];
}

export function prepareTemplate(content: TemplateContent): PreparedTemplate {
  const outline = outlineText(content.doc);
  const description = content.description.trim().slice(0, MAX_DESCRIPTION);
  const tags = normalizeTags(content.tags);
  const titleTokens = tokenizeForIndex(content.title);
  const bodyTokens = tokenizeForIndex(`${description}\n${tags.join(' ')}\n${outline}`);
  return {
    record: {
      title: content.title,
      description,
      tags: JSON.stringify(tags),
      citations: JSON.stringify(docCitations(content.doc)),
      topic_count: Object.keys(content.doc.topics).length,
    },
    content: {
      doc: JSON.stringify(content.doc),
      outline_text: outline,
      search_title: titleTokens.join(' '),
      search_body: bodyTokens.join(' '),
    },
    // The title counts twice: it says best what a template is about.
    terms: similarityTerms([...titleTokens, ...titleTokens, ...bodyTokens]),
  };
}

/** Similarity terms of a stored row (the same as `prepareTemplate` gave at publish time). */
export function termsOfRow(row: { search_title: string; search_body: string }): string[] {
  const title = row.search_title === '' ? [] : row.search_title.split(' ');
  const body = row.search_body === '' ? [] : row.search_body.split(' ');
  return similarityTerms([...title, ...title, ...body]);
}

export function parseJsonArray(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
