// Greedy line breaking with CJK rules: a break may fall anywhere between ideographs, after a run
// of spaces, or after a hyphen; never inside an English word (unless one word alone is wider
// than the line); no line starts with closing punctuation and none ends with an opening bracket.
// Explicit newlines are kept. One pass over the code points with cached per-code-point widths.

import { keepShape } from '../shape-anchor.ts';
import { BMP_CHAR_CLASS, CLS_BREAK_AFTER, CLS_IDEOGRAPH, CLS_NO_END, CLS_NO_START, CLS_SPACE, charClass } from './char-class.ts';
import type { FontSpec, TextLayout, TextMeasurer } from './types.ts';
import { emWidthTable } from './width-cache.ts';

/** May a line end between a character of class `a` and the next of class `b`? */
function canBreakBetween(a: number, b: number): boolean {
  if (b & CLS_SPACE) return false;
  if (a & CLS_SPACE) return (b & CLS_NO_START) === 0;
  if (b & CLS_NO_START) return false;
  if (a & CLS_NO_END) return false;
  if ((a | b) & CLS_IDEOGRAPH) return true;
  return (a & CLS_BREAK_AFTER) !== 0;
}

/** Line height in whole px, so that screen, SVG, PNG and PDF agree. */
export function roundedLineHeight(measurer: TextMeasurer, font: FontSpec): number {
  const h = measurer.lineHeight(font);
  return Number.isFinite(h) && h > 0 ? Math.round(h) : Math.round(font.size * 1.4);
}

/**
 * A wrapped text. Its lines are cut from the text only when first asked for: a layout needs just
 * the size, and a first layout of 100,000 topics otherwise made (and kept) a line array and line
 * strings per text, a third of everything it allocated.
 */
class WrappedText implements TextLayout {
  private made: string[] | null = null;

  constructor(
    private readonly source: string,
    /** Where each line starts and ends (trailing spaces excluded), as [start, end, start, end, …]. */
    private readonly spans: readonly number[],
    readonly width: number,
    readonly height: number,
    readonly lineHeight: number,
    readonly font: FontSpec,
  ) {}

  get lines(): readonly string[] {
    let lines = this.made;
    if (lines === null) {
      const spans = this.spans;
      const n = spans.length >> 1;
      lines = new Array<string>(n);
      for (let k = 0; k < n; k++) lines[k] = this.source.slice(spans[2 * k] as number, spans[2 * k + 1] as number);
      this.made = lines;
    }
    return lines;
  }
}

/** Scratch for the spans of the text being wrapped (copied out at its exact length). */
let scratch: number[] = new Array<number>(64).fill(0);

/** Entries of `scratch` the last `breakLines` wrote (two per line). */
let spanCount = 0;

/**
 * Wraps `text` into lines no wider than `maxWidth` px (a non-positive or non-finite width means
 * "no limit"). The result's `width` is the widest line; trailing spaces do not count.
 */
export function wrapText(text: string, font: FontSpec, maxWidth: number, measurer: TextMeasurer): TextLayout {
  const widest = breakLines(text, font, maxWidth, measurer);
  const count = spanCount;
  const own = new Array<number>(count);
  for (let k = 0; k < count; k++) own[k] = scratch[k] as number;
  const lineHeight = roundedLineHeight(measurer, font);
  return new WrappedText(text, own, widest, (count >> 1) * lineHeight, lineHeight, font);
}

/** What `wrappedSize` finds: the widest line (px) and the number of lines. */
export interface WrappedSize {
  width: number;
  lines: number;
}

/**
 * The size `wrapText` would give, written into `out`, without making the lines: a layout needs
 * only the size, and the lines of most topics are never drawn (or are drawn once, later).
 */
export function wrappedSize(text: string, font: FontSpec, maxWidth: number, measurer: TextMeasurer, out: WrappedSize): WrappedSize {
  out.width = breakLines(text, font, maxWidth, measurer);
  out.lines = spanCount >> 1;
  return out;
}

/** The line breaking itself: leaves the lines' spans in `scratch` and returns the widest line. */
function breakLines(text: string, font: FontSpec, maxWidth: number, measurer: TextMeasurer): number {
  const limit = Number.isFinite(maxWidth) && maxWidth > 0 ? maxWidth : Number.POSITIVE_INFINITY;
  const ems = emWidthTable(measurer, font);
  const bmp = ems.bmp;
  const size = font.size;
  let spans = scratch;
  let count = 0; // entries of `spans` in use (two per line)
  let widest = 0;

  const n = text.length;
  let lineStart = 0;
  let width = 0; // current line, trailing spaces included
  let contentWidth = 0; // current line up to its last non-space
  let contentEnd = 0; // index after the last non-space of the current line
  let breakAt = -1; // index before which the current line may end
  let breakWidth = 0;
  let breakContentWidth = 0;
  let breakContentEnd = 0;
  let prevCls = -1; // -1: at the start of a line

  let i = 0;
  while (i < n) {
    let cp = text.charCodeAt(i);
    let len = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        len = 2;
      }
    }
    if (cp === 10 || cp === 13) {
      if (count + 2 > spans.length) spans = scratch = grow(spans);
      spans[count++] = lineStart;
      spans[count++] = Math.max(contentEnd, lineStart);
      if (contentWidth > widest) widest = contentWidth;
      if (cp === 13 && text.charCodeAt(i + 1) === 10) len = 2;
      i += len;
      lineStart = contentEnd = i;
      width = contentWidth = 0;
      breakAt = -1;
      prevCls = -1;
      continue;
    }
    const cls = cp < 0x10000 ? (BMP_CHAR_CLASS[cp] as number) : charClass(cp);
    let em = cp < 0x10000 ? (bmp[cp] as number) : -1;
    if (em < 0) em = +ems.em(cp); // `+`: a number, so `em` stays an unboxed double
    const w = em * size;
    if (prevCls !== -1 && canBreakBetween(prevCls, cls)) {
      breakAt = i;
      breakWidth = width;
      breakContentWidth = contentWidth;
      breakContentEnd = contentEnd;
    }
    if ((cls & CLS_SPACE) === 0 && width + w > limit && i > lineStart) {
      // Room for the two lines this may end (checked here, not per character).
      if (count + 4 > spans.length) spans = scratch = grow(spans);
      if (breakAt > lineStart) {
        spans[count++] = lineStart;
        spans[count++] = Math.max(breakContentEnd, lineStart);
        if (breakContentWidth > widest) widest = breakContentWidth;
        lineStart = breakAt;
        width -= breakWidth;
        contentWidth -= breakWidth;
        breakAt = -1;
      }
      // Last resort: a single word wider than the line is split where it overflows.
      if (width + w > limit && i > lineStart) {
        spans[count++] = lineStart;
        spans[count++] = Math.max(contentEnd, lineStart);
        if (contentWidth > widest) widest = contentWidth;
        lineStart = contentEnd = i;
        width = contentWidth = 0;
        breakAt = -1;
      }
    }
    width += w;
    if ((cls & CLS_SPACE) === 0) {
      contentWidth = width;
      contentEnd = i + len;
    }
    prevCls = cls;
    i += len;
  }
  if (count + 2 > spans.length) spans = scratch = grow(spans);
  spans[count++] = lineStart;
  spans[count++] = Math.max(contentEnd, lineStart);
  if (contentWidth > widest) widest = contentWidth;
  spanCount = count;
  return widest;
}

function grow(spans: number[]): number[] {
  const bigger = new Array<number>(spans.length * 2).fill(0);
  for (let k = 0; k < spans.length; k++) bigger[k] = spans[k] as number;
  return bigger;
}

keepShape(new WrappedText('', [0, 0], 0, 0, 0, { size: 1 }));
