// Tidy-tree packing of one parent's children (and the summaries over them) in a canonical frame:
// siblings are stacked across the growth direction, each pushed only as far as the contours of the
// siblings before it require; the parent is centred on its children.

import { SUMMARY_BRACE } from './constants.ts';
import { type Contour, type ContourExtent, contourExtent, mergeSides, prependSegment, separation } from './contour.ts';
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
const NO_PIECES: Piece[] = [];
const NO_EXTENTS: (ContourExtent | null)[] = [];
const NO_SUMMARIES_SO_FAR: { contour: Contour } = { contour: { top: [], bot: [] } };

function bySummaryEnd(p: SummaryPlan, q: SummaryPlan): number {
  return p.to - q.to || q.from - p.from;
}

/**
 * Packs `items` (with their contours) as the children of `parent` growing in `dir`. Sets each
 * child's `a`/`b` (and `dir` when `ownDir`), places the summaries, and returns the contour of the
 * whole subtree relative to the parent's near edge and cross-axis start.
 */
export function packChildren(
  parent: LayoutNode,
  items: readonly LayoutNode[],
  contours: readonly Contour[],
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

  const vs = new Array<number>(n);
  vs[0] = 0;
  let acc: Contour = contours[0] as Contour;
  // Contour of the siblings before index i, kept only when a summary needs it.
  const before: (Contour | null)[] | null = summaries.length > 0 ? new Array<Contour | null>(n).fill(null) : null;
  // Summary bookkeeping is only allocated when there are summaries (most parents have none).
  const withSummaries = summaries.length > 0;
  const pieces: Piece[] = withSummaries ? [] : NO_PIECES;
  const extents: (ContourExtent | null)[] = withSummaries ? new Array<ContourExtent | null>(n).fill(null) : NO_EXTENTS;
  const sorted = summaries.length > 1 ? [...summaries].sort(bySummaryEnd) : summaries;
  let nextSummary = 0;
  const summariesSoFar = withSummaries ? { contour: { top: [], bot: [] } as Contour } : NO_SUMMARIES_SO_FAR;

  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (before) before[i] = acc;
      const c = contours[i] as Contour;
      const sep = separation(acc.bot, c.top);
      const s = (Number.isFinite(sep) ? sep : 0) + vGap;
      vs[i] = s;
      acc = { top: mergeSides(acc.top, c.top, s, false), bot: mergeSides(acc.bot, c.bot, s, true) };
    } else if (before) before[0] = { top: [], bot: [] };
    while (nextSummary < sorted.length && (sorted[nextSummary] as SummaryPlan).to <= i) {
      const plan = sorted[nextSummary++] as SummaryPlan;
      acc = placeSummary(plan, vs, contours, extents, pieces, before as (Contour | null)[], summariesSoFar, acc, dir, spacing);
    }
  }

  const lastCross = (items[n - 1] as LayoutNode).cross(dir);
  const parentV = (vs[0] + (vs[n - 1] as number) + lastCross) / 2 - pc / 2;
  for (let i = 0; i < n; i++) {
    const kid = items[i] as LayoutNode;
    kid.a = base + kid.lead;
    kid.b = (vs[i] as number) - parentV;
    kid.dir = ownDir ? dir : null;
  }
  for (const plan of summaries) {
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
    top: prependSegment(base, 0, acc.top, base, -parentV),
    bot: prependSegment(base, pc, acc.bot, base, -parentV),
  };
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
