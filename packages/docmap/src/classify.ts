// Decides, block by block, what may be a heading: a numbered marker (with its family), a heading the
// source states (Markdown `#`, Word Heading, `<hN>`, PDF font), or an unnumbered short title line.
// Guards reject dates, tables of contents, signature blocks, list items and wrapped lines.

import type { Block } from './blocks.ts';
import { type Marker, type MarkerFamily, parseMarker } from './markers.ts';
import { displayWidth, ENDS_AS_PROSE, HAN, isDateLine } from './text-utils.ts';

/** `plain`: an unnumbered short title line; `caps`: one in capitals (EXECUTIVE SUMMARY), a level above `plain`. */
export type HeadingFamily = MarkerFamily | `h${number}` | 'plain' | 'caps';

export const isUnnumbered = (f: HeadingFamily): boolean => f === 'plain' || f === 'caps';

export interface Candidate {
  family: HeadingFamily;
  marker?: Marker;
  /** Heading level stated by the source (`#` count, Word outline level…). */
  level?: number;
  /** A short line without final punctuation: a section title rather than a list item in prose. */
  titleLike?: boolean;
  /** A number alone on its line (`CHAPTER 2`, `1.1`, `第三章`) whose title is the next block: the two are one heading. */
  joinNext?: boolean;
}

export interface ClassifyOptions {
  /** Unnumbered short lines may be headings (plain text, PDF); off where the source marks headings. */
  plainHeadings: boolean;
  /** The extracted text the blocks point into (page breaks between blocks are read from it). */
  text?: string;
}

/** A Table-of-contents line: dot leaders (or a tab) before a page number. */
export const TOC_LINE = /(?:(?:\.\s?){4,}|…{2,}|·{4,}|_{4,}|\t)\s*\d+\s*$/;

/** Strips Markdown emphasis around a whole heading line (`**一、总则**`). */
export function stripEmphasis(s: string): string {
  return s.replace(/^(\*\*|__)(.+)\1$/, '$2').replace(/^[*_]([^*_]+)[*_]$/, '$1');
}

/** Is this block a short line that could title a section (no final punctuation, no sentence inside)? */
export function isTitleLike(text: string): boolean {
  const t = text.trim();
  if (!t || ENDS_AS_PROSE.test(t) || isDateLine(t) || TOC_LINE.test(t)) return false;
  const han = HAN.test(t);
  const width = displayWidth(t);
  if (han ? width > 44 : width > 72) return false;
  if (/[。；！？]|[，,].*[，,]/.test(t)) return false;
  if (!han && t.split(/\s+/).length > 10) return false;
  if (/^(?:附件|附表|抄送|印发|联系人|电话|邮箱|email|e-mail|tel|fax)[:：\s\d]/i.test(t)) return false;
  if (/^[-*+•·>|\\[(<`=~_]/.test(t) || /^https?:/.test(t)) return false;
  // A definition or assignment (`coffee-url = scheme ":" …`) is grammar or code, not a title.
  if (/\s=\s|^[\w-]+=/.test(t)) return false;
  // A title says something: a line of rules, dots or code fences does not.
  if (!/[\p{L}\p{N}]/u.test(t)) return false;
  // A document number (X政发〔2024〕1号) or a page reference is not a title.
  if (/[〔[]\d{4}[〕\]]\s*\d+\s*号$/.test(t)) return false;
  return true;
}

/** Classifies every block: a heading candidate, or undefined for body material. */
export function classifyBlocks(blocks: readonly Block[], options: ClassifyOptions): (Candidate | undefined)[] {
  const indents = relativeIndents(blocks, options.text);
  const bodyIndent = dominantIndent(blocks, indents);
  const out: (Candidate | undefined)[] = new Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    out[i] = classifyBlock(b, i, blocks, bodyIndent, indents[i] ?? 0, options);
  }
  // The title line of a number standing alone is part of that heading, not a heading of its own.
  for (let i = 0; i + 1 < blocks.length; i++) if (out[i]?.joinNext) out[i + 1] = undefined;
  demoteContentsRuns(blocks, out);
  return out;
}

/** Heading text as a table of contents repeats it: no spaces, no dot leaders, no page number. */
function contentsKey(text: string): string {
  return text
    .replace(/(?:[.·…_\s]{2,}|\t)\s*\d+\s*$/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^(\*\*|__)(.+)\1$/, '$2');
}

/**
 * A table of contents without dot leaders: a run of three or more headings with no text between,
 * every one of which appears again later as a heading. Its lines are body, not sections.
 */
function demoteContentsRuns(blocks: readonly Block[], out: (Candidate | undefined)[]): void {
  const last = new Map<string, number>();
  for (let i = 0; i < blocks.length; i++) if (out[i]) last.set(contentsKey((blocks[i] as Block).text), i);
  const repeatsLater = (k: number) => (last.get(contentsKey((blocks[k] as Block).text)) ?? -1) > k;
  let i = 0;
  while (i < blocks.length) {
    if (!out[i] || !repeatsLater(i)) {
      i++;
      continue;
    }
    // The run: consecutive headings (no text between), each of which comes again later.
    let j = i;
    while (j < blocks.length && out[j] && repeatsLater(j)) j++;
    if (j - i >= 3) for (let k = i; k < j; k++) out[k] = undefined;
    i = Math.max(j, i + 1);
  }
}

function classifyBlock(
  b: Block,
  i: number,
  blocks: readonly Block[],
  bodyIndent: number,
  indent: number,
  options: ClassifyOptions,
): Candidate | undefined {
  if (b.kind === 'table' || b.kind === 'code' || b.kind === 'quote' || b.kind === 'rule') return undefined;
  const text = stripEmphasis(b.text.trim());
  if (!text) return undefined;
  if (b.kind === 'heading' && b.level !== undefined) {
    const marker = parseMarker(text);
    if (marker && !marker.rest && titleFollows(i, blocks))
      return { family: marker.family, marker, level: b.level, titleLike: true, joinNext: true };
    return marker ? { family: marker.family, marker, level: b.level } : { family: `h${b.level}`, level: b.level };
  }
  if (b.kind === 'list-item' || b.listItem) return undefined;
  if (TOC_LINE.test(text) || isDateLine(text)) return undefined;
  // In documents whose body is indented (RFC style), indented blocks are never headings.
  if (bodyIndent >= 2 && indent >= bodyIndent) return undefined;
  const marker = parseMarker(text);
  if (marker) {
    if (b.align === 'right') return undefined;
    if (!marker.rest) {
      if (titleFollows(i, blocks)) return { family: marker.family, marker, titleLike: true, joinNext: true };
      if (!isStandaloneLabel(marker)) return undefined;
    }
    return isTitleLike(text) ? { family: marker.family, marker, titleLike: true } : { family: marker.family, marker };
  }
  if (b.level !== undefined && b.kind === 'paragraph') return { family: `h${b.level}`, level: b.level };
  if (options.plainHeadings && isTitleLike(text) && !b.listItem && b.align !== 'right' && isFollowedByBody(i, blocks))
    return { family: /[A-Z]{2}/.test(text) && !/[a-z]/.test(text) ? 'caps' : 'plain' };
  return undefined;
}

/** The block after a number standing alone is its title: a short unnumbered line right after it. */
function titleFollows(i: number, blocks: readonly Block[]): boolean {
  const b = blocks[i] as Block;
  const next = blocks[i + 1];
  if (!next || (next.kind !== 'paragraph' && next.kind !== 'heading') || next.listItem) return false;
  // Under a stated heading, only a heading of the same level (or a plain line) is its title.
  if (b.level !== undefined && next.level !== undefined && next.level !== b.level) return false;
  if (next.page !== b.page && next.page !== undefined && b.page !== undefined && next.page !== b.page + 1) return false;
  const t = stripEmphasis(next.text.trim());
  return !parseMarker(t) && isTitleLike(t);
}

/** `第三章` alone on a line (its title on the next line) is still a heading; a bare `1.` is not. */
function isStandaloneLabel(m: Marker): boolean {
  return m.family.startsWith('cn-') && m.label.startsWith('第');
}

/** A title line needs content after it: not the last lines of the document (signature, date). */
function isFollowedByBody(i: number, blocks: readonly Block[]): boolean {
  const indent = blocks[i]?.indent ?? 0;
  // A signature block is a few short lines; looking further would make long lists quadratic.
  for (let j = i + 1; j < blocks.length; j++) {
    if (j > i + 6) return true;
    const next = blocks[j] as Block;
    const t = next.text.trim();
    if ((next.indent ?? 0) > indent) return true;
    if (isDateLine(t)) continue;
    if (isTitleLike(t) && !parseMarker(t) && displayWidth(t) < 30) continue;
    return true;
  }
  return false;
}

/** Page furniture the reader dropped between two blocks: a form feed or an RFC page footer. */
const PAGE_BREAK = /\f|\[page\s+\d+\]/i;

/**
 * Each block's indentation above the least indented text block of its page: a page shifted as a whole
 * (the first page of a converted RFC sits four columns right) keeps headings at 0 and body at its step.
 */
function relativeIndents(blocks: readonly Block[], text: string | undefined): number[] {
  const out = blocks.map((b) => b.indent ?? 0);
  if (text === undefined) return out;
  let from = 0;
  for (let i = 0; i <= blocks.length; i++) {
    const end =
      i === blocks.length || PAGE_BREAK.test(text.slice((blocks[i - 1] as Block | undefined)?.end ?? 0, (blocks[i] as Block).start));
    if (!end || i === from) continue;
    let base = Number.POSITIVE_INFINITY;
    for (let j = from; j < i; j++) {
      const b = blocks[j] as Block;
      if (b.indent !== undefined && b.kind === 'paragraph' && isText(b.text)) base = Math.min(base, b.indent);
    }
    if (Number.isFinite(base)) for (let j = from; j < i; j++) out[j] = Math.max(0, (out[j] as number) - base);
    from = i;
  }
  return out;
}

/** Words rather than a rule, a row of dots or a code fence (` ``` newpage `). */
function isText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text) && !/^\s*(?:`{3,}|~{3,})/.test(text);
}

/** The indentation most paragraphs share, when at least 60 % of prose paragraphs are indented alike. */
function dominantIndent(blocks: readonly Block[], indents: readonly number[]): number {
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.kind !== 'paragraph' || b.indent === undefined || b.text.length < 40) continue;
    const indent = indents[i] as number;
    counts.set(indent, (counts.get(indent) ?? 0) + 1);
    total++;
  }
  let best = 0;
  let bestCount = 0;
  for (const [indent, n] of counts)
    if (n > bestCount) {
      best = indent;
      bestCount = n;
    }
  return total >= 3 && bestCount / total >= 0.6 ? best : 0;
}
