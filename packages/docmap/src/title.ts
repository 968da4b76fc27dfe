// The map's root title: the Word Title / the only top-level heading / a centred or first short line /
// the title the file states / the file name.

import type { Block } from './blocks.ts';
import type { Candidate } from './classify.ts';
import { parseMarker } from './markers.ts';
import { displayWidth, ENDS_AS_PROSE, isDateLine } from './text-utils.ts';

export interface ChosenTitle {
  title: string;
  /** The block that became the root, if one did (it is then not repeated as a topic). */
  blockIndex?: number;
}

const GONGWEN_TITLE = /^.{0,40}关于.{2,80}的(?:通知|通报|意见|决定|报告|请示|批复|函|公告|通告|规定|办法|方案|决议|指导意见|实施意见)$/;
const COLUMN_GAP = /\S\s{3,}\S/;
const LOOKAHEAD = 12;

export function chooseTitle(
  blocks: readonly Block[],
  candidates: readonly (Candidate | undefined)[],
  statedTitle: string | undefined,
  fileName: string | undefined,
): ChosenTitle {
  const marked = blocks.findIndex((b) => b.isTitle);
  if (marked >= 0) return { title: clean(blocks[marked]?.text ?? ''), blockIndex: marked };

  const top = uniqueTopHeading(blocks, candidates);
  if (top !== undefined) return { title: clean(blocks[top]?.text ?? ''), blockIndex: top };

  const first = firstTitleLine(blocks, candidates);
  if (first !== undefined) return { title: clean(blocks[first]?.text ?? ''), blockIndex: first };

  if (statedTitle?.trim()) return { title: clean(statedTitle) };
  const base = (fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { title: base || '未命名文档' };
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
  if (firstIndex < 0 || countAtMin !== 1) return undefined;
  for (let i = 0; i < firstIndex; i++) if (candidates[i]) return undefined;
  const c = candidates[firstIndex];
  if (c?.marker && c.marker.family !== 'cn-part') return undefined;
  return firstIndex;
}

/** A centred line near the top, else the first short line that is not numbered, a date or prose. */
function firstTitleLine(blocks: readonly Block[], candidates: readonly (Candidate | undefined)[]): number | undefined {
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
  for (let i = 0; i < limit; i++) {
    const b = blocks[i] as Block;
    if (candidates[i]?.marker) break;
    if ((b.align === 'center' || (b.indent ?? 0) >= 8) && usable(i)) return i;
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
