// Ask the map's source document a question: the passages most like the question are retrieved
// (character bigrams, which work for Chinese without a segmenter), the model answers from them only,
// with passage numbers; the answer lands under the topic whose source span holds the cited passage,
// with the quotation in its note and the passage's span as its source (the topic is the last one
// starting before the passage in the text). A question the passages do
// not answer says so and creates nothing.

import type { Op, SourceSpan, TopicId } from '@arbor/core';
import { identityText, StableIds } from '../ids.ts';
import { parseOutline } from '../outline.ts';
import { askPrompt, type Language, UNANSWERABLE } from '../prompts.ts';
import { chat, type FlowContext, type FlowResult } from './context.ts';
import { type DocumentSkeleton, documentSkeleton } from './document.ts';

export interface Passage {
  start: number;
  end: number;
  text: string;
}

export interface AskInput {
  question: string;
  /** Where the answer goes when no topic's source holds the cited passage (usually the root). */
  anchorId: TopicId;
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
  /** The map's topics with their source spans; by default, the document flow's skeleton under `anchorId`. */
  topics?: { id: TopicId; source?: SourceSpan }[];
  /** The document's skeleton, made beforehand (see documentSkeleton). */
  skeleton?: DocumentSkeleton;
  /** Passages given to the model (default 5). */
  passages?: number;
  language?: Language;
}

/**
 * Passages with their offsets in `text`: one per paragraph (line), a short line (a heading) joined
 * to the line after it, a long one cut into windows of `max` characters.
 */
export function splitPassages(text: string, max = 600, short = 40): Passage[] {
  const out: Passage[] = [];
  const re = /[^\n]+/g;
  let cur: Passage | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!m[0].trim()) continue;
    if (cur && cur.end - cur.start < short && end - cur.start <= max) {
      cur.end = end;
      continue;
    }
    if (cur) out.push(cur);
    cur = { start, end, text: '' };
    while (cur.end - cur.start > max) {
      out.push({ start: cur.start, end: cur.start + max, text: '' });
      cur = { start: cur.start + max, end, text: '' };
    }
  }
  if (cur) out.push(cur);
  for (const p of out) p.text = text.slice(p.start, p.end);
  return out;
}

function bigrams(s: string): Set<string> {
  const t = identityText(s).replace(/[\s\p{P}\p{S}]+/gu, ' ');
  const set = new Set<string>();
  for (const word of t.split(' ')) {
    if (!word) continue;
    if (/^[\p{L}\p{N}]+$/u.test(word) && /^[a-z0-9]+$/.test(word)) {
      set.add(word);
      continue;
    }
    const chars = [...word];
    if (chars.length === 1) set.add(word);
    for (let i = 0; i + 1 < chars.length; i++) set.add(`${chars[i]}${chars[i + 1]}`);
  }
  return set;
}

/** The passages that share the most bigrams with the question, best first. */
export function rankPassages(question: string, passages: Passage[], k: number): Passage[] {
  const q = bigrams(question);
  const scored = passages.map((p, i) => {
    const b = bigrams(p.text);
    let hit = 0;
    for (const g of q) if (b.has(g)) hit++;
    return { p, i, score: hit / Math.sqrt(8 + b.size) };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, k)
    .map((s) => s.p);
}

const CITE = /\s*[[【](\d{1,2})[\]】]/g;

export async function askDocument(ctx: FlowContext, input: AskInput): Promise<FlowResult & { answered: boolean }> {
  const skeleton =
    input.skeleton ??
    (await documentSkeleton({ anchorId: input.anchorId, text: input.text, bytes: input.bytes, fileName: input.fileName }));
  const text = skeleton.map.text;
  const top = rankPassages(input.question, splitPassages(text), Math.min(8, Math.max(1, input.passages ?? 5)));
  const unanswerable = (usage = { promptTokens: 0, completionTokens: 0, estimated: false }) => {
    ctx.emit({
      type: 'answer',
      answered: false,
      text: `${UNANSWERABLE}：文档中没有找到答案 (the document does not answer this question)`,
      citations: [],
    });
    return { usage, topics: 0, answered: false };
  };
  if (!top.length) return unanswerable();
  // Best first: [1] is the passage most like the question.
  const passages = top;
  ctx.emit({ type: 'progress', done: 0, total: 1, label: '正在回答 (answering)' });
  const { text: answer, usage } = await chat(
    ctx,
    askPrompt({ question: input.question, passages: passages.map((p) => p.text), language: input.language ?? 'zh' }),
    () => {},
  );
  const trimmed = answer
    .trim()
    .replace(/^```\w*\s*|```$/g, '')
    .trim();
  if (!trimmed || trimmed.startsWith(UNANSWERABLE) || /^unanswerable\b/i.test(trimmed) || /^["“]?无法回答/.test(trimmed))
    return unanswerable(usage);
  const cited = new Set<number>();
  const clean = trimmed.replace(CITE, (_m, n: string) => {
    const i = Number(n) - 1;
    if (passages[i]) cited.add(i);
    return '';
  });
  const citations = [...cited]
    .sort((a, b) => a - b)
    .map((i) => {
      const p = passages[i] as Passage;
      return { passage: i + 1, start: p.start, end: p.end, quote: p.text.length > 300 ? `${p.text.slice(0, 300)}…` : p.text };
    });
  const first = citations[0];
  // The topic the cited passage belongs to: the last one that starts at or before it in the text.
  let parentId = input.anchorId;
  if (first) {
    const topics = input.topics ?? skeletonTopics(skeleton.ops);
    let best = -1;
    for (const t of topics) {
      if (!t.source || t.source.start > first.start || t.source.start <= best) continue;
      best = t.source.start;
      parentId = t.id;
    }
  }
  const answerId = new StableIds('ask', ctx.taken).next(parentId, input.question);
  const parsed = parseOutline(clean, { anchorId: answerId, mode: 'title', maxDepth: 2, taken: ctx.taken });
  const title = parsed.title ?? clean.split('\n')[0]?.trim() ?? clean;
  const note = [
    `问：${input.question}`,
    `答：${clean}`,
    ...(citations.length ? ['', '引用 (citations):', ...citations.map((c) => `[${c.passage}] ${c.quote}`)] : []),
  ].join('\n');
  const ops: Op[] = [
    {
      type: 'topic.create',
      parentId,
      topic: { id: answerId, text: title, note, ...(first ? { source: { start: first.start, end: first.end } } : {}) },
    },
    ...parsed.ops.filter((op) => op.type === 'topic.create'),
  ];
  ctx.emit({ type: 'ops', ops });
  ctx.emit({ type: 'answer', answered: true, text: title, topicId: answerId, parentId, citations });
  return { usage, topics: ops.length, answered: true };
}

function skeletonTopics(ops: Op[]): { id: TopicId; source?: SourceSpan }[] {
  const out: { id: TopicId; source?: SourceSpan }[] = [];
  for (const op of ops) if (op.type === 'topic.create') out.push({ id: op.topic.id, source: op.topic.source });
  return out;
}
