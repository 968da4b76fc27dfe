// Path data builders. The plain pen draws exact geometry; the sketchy pen draws the same figures
// with small, deterministic wobbles (seeded by a key such as a topic id) for the hand-drawn theme.

import type { Point } from '../model.ts';
import { fmt } from './shapes.ts';

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

const P = (p: Point): string => `${fmt(p.x)} ${fmt(p.y)}`;

function roundedPolyline(points: readonly Point[], radius: number): string {
  if (points.length === 0) return '';
  let d = `M${P(points[0] as Point)}`;
  for (let i = 1; i < points.length; i++) {
    const cur = points[i] as Point;
    const next = points[i + 1];
    if (!next || radius <= 0) {
      d += ` L${P(cur)}`;
      continue;
    }
    const prev = points[i - 1] as Point;
    const l1 = Math.hypot(cur.x - prev.x, cur.y - prev.y);
    const l2 = Math.hypot(next.x - cur.x, next.y - cur.y);
    const r = Math.min(radius, l1 / 2, l2 / 2);
    if (r < 0.5) {
      d += ` L${P(cur)}`;
      continue;
    }
    const a = { x: cur.x + ((prev.x - cur.x) / l1) * r, y: cur.y + ((prev.y - cur.y) / l1) * r };
    const b = { x: cur.x + ((next.x - cur.x) / l2) * r, y: cur.y + ((next.y - cur.y) / l2) * r };
    d += ` L${P(a)} Q${P(cur)} ${P(b)}`;
  }
  return d;
}

function rectPath(x: number, y: number, w: number, h: number, r: number): string {
  r = Math.max(0, Math.min(r, w / 2, h / 2));
  if (r === 0) return `M${fmt(x)} ${fmt(y)} H${fmt(x + w)} V${fmt(y + h)} H${fmt(x)} Z`;
  return (
    `M${fmt(x + r)} ${fmt(y)} H${fmt(x + w - r)} A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x + w)} ${fmt(y + r)}` +
    ` V${fmt(y + h - r)} A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x + w - r)} ${fmt(y + h)}` +
    ` H${fmt(x + r)} A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x)} ${fmt(y + h - r)}` +
    ` V${fmt(y + r)} A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(x + r)} ${fmt(y)} Z`
  );
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return (
    `M${fmt(cx - rx)} ${fmt(cy)} A${fmt(rx)} ${fmt(ry)} 0 1 1 ${fmt(cx + rx)} ${fmt(cy)}` +
    ` A${fmt(rx)} ${fmt(ry)} 0 1 1 ${fmt(cx - rx)} ${fmt(cy)} Z`
  );
}

/** Curly-brace path from `start` to `end`, its point at `tip` (any orientation). */
export function bracePath(start: Point, end: Point, tip: Point): string {
  const L = Math.hypot(end.x - start.x, end.y - start.y);
  if (L < 1e-6) return `M${P(start)} L${P(tip)}`;
  const u = { x: (end.x - start.x) / L, y: (end.y - start.y) / L };
  let n = { x: -u.y, y: u.x };
  const along = (tip.x - start.x) * u.x + (tip.y - start.y) * u.y;
  let depth = (tip.x - start.x) * n.x + (tip.y - start.y) * n.y;
  if (depth < 0) {
    n = { x: -n.x, y: -n.y };
    depth = -depth;
  }
  const h = depth / 2;
  const r = Math.max(0, Math.min(h, L / 4, along, L - along));
  const at = (s: number, t: number): Point => ({ x: start.x + u.x * s + n.x * t, y: start.y + u.y * s + n.y * t });
  const m = Math.max(0, Math.min(L, along));
  return (
    `M${P(at(0, 0))} Q${P(at(0, h))} ${P(at(r, h))} L${P(at(m - r, h))} Q${P(at(m, h))} ${P(at(m, depth))}` +
    ` Q${P(at(m, h))} ${P(at(m + r, h))} L${P(at(L - r, h))} Q${P(at(L, h))} ${P(at(L, 0))}`
  );
}

export const plainPen: Pen = {
  sketchy: false,
  polyline: (points, radius = 0) => roundedPolyline(points, radius),
  cubic: (p0, c1, c2, p3) => `M${P(p0)} C${P(c1)} ${P(c2)} ${P(p3)}`,
  rect: rectPath,
  ellipse: ellipsePath,
  polygon: (points) => (points.length ? `${roundedPolyline(points, 0)} Z` : ''),
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

  private segment(a: Point, b: Point): string {
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
    return `M${fmt(sx)} ${fmt(sy)} Q${fmt(mx)} ${fmt(my)} ${fmt(ex)} ${fmt(ey)}`;
  }

  private strokes(points: readonly Point[], closed: boolean): string {
    let d = '';
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 1; i < points.length; i++) d += `${d ? ' ' : ''}${this.segment(points[i - 1] as Point, points[i] as Point)}`;
      if (closed && points.length > 2) d += `${d ? ' ' : ''}${this.segment(points[points.length - 1] as Point, points[0] as Point)}`;
    }
    return d;
  }

  polyline(points: readonly Point[]): string {
    return this.strokes(points, false);
  }

  cubic(p0: Point, c1: Point, c2: Point, p3: Point): string {
    return `${this.cubicPass(p0, c1, c2, p3)} ${this.cubicPass(p0, c1, c2, p3)}`;
  }

  private cubicPass(p0: Point, c1: Point, c2: Point, p3: Point): string {
    const ax = this.j(1.6);
    const ay = this.j(1.6);
    const bx = this.j(1.6);
    const by = this.j(1.6);
    const cx = this.j(1.6);
    const cy = this.j(1.6);
    const ex = this.j(1.6);
    const ey = this.j(1.6);
    return `M${fmt(p0.x + ax * 0.5)} ${fmt(p0.y + ay * 0.5)} C${fmt(c1.x + bx)} ${fmt(c1.y + by)} ${fmt(c2.x + cx)} ${fmt(c2.y + cy)} ${fmt(p3.x + ex * 0.5)} ${fmt(p3.y + ey * 0.5)}`;
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
    const parts: string[] = [];
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
      let d = `M${P(pts[0] as Point)}`;
      for (let i = 0; i < pts.length - 1; i++) {
        const p0 = pts[Math.max(0, i - 1)] as Point;
        const p1 = pts[i] as Point;
        const p2 = pts[i + 1] as Point;
        const p3 = pts[Math.min(pts.length - 1, i + 2)] as Point;
        const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
        const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
        d += ` C${P(c1)} ${P(c2)} ${P(p2)}`;
      }
      parts.push(d);
    }
    return parts.join(' ');
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
