// Structure detection (DESIGN §6): turns classified blocks into a nested outline. Levels follow the
// order in which marker families appear (a stack of open families), conventional ranks settle
// families of one writing system (第X章 above 第X条, 一、 above （一）), stated heading levels compare
// by number, and numbering must run in sequence for the weak families (1. 一、 ① a)…).

import type { Block, ExtractedDocument } from './blocks.ts';
import { type Candidate, classifyBlocks, type HeadingFamily, isTitleLike, isUnnumbered } from './classify.ts';
import { FAMILY_RANK, type MarkerFamily, STRONG_FAMILIES } from './markers.ts';
import { SENTENCE_END } from './text-utils.ts';
import { chooseTitle } from './title.ts';

export type OutlineKind = 'root' | 'heading' | 'body' | 'table';

export interface OutlineNode {
  kind: OutlineKind;
  /** For headings: the heading text (marker included, body run-on cut off); for body: the full text. */
  heading: string;
  /** The block's whole text (becomes the note). */
  text: string;
  start: number;
  end: number;
  page?: number;
  children: OutlineNode[];
}

export interface OutlineOptions {
  fileName?: string;
  plainHeadings: boolean;
}

interface Open {
  node: OutlineNode;
  family: HeadingFamily;
  level?: number;
  ordinal: number;
  /** A table of contents: its lines are body, and the next heading never nests under it. */
  isContents?: boolean;
  /** For an unnumbered heading outside wrap mode: the numbered family it introduces (see `plainSections`). */
  owns?: HeadingFamily;
  /** The numbering path above the ordinal (`2` of `Section 2.03`). */
  parentPath?: string;
}

const CONTENTS = /^(?:table\s+of\s+contents|contents|目\s*录|目\s*次)$/i;

export function buildOutline(doc: ExtractedDocument, options: OutlineOptions): OutlineNode {
  const { blocks } = doc;
  const candidates = classifyBlocks(blocks, { plainHeadings: options.plainHeadings, text: doc.text });
  const chosen = chooseTitle(blocks, candidates, doc.statedTitle, options.fileName, doc.text);
  const titleBlock = chosen.blockIndex === undefined ? undefined : blocks[chosen.blockIndex];
  const titleEnd = chosen.blockEnd ?? chosen.blockIndex ?? -1;
  const root: OutlineNode = {
    kind: 'root',
    heading: chosen.title,
    text: chosen.blockEnd === undefined ? (titleBlock?.text ?? chosen.title) : chosen.title,
    start: titleBlock?.start ?? 0,
    end: blocks[titleEnd]?.end ?? 0,
    children: [],
  };
  if (titleBlock?.page !== undefined) root.page = titleBlock.page;
  const rootKey = squash(chosen.title);
  for (let i = 0; i < blocks.length; i++) {
    const cand = candidates[i];
    // Front matter above the title (a letterhead, a document number) holds no sections, and a plain
    // line that repeats the title (the plan's own title under a 印发…的通知) is no section either.
    if (chosen.blockIndex !== undefined && i < chosen.blockIndex) candidates[i] = undefined;
    else if (cand && isUnnumbered(cand.family) && rootKey.includes(squash((blocks[i] as Block).text))) candidates[i] = undefined;
  }
  if (chosen.subtitle !== undefined && candidates[chosen.subtitle] && isUnnumbered((candidates[chosen.subtitle] as Candidate).family))
    candidates[chosen.subtitle] = undefined;
  const plain = plainSections(blocks, candidates);
  const ctx: Context = { wrap: plain.wrap, below: nestingByRestarts(candidates) };
  const stack: Open[] = [];
  const top = (): OutlineNode => stack[stack.length - 1]?.node ?? root;

  for (let i = 0; i < blocks.length; i++) {
    if (chosen.blockIndex !== undefined && i >= chosen.blockIndex && i <= titleEnd) continue;
    const block = blocks[i] as Block;
    let cand = candidates[i];
    let depth: number | undefined;
    if (cand) [cand, depth] = place(stack, cand, ctx);
    if (!cand || depth === undefined) {
      top().children.push(leaf(block));
      continue;
    }
    stack.length = depth;
    const next = cand.joinNext ? blocks[i + 1] : undefined;
    const node = next ? joinedHeadingNode(block, next) : headingNode(block, cand);
    if (next) i++;
    top().children.push(node);
    const open: Open = { node, family: cand.family, ordinal: cand.marker?.ordinal ?? 0 };
    if (cand.marker?.parentPath !== undefined) open.parentPath = cand.marker.parentPath;
    if (cand.level !== undefined) open.level = cand.level;
    if (CONTENTS.test(block.text.trim())) open.isContents = true;
    const owns = plain.owns.get(i);
    if (owns) open.owns = owns;
    stack.push(open);
  }
  return root;
}

/**
 * How unnumbered headings (基本要求, Abstract, 引用法条) relate to numbered ones. In wrap mode — two or
 * more of them each introduce a numbered run starting at 1 (an exam outline's 基本要求 / 考试内容 /
 * 考试方式) — they are the top level and everything nests below. Otherwise (Abstract … 1 Introduction)
 * a plain heading owns only a new numbered family that follows it immediately (引用法条 → [1] [2]).
 */
function plainSections(
  blocks: readonly Block[],
  candidates: readonly (Candidate | undefined)[],
): { wrap: boolean; owns: Map<number, HeadingFamily> } {
  const owns = new Map<number, HeadingFamily>();
  const seen = new Set<HeadingFamily>();
  let introducing = 0;
  for (let i = 0; i < blocks.length; i++) {
    const c = candidates[i];
    if (!c) continue;
    if (!isUnnumbered(c.family)) {
      seen.add(c.family);
      continue;
    }
    let j = i + 1;
    while (j < blocks.length && !candidates[j]) j++;
    const next = candidates[j];
    if (!next?.marker || isUnnumbered(next.family)) continue;
    if (next.marker.ordinal === 1 && next.family !== 'bracket') introducing++;
    if (j === i + 1 && !seen.has(next.family) && !STRONG_FAMILIES.has(next.family as MarkerFamily)) owns.set(i, next.family);
  }
  return { wrap: introducing >= 2, owns };
}

interface Context {
  /** Unnumbered headings are the top level (see `plainSections`). */
  wrap: boolean;
  /** Family → the family it nests under, as the document's numbering shows (see `nestingByRestarts`). */
  below: Map<HeadingFamily, HeadingFamily>;
}

/** Word-numbered section families whose relative rank varies between documents. */
const WORD_FAMILIES: ReadonlySet<HeadingFamily> = new Set(['en-part', 'en-chapter', 'en-section', 'en-article', 'en-para']);

/**
 * Which word-numbered family nests under which, read from the numbering: `Section 1` right after every
 * `Article N` (numbering restarts) sits below Article, as in a constitution or bylaws; where Articles run on
 * across Sections (a regulation's Chapter › Section › Article) the conventional ranks stay.
 */
function nestingByRestarts(candidates: readonly (Candidate | undefined)[]): Map<HeadingFamily, HeadingFamily> {
  const restarts = new Map<string, number>();
  const runs = new Map<string, number>();
  let prev: Candidate | undefined;
  for (const c of candidates) {
    if (!c?.marker || !WORD_FAMILIES.has(c.family)) continue;
    if (prev && prev.family !== c.family) {
      const key = `${prev.family} ${c.family}`;
      const counts = c.marker.ordinal === 1 ? restarts : runs;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    prev = c;
  }
  const below = new Map<HeadingFamily, HeadingFamily>();
  for (const [key, n] of restarts) {
    const [upper, lower] = key.split(' ') as [HeadingFamily, HeadingFamily];
    const against = runs.get(key) ?? 0;
    if ((against === 0 || (n >= 2 && n > against)) && !below.has(upper)) below.set(lower, upper);
  }
  return below;
}

/**
 * Places a candidate, trying the other reading of an ambiguous letter (`C.` Roman or the letter after
 * `B.`): the reading that continues an open sequence wins, then the one that can be placed at all.
 */
function place(stack: readonly Open[], c: Candidate, ctx: Context): [Candidate, number | undefined] {
  const alt = c.marker?.alt;
  if (!alt || !c.marker) return [c, placement(stack, c, ctx)];
  const other: Candidate = { ...c, family: alt.family, marker: alt };
  const continues = (x: Candidate) => stack.some((o) => o.family === x.family && o.ordinal + 1 === x.marker?.ordinal);
  const first = placement(stack, c, ctx);
  const second = placement(stack, other, ctx);
  if (second !== undefined && continues(other) && !continues(c)) return [other, second];
  if (first === undefined && second !== undefined) return [other, second];
  return [c, first];
}

/**
 * Where a heading goes: the stack depth it is pushed at, or undefined when its numbering does not fit
 * (then it is body text: a restarted list, a wrapped line, a number inside prose).
 */
function placement(fullStack: readonly Open[], c: Candidate, ctx: Context): number | undefined {
  const wrapMode = ctx.wrap;
  const weak = c.marker !== undefined && !STRONG_FAMILIES.has(c.marker.family);
  const ordinal = c.marker?.ordinal ?? 0;
  const capsAt = fullStack.findIndex((o) => o.family === 'caps');
  const plainAt = fullStack.findIndex((o) => o.family === 'plain');
  if (c.family === 'caps') return Math.max(capsAt, 0);
  if (c.family === 'plain') return plainAt >= 0 ? plainAt : capsAt + 1;
  // Outside wrap mode the innermost unnumbered heading keeps only the family it owns; other section
  // titles close it (Abstract … 1 Introduction), while numbered sentences stay inside as its list.
  let stack = fullStack;
  if (!wrapMode && c.titleLike)
    for (let k = fullStack.length - 1; k >= 0; k--) {
      const o = fullStack[k] as Open;
      if (!isUnnumbered(o.family)) continue;
      if (o.owns !== c.family) stack = fullStack.slice(0, k);
      break;
    }
  let depth = stack.length;
  if (stack[depth - 1]?.isContents) depth--;
  while (depth > 0) {
    const o = stack[depth - 1] as Open;
    if (o.family === c.family) {
      if (weak && !follows(o, c, ordinal)) return undefined;
      return depth - 1;
    }
    if (!outranks(o, c, stack, depth - 1, ctx)) break;
    depth--;
  }
  if (weak && ordinal !== 1) return undefined;
  return depth;
}

/**
 * Does `c` continue the sequence of the open sibling `o`? The next number does; so does, for a title line,
 * a number repeated (（一）（一）) or one that skips one or two (一、二、四、): authors' slips, not new lists.
 */
function follows(o: Open, c: Candidate, ordinal: number): boolean {
  if (ordinal === o.ordinal + 1) return true;
  const skipOrRepeat = ordinal === o.ordinal || (ordinal > o.ordinal + 1 && ordinal <= o.ordinal + 3);
  return skipOrRepeat && (c.titleLike === true || runsOn(c.marker?.rest ?? '')) && isTitleLine(o.node);
}

/** A short heading that runs into its body in the same paragraph: `（三）交通安全。重点检查…`. */
function runsOn(rest: string): boolean {
  const stop = SENTENCE_END.exec(rest);
  return stop !== null && stop.index > 0 && stop.index + 1 < rest.length && isTitleLike(rest.slice(0, stop.index));
}

/** The open heading was a title line as well (not a numbered sentence of a list). */
function isTitleLine(node: OutlineNode): boolean {
  return node.heading.length < node.text.length || isTitleLike(node.text);
}

/** Must the open heading `o` (at stack position `at`) close before `c` is placed? */
function outranks(o: Open, c: Candidate, stack: readonly Open[], at: number, ctx: Context): boolean {
  // Families whose order the document itself shows (Section 1 restarting under every Article).
  if (ctx.below.get(o.family) === c.family) return true;
  if (ctx.below.get(c.family) === o.family) return false;
  // `Section 2.03` belongs to the open heading numbered 2 (ARTICLE II) whatever their families' ranks.
  const path = c.marker?.parentPath;
  if (path !== undefined && o.family !== c.family && isSectionFamily(o.family)) {
    if (o.parentPath === undefined && String(o.ordinal) === path.split('.').pop()) return false;
  }
  // A section nested by its number closes when a family open above it comes back (Section 1.02 → ARTICLE II).
  if (o.parentPath !== undefined && isSectionFamily(o.family) && stack.slice(0, at).some((x) => x.family === c.family)) return true;
  // `1.` heads a chain of decimals (1.1, 1.1.1): it is their top level.
  if (o.family === 'num' && c.family.startsWith('decimal')) return false;
  if (c.family === 'num' && o.family.startsWith('decimal')) return true;
  // Chapter, Part, Section, Article and Appendix headings close numbered sections (7.2 → Appendix A).
  if ((c.family.startsWith('en-') || c.family === 'appendix') && (o.family === 'num' || o.family.startsWith('decimal'))) return true;
  const ro = rankOf(o.family);
  const rc = rankOf(c.family);
  if (ro !== undefined && rc !== undefined && sameSystem(o.family, c.family)) return ro >= rc;
  if (o.level !== undefined && c.level !== undefined) return o.level >= c.level;
  if (o.level === undefined && c.level !== undefined) return true;
  if (o.level !== undefined && c.level === undefined) return false;
  if (isUnnumbered(o.family)) return false;
  // Unrelated families: close `o` only if `c`'s family is open further up (it returns to that level).
  for (let k = at - 1; k >= 0; k--) if ((stack[k] as Open).family === c.family) return true;
  return false;
}

/** Families that number sections of a document (ARTICLE II, § 3, Chapter 2), as opposed to list items. */
function isSectionFamily(f: HeadingFamily): boolean {
  return STRONG_FAMILIES.has(f as MarkerFamily) || f === 'roman' || f === 'num';
}

function rankOf(f: HeadingFamily): number | undefined {
  return FAMILY_RANK[f as MarkerFamily];
}

function sameSystem(a: HeadingFamily, b: HeadingFamily): boolean {
  const cn = (f: HeadingFamily) => f.startsWith('cn-') || f === 'num' || f === 'num-paren' || f === 'circled';
  const en = (f: HeadingFamily) => f.startsWith('en-') || f === 'appendix' || f.startsWith('decimal');
  return (cn(a) && cn(b)) || (en(a) && en(b));
}

function headingNode(block: Block, c: Candidate): OutlineNode {
  const node: OutlineNode = {
    kind: 'heading',
    heading: headingPart(block.text, c),
    text: block.text,
    start: block.start,
    end: block.end,
    children: [],
  };
  if (block.page !== undefined) node.page = block.page;
  return node;
}

/** A number alone on its line and its title on the next: one heading spanning both blocks. */
function joinedHeadingNode(block: Block, title: Block): OutlineNode {
  const text = `${block.text.trim()} ${title.text.trim()}`;
  const node: OutlineNode = { kind: 'heading', heading: text, text, start: block.start, end: title.end, children: [] };
  if (block.page !== undefined) node.page = block.page;
  return node;
}

function leaf(block: Block): OutlineNode {
  const node: OutlineNode = {
    kind: block.kind === 'table' ? 'table' : 'body',
    heading: block.text,
    text: block.text,
    start: block.start,
    end: block.end,
    children: [],
  };
  if (block.page !== undefined) node.page = block.page;
  return node;
}

/** A numbered heading that runs into its body (`(四)加大宣传工作力度。依托…`) keeps only the heading part. */
function headingPart(text: string, c: Candidate): string {
  const t = text.replace(/^(\*\*|__)(.+)\1$/, '$2').trim();
  if (!c.marker) return t;
  const label = c.marker.label.trim();
  const rest = c.marker.rest;
  const stop = SENTENCE_END.exec(rest);
  if (stop && stop.index > 0 && stop.index + 1 < rest.length)
    return `${label}${needsSpace(label, rest) ? ' ' : ''}${rest.slice(0, stop.index)}`;
  return t;
}

function needsSpace(label: string, rest: string): boolean {
  return /[0-9A-Za-z.]$/.test(label) || /^第.+[编章节条]$/.test(label) || (/[)\]]$/.test(label) && /^[0-9A-Za-z"“]/.test(rest));
}

function squash(s: string): string {
  return s.replace(/[\s*_#《》"“”]/g, '');
}
