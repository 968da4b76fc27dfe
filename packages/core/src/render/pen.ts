// Path data builders. The plain pen draws exact geometry; the sketchy pen draws the same figures
// with small, deterministic wobbles (seeded by a key such as a topic id) for the hand-drawn theme.

import type { Point } from '../model.ts';
import { keepShape } from '../shape-anchor.ts';
import { pathData } from './path-data.ts';

export interface Pen {
  readonly sketchy: boolean;
  /** Open polyline; `radius` rounds the corners (elbow connectors). */
  polyline(points: readonly Point[], radius?: number): string;
  cubic(p0: Point, c1: Point, c2: Point, p3: Point): string;
  /** Closed rectangle outline with corner radius `r` (0 = sharp). */
  rect(x: number, y: number, w: number, h: number, r: number): string;
  ellipse(cx: number, cy: number, rx: number, ry: number): string;
  /** Closed polygon. */
  polygon(points: readonly Point[]): string;
  /** Curly brace from `start` to `end` with its point at `tip` (summaries, brace maps). */
  brace(start: Point, end: Point, tip: Point): string;
}

/** Writes a polyline into `pathData`; `radius` rounds its corners. */
function writePolyline(points: readonly Point[], radius: number): void {
  const first = points[0];
  if (!first) return;
  pathData.cmd('M').xy(first.x, first.y);
  for (let i = 1; i < points.length; i++) {
    const cur = points[i] as Point;
    const next = points[i + 1];
    if (!next || radius <= 0) {
      pathData.cmd('L').xy(cur.x, cur.y);
      continue;
    }
    const prev = points[i - 1] as Point;
    const l1 = Math.hypot(cur.x - prev.x, cur.y - prev.y);
    const l2 = Math.hypot(next.x - cur.x, next.y - cur.y);
    const r = Math.min(radius, l1 / 2, l2 / 2);
    if (r < 0.5) {
      pathData.cmd('L').xy(cur.x, cur.y);
      continue;
    }
    pathData
      .cmd('L')
      .xy(cur.x + ((prev.x - cur.x) / l1) * r, cur.y + ((prev.y - cur.y) / l1) * r)
      .cmd('Q')
      .xy(cur.x, cur.y)
      .xy(cur.x + ((next.x - cur.x) / l2) * r, cur.y + ((next.y - cur.y) / l2) * r);
  }
}

function roundedPolyline(points: readonly Point[], radius: number): string {
  writePolyline(points, radius);
  return pathData.take();
}

function rectPath(x: number, y: number, w: number, h: number, r: number): string {
  r = Math.max(0, Math.min(r, w / 2, h / 2));
  const d = pathData;
  if (r === 0)
    return d
      .cmd('M')
      .xy(x, y)
      .cmd('H')
      .num(x + w)
      .cmd('V')
      .num(y + h)
      .cmd('H')
      .num(x)
      .cmd('Z')
      .take();
  // Each corner: an arc of radius r, sweeping clockwise.
  const arc = (ex: number, ey: number) => d.cmd('A').xy(r, r).num(0).num(0).num(1).xy(ex, ey);
  d.cmd('M')
    .xy(x + r, y)
    .cmd('H')
    .num(x + w - r);
  arc(x + w, y + r);
  d.cmd('V').num(y + h - r);
  arc(x + w - r, y + h);
  d.cmd('H').num(x + r);
  arc(x, y + h - r);
  d.cmd('V').num(y + r);
  arc(x + r, y);
  return d.cmd('Z').take();
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  const d = pathData;
  d.cmd('M').xy(cx - rx, cy);
  d.cmd('A')
    .xy(rx, ry)
    .num(0)
    .num(1)
    .num(1)
    .xy(cx + rx, cy);
  d.cmd('A')
    .xy(rx, ry)
    .num(0)
    .num(1)
    .num(1)
    .xy(cx - rx, cy);
  return d.cmd('Z').take();
}

/** Curly-brace path from `start` to `end`, its point at `tip` (any orientation). */
export function bracePath(start: Point, end: Point, tip: Point): string {
  const d = pathData;
  const L = Math.hypot(end.x - start.x, end.y - start.y);
  if (L < 1e-6) return d.cmd('M').xy(start.x, start.y).cmd('L').xy(tip.x, tip.y).take();
  const ux = (end.x - start.x) / L;
  const uy = (end.y - start.y) / L;
  let nx = -uy;
  let ny = ux;
  const along = (tip.x - start.x) * ux + (tip.y - start.y) * uy;
  let depth = (tip.x - start.x) * nx + (tip.y - start.y) * ny;
  if (depth < 0) {
    nx = -nx;
    ny = -ny;
    depth = -depth;
  }
  const h = depth / 2;
  const r = Math.max(0, Math.min(h, L / 4, along, L - along));
  const m = Math.max(0, Math.min(L, along));
  /** The point `s` along the brace and `t` out from it. */
  const at = (s: number, t: number) => d.xy(start.x + ux * s + nx * t, start.y + uy * s + ny * t);
  d.cmd('M');
  at(0, 0);
  d.cmd('Q');
  at(0, h);
  at(r, h);
  d.cmd('L');
  at(m - r, h);
  d.cmd('Q');
  at(m, h);
  at(m, depth);
  d.cmd('Q');
  at(m, h);
  at(m + r, h);
  d.cmd('L');
  at(L - r, h);
  d.cmd('Q');
  at(L, h);
  at(L, 0);
  return d.take();
}

export const plainPen: Pen = {
  sketchy: false,
  polyline: (points, radius = 0) => roundedPolyline(points, radius),
  cubic: (p0, c1, c2, p3) => pathData.cmd('M').xy(p0.x, p0.y).cmd('C').xy(c1.x, c1.y).xy(c2.x, c2.y).xy(p3.x, p3.y).take(),
  rect: rectPath,
  ellipse: ellipsePath,
  polygon: (points) => {
    if (points.length === 0) return '';
    writePolyline(points, 0);
    return pathData.cmd('Z').take();
  },
  brace: bracePath,
};

/** FNV-1a hash of a string: the seed of a sketchy pen. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A pen that draws every figure as hand-drawn strokes: each straight segment becomes a slightly
 * bowed curve with jittered ends, drawn twice, the way a person retraces a line. Same key, same drawing.
 */
export function sketchyPen(key: string, roughness = 1): Pen {
  return new SketchyPen(hashString(key), roughness);
}

/**
 * The sketchy pen as a class: a pen is made per topic and per connector, and closures made per pen
 * would each cost a function object (and, under tsx, a `name` property definition).
 */
class SketchyPen implements Pen {
  readonly sketchy = true;
  /** mulberry32's state (the same sequence as `seededRandom`), kept here rather than in a closure. */
  private state: number;

  constructor(
    seed: number,
    private readonly roughness: number,
  ) {
    this.state = seed >>> 0;
  }

  /** A jitter in [-amount, amount) × roughness. */
  private j(amount: number): number {
    const a = (this.state + 0x6d2b79f5) >>> 0;
    this.state = a;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * amount * this.roughness;
  }

  /** Writes one hand-drawn stroke from `a` to `b` (a bowed quadratic with jittered ends) into `pathData`. */
  private segment(a: Point, b: Point): void {
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const amp = Math.min(2.2, 0.4 + len * 0.012);
    const nx = len ? -(b.y - a.y) / len : 0;
    const ny = len ? (b.x - a.x) / len : 0;
    const bow = this.j(amp);
    const end = amp * 0.6;
    const sx = a.x + this.j(end);
    const sy = a.y + this.j(end);
    const ex = b.x + this.j(end);
    const ey = b.y + this.j(end);
    const mx = (a.x + b.x) / 2 + nx * bow;
    const my = (a.y + b.y) / 2 + ny * bow;
    pathData.cmd('M').xy(sx, sy).cmd('Q').xy(mx, my).xy(ex, ey);
  }

  private strokes(points: readonly Point[], closed: boolean): string {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 1; i < points.length; i++) this.segment(points[i - 1] as Point, points[i] as Point);
      if (closed && points.length > 2) this.segment(points[points.length - 1] as Point, points[0] as Point);
    }
    return pathData.take();
  }

  polyline(points: readonly Point[]): string {
    return this.strokes(points, false);
  }

  cubic(p0: Point, c1: Point, c2: Point, p3: Point): string {
    this.cubicPass(p0, c1, c2, p3);
    this.cubicPass(p0, c1, c2, p3);
    return pathData.take();
  }

  private cubicPass(p0: Point, c1: Point, c2: Point, p3: Point): void {
    const ax = this.j(1.6);
    const ay = this.j(1.6);
    const bx = this.j(1.6);
    const by = this.j(1.6);
    const cx = this.j(1.6);
    const cy = this.j(1.6);
    const ex = this.j(1.6);
    const ey = this.j(1.6);
    pathData
      .cmd('M')
      .xy(p0.x + ax * 0.5, p0.y + ay * 0.5)
      .cmd('C')
      .xy(c1.x + bx, c1.y + by)
      .xy(c2.x + cx, c2.y + cy)
      .xy(p3.x + ex * 0.5, p3.y + ey * 0.5);
  }

  rect(x: number, y: number, w: number, h: number, r: number): string {
    if (r >= Math.min(w, h) / 2 - 0.5 && r > 0) {
      // Capsule: two straight sides and two half-ellipses, traced as an ellipse-ish loop.
      return this.strokes(capsulePoints(x, y, w, h), true);
    }
    const c = Math.min(r, w / 2, h / 2) * 0.6;
    const pts: Point[] =
      c > 1
        ? [
            { x: x + c, y },
            { x: x + w - c, y },
            { x: x + w, y: y + c },
            { x: x + w, y: y + h - c },
            { x: x + w - c, y: y + h },
            { x: x + c, y: y + h },
            { x, y: y + h - c },
            { x, y: y + c },
          ]
        : [
            { x, y },
            { x: x + w, y },
            { x: x + w, y: y + h },
            { x, y: y + h },
          ];
    return this.strokes(pts, true);
  }

  /** Points around an ellipse, radii jittered a little on each pass, joined by a smooth curve. */
  ellipse(cx: number, cy: number, rx: number, ry: number): string {
    const d = pathData;
    for (let pass = 0; pass < 2; pass++) {
      const start = this.j(0.4);
      const steps = 8;
      const pts: Point[] = [];
      for (let i = 0; i <= steps + 1; i++) {
        const t = start + (i / steps) * Math.PI * 2;
        const k = 1 + this.j(0.025);
        pts.push({ x: cx + Math.cos(t) * rx * k, y: cy + Math.sin(t) * ry * k });
      }
      // Smooth closed curve through the points (Catmull-Rom → Bézier).
      const first = pts[0] as Point;
      d.cmd('M').xy(first.x, first.y);
      for (let i = 0; i < pts.length - 1; i++) {
        const p0 = pts[Math.max(0, i - 1)] as Point;
        const p1 = pts[i] as Point;
        const p2 = pts[i + 1] as Point;
        const p3 = pts[Math.min(pts.length - 1, i + 2)] as Point;
        d.cmd('C')
          .xy(p1.x + (p2.x - p0.x) / 6, p1.y + (p2.y - p0.y) / 6)
          .xy(p2.x - (p3.x - p1.x) / 6, p2.y - (p3.y - p1.y) / 6)
          .xy(p2.x, p2.y);
      }
    }
    return d.take();
  }

  polygon(points: readonly Point[]): string {
    return this.strokes(points, true);
  }

  brace(start: Point, end: Point, tip: Point): string {
    const first = bracePath(this.wobble(start), this.wobble(end), this.wobble(tip));
    return `${first} ${bracePath(this.wobble(start), this.wobble(end), this.wobble(tip))}`;
  }

  private wobble(p: Point): Point {
    const x = p.x + this.j(1.2);
    return { x, y: p.y + this.j(1.2) };
  }
}

function capsulePoints(x: number, y: number, w: number, h: number): Point[] {
  const r = h / 2;
  const pts: Point[] = [];
  const cy = y + r;
  for (let i = 0; i <= 4; i++) {
    const t = -Math.PI / 2 + (i / 4) * Math.PI;
    pts.push({ x: x + w - r + Math.cos(t) * r, y: cy + Math.sin(t) * r });
  }
  for (let i = 0; i <= 4; i++) {
    const t = Math.PI / 2 + (i / 4) * Math.PI;
    pts.push({ x: x + r + Math.cos(t) * r, y: cy + Math.sin(t) * r });
  }
  return pts;
}

// Pens live for one topic or connector; keep their shape for the optimised code drawing with them.
keepShape(new SketchyPen(0, 1));
