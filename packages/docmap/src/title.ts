// The map's root title: the Word Title / the only top-level heading / a centred or first short line /
// the title the file states / the file name.

import type { Block } from './blocks.ts';
import type { Candidate } from './classify.ts';
import { parseMarker } from './markers.ts';
import { displayWidth, ENDS_AS_PROSE, HAN, isDateLine, joinLines } from './text-utils.ts';

export interface ChosenTitle {
  title: string;
  /** The block that became the root, if one did (it is then not repeated as a topic). */
  blockIndex?: number;
  /** The last block of a title set over several lines (`blockIndex` when it has one line). */
  blockEnd?: number;
  /** A subtitle line right under the title: body, not a section. */
  subtitle?: number;
}

const GONGWEN_TITLE = /^.{0,40}关于.{2,80}的(?:通知|通报|意见|决定|报告|请示|批复|函|公告|通告|规定|办法|方案|决议|指导意见|实施意见)$/;
const COLUMN_GAP = /\S\s{3,}\S/;
const LOOKAHEAD = 12;

export function chooseTitle(
  blocks: readonly Block[],
  candidates: readonly (Candidate | undefined)[],
  statedTitle: string | undefined,
  fileName: string | undefined,
  text?: string,
): ChosenTitle {
  const marked = blocks.findIndex((b) => b.isTitle);
  if (marked >= 0) return { title: clean(blocks[marked]?.text ?? ''), blockIndex: marked };

  const top = uniqueTopHeading(blocks, candidates);
  if (top !== undefined) return extendTitle(blocks, candidates, top, text);

  const first = firstTitleLine(blocks, candidates, text);
  if (first !== undefined) return extendTitle(blocks, candidates, first, text);

  if (statedTitle?.trim()) return { title: clean(statedTitle) };
  const base = (fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { title: base || '未命名文档' };
}

/**
 * A title set over two or three lines (公文 titles broken before 的通知, a PDF title in large type) is one
 * title: the following lines join it when they look alike — the same stated level and type, or, in plain
 * text, lines of the same block of Chinese text with no number and no full stop. A Latin line right under
 * the title is its subtitle (`Final Report to …`): kept as body, never a section.
 */
function extendTitle(
  blocks: readonly Block[],
  candidates: readonly (Candidate | undefined)[],
  index: number,
  text: string | undefined,
): ChosenTitle {
  const first = blocks[index] as Block;
  // The next line of the same block of text: one line break between, no blank line.
  const nextLine = (a: Block, b: Block) =>
    text !== undefined && a.indent !== undefined && /^[^\S\n]*\n[^\S\n]*$/.test(text.slice(a.end, b.start));
  let end = index;
  while (end + 1 < blocks.length && end - index < 2) {
    const prev = blocks[end] as Block;
    const next = blocks[end + 1] as Block;
    const t = next.text.trim();
    if (parseMarker(t) || isDateLine(t) || ENDS_AS_PROSE.test(t) || /[〔[]\d{4}[〕\]]|号$/.test(t)) break;
    const styled =
      next.kind === first.kind &&
      next.level === first.level &&
      first.fontSize !== undefined &&
      (next.level !== undefined || next.align === 'center') &&
      next.align === first.align &&
      next.fontSize === first.fontSize &&
      next.bold === first.bold;
    const adjacent = nextLine(prev, next) && HAN.test(prev.text) && HAN.test(t);
    if (!styled && !adjacent) break;
    if (displayWidth(`${first.text}${t}`) > 120 || candidates[end + 1]?.marker) break;
    end++;
  }
  const parts = blocks.slice(index, end + 1).map((b) => b.text.trim());
  const chosen: ChosenTitle = { title: clean(joinLines(parts)), blockIndex: index };
  if (end > index) chosen.blockEnd = end;
  const next = blocks[end + 1];
  if (next && nextLine(blocks[end] as Block, next) && !HAN.test(next.text)) chosen.subtitle = end + 1;
  return chosen;
}

function clean(s: string): string {
  return s
    .replace(/^(\*\*|__)(.+)\1$/, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first stated heading, when it is the only heading at the highest level used and nothing numbered precedes it. */
function uniqueTopHeading(blocks: readonly Block[], candidates: readonly (Candidate | undefined)[]): number | undefined {
  let minLevel = Number.POSITIVE_INFINITY;
  let firstIndex = -1;
  let countAtMin = 0;
  for (let i = 0; i < blocks.length; i++) {
    const c = candidates[i];
    if (c?.level === undefined) continue;
    if (c.level < minLevel) {
      minLevel = c.level;
      countAtMin = 0;
      firstIndex = -1;
    }
    if (c.level === minLevel) {
      countAtMin++;
      if (firstIndex < 0) firstIndex = i;
    }
  }
  if (firstIndex < 0) return undefined;
  // Several headings at the top level are sections, unless they are the lines of one title (a PDF title in large type).
  if (countAtMin !== 1) {
    if (countAtMin > 3) return undefined;
    for (let k = firstIndex; k < firstIndex + countAtMin; k++) if (candidates[k]?.level !== minLevel) return undefined;
  }
  for (let i = 0; i < firstIndex; i++) if (candidates[i]) return undefined;
  const c = candidates[firstIndex];
  if (c?.marker && c.marker.family !== 'cn-part') return undefined;
  return firstIndex;
}

/** A centred line near the top, else the first short line that is not numbered, a date or prose. */
function firstTitleLine(blocks: readonly Block[], candidates: readonly (Candidate | undefined)[], text?: string): number | undefined {
  const limit = Math.min(blocks.length, LOOKAHEAD);
  const usable = (i: number): boolean => {
    const b = blocks[i] as Block;
    const t = b.text.trim();
    if (b.kind !== 'paragraph' && b.kind !== 'heading') return false;
    // One of several stated headings is a section, not the title (that case is uniqueTopHeading's).
    if (candidates[i]?.level !== undefined) return false;
    if (!t || COLUMN_GAP.test(t) || isDateLine(t) || ENDS_AS_PROSE.test(t) || displayWidth(t) > 120) return false;
    const m = parseMarker(t);
    return !m;
  };
  // The right margin of the text, to tell a centred line from one set flush right (an author's affiliation).
  let right = 0;
  // (Blocks of one line only: a joined paragraph is wider than any line.)
  if (text !== undefined)
    for (const b of blocks.slice(0, 200))
      if (b.indent !== undefined && !text.slice(b.start, b.end).includes('\n')) right = Math.max(right, b.indent + displayWidth(b.text));
  const centred = (b: Block): boolean => {
    if (b.align === 'center') return true;
    const indent = b.indent ?? 0;
    if (indent < 8) return false;
    return right === 0 || Math.abs(indent - (right - indent - displayWidth(b.text))) <= Math.max(8, indent / 2);
  };
  for (let i = 0; i < limit; i++) {
    const b = blocks[i] as Block;
    if (candidates[i]?.marker) break;
    if (centred(b) && usable(i)) return i;
  }
  // An official document's title names its kind (…关于…的通知, …实施方案): prefer it to a letterhead above it.
  for (let i = 0; i < limit; i++) {
    if (candidates[i]?.marker) break;
    if (GONGWEN_TITLE.test((blocks[i] as Block).text.trim()) && usable(i)) return i;
  }
  for (let i = 0; i < limit; i++) {
    if (candidates[i]?.marker) break;
    const b = blocks[i] as Block;
    if (COLUMN_GAP.test(b.text)) continue;
    return usable(i) ? i : undefined;
  }
  return undefined;
}
