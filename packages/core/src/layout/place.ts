// The final pass: turns the relative placements into map coordinates (root centre at 0, 0) and
// emits the topic boxes, connectors, summary braces, boundaries and relationship curves.

import type { Point, StructureName } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { levelStyle } from '../render/themes.ts';
import type { DocState } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { DETACHED_DEFAULT_GAP, SUMMARY_BRACE } from './constants.ts';
import { boundaryGeometry, relationshipGeometry } from './decorations.ts';
import { frameToMap, type LayoutNode, mapOffset } from './layout-node.ts';
import { tidyDirection } from './structure-kinds.ts';
import type { BlockStructure } from './structures.ts';
import type { Spacing } from './tidy.ts';
import { styleLevel } from './topic-size.ts';
import type { Connector, ConnectorKind, Direction, LayoutResult, Rect, SummaryGeometry, TopicBox } from './types.ts';

class Bounds {
  x0 = Number.POSITIVE_INFINITY;
  y0 = Number.POSITIVE_INFINITY;
  x1 = Number.NEGATIVE_INFINITY;
  y1 = Number.NEGATIVE_INFINITY;
  add(x: number, y: number, w: number, h: number): void {
    if (x < this.x0) this.x0 = x;
    if (y < this.y0) this.y0 = y;
    if (x + w > this.x1) this.x1 = x + w;
    if (y + h > this.y1) this.y1 = y + h;
  }
  rect(): Rect {
    if (this.x0 > this.x1) return { x: 0, y: 0, width: 0, height: 0 };
    return { x: this.x0, y: this.y0, width: this.x1 - this.x0, height: this.y1 - this.y0 };
  }
}

function connectorKind(st: StructureName, theme: Theme): ConnectorKind {
  switch (st) {
    case 'mindmap':
    case 'mindmap-right':
    case 'mindmap-left':
      return theme.connector;
    case 'brace':
      return 'brace';
    default:
      return 'elbow';
  }
}

export function placeAll(
  root: LayoutNode,
  theme: Theme,
  state: DocState,
  measurer: TextMeasurer,
  spacing: Spacing,
  blockOf: (n: LayoutNode, st: BlockStructure) => Rect,
): LayoutResult {
  const boxes = new Map<LayoutNode['id'], TopicBox>();
  const connectors: Connector[] = [];
  const summaries: SummaryGeometry[] = [];
  const bounds = new Bounds();
  const floats: LayoutNode[] = [];
  const underline = (n: LayoutNode): boolean => (n.topic.style?.shape ?? levelStyle(theme, styleLevel(n.depth)).shape) === 'underline';

  const emit = (n: LayoutNode): void => {
    const m = n.measure;
    if (!m) return;
    const box: TopicBox = {
      x: n.x,
      y: n.y,
      width: n.w,
      height: n.h,
      id: n.id,
      depth: n.depth,
      direction: n.report ?? n.frame,
      structure: n.structure,
      text: m.text,
      parts: m.parts,
      hiddenCount: n.hidden,
    };
    if (m.parts.image) box.image = m.parts.image;
    n.box = box;
    boxes.set(n.id, box);
    bounds.add(n.x, n.y, n.w, n.h);
  };

  const tidyConnector = (p: LayoutNode, k: LayoutNode, kind: ConnectorKind): Point[] => {
    const f = k.frame;
    const pu = underline(p);
    const ku = underline(k);
    let s: Point;
    let e: Point;
    if (f === 'right' || f === 'left') {
      const r = f === 'right';
      s = { x: r ? p.x + p.w : p.x, y: pu ? p.y + p.h : p.y + p.h / 2 };
      e = { x: r ? k.x : k.x + k.w, y: ku ? k.y + k.h : k.y + k.h / 2 };
      if (kind === 'straight') return [s, e];
      const mx = kind === 'elbow' ? s.x + (r ? 1 : -1) * (spacing.hGap / 2) : (s.x + e.x) / 2;
      if (kind === 'elbow') return [s, { x: mx, y: s.y }, { x: mx, y: e.y }, e];
      return [s, { x: mx, y: s.y }, { x: mx, y: e.y }, e];
    }
    const d = f === 'down';
    s = { x: p.x + p.w / 2, y: d ? p.y + p.h : p.y };
    e = { x: k.x + k.w / 2, y: d ? k.y : k.y + k.h };
    if (kind === 'straight') return [s, e];
    const my = kind === 'elbow' ? s.y + (d ? 1 : -1) * (spacing.hGap / 2) : (s.y + e.y) / 2;
    return [s, { x: s.x, y: my }, { x: e.x, y: my }, e];
  };

  const visit = (start: LayoutNode): void => {
    const stack: LayoutNode[] = [start];
    while (stack.length > 0) {
      const p = stack.pop() as LayoutNode;
      emit(p);
      const kids = p.kids;
      const kind = connectorKind(p.structure, theme);
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i] as LayoutNode;
        const frame = k.dir ?? p.frame;
        const [dx, dy] = mapOffset(k, p, frame);
        k.x = p.x + dx;
        k.y = p.y + dy;
        k.frame = frame;
      }
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as LayoutNode);
      if (kids.length > 0) {
        if (kind === 'brace' && kids.every((k) => k.conn === null)) braceConnectors(p, kids, spacing.hGap, connectors);
        else {
          for (const k of kids) {
            if (k.conn) {
              const c = k.conn;
              const points: Point[] = [];
              for (let j = 0; j < c.length; j += 2) points.push({ x: p.x + (c[j] as number), y: p.y + (c[j + 1] as number) });
              connectors.push({ from: p.id, to: k.id, kind: k.connKind ?? 'straight', points });
            } else {
              const kk = tidyDirection(p.structure) || p.structure.startsWith('mindmap') ? kind : 'elbow';
              connectors.push({ from: p.id, to: k.id, kind: kk, points: tidyConnector(p, k, kk) });
            }
          }
        }
      }
      if (p.spine && kids.length > 0) {
        const sp = p.spine;
        connectors.push({
          from: p.id,
          to: (kids[kids.length - 1] as LayoutNode).id,
          kind: 'straight',
          points: [
            { x: p.x + (sp[0] as number), y: p.y + (sp[1] as number) },
            { x: p.x + (sp[2] as number), y: p.y + (sp[3] as number) },
          ],
        });
        bounds.add(
          Math.min(p.x + (sp[0] as number), p.x + (sp[2] as number)),
          p.y + (sp[1] as number),
          Math.abs((sp[2] as number) - (sp[0] as number)),
          0,
        );
      }
      for (const s of p.sums) {
        const brace = s.brace;
        if (!brace) continue;
        const frame = s.dir ?? p.frame;
        const [dx, dy] = mapOffset(s, p, frame);
        s.x = p.x + dx;
        s.y = p.y + dy;
        s.frame = frame;
        stack.push(s);
        const u = brace[0] as number;
        const v0 = brace[1] as number;
        const v1 = brace[2] as number;
        const pt = (uu: number, vv: number): Point => {
          const [x, y] = frameToMap(uu, vv, p.w, p.h, frame);
          return { x: p.x + x, y: p.y + y };
        };
        const g: SummaryGeometry = {
          id: s.summary?.id ?? s.id,
          start: pt(u, v0),
          end: pt(u, v1),
          tip: pt(u + SUMMARY_BRACE.width, (v0 + v1) / 2),
          direction: frame,
        };
        summaries.push(g);
      }
      for (const f of p.floats) floats.push(f);
    }
  };

  root.x = -root.w / 2;
  root.y = -root.h / 2;
  root.frame = 'right';
  visit(root);

  // Detached topics: centred at their stored position (relative to the root's centre), or stacked
  // under the map when they have none.
  const docSt = root.topic.structure ?? state.structure;
  const floatSt: StructureName = tidyDirection(docSt) ? docSt : 'mindmap-right';
  let nextY = bounds.rect().y + bounds.rect().height + DETACHED_DEFAULT_GAP;
  const baseX = bounds.rect().x;
  for (const f of floats) {
    const ext = blockOf(f, f.topic.structure ?? floatSt);
    const pos = f.topic.position;
    if (pos && Number.isFinite(pos.x) && Number.isFinite(pos.y)) {
      f.x = pos.x - f.w / 2;
      f.y = pos.y - f.h / 2;
    } else {
      f.x = baseX - ext.x;
      f.y = nextY - ext.y;
      nextY += ext.height + DETACHED_DEFAULT_GAP;
    }
    f.frame = 'right';
    f.dir = null;
    visit(f);
  }

  const boundaries = boundaryGeometry(state, boxes, measurer, theme);
  for (const b of boundaries) {
    bounds.add(b.rect.x, b.rect.y, b.rect.width, b.rect.height);
    if (b.label) bounds.add(b.label.x, b.label.y, b.label.width, b.label.height);
  }
  const relationships = relationshipGeometry(state, boxes);
  for (const r of relationships) for (const q of [r.start, r.c1, r.c2, r.end]) bounds.add(q.x, q.y, 0, 0);
  for (const s of summaries) for (const q of [s.start, s.end, s.tip]) bounds.add(q.x, q.y, 0, 0);
  return { boxes, connectors, summaries, boundaries, relationships, bounds: bounds.rect() };
}

function braceConnectors(p: LayoutNode, kids: readonly LayoutNode[], hGap: number, out: Connector[]): void {
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const k of kids) {
    top = Math.min(top, k.y + k.h / 2);
    bottom = Math.max(bottom, k.y + k.h / 2);
  }
  const bx = p.x + p.w + hGap / 2;
  const tip = { x: p.x + p.w + hGap / 4, y: p.y + p.h / 2 };
  for (const k of kids) {
    const target = { x: k.x, y: k.y + k.h / 2 };
    out.push({ from: p.id, to: k.id, kind: 'brace', points: [tip, { x: bx, y: top }, { x: bx, y: bottom }, target] });
  }
}
