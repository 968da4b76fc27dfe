// Connector lines between a parent and a child, per structure: curves (mind map, logic chart),
// straight lines, elbows with rounded corners (org chart, tree/catalog), fishbone bones, timeline
// axis segments and braces. Geometry comes from layout; this module only decides the look.

import type { Connector } from '../layout/types.ts';
import type { Point } from '../model.ts';
import { pathData } from './path-data.ts';
import type { Pen } from './pen.ts';
import type { PathShape } from './shapes.ts';

export interface ConnectorLook {
  color: string;
  width: number;
  /** Draw a curve as a ribbon, wide at the parent (root → main topic in tapered themes). */
  tapered: boolean;
}

const ELBOW_RADIUS = 6;

/** The points of a connector's flat coordinates. */
export function connectorPoints(c: Connector): Point[] {
  const xy = c.coords;
  const out = new Array<Point>(xy.length >> 1);
  for (let j = 0; j < out.length; j++) out[j] = { x: xy[2 * j] as number, y: xy[2 * j + 1] as number };
  return out;
}

/** The key of the connector from `c.from` to `c.to` (the DOM patcher's, and the sketchy pen's seed). */
export const connectorKey = (c: Connector): string => `${c.from}>${c.to}`;

export function connectorShape(c: Connector, look: ConnectorLook, pen: Pen, key = connectorKey(c)): PathShape | undefined {
  const xy = c.coords;
  if (xy.length < 4) return undefined;
  // The plain pen's usual curve, written from the coordinates directly (no points to make).
  if (!pen.sketchy && !look.tapered && xy.length === 8 && c.kind === 'curve') {
    const d = pathData
      .cmd('M')
      .xy(xy[0] as number, xy[1] as number)
      .cmd('C')
      .xy(xy[2] as number, xy[3] as number)
      .xy(xy[4] as number, xy[5] as number)
      .xy(xy[6] as number, xy[7] as number)
      .take();
    return line(key, d, look, 'round');
  }
  const pts = connectorPoints(c);
  switch (c.kind) {
    case 'curve':
      if (pts.length === 4) {
        const [p0, c1, c2, p3] = pts as [Point, Point, Point, Point];
        if (look.tapered && !pen.sketchy) return { type: 'path', key, d: taperedCurve(p0, c1, c2, p3, look.width), fill: look.color };
        return line(key, pen.cubic(p0, c1, c2, p3), look, 'round');
      }
      return line(key, pen.polyline(pts), look, 'round');
    case 'elbow':
      return line(key, pen.polyline(pts, ELBOW_RADIUS), look, 'round');
    case 'bone':
      // Fishbone bones: the spine segments are drawn heavier than the ribs by the caller's width.
      return line(key, pen.polyline(pts), look, 'butt');
    case 'brace': {
      // [tip, start, end, target]: the brace itself is drawn once per parent (see braceOf); here
      // only the short stub from the brace's line to this child.
      if (pts.length !== 4) return line(key, pen.polyline(pts), look, 'round');
      const [, start, end, target] = pts as [Point, Point, Point, Point];
      return line(key, pen.polyline([nearestOnSegment(target, start, end), target]), look, 'round');
    }
    default:
      // 'straight' and 'timeline' (an axis segment).
      return line(key, pen.polyline(pts), look, 'round');
  }
}

/** A stroked connector path (one object literal shape for all kinds). */
function line(key: string, d: string, look: ConnectorLook, linecap: 'round' | 'butt'): PathShape {
  return { type: 'path', key, d, stroke: look.color, strokeWidth: look.width, linecap, linejoin: 'round' };
}

/** Unit normal of the direction a→b (or (0,1) when a = b). */
function normal(a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  return len < 1e-9 ? { x: 0, y: 1 } : { x: -dy / len, y: dx / len };
}

/**
 * A filled ribbon along a cubic: half-width `w` at the start narrowing to a quarter of it at the
 * end, built from the curve offset to each side (a close approximation for gentle curves).
 */
export function taperedCurve(p0: Point, c1: Point, c2: Point, p3: Point, width: number): string {
  const w0 = Math.max(1.5, width * 1.4);
  const w1 = Math.max(0.5, width * 0.3);
  const n0 = normal(p0, c1.x === p0.x && c1.y === p0.y ? p3 : c1);
  const n3 = normal(c2.x === p3.x && c2.y === p3.y ? p0 : c2, p3);
  const wm0 = (w0 * 2 + w1) / 3;
  const wm1 = (w0 + w1 * 2) / 3;
  const d = pathData;
  /** The point `p` moved `k` along the normal `n`. */
  const off = (p: Point, n: Point, k: number) => d.xy(p.x + n.x * k, p.y + n.y * k);
  d.cmd('M');
  off(p0, n0, w0);
  d.cmd('C');
  off(c1, n0, wm0);
  off(c2, n3, wm1);
  off(p3, n3, w1);
  d.cmd('L');
  off(p3, n3, -w1);
  d.cmd('C');
  off(c2, n3, -wm1);
  off(c1, n0, -wm0);
  off(p0, n0, -w0);
  return d.cmd('Z').take();
}

/** The brace of a 'brace' connector ([tip, start, end, target]), shared by all children of a parent. */
export function braceOf(c: Connector): { tip: Point; start: Point; end: Point } | undefined {
  if (c.kind !== 'brace' || c.coords.length !== 8) return undefined;
  const [tip, start, end] = connectorPoints(c) as [Point, Point, Point, Point];
  return { tip, start, end };
}

function nearestOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 < 1e-9) return a;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return { x: a.x + dx * t, y: a.y + dy * t };
}
