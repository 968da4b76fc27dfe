// Tidy-tree packing of one parent's children (and the summaries over them) in a canonical frame:
// siblings are stacked across the growth direction, each pushed only as far as the contours of the
// siblings before it require; the parent is centred on its children.

import { SUMMARY_BRACE } from './constants.ts';
import { type Contour, type ContourExtent, contourExtent, mergeSides, mergeSidesInto, prependSegment, separation } from './contour.ts';
import type { LayoutNode } from './layout-node.ts';
import type { Direction } from './types.ts';

/** A summary to place beside children `from`…`to` (indices into the packed items). */
export interface SummaryPlan {
  node: LayoutNode;
  from: number;
  to: number;
  /** Contour of the summary topic's own subtree, in the same frame. */
  contour: Contour;
}

export interface Spacing {
  /** Between a parent and its children (along the growth direction). */
  hGap: number;
  /** Between siblings (across it). */
  vGap: number;
}

interface Piece {
  from: number;
  to: number;
  uEnd: number;
  vMin: number;
  vMax: number;
}

const INF = Number.POSITIVE_INFINITY;

function bySummaryEnd(p: SummaryPlan, q: SummaryPlan): number {
  return p.to - q.to || q.from - p.from;
}

/**
 * Packs `items` (with their contours; null for a leaf, whose contour is its box and the gap after
 * it) as the children of `parent` growing in `dir`. Sets each child's `a`/`b` (and `dir` when
 * `ownDir`), places the summaries, and returns the contour of the whole subtree relative to the
 * parent's near edge and cross-axis start.
 */
export function packChildren(
  parent: LayoutNode,
  items: readonly LayoutNode[],
  contours: readonly (Contour | null)[],
  dir: Direction,
  summaries: readonly SummaryPlan[],
  spacing: Spacing,
  ownDir: boolean,
): Contour {
  const pm = parent.main(dir);
  const pc = parent.cross(dir);
  const { hGap, vGap } = spacing;
  const n = items.length;
  const base = pm + hGap;
  if (n === 0) return { top: [base, 0], bot: [base, pc] };

  // Offsets across `dir`, in a scratch list (packing is never re-entered: see `stack`).
  const vs = VS;
  vs[0] = 0;
  let top: readonly number[];
  let bot: readonly number[];
  let topLen: number;
  let botLen: number;
  if (summaries.length === 0) {
    // The usual case: the running contour lives in scratch buffers (it is copied once, below).
    stack(items, contours, vs, dir, hGap, vGap);
    top = stacked.top;
    bot = stacked.bot;
    topLen = stacked.topLen;
    botLen = stacked.botLen;
  } else {
    const all = contours.map((c, i) => c ?? leafContour(items[i] as LayoutNode, dir, hGap));
    const acc = stackWithSummaries(all, vs, summaries, dir, spacing);
    top = acc.top;
    bot = acc.bot;
    topLen = top.length;
    botLen = bot.length;
  }

  const lastCross = (items[n - 1] as LayoutNode).cross(dir);
  const parentV = (vs[0] + (vs[n - 1] as number) + lastCross) / 2 - pc / 2;
  for (let i = 0; i < n; i++) {
    const kid = items[i] as LayoutNode;
    kid.a = base + kid.lead;
    kid.b = (vs[i] as number) - parentV;
    kid.dir = ownDir ? dir : null;
  }
  for (let i = 0; i < summaries.length; i++) {
    const plan = summaries[i] as SummaryPlan;
    const s = plan.node;
    s.dir = ownDir ? dir : null;
    s.a += base;
    s.b -= parentV;
    const brace = s.brace as number[];
    brace[0] = (brace[0] as number) + base;
    brace[1] = (brace[1] as number) - parentV;
    brace[2] = (brace[2] as number) - parentV;
  }
  return {
    top: prependSegment(base, 0, top, base, -parentV, topLen),
    bot: prependSegment(base, pc, bot, base, -parentV, botLen),
  };
}

/** The contour of a leaf: its box and the gap after it. */
export function leafContour(node: LayoutNode, dir: Direction, hGap: number): Contour {
  const c: Contour = { top: [0, 0], bot: [0, 0] };
  leafSides(node, dir, hGap, c.top, c.bot);
  return c;
}

// Scratch for `stack` and `packChildren`: packing is never re-entered (children are laid out
// before their parent is packed), so one set serves every call. Two sides per side, written
// alternately; lengths are kept apart, so the arrays keep their room from call to call.
const VS: number[] = [0];
const TOP_A: number[] = [0, 0];
const TOP_B: number[] = [0, 0];
const BOT_A: number[] = [0, 0];
const BOT_B: number[] = [0, 0];
const LEAF_TOP: number[] = [0, 0];
const LEAF_BOT: number[] = [0, 0];
/** What `stack` produced: its sides (scratch arrays) and how much of them is used. */
const stacked = { top: TOP_A, bot: BOT_A, topLen: 0, botLen: 0 };

/**
 * Stacks the items across `dir`, each as close to those before it as their contours allow: fills
 * `vs` and leaves the sides of them all in `stacked` (valid until the next call).
 */
function stack(
  items: readonly LayoutNode[],
  contours: readonly (Contour | null)[],
  vs: number[],
  dir: Direction,
  hGap: number,
  vGap: number,
): void {
  let top: number[];
  let bot: number[];
  let topLen: number;
  let botLen: number;
  const first = contours[0];
  if (first) {
    top = first.top;
    bot = first.bot;
    topLen = top.length;
    botLen = bot.length;
  } else {
    leafSides(items[0] as LayoutNode, dir, hGap, TOP_A, BOT_A);
    top = TOP_A;
    bot = BOT_A;
    topLen = 2;
    botLen = 2;
  }
  for (let i = 1; i < items.length; i++) {
    let cTop: readonly number[];
    let cBot: readonly number[];
    const c = contours[i];
    if (c) {
      cTop = c.top;
      cBot = c.bot;
    } else {
      leafSides(items[i] as LayoutNode, dir, hGap, LEAF_TOP, LEAF_BOT);
      cTop = LEAF_TOP;
      cBot = LEAF_BOT;
    }
    const sep = separation(bot, cTop, botLen, cTop.length);
    const s = (Number.isFinite(sep) ? sep : 0) + vGap;
    vs[i] = s;
    const nextTop = top === TOP_A ? TOP_B : TOP_A;
    const nextBot = bot === BOT_A ? BOT_B : BOT_A;
    topLen = mergeSidesInto(top, topLen, cTop, cTop.length, s, false, nextTop);
    botLen = mergeSidesInto(bot, botLen, cBot, cBot.length, s, true, nextBot);
    top = nextTop;
    bot = nextBot;
  }
  stacked.top = top;
  stacked.bot = bot;
  stacked.topLen = topLen;
  stacked.botLen = botLen;
}

/** Writes a leaf's contour (its box and the gap after it) into two-number sides. */
function leafSides(k: LayoutNode, dir: Direction, hGap: number, top: number[], bot: number[]): void {
  const m = k.main(dir) + hGap;
  top[0] = m;
  top[1] = 0;
  bot[0] = m;
  bot[1] = k.cross(dir);
}

/** The stacking of `stack`, with summaries placed beside their ranges as it goes. */
function stackWithSummaries(
  contours: readonly Contour[],
  vs: number[],
  summaries: readonly SummaryPlan[],
  dir: Direction,
  spacing: Spacing,
): Contour {
  const n = contours.length;
  let acc: Contour = contours[0] as Contour;
  // Contour of the siblings before index i.
  const before = new Array<Contour | null>(n).fill(null);
  const pieces: Piece[] = [];
  const extents = new Array<ContourExtent | null>(n).fill(null);
  const sorted = summaries.length > 1 ? [...summaries].sort(bySummaryEnd) : summaries;
  let nextSummary = 0;
  const summariesSoFar = { contour: { top: [], bot: [] } as Contour };
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      before[i] = acc;
      const c = contours[i] as Contour;
      const sep = separation(acc.bot, c.top);
      const s = (Number.isFinite(sep) ? sep : 0) + spacing.vGap;
      vs[i] = s;
      acc = { top: mergeSides(acc.top, c.top, s, false), bot: mergeSides(acc.bot, c.bot, s, true) };
    } else before[0] = { top: [], bot: [] };
    while (nextSummary < sorted.length && (sorted[nextSummary] as SummaryPlan).to <= i) {
      const plan = sorted[nextSummary++] as SummaryPlan;
      acc = placeSummary(plan, vs, contours, extents, pieces, before, summariesSoFar, acc, dir, spacing);
    }
  }
  return acc;
}

function placeSummary(
  plan: SummaryPlan,
  vs: number[],
  contours: readonly Contour[],
  extents: (ContourExtent | null)[],
  pieces: Piece[],
  before: (Contour | null)[],
  summariesSoFar: { contour: Contour },
  acc: Contour,
  dir: Direction,
  spacing: Spacing,
): Contour {
  const { from, to } = plan;
  let uEnd = Number.NEGATIVE_INFINITY;
  let vTop = INF;
  let vBot = Number.NEGATIVE_INFINITY;
  for (let k = from; k <= to; k++) {
    let e = extents[k];
    if (!e) {
      e = contourExtent(contours[k] as Contour);
      extents[k] = e;
    }
    uEnd = Math.max(uEnd, e.uEnd);
    vTop = Math.min(vTop, (vs[k] as number) + e.vMin);
    vBot = Math.max(vBot, (vs[k] as number) + e.vMax);
  }
  // Summaries nested inside this range are part of what the brace encloses.
  for (const p of pieces) {
    if (p.from >= from && p.to <= to) {
      uEnd = Math.max(uEnd, p.uEnd);
      vTop = Math.min(vTop, p.vMin);
      vBot = Math.max(vBot, p.vMax);
    }
  }
  const braceU = uEnd - spacing.hGap + SUMMARY_BRACE.gap;
  const start = braceU + SUMMARY_BRACE.width + SUMMARY_BRACE.topicGap;
  const node = plan.node;
  const top = prependSegment(start, INF, plan.contour.top, start, 0);
  const bot = prependSegment(start, Number.NEGATIVE_INFINITY, plan.contour.bot, start, 0);
  // Centred on the range, unless siblings before the range are in the way.
  let v = (vTop + vBot) / 2 - node.cross(dir) / 2;
  // Clear the siblings before the range and the summaries placed so far (those nested in this
  // range end before it starts along u, so they never push it).
  for (const other of [before[from] as Contour, summariesSoFar.contour]) {
    if (other.bot.length === 0) continue;
    const sep = separation(other.bot, top);
    if (Number.isFinite(sep) && sep + spacing.vGap > v) v = sep + spacing.vGap;
  }
  summariesSoFar.contour = { top: [], bot: mergeSides(summariesSoFar.contour.bot, bot, v, true) };
  node.a = start + node.lead;
  node.b = v;
  node.dir = dir;
  node.brace = [braceU, vTop, vBot];
  const e = contourExtent(plan.contour);
  pieces.push({ from, to, uEnd: start + e.uEnd, vMin: v + e.vMin, vMax: v + e.vMax });
  return { top: mergeSides(acc.top, top, v, false), bot: mergeSides(acc.bot, bot, v, true) };
}
