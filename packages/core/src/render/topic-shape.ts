// One topic → one `<g class="topic" data-id data-rect>` group: its body (shape, fill, border), image,
// markers, task checkbox, text lines, note/link icons, labels and fold button.

import { TOPIC_DECORATION as D } from '../layout/constants.ts';
import type { TopicBox } from '../layout/types.ts';
import type { Topic } from '../model.ts';
import type { TextMeasurer } from '../text/types.ts';
import { markerShape } from './markers.ts';
import { pathData } from './path-data.ts';
import { type Pen, plainPen } from './pen.ts';
import type { GroupShape, Shape } from './shapes.ts';
import { fmt, safeImageHref, safeLinkHref } from './shapes.ts';
import type { ResolvedTopicStyle } from './topic-style.ts';

export interface TopicPaint {
  fontFamily: string;
  background: string;
  accent: string;
  labelFill: string;
  labelColor: string;
  measure: TextMeasurer;
  pen: (key: string) => Pen;
}

/** Colour and width of the connector arriving at a topic (underlines continue it). */
export interface IncomingLine {
  color: string;
  width: number;
}

/** Longest note shown in a tooltip; notes can hold whole passages of a source document. */
const MAX_NOTE_TOOLTIP = 1000;

export function topicShape(
  box: TopicBox,
  topic: Topic,
  style: ResolvedTopicStyle,
  incoming: IncomingLine | undefined,
  p: TopicPaint,
): GroupShape {
  const children: Shape[] = [];
  bodyShapes(children, box, style, incoming, p.pen(box.id));
  const parts = box.parts;
  const ox = box.x;
  const oy = box.y;

  const imageHref = safeImageHref(topic.image?.src);
  if (parts.image && imageHref) {
    const r = parts.image;
    children.push({ type: 'image', x: ox + r.x, y: oy + r.y, width: r.width, height: r.height, href: imageHref });
  }

  if (parts.markers) {
    const r = parts.markers;
    let x = ox + r.x;
    const y = oy + r.y + (r.height - D.markerSize) / 2;
    if (topic.task) {
      const s = D.markerSize * 0.86;
      children.push(checkbox(x + (D.markerSize - s) / 2, y + (D.markerSize - s) / 2, s, topic.task.done, p.accent, p.background));
      x += D.markerSize + D.markerGap;
    }
    for (const id of topic.markers ?? []) {
      children.push(markerShape(String(id), x, y, D.markerSize));
      x += D.markerSize + D.markerGap;
    }
  }

  const text = box.text;
  if (text.lines.some((l) => l !== '')) {
    const r = parts.text;
    const fontSize = text.font.size;
    const lineHeight = text.lineHeight || Math.round(fontSize * 1.4);
    // Boxed topics centre their lines; open ones (underline, none) align them to the side they grow from.
    const open = style.shape === 'underline' || style.shape === 'none';
    const anchor = !open || box.depth === 0 ? 'middle' : box.direction === 'left' ? 'end' : 'start';
    const tx = anchor === 'middle' ? r.x + r.width / 2 : anchor === 'end' ? r.x + r.width : r.x;
    children.push({
      type: 'text',
      x: ox + tx,
      y: oy + r.y + lineHeight / 2 + fontSize * 0.35,
      lines: text.lines,
      lineHeight,
      fontSize,
      fontFamily: p.fontFamily,
      bold: text.font.bold ?? style.bold,
      italic: text.font.italic ?? style.italic,
      fill: style.color,
      anchor,
    });
  }

  if (parts.indicators) {
    const r = parts.indicators;
    let x = ox + r.x;
    const y = oy + r.y + (r.height - D.indicatorSize) / 2;
    if (topic.note) {
      const note = topic.note.length > MAX_NOTE_TOOLTIP ? `${topic.note.slice(0, MAX_NOTE_TOOLTIP)}…` : topic.note;
      children.push({ type: 'group', className: 'note', title: note, children: noteIcon(x, y, D.indicatorSize, p.accent, p.background) });
      x += D.indicatorSize + D.indicatorGap;
    }
    if (topic.href) {
      const internal = topic.href.startsWith('#topic:');
      const link: GroupShape = {
        type: 'group',
        className: internal ? 'link internal' : 'link',
        title: topic.href,
        children: linkIcon(x, y, D.indicatorSize, p.accent, internal),
      };
      const safe = safeLinkHref(topic.href);
      if (safe) link.href = safe;
      children.push(link);
    }
  }

  if (parts.labels && topic.labels?.length)
    children.push(labelRow(topic.labels, ox + parts.labels.x, oy + parts.labels.y, parts.labels.width, p));

  if (topic.folded && box.hiddenCount > 0) children.push(foldButton(box, style, incoming, p));

  return { type: 'group', className: 'topic', data: topicData(box, topic), children };
}

/**
 * The topic group's data attributes. Each combination is one object literal: adding a key to an
 * object gives it a new hidden class, which dies with the render and costs the callers their
 * optimised code at the next full collection (see shape-anchor.ts).
 */
function topicData(box: TopicBox, topic: Topic): Record<string, string> {
  const id = box.id;
  const rect = pathData.xy(box.x, box.y).xy(box.width, box.height).take();
  const depth = String(box.depth);
  const kind = topic.summaryId !== undefined ? 'summary' : topic.detached ? 'detached' : undefined;
  if (topic.folded) {
    const folded = String(box.hiddenCount);
    return kind === undefined ? { id, rect, depth, folded } : { id, rect, depth, kind, folded };
  }
  return kind === undefined ? { id, rect, depth } : { id, rect, depth, kind };
}

/** Label tags in one row, centred in the room layout reserved (`width`). */
function labelRow(labels: readonly string[], x: number, y: number, width: number, p: TopicPaint): GroupShape {
  const font = { size: D.labelFontSize, family: p.fontFamily };
  const widths = labels.map((l) => Math.ceil(p.measure.width(String(l), font)) + 2 * D.labelPaddingX);
  const total = widths.reduce((a, b) => a + b, 0) + D.labelGap * (widths.length - 1);
  let lx = x + (width - total) / 2;
  const row: Shape[] = [];
  widths.forEach((w, i) => {
    row.push({ type: 'rect', x: lx, y, width: w, height: D.labelHeight, rx: D.labelHeight / 2, fill: p.labelFill });
    row.push({
      type: 'text',
      x: lx + w / 2,
      y: y + D.labelHeight / 2 + D.labelFontSize * 0.35,
      lines: [String(labels[i])],
      lineHeight: D.labelHeight,
      fontSize: D.labelFontSize,
      fontFamily: p.fontFamily,
      fill: p.labelColor,
      anchor: 'middle',
    });
    lx += w + D.labelGap;
  });
  return { type: 'group', className: 'labels', children: row };
}

function bodyShapes(out: Shape[], box: TopicBox, s: ResolvedTopicStyle, incoming: IncomingLine | undefined, pen: Pen): void {
  const { x, y, width: w, height: h } = box;
  const stroke = s.borderColor !== 'none' && s.borderWidth > 0 ? s.borderColor : undefined;
  switch (s.shape) {
    case 'none':
      if (s.fill !== 'none') out.push({ type: 'rect', x, y, width: w, height: h, rx: 4, fill: s.fill });
      return;
    case 'underline': {
      if (s.fill !== 'none') out.push({ type: 'rect', x, y, width: w, height: h, rx: 3, fill: s.fill });
      const color = stroke ?? incoming?.color ?? s.lineColor;
      const width = stroke ? s.borderWidth : (incoming?.width ?? s.lineWidth);
      out.push({
        type: 'path',
        d: pen.polyline([
          { x, y: y + h },
          { x: x + w, y: y + h },
        ]),
        stroke: color,
        strokeWidth: width,
        linecap: 'round',
      });
      return;
    }
    case 'ellipse':
      if (pen.sketchy) {
        if (s.fill !== 'none') out.push({ type: 'ellipse', cx: x + w / 2 + 1.5, cy: y + h / 2 + 1.5, rx: w / 2, ry: h / 2, fill: s.fill });
        if (stroke) out.push({ type: 'path', d: pen.ellipse(x + w / 2, y + h / 2, w / 2, h / 2), stroke, strokeWidth: s.borderWidth });
      } else
        out.push({
          type: 'ellipse',
          cx: x + w / 2,
          cy: y + h / 2,
          rx: w / 2,
          ry: h / 2,
          fill: s.fill,
          stroke,
          strokeWidth: stroke ? s.borderWidth : undefined,
        });
      return;
    case 'diamond': {
      const pts = [
        { x: x + w / 2, y },
        { x: x + w, y: y + h / 2 },
        { x: x + w / 2, y: y + h },
        { x, y: y + h / 2 },
      ];
      if (pen.sketchy) {
        if (s.fill !== 'none') out.push({ type: 'path', d: plainPen.polygon(pts), fill: s.fill });
        if (stroke) out.push({ type: 'path', d: pen.polygon(pts), stroke, strokeWidth: s.borderWidth });
      } else
        out.push({
          type: 'path',
          d: plainPen.polygon(pts),
          fill: s.fill,
          stroke,
          strokeWidth: stroke ? s.borderWidth : undefined,
          linejoin: 'round',
        });
      return;
    }
    default: {
      // A tall capsule (an image inside) would turn into a circle: cap its radius.
      const rx = s.shape === 'capsule' ? Math.min(h / 2, 24) : s.shape === 'rounded' ? Math.min(8, h / 4) : 0;
      if (pen.sketchy) {
        if (s.fill !== 'none') out.push({ type: 'rect', x: x + 1.5, y: y + 1.5, width: w, height: h, rx, fill: s.fill });
        if (stroke) out.push({ type: 'path', d: pen.rect(x, y, w, h, rx), stroke, strokeWidth: s.borderWidth, linecap: 'round' });
      } else
        out.push({ type: 'rect', x, y, width: w, height: h, rx, fill: s.fill, stroke, strokeWidth: stroke ? s.borderWidth : undefined });
    }
  }
}

function checkbox(x: number, y: number, size: number, done: boolean, accent: string, background: string): GroupShape {
  const children: Shape[] = [
    {
      type: 'rect',
      x,
      y,
      width: size,
      height: size,
      rx: size * 0.18,
      fill: done ? accent : background,
      stroke: accent,
      strokeWidth: Math.max(1, size * 0.09),
    },
  ];
  if (done) {
    const u = (a: number, b: number) => `${fmt(x + a * size)} ${fmt(y + b * size)}`;
    children.push({
      type: 'path',
      d: `M${u(0.22, 0.52)} L${u(0.42, 0.72)} L${u(0.78, 0.3)}`,
      stroke: '#ffffff',
      strokeWidth: Math.max(1.2, size * 0.12),
      linecap: 'round',
      linejoin: 'round',
    });
  }
  return { type: 'group', className: done ? 'task done' : 'task', children };
}

function noteIcon(x: number, y: number, s: number, accent: string, background: string): Shape[] {
  const u = (a: number, b: number) => `${fmt(x + a * s)} ${fmt(y + b * s)}`;
  const w = Math.max(1, s * 0.08);
  return [
    {
      type: 'path',
      d: `M${u(0.18, 0.06)} L${u(0.62, 0.06)} L${u(0.84, 0.28)} L${u(0.84, 0.94)} L${u(0.18, 0.94)} Z`,
      fill: background,
      stroke: accent,
      strokeWidth: w,
      linejoin: 'round',
    },
    {
      type: 'path',
      d: `M${u(0.32, 0.42)} L${u(0.7, 0.42)} M${u(0.32, 0.58)} L${u(0.7, 0.58)} M${u(0.32, 0.74)} L${u(0.58, 0.74)}`,
      stroke: accent,
      strokeWidth: w,
      linecap: 'round',
    },
  ];
}

function linkIcon(x: number, y: number, s: number, accent: string, internal: boolean): Shape[] {
  const u = (a: number, b: number) => `${fmt(x + a * s)} ${fmt(y + b * s)}`;
  const w = Math.max(1.1, s * 0.1);
  if (internal) {
    // Two linked nodes: a jump to another topic of the map.
    return [
      { type: 'ellipse', cx: x + 0.26 * s, cy: y + 0.7 * s, rx: 0.16 * s, ry: 0.16 * s, fill: 'none', stroke: accent, strokeWidth: w },
      { type: 'ellipse', cx: x + 0.74 * s, cy: y + 0.3 * s, rx: 0.16 * s, ry: 0.16 * s, fill: accent },
      { type: 'path', d: `M${u(0.38, 0.6)} L${u(0.6, 0.4)}`, stroke: accent, strokeWidth: w, linecap: 'round' },
    ];
  }
  // A box with an arrow leaving it: an external web link.
  return [
    {
      type: 'path',
      d: `M${u(0.5, 0.16)} L${u(0.16, 0.16)} L${u(0.16, 0.86)} L${u(0.86, 0.86)} L${u(0.86, 0.52)} M${u(0.62, 0.1)} L${u(0.92, 0.1)} L${u(0.92, 0.4)} M${u(0.9, 0.12)} L${u(0.48, 0.54)}`,
      stroke: accent,
      strokeWidth: w,
      linecap: 'round',
      linejoin: 'round',
    },
  ];
}

/** Where children would grow from a folded topic, so the button sits on that side. */
function foldSide(box: TopicBox): 'right' | 'left' | 'down' | 'up' {
  switch (box.structure) {
    case 'org-down':
    case 'timeline-vertical':
      return 'down';
    case 'org-up':
      return 'up';
    case 'tree':
      // Catalog children hang below, indented, one gap from the next sibling: keep the button beside.
      return 'right';
    case 'mindmap-left':
    case 'logic-left':
    case 'fishbone-right':
      return box.depth === 0 ? 'left' : box.direction === 'left' ? 'left' : 'right';
    default:
      return box.depth === 0 ? 'right' : box.direction === 'up' || box.direction === 'down' ? 'right' : box.direction;
  }
}

function foldButton(box: TopicBox, s: ResolvedTopicStyle, incoming: IncomingLine | undefined, p: TopicPaint): GroupShape {
  const label = box.hiddenCount > 99 ? '99+' : String(box.hiddenCount);
  const h = 16;
  const w = Math.max(h, label.length * 6.6 + 8);
  const underline = s.shape === 'underline';
  const cy = underline ? box.y + box.height : box.y + box.height / 2;
  const side = foldSide(box);
  let cx: number;
  let y: number;
  if (side === 'right' || side === 'left') {
    cx = side === 'right' ? box.x + box.width + 3 + w / 2 : box.x - 3 - w / 2;
    y = cy - h / 2;
  } else {
    cx = box.x + box.width / 2;
    y = side === 'up' ? box.y - 3 - h : box.y + box.height + 3;
  }
  const color = s.lineColor || incoming?.color || p.accent;
  return {
    type: 'group',
    className: 'fold',
    data: { count: String(box.hiddenCount) },
    children: [
      { type: 'rect', x: cx - w / 2, y, width: w, height: h, rx: h / 2, fill: p.background, stroke: color, strokeWidth: 1.2 },
      {
        type: 'text',
        x: cx,
        y: y + h / 2 + 3.8,
        lines: [label],
        lineHeight: h,
        fontSize: 11,
        fontFamily: p.fontFamily,
        fill: color,
        anchor: 'middle',
      },
    ],
  };
}
