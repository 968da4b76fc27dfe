// What is drawn around and across topics: summary braces, boundary frames with labels, and
// relationship curves with arrowheads and labels.

import type { BoundaryGeometry, RelationshipGeometry, SummaryGeometry } from '../layout/types.ts';
import type { Boundary, Point, Relationship, Summary } from '../model.ts';
import type { TextMeasurer } from '../text/types.ts';
import { safeColor } from './color.ts';
import { type Pen, plainPen } from './pen.ts';
import type { GroupShape, Shape } from './shapes.ts';
import type { Theme } from './theme-types.ts';

export interface OverlayPaint {
  theme: Theme;
  fontFamily: string;
  measure: TextMeasurer;
  pen: (key: string) => Pen;
}

const LABEL_FONT = 12;

export function summaryShape(g: SummaryGeometry, summary: Summary | undefined, p: OverlayPaint): GroupShape {
  const color = safeColor(summary?.style?.color, p.theme.summaryColor);
  const pen = p.pen(`summary:${g.id}`);
  const d = pen.brace(g.start, g.end, g.tip);
  return {
    type: 'group',
    className: 'summary',
    data: { id: g.id },
    children: [{ type: 'path', d, stroke: color, strokeWidth: 1.8, linecap: 'round', linejoin: 'round' }],
  };
}

export function boundaryShape(g: BoundaryGeometry, boundary: Boundary | undefined, p: OverlayPaint): GroupShape {
  const color = safeColor(boundary?.style?.color, p.theme.boundaryColor);
  const fill = safeColor(boundary?.style?.fill, p.theme.boundaryFill);
  const r = g.rect;
  const rx = Math.min(10, r.width / 4, r.height / 4);
  const children: Shape[] = [];
  const pen = p.pen(`boundary:${g.id}`);
  if (pen.sketchy) {
    if (fill !== 'none') children.push({ type: 'rect', x: r.x, y: r.y, width: r.width, height: r.height, rx, fill });
    children.push({ type: 'path', d: pen.rect(r.x, r.y, r.width, r.height, rx), stroke: color, strokeWidth: 1.4, dash: '7 5' });
  } else {
    children.push({
      type: 'rect',
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
      rx,
      fill,
      stroke: color,
      strokeWidth: 1.5,
      dash: '7 5',
    });
  }
  const label = boundary?.label;
  if (label && g.label) {
    const l = g.label;
    children.push({ type: 'rect', x: l.x, y: l.y, width: l.width, height: l.height, rx: Math.min(4, l.height / 2), fill: color });
    const size = Math.max(10, Math.min(LABEL_FONT, l.height - 6));
    children.push({
      type: 'text',
      x: l.x + l.width / 2,
      y: l.y + l.height / 2 + size * 0.35,
      lines: [label],
      lineHeight: l.height,
      fontSize: size,
      fontFamily: p.fontFamily,
      fill: '#ffffff',
      anchor: 'middle',
    });
  }
  return { type: 'group', className: 'boundary', data: { id: g.id }, children };
}

/** Filled arrowhead with its tip at `tip`, pointing away from `from`. */
function arrowHead(tip: Point, from: Point, color: string, size: number): Shape | undefined {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return undefined;
  const ux = dx / len;
  const uy = dy / len;
  const bx = tip.x - ux * size;
  const by = tip.y - uy * size;
  const half = size * 0.5;
  const a = { x: bx - uy * half, y: by + ux * half };
  const b = { x: bx + uy * half, y: by - ux * half };
  return { type: 'path', d: plainPen.polygon([tip, a, b]), fill: color, linejoin: 'round' };
}

/** The first point along the curve that differs from `p` (tangent direction at an end). */
const awayFrom = (p: Point, candidates: Point[]): Point => candidates.find((c) => Math.hypot(c.x - p.x, c.y - p.y) > 1e-6) ?? p;

export function relationshipShape(g: RelationshipGeometry, rel: Relationship | undefined, p: OverlayPaint): GroupShape {
  const color = safeColor(rel?.style?.color, p.theme.relationshipColor);
  const dashed = rel?.style?.dashed ?? true;
  const pen = p.pen(`relationship:${g.id}`);
  const children: Shape[] = [
    {
      type: 'path',
      d: pen.cubic(g.start, g.c1, g.c2, g.end),
      stroke: color,
      strokeWidth: 1.6,
      dash: dashed ? '6 4' : undefined,
      linecap: 'round',
    },
  ];
  if (rel?.style?.arrowEnd ?? true) {
    const head = arrowHead(g.end, awayFrom(g.end, [g.c2, g.c1, g.start]), color, 10);
    if (head) children.push(head);
  }
  if (rel?.style?.arrowStart) {
    const head = arrowHead(g.start, awayFrom(g.start, [g.c1, g.c2, g.end]), color, 10);
    if (head) children.push(head);
  }
  const label = rel?.label;
  if (label) {
    const lines = label.split('\n');
    const font = { size: LABEL_FONT, family: p.fontFamily };
    const lh = p.measure.lineHeight(font);
    const w = Math.max(...lines.map((l) => p.measure.width(l, font))) + 10;
    const h = lh * lines.length + 4;
    children.push({
      type: 'rect',
      x: g.labelAt.x - w / 2,
      y: g.labelAt.y - h / 2,
      width: w,
      height: h,
      rx: 3,
      fill: p.theme.background,
      opacity: 0.92,
    });
    children.push({
      type: 'text',
      x: g.labelAt.x,
      y: g.labelAt.y - h / 2 + 2 + lh / 2 + LABEL_FONT * 0.35,
      lines,
      lineHeight: lh,
      fontSize: LABEL_FONT,
      fontFamily: p.fontFamily,
      fill: color,
      anchor: 'middle',
    });
  }
  return { type: 'group', className: 'relationship', data: { id: g.id }, children };
}
