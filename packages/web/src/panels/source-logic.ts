// The source view's model without a DOM: which parts of a map's source text no topic covers, and
// the operation that makes such a paragraph a topic (first sentence as its text, the whole passage
// as its note, its span kept) under the topic whose passage precedes it.

import { attachedChildren, createId, type DocState, type Op, type SourceSpan, type TopicId } from '@arbor/core';

export interface Passage {
  start: number;
  end: number;
}

/** The merged, sorted spans the topics of a map cover (clamped to the text). */
export function coveredSpans(state: DocState, length: number): Passage[] {
  const spans: Passage[] = [];
  for (const t of state.topics.values()) {
    const s = t.source;
    if (!s || !(s.end > s.start)) continue;
    const start = Math.max(0, Math.min(length, s.start));
    const end = Math.max(0, Math.min(length, s.end));
    if (end > start) spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Passage[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Paragraphs of a text: runs of non-blank lines, separated by blank lines (offsets, trimmed). */
export function paragraphs(text: string): Passage[] {
  const out: Passage[] = [];
  const re = /\n[ \t\u3000\r]*\n/g;
  let pos = 0;
  const push = (start: number, end: number) => {
    const p = trimmed(text, start, end);
    if (p) out.push(p);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(pos, m.index);
    pos = m.index + m[0].length;
    re.lastIndex = pos - 1; // the closing newline may open the next blank line
  }
  push(pos, text.length);
  return out;
}

function trimmed(text: string, start: number, end: number): Passage | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return e > s ? { start: s, end: e } : null;
}

/** At least this many non-space characters make an uncovered piece worth offering. */
const MIN_PIECE = 2;

/**
 * The passages no topic covers: each paragraph minus the covered spans, split where a covered span
 * interrupts it, trimmed; pieces of blank space or a lone character are left out.
 */
export function uncoveredPassages(text: string, covered: readonly Passage[]): Passage[] {
  const out: Passage[] = [];
  let c = 0;
  for (const p of paragraphs(text)) {
    while (c < covered.length && (covered[c] as Passage).end <= p.start) c++;
    let pos = p.start;
    for (let i = c; i < covered.length && (covered[i] as Passage).start < p.end; i++) {
      const s = covered[i] as Passage;
      if (s.start > pos) addPiece(text, pos, s.start, out);
      pos = Math.max(pos, s.end);
    }
    if (pos < p.end) addPiece(text, pos, p.end, out);
  }
  return out;
}

function addPiece(text: string, start: number, end: number, out: Passage[]): void {
  const p = trimmed(text, start, end);
  if (p && text.slice(p.start, p.end).replace(/\s/g, '').length >= MIN_PIECE) out.push(p);
}

const cache = new WeakMap<DocState, { stamp: number | string; text: string; uncovered: Passage[] }>();

/**
 * `uncoveredPassages` of a map's own `meta.sourceText`, cached per `stamp` (the document version by
 * default; the source view passes a counter of changes to spans and structure).
 */
export function uncoveredOf(state: DocState, stamp: number | string = state.version): Passage[] {
  const text = state.meta?.sourceText ?? '';
  const hit = cache.get(state);
  if (hit && hit.stamp === stamp && hit.text === text) return hit.uncovered;
  const uncovered = text ? uncoveredPassages(text, coveredSpans(state, text.length)) : [];
  cache.set(state, { stamp, text, uncovered });
  return uncovered;
}

/** Longest topic text made from a passage, in characters (the full passage goes to the note). */
export const TITLE_CHARS = 40;

/** A passage's first sentence (or clause-free first line), cut to `TITLE_CHARS` with an ellipsis. */
export function firstSentence(passage: string): string {
  const flat = passage.replace(/\s*\n\s*/g, ' ').trim();
  const m = /^(.+?[。！？!?；;]|.+?\.(?=\s|$))/u.exec(flat);
  const sentence = (m ? (m[1] as string) : flat).trim();
  const chars = [...sentence];
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS - 1).join('')}…` : sentence;
}

/** The topic whose passage starts last at or before `offset` (the root when none does). */
export function precedingTopic(state: DocState, offset: number): TopicId {
  let best: TopicId = state.rootId;
  let bestStart = -1;
  for (const t of state.topics.values()) {
    const s = t.source;
    if (!s || s.start > offset || t.detached) continue;
    if (s.start > bestStart || (s.start === bestStart && s.end < (state.topics.get(best)?.source?.end ?? Infinity))) {
      best = t.id;
      bestStart = s.start;
    }
  }
  return best;
}

/**
 * The operation that makes a passage a topic. It goes under the topic whose passage precedes it,
 * after the children that come earlier in the text. When that topic is a body leaf (no children,
 * a note, not the root), the passage is its next sibling instead: paragraphs do not nest.
 */
export function passageToTopicOp(state: DocState, passage: Passage, newId: () => TopicId = () => createId('t') as TopicId): Op {
  const text = state.meta?.sourceText ?? '';
  const full = text.slice(passage.start, passage.end);
  const source: SourceSpan = { start: passage.start, end: passage.end };
  const title = firstSentence(full) || full.slice(0, TITLE_CHARS);
  const topic = { id: newId(), text: title, source, ...(title !== full.replace(/\s*\n\s*/g, ' ').trim() ? { note: full } : {}) };
  const prev = precedingTopic(state, passage.start);
  const p = state.topics.get(prev);
  if (p && p.parentId !== null && p.summaryId === undefined && p.note && attachedChildren(state, prev).length === 0) {
    return { type: 'topic.create', after: prev, topic };
  }
  const kids = attachedChildren(state, prev);
  let after: TopicId | null = null;
  for (const k of kids) {
    const s = state.topics.get(k)?.source;
    if (s && s.start <= passage.start) after = k;
  }
  if (after) return { type: 'topic.create', after, topic };
  return kids.length ? { type: 'topic.create', before: kids[0] as TopicId, topic } : { type: 'topic.create', parentId: prev, topic };
}

export interface Segment {
  start: number;
  end: number;
  kind: 'plain' | 'passage' | 'uncovered';
  /** For an uncovered segment: its index in the uncovered list. */
  index?: number;
}

/**
 * The text cut into what the source view draws: the selected topic's passage, the uncovered
 * passages (they never overlap a topic's span), and plain text between them.
 */
export function sourceSegments(length: number, uncovered: readonly Passage[], passage: Passage | null): Segment[] {
  const marks: Segment[] = uncovered.map((p, index) => ({ start: p.start, end: p.end, kind: 'uncovered', index }));
  if (passage) {
    const start = Math.max(0, Math.min(length, passage.start));
    const end = Math.max(start, Math.min(length, passage.end));
    if (end > start) marks.push({ start, end, kind: 'passage' });
  }
  marks.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.end <= pos) continue;
    const start = Math.max(pos, m.start);
    if (start > pos) out.push({ start: pos, end: start, kind: 'plain' });
    out.push({ ...m, start });
    pos = m.end;
  }
  if (pos < length) out.push({ start: pos, end: length, kind: 'plain' });
  return out;
}
