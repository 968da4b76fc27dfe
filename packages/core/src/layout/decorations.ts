// Geometry of what is drawn over the topics: boundary frames around ranges of branches and
// relationship curves between any two topics.

import type { Point, TopicId } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { attachedChildren, type DocState } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { roundedLineHeight } from '../text/wrap.ts';
import { BOUNDARY_FRAME } from './constants.ts';
import type { BoundaryGeometry, Rect, RelationshipGeometry } from './types.ts';

/** Where placed topics are, for the geometry drawn over them. */
export interface PlacedLookup {
  /** The box of a placed topic; undefined when it is not visible. */
  rect(id: TopicId): Rect | undefined;
  /** Union of a placed topic's box and its visible subtree (floating branches excluded). */
  subtree(id: TopicId): Rect | undefined;
}

export function boundaryGeometry(state: DocState, placed: PlacedLookup, measurer: TextMeasurer, theme: Theme): BoundaryGeometry[] {
  const out: BoundaryGeometry[] = [];
  const labelFont = { size: BOUNDARY_FRAME.labelFontSize, family: theme.fontFamily };
  for (const b of state.boundaries.values()) {
    if (!placed.rect(b.parentId)) continue;
    const kids = attachedChildren(state, b.parentId);
    let from = kids.indexOf(b.fromId);
    let to = kids.indexOf(b.toId);
    if (from < 0 && to < 0) continue;
    if (from < 0) from = to;
    if (to < 0) to = from;
    if (from > to) [from, to] = [to, from];
    let r: Rect | null = null;
    for (let i = from; i <= to; i++) {
      const e = placed.subtree(kids[i] as TopicId);
      if (!e) continue;
      if (!r) r = e;
      else {
        const x = Math.min(r.x, e.x);
        const y = Math.min(r.y, e.y);
        r = { x, y, width: Math.max(r.x + r.width, e.x + e.width) - x, height: Math.max(r.y + r.height, e.y + e.height) - y };
      }
    }
    if (!r) continue;
    const pad = BOUNDARY_FRAME.padding;
    const rect = { x: r.x - pad, y: r.y - pad, width: r.width + 2 * pad, height: r.height + 2 * pad };
    const g: BoundaryGeometry = { id: b.id, rect };
    if (b.label) {
      const w = Math.ceil(measurer.width(b.label, labelFont)) + 2 * BOUNDARY_FRAME.labelPaddingX;
      const h = roundedLineHeight(measurer, labelFont) + 2 * BOUNDARY_FRAME.labelPaddingY;
      g.label = { x: rect.x, y: rect.y - h, width: Math.min(w, Math.max(rect.width, w)), height: h };
    }
    out.push(g);
  }
  return out;
}

/** Where the ray from a box's centre towards `toward` leaves the box. */
function exitPoint(b: Rect, toward: Point): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: b.y };
  const sx = dx !== 0 ? b.width / 2 / Math.abs(dx) : Number.POSITIVE_INFINITY;
  const sy = dy !== 0 ? b.height / 2 / Math.abs(dy) : Number.POSITIVE_INFINITY;
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function bezierAt(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

export function relationshipGeometry(state: DocState, placed: PlacedLookup): RelationshipGeometry[] {
  const out: RelationshipGeometry[] = [];
  for (const r of state.relationships.values()) {
    const fb = placed.rect(r.from);
    const tb = placed.rect(r.to);
    if (!fb || !tb) continue; // an end is folded away
    const fc = { x: fb.x + fb.width / 2, y: fb.y + fb.height / 2 };
    const tc = { x: tb.x + tb.width / 2, y: tb.y + tb.height / 2 };
    let c1: Point;
    let c2: Point;
    const cp = r.controlPoints;
    if (cp && Number.isFinite(cp[0].x + cp[0].y + cp[1].x + cp[1].y)) {
      c1 = { x: fc.x + cp[0].x, y: fc.y + cp[0].y };
      c2 = { x: tc.x + cp[1].x, y: tc.y + cp[1].y };
    } else {
      const dx = tc.x - fc.x;
      const dy = tc.y - fc.y;
      const len = Math.hypot(dx, dy);
      if (len < 1) {
        // A relationship from a topic to itself: a loop above it.
        const lift = fb.height + 40;
        c1 = { x: fc.x - fb.width / 2 - 20, y: fc.y - lift };
        c2 = { x: fc.x + fb.width / 2 + 20, y: fc.y - lift };
      } else {
        const bend = Math.min(len * 0.3, 160);
        const nx = (-dy / len) * bend;
        const ny = (dx / len) * bend;
        c1 = { x: fc.x + dx * 0.25 + nx, y: fc.y + dy * 0.25 + ny };
        c2 = { x: fc.x + dx * 0.75 + nx, y: fc.y + dy * 0.75 + ny };
      }
    }
    const start = exitPoint(fb, c1);
    const end = exitPoint(tb, c2);
    out.push({ id: r.id, start, c1, c2, end, labelAt: bezierAt(start, c1, c2, end, 0.5) });
  }
  return out;
}
