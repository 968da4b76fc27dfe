// Marker icons drawn as small inline shapes (no external files), each inside a `size`×`size` box.
// Ids follow XMind's families (see @arbor/formats markers.ts): priority-1…9, task-0…100, flag-*,
// star-*, half-star-*, people-*, tag-*, smiley-*, arrow-*, symbol-*, month-*, week-*; anything else
// is drawn as a generic tag showing the id's last part.

import type { Point } from '../model.ts';
import type { GroupShape, Shape, TextShape } from './shapes.ts';
import { fmt } from './shapes.ts';

const COLORS: Record<string, string> = {
  red: '#e5484d',
  orange: '#f76b15',
  yellow: '#f5b90a',
  green: '#30a46c',
  blue: '#0090ff',
  purple: '#8e4ec6',
  pink: '#e93d82',
  cyan: '#05a2c2',
  gray: '#8b8d98',
  grey: '#8b8d98',
  'dark-gray': '#60646c',
  black: '#1c2024',
  brown: '#a35829',
};
const PRIORITY_COLORS = ['#e5484d', '#f76b15', '#0090ff', '#30a46c', '#8e4ec6', '#12a594', '#d6409f', '#8b8d98', '#60646c'];
/** Glyphs inside markers use the document's font (an empty family inherits it). */
const FONT = '';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS: Record<string, string> = { mon: '一', tue: '二', wed: '三', thu: '四', fri: '五', sat: '六', sun: '日' };

const colorOf = (name: string, fallback = COLORS.blue as string): string => COLORS[name] ?? fallback;

/** Drawing context: the marker's box, in map coordinates. */
interface Box {
  x: number;
  y: number;
  s: number;
}
const at = (b: Box, u: number, v: number): Point => ({ x: b.x + u * b.s, y: b.y + v * b.s });
const pt = (p: Point): string => `${fmt(p.x)} ${fmt(p.y)}`;
/** Path data from unit-square points: `M a L b L c …` (closed when `close`). */
const unitPath = (b: Box, pts: [number, number][], close = false): string =>
  pts.map(([u, v], i) => `${i ? 'L' : 'M'}${pt(at(b, u, v))}`).join(' ') + (close ? ' Z' : '');

const circle = (b: Box, fill: string, stroke?: string, r = 0.46): Shape => ({
  type: 'ellipse',
  cx: b.x + b.s / 2,
  cy: b.y + b.s / 2,
  rx: b.s * r,
  ry: b.s * r,
  fill,
  stroke,
  strokeWidth: stroke ? Math.max(1, b.s * 0.07) : undefined,
});

const glyph = (b: Box, text: string, fill: string, scale = 0.64): TextShape => {
  const size = b.s * scale;
  return {
    type: 'text',
    x: b.x + b.s / 2,
    y: b.y + b.s / 2 + size * 0.36,
    lines: [text],
    lineHeight: size,
    fontSize: size,
    fontFamily: FONT,
    bold: true,
    fill,
    anchor: 'middle',
  };
};

const stroke = (b: Box, d: string, color: string, width = 0.1): Shape => ({
  type: 'path',
  d,
  stroke: color,
  strokeWidth: Math.max(1, b.s * width),
  linecap: 'round',
  linejoin: 'round',
});

function taskPie(b: Box, percent: number): Shape[] {
  const green = COLORS.green as string;
  const cx = b.x + b.s / 2;
  const cy = b.y + b.s / 2;
  const r = b.s * 0.44;
  if (percent >= 100) {
    return [
      circle(b, green),
      stroke(
        b,
        unitPath(b, [
          [0.28, 0.52],
          [0.44, 0.67],
          [0.72, 0.36],
        ]),
        '#ffffff',
        0.11,
      ),
    ];
  }
  const out: Shape[] = [circle(b, '#ffffff', green)];
  if (percent > 0) {
    const t = (percent / 100) * Math.PI * 2;
    const end = { x: cx + Math.sin(t) * r, y: cy - Math.cos(t) * r };
    const large = percent > 50 ? 1 : 0;
    out.push({
      type: 'path',
      d: `M${fmt(cx)} ${fmt(cy)} L${fmt(cx)} ${fmt(cy - r)} A${fmt(r)} ${fmt(r)} 0 ${large} 1 ${pt(end)} Z`,
      fill: green,
    });
  }
  return out;
}

function starPoints(outer = 0.48, inner = 0.2): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([0.5 + Math.cos(t) * r, 0.53 + Math.sin(t) * r]);
  }
  return pts;
}

function smiley(b: Box, mood: string): Shape[] {
  const ink = '#5c4400';
  const out: Shape[] = [circle(b, '#ffcd29', '#e0a800')];
  const eye = (u: number): Shape => ({
    type: 'ellipse',
    cx: b.x + u * b.s,
    cy: b.y + 0.4 * b.s,
    rx: b.s * 0.05,
    ry: b.s * 0.07,
    fill: ink,
  });
  out.push(eye(0.36), eye(0.64));
  const q = (a: [number, number], c: [number, number], e: [number, number]) => `M${pt(at(b, ...a))} Q${pt(at(b, ...c))} ${pt(at(b, ...e))}`;
  switch (mood) {
    case 'laugh':
      out.push({ type: 'path', d: `${q([0.28, 0.58], [0.5, 0.9], [0.72, 0.58])} Z`, fill: ink });
      break;
    case 'angry':
      out.push(
        stroke(
          b,
          unitPath(b, [
            [0.26, 0.26],
            [0.42, 0.33],
          ]) +
            ' ' +
            unitPath(b, [
              [0.74, 0.26],
              [0.58, 0.33],
            ]),
          ink,
          0.07,
        ),
      );
      out.push(stroke(b, q([0.32, 0.74], [0.5, 0.58], [0.68, 0.74]), ink, 0.07));
      break;
    case 'cry':
      out.push(stroke(b, q([0.32, 0.74], [0.5, 0.6], [0.68, 0.74]), ink, 0.07));
      out.push({ type: 'ellipse', cx: b.x + 0.3 * b.s, cy: b.y + 0.56 * b.s, rx: b.s * 0.05, ry: b.s * 0.09, fill: '#3fa7d6' });
      break;
    case 'surprise':
      out.push({ type: 'ellipse', cx: b.x + 0.5 * b.s, cy: b.y + 0.68 * b.s, rx: b.s * 0.09, ry: b.s * 0.11, fill: ink });
      break;
    case 'boring':
      out.push(
        stroke(
          b,
          unitPath(b, [
            [0.34, 0.68],
            [0.66, 0.68],
          ]),
          ink,
          0.07,
        ),
      );
      break;
    default: // smile
      out.push(stroke(b, q([0.3, 0.6], [0.5, 0.8], [0.7, 0.6]), ink, 0.07));
  }
  return out;
}

const ARROW_ANGLES: Record<string, number> = {
  right: 0,
  'down-right': 45,
  down: 90,
  'down-left': 135,
  left: 180,
  'up-left': 225,
  up: 270,
  'up-right': 315,
};

function arrow(b: Box, dir: string): Shape[] {
  const white = '#ffffff';
  const out: Shape[] = [circle(b, COLORS.blue as string)];
  if (dir === 'refresh') {
    const r = b.s * 0.24;
    const cx = b.x + b.s / 2;
    const cy = b.y + b.s / 2;
    out.push(stroke(b, `M${fmt(cx + r)} ${fmt(cy)} A${fmt(r)} ${fmt(r)} 0 1 1 ${fmt(cx)} ${fmt(cy - r)}`, white, 0.09));
    out.push(
      stroke(
        b,
        unitPath(b, [
          [0.42, 0.16],
          [0.52, 0.26],
          [0.42, 0.36],
        ]),
        white,
        0.09,
      ),
    );
    return out;
  }
  const deg = ARROW_ANGLES[dir] ?? 0;
  const t = (deg * Math.PI) / 180;
  const rot = (u: number, v: number): [number, number] => [
    0.5 + u * Math.cos(t) - v * Math.sin(t),
    0.5 + u * Math.sin(t) + v * Math.cos(t),
  ];
  out.push(
    stroke(
      b,
      `${unitPath(b, [rot(-0.25, 0), rot(0.22, 0)])} ${unitPath(b, [rot(0.04, -0.18), rot(0.24, 0), rot(0.04, 0.18)])}`,
      white,
      0.1,
    ),
  );
  return out;
}

function symbol(b: Box, name: string): Shape[] {
  const white = '#ffffff';
  switch (name) {
    case 'plus':
      return [
        circle(b, COLORS.green as string),
        stroke(
          b,
          `${unitPath(b, [
            [0.5, 0.26],
            [0.5, 0.74],
          ])} ${unitPath(b, [
            [0.26, 0.5],
            [0.74, 0.5],
          ])}`,
          white,
          0.11,
        ),
      ];
    case 'minus':
      return [
        circle(b, COLORS.orange as string),
        stroke(
          b,
          unitPath(b, [
            [0.26, 0.5],
            [0.74, 0.5],
          ]),
          white,
          0.11,
        ),
      ];
    case 'wrong':
      return [
        circle(b, COLORS.red as string),
        stroke(
          b,
          `${unitPath(b, [
            [0.32, 0.32],
            [0.68, 0.68],
          ])} ${unitPath(b, [
            [0.68, 0.32],
            [0.32, 0.68],
          ])}`,
          white,
          0.11,
        ),
      ];
    case 'right':
      return [
        circle(b, COLORS.green as string),
        stroke(
          b,
          unitPath(b, [
            [0.27, 0.52],
            [0.43, 0.68],
            [0.73, 0.35],
          ]),
          white,
          0.11,
        ),
      ];
    case 'pause':
      return [
        circle(b, COLORS.gray as string),
        stroke(
          b,
          `${unitPath(b, [
            [0.4, 0.3],
            [0.4, 0.7],
          ])} ${unitPath(b, [
            [0.6, 0.3],
            [0.6, 0.7],
          ])}`,
          white,
          0.11,
        ),
      ];
    case 'question':
      return [circle(b, COLORS.purple as string), glyph(b, '?', white)];
    case 'exclam':
      return [circle(b, COLORS.red as string), glyph(b, '!', white)];
    case 'info':
      return [circle(b, COLORS.blue as string), glyph(b, 'i', white)];
    default:
      return genericTag(b, name);
  }
}

/** A small calendar page with a label (month number or weekday). */
function calendar(b: Box, text: string, color: string): Shape[] {
  return [
    {
      type: 'rect',
      x: b.x + b.s * 0.08,
      y: b.y + b.s * 0.1,
      width: b.s * 0.84,
      height: b.s * 0.82,
      rx: b.s * 0.1,
      fill: '#ffffff',
      stroke: color,
      strokeWidth: Math.max(1, b.s * 0.07),
    },
    { type: 'rect', x: b.x + b.s * 0.08, y: b.y + b.s * 0.1, width: b.s * 0.84, height: b.s * 0.24, rx: b.s * 0.1, fill: color },
    { ...glyph(b, text, '#333333', text.length > 1 ? 0.44 : 0.5), y: b.y + b.s * 0.8 },
  ];
}

function genericTag(b: Box, name: string): Shape[] {
  const text = [...name].slice(0, 2).join('').toUpperCase() || '?';
  return [
    { type: 'rect', x: b.x + b.s * 0.04, y: b.y + b.s * 0.14, width: b.s * 0.92, height: b.s * 0.72, rx: b.s * 0.16, fill: '#8b8d98' },
    glyph(b, text, '#ffffff', text.length > 1 ? 0.42 : 0.52),
  ];
}

function markerBody(id: string, b: Box): Shape[] {
  const dash = id.indexOf('-');
  const family = dash > 0 ? id.slice(0, dash) : id;
  const rest = dash > 0 ? id.slice(dash + 1) : '';
  switch (family) {
    case 'priority': {
      const n = Number(rest);
      if (Number.isInteger(n) && n >= 1 && n <= 9)
        return [circle(b, PRIORITY_COLORS[n - 1] as string, '#ffffff', 0.47), glyph(b, String(n), '#ffffff')];
      break;
    }
    case 'task': {
      const p = Number(rest);
      if (rest !== '' && Number.isFinite(p) && p >= 0 && p <= 100) return taskPie(b, p);
      break;
    }
    case 'flag': {
      const c = colorOf(rest, COLORS.red);
      return [
        stroke(
          b,
          unitPath(b, [
            [0.24, 0.1],
            [0.24, 0.92],
          ]),
          '#555555',
          0.08,
        ),
        {
          type: 'path',
          d: `M${pt(at(b, 0.27, 0.13))} C${pt(at(b, 0.45, 0.04))} ${pt(at(b, 0.6, 0.24))} ${pt(at(b, 0.86, 0.14))} L${pt(at(b, 0.86, 0.5))} C${pt(at(b, 0.6, 0.6))} ${pt(at(b, 0.45, 0.4))} ${pt(at(b, 0.27, 0.5))} Z`,
          fill: c,
        },
      ];
    }
    case 'star':
      return [{ type: 'path', d: unitPath(b, starPoints(), true), fill: colorOf(rest, COLORS.yellow), linejoin: 'round' }];
    case 'half': {
      // half-star-<colour>: the left half filled, the outline complete.
      const c = colorOf(rest.replace(/^star-/, ''), COLORS.yellow);
      const pts = starPoints();
      // Points run clockwise from the top; 5…9 and 0 make the left half (5 is the bottom notch).
      const left = [0, 9, 8, 7, 6, 5].map((i) => pts[i] as [number, number]);
      return [
        { type: 'path', d: unitPath(b, left, true), fill: c },
        { type: 'path', d: unitPath(b, pts, true), stroke: c, strokeWidth: Math.max(1, b.s * 0.06), linejoin: 'round' },
      ];
    }
    case 'people': {
      const c = colorOf(rest, COLORS.blue);
      return [
        { type: 'ellipse', cx: b.x + 0.5 * b.s, cy: b.y + 0.3 * b.s, rx: b.s * 0.18, ry: b.s * 0.18, fill: c },
        {
          type: 'path',
          d: `M${pt(at(b, 0.14, 0.92))} C${pt(at(b, 0.14, 0.56))} ${pt(at(b, 0.86, 0.56))} ${pt(at(b, 0.86, 0.92))} Z`,
          fill: c,
        },
      ];
    }
    case 'tag': {
      const c = colorOf(rest, COLORS.blue);
      return [
        {
          type: 'path',
          d: unitPath(
            b,
            [
              [0.08, 0.2],
              [0.6, 0.2],
              [0.92, 0.5],
              [0.6, 0.8],
              [0.08, 0.8],
            ],
            true,
          ),
          fill: c,
          linejoin: 'round',
        },
        { type: 'ellipse', cx: b.x + 0.62 * b.s, cy: b.y + 0.5 * b.s, rx: b.s * 0.07, ry: b.s * 0.07, fill: '#ffffff' },
      ];
    }
    case 'smiley':
      return smiley(b, rest);
    case 'arrow':
      return arrow(b, rest);
    case 'symbol':
      return symbol(b, rest);
    case 'month': {
      const m = MONTHS.indexOf(rest);
      if (m >= 0) return calendar(b, String(m + 1), COLORS.red as string);
      break;
    }
    case 'week': {
      const d = WEEKDAYS[rest];
      if (d) return calendar(b, d, COLORS.blue as string);
      break;
    }
  }
  return genericTag(b, rest || id);
}

/** The shapes of marker `id` drawn in the square (x, y, size). */
export function markerShape(id: string, x: number, y: number, size: number): GroupShape {
  return { type: 'group', className: 'marker', data: { marker: id }, children: markerBody(id, { x, y, s: size }) };
}
