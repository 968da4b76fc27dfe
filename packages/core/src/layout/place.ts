// The final pass: turns the relative placements into map coordinates (root centre at 0, 0) and
// emits the topic boxes, connectors, summary braces, boundaries and relationship curves.

import type { Point, StructureName, TopicId } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { keepShape } from '../shape-anchor.ts';
import { attachedChildren, type DocState } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { DETACHED_DEFAULT_GAP, SUMMARY_BRACE } from './constants.ts';
import { boundaryGeometry, type PlacedLookup, relationshipGeometry } from './decorations.ts';
import { frameToMap, type LayoutNode, mapOffset } from './layout-node.ts';
import { tidyDirection } from './structure-kinds.ts';
import type { BlockStructure } from './structures.ts';
import { DIRECTIONS, directionCode, LayoutTable, PlacedLayout } from './table.ts';
import type { Spacing } from './tidy.ts';
import type { ConnectorKind, Direction, LayoutResult, Rect, SummaryGeometry } from './types.ts';

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

keepShape(new Bounds());
// Rectangles and points are plain literals made all over layout. Each layout used to make their
// shapes anew with small-integer fields and widen them to doubles on the first fraction: a
// widening retires the shape, and the optimisation of any function built on it in the meantime
// (measuring topics, the first time) was thrown away, at every layout. Kept with double fields,
// the shapes never widen again.
keepShape<Rect>({ x: 0.5, y: 0.5, width: 0.5, height: 0.5 });
keepShape<Point>({ x: 0.5, y: 0.5 });
keepShape(new PlacedLayout(new LayoutTable(1), [], [], [], { x: 0, y: 0, width: 0, height: 0 }));

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

/**
 * Places every node in map coordinates and writes the result's rows into `table` (emptied first)
 * or a new table. `generation` marks the nodes this placement shows (`node.placed`).
 */
export function placeAll(
  root: LayoutNode,
  theme: Theme,
  state: DocState,
  measurer: TextMeasurer,
  spacing: Spacing,
  blockOf: (n: LayoutNode, st: BlockStructure) => Rect,
  generation: number,
  reuse: LayoutTable | null,
): LayoutResult {
  const gen = generation;
  let table: LayoutTable;
  if (reuse) {
    table = reuse;
    table.clear();
  } else table = new LayoutTable(state.topics.size + 1);
  const summaries: SummaryGeometry[] = [];
  const bounds = new Bounds();
  const floats: LayoutNode[] = [];
  // Rows of the topics that boundaries and relationships are drawn around (no id index otherwise).
  const wanted = decoratedTopics(state);
  const found = new Map<TopicId, number>();
  // Staging for the connectors of special structures and fishbone spines (tidy ones go straight in).
  const xy: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

  /**
   * Writes the node's row; returns its index (-1 for a node never measured). `frame` is the code of
   * the frame it was placed in (1 right, 2 left, 3 down, 4 up).
   */
  const emit = (n: LayoutNode, frame: number): number => {
    const m = n.measure;
    if (!m) return -1;
    const x = n.x;
    const y = n.y;
    const w = n.w;
    const h = n.h;
    // Direction codes: the node's are 1 based (0 = none), the table's 0 based.
    const report = n.report;
    const dir = report === null ? frame - 1 : directionCode(report);
    const row = table.addTopic(n.id, x, y, w, h, n.depth, n.hidden, dir, n.structure, m);
    if (wanted?.has(n.id)) found.set(n.id, row);
    n.placed = gen;
    bounds.add(x, y, w, h);
    return row;
  };

  /** Writes the tidy connector from p (row `pRow`) to k, placed in frame `f`, straight into the table. */
  const tidyConnector = (p: LayoutNode, pRow: number, pUnderline: boolean, k: LayoutNode, f: number, kind: ConnectorKind): void => {
    if (f <= 2) {
      const r = f === 1;
      const sx = r ? p.x + p.w : p.x;
      const sy = pUnderline ? p.y + p.h : p.y + p.h / 2;
      const ex = r ? k.x : k.x + k.w;
      const ey = k.underline ? k.y + k.h : k.y + k.h / 2;
      if (kind === 'straight') table.addConnectorPoints(pRow, k.id, kind, 4, sx, sy, ex, ey, 0, 0, 0, 0);
      else {
        const mx = kind === 'elbow' ? sx + (r ? 1 : -1) * (spacing.hGap / 2) : (sx + ex) / 2;
        table.addConnectorPoints(pRow, k.id, kind, 8, sx, sy, mx, sy, mx, ey, ex, ey);
      }
      return;
    }
    const d = f === 3;
    const sx = p.x + p.w / 2;
    const sy = d ? p.y + p.h : p.y;
    const ex = k.x + k.w / 2;
    const ey = d ? k.y : k.y + k.h;
    if (kind === 'straight') table.addConnectorPoints(pRow, k.id, kind, 4, sx, sy, ex, ey, 0, 0, 0, 0);
    else {
      const my = kind === 'elbow' ? sy + (d ? 1 : -1) * (spacing.hGap / 2) : (sy + ey) / 2;
      table.addConnectorPoints(pRow, k.id, kind, 8, sx, sy, sx, my, ex, my, ex, ey);
    }
  };

  // Depth first; each node's frame travels with it on a stack of its own.
  const visit = (start: LayoutNode, startFrame: number): void => {
    const stack: LayoutNode[] = [start];
    const frames: number[] = [startFrame];
    while (stack.length > 0) {
      const p = stack.pop() as LayoutNode;
      const pFrame = frames.pop() as number;
      const pRow = emit(p, pFrame);
      const kids = p.kids;
      // Locals: the arena accessors would otherwise reload the parent's geometry after each store.
      const px = p.x;
      const py = p.y;
      const pw = p.w;
      const ph = p.h;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i] as LayoutNode;
        const frame = k.dirCode || pFrame;
        switch (frame) {
          case 1: // right
            k.x = px + k.a;
            k.y = py + k.b;
            break;
          case 2: // left
            k.x = px + pw - k.a - k.w;
            k.y = py + k.b;
            break;
          case 3: // down
            k.x = px + k.b;
            k.y = py + k.a;
            break;
          default:
            k.x = px + k.b;
            k.y = py + ph - k.a - k.h;
        }
      }
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i] as LayoutNode;
        stack.push(k);
        frames.push(k.dirCode || pFrame);
      }
      if (kids.length > 0) {
        // Mind maps draw the theme's connector, brace maps braces, every other structure elbows.
        const kind = connectorKind(p.structure, theme);
        if (kind === 'brace' && kids.every((k) => k.conn === null)) braceConnectors(p, pRow, kids, spacing.hGap, table);
        else {
          const pUnderline = p.underline;
          for (let i = 0; i < kids.length; i++) {
            const k = kids[i] as LayoutNode;
            const c = k.conn;
            if (c) {
              for (let j = 0; j < c.length; j += 2) {
                xy[j] = px + (c[j] as number);
                xy[j + 1] = py + (c[j + 1] as number);
              }
              table.addConnector(pRow, k.id, k.connKind ?? 'straight', xy, c.length);
            } else tidyConnector(p, pRow, pUnderline, k, k.dirCode || pFrame, kind);
          }
        }
      }
      if (p.spine && kids.length > 0) {
        const sp = p.spine;
        const last = kids[kids.length - 1] as LayoutNode;
        xy[0] = p.x + (sp[0] as number);
        xy[1] = p.y + (sp[1] as number);
        xy[2] = p.x + (sp[2] as number);
        xy[3] = p.y + (sp[3] as number);
        table.addConnector(pRow, last.id, 'straight', xy, 4);
        bounds.add(
          Math.min(p.x + (sp[0] as number), p.x + (sp[2] as number)),
          p.y + (sp[1] as number),
          Math.abs((sp[2] as number) - (sp[0] as number)),
          0,
        );
      }
      // Indexed loops: this runs before the loop is optimised, where `for…of` makes an iterator.
      const sums = p.sums;
      for (let i = 0; i < sums.length; i++) {
        const s = sums[i] as LayoutNode;
        const brace = s.brace;
        if (!brace) continue;
        const frameCode = s.dirCode || pFrame;
        const frame = DIRECTIONS[frameCode - 1] as Direction;
        const [dx, dy] = mapOffset(s, p, frame);
        s.x = p.x + dx;
        s.y = p.y + dy;
        stack.push(s);
        frames.push(frameCode);
        const u = brace[0] as number;
        const v0 = brace[1] as number;
        const v1 = brace[2] as number;
        const pt = (uu: number, vv: number): Point => {
          const [x, y] = frameToMap(uu, vv, p.w, p.h, frame);
          return { x: p.x + x, y: p.y + y };
        };
        summaries.push({
          id: s.summary?.id ?? s.id,
          start: pt(u, v0),
          end: pt(u, v1),
          tip: pt(u + SUMMARY_BRACE.width, (v0 + v1) / 2),
          direction: frame,
        });
      }
      const fl = p.floats;
      for (let i = 0; i < fl.length; i++) floats.push(fl[i] as LayoutNode);
    }
  };

  root.x = -root.w / 2;
  root.y = -root.h / 2;
  visit(root, 1);

  // Detached topics: centred at their stored position (relative to the root's centre), or stacked
  // under the map when they have none.
  const docSt = root.topic.structure ?? state.structure;
  const floatSt: StructureName = tidyDirection(docSt) ? docSt : 'mindmap-right';
  const main = bounds.rect();
  let nextY = main.y + main.height + DETACHED_DEFAULT_GAP;
  for (const f of floats) {
    const ext = blockOf(f, f.topic.structure ?? floatSt);
    const pos = f.topic.position;
    if (pos && Number.isFinite(pos.x) && Number.isFinite(pos.y)) {
      f.x = pos.x - f.w / 2;
      f.y = pos.y - f.h / 2;
    } else {
      f.x = main.x - ext.x;
      f.y = nextY - ext.y;
      nextY += ext.height + DETACHED_DEFAULT_GAP;
    }
    f.dir = null;
    visit(f, 1);
  }

  const placed: PlacedLookup = {
    rect: (id) => {
      const i = found.get(id);
      return i === undefined ? undefined : table.rectAt(i);
    },
    subtree: (id) => {
      const i = found.get(id);
      return i === undefined ? undefined : table.subtreeRect(i);
    },
  };
  const boundaries = boundaryGeometry(state, placed, measurer, theme);
  for (const b of boundaries) {
    bounds.add(b.rect.x, b.rect.y, b.rect.width, b.rect.height);
    if (b.label) bounds.add(b.label.x, b.label.y, b.label.width, b.label.height);
  }
  const relationships = relationshipGeometry(state, placed);
  for (const r of relationships) for (const q of [r.start, r.c1, r.c2, r.end]) bounds.add(q.x, q.y, 0, 0);
  for (const s of summaries) for (const q of [s.start, s.end, s.tip]) bounds.add(q.x, q.y, 0, 0);
  return new PlacedLayout(table, summaries, boundaries, relationships, bounds.rect());
}

function braceConnectors(p: LayoutNode, pRow: number, kids: readonly LayoutNode[], hGap: number, out: LayoutTable): void {
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const k of kids) {
    top = Math.min(top, k.y + k.h / 2);
    bottom = Math.max(bottom, k.y + k.h / 2);
  }
  const bx = p.x + p.w + hGap / 2;
  for (const k of kids) {
    out.addConnectorPoints(pRow, k.id, 'brace', 8, p.x + p.w + hGap / 4, p.y + p.h / 2, bx, top, bx, bottom, k.x, k.y + k.h / 2);
  }
}

/** Topics whose rows boundaries and relationships need; null when the document has neither. */
function decoratedTopics(state: DocState): Set<TopicId> | null {
  if (state.boundaries.size === 0 && state.relationships.size === 0) return null;
  const out = new Set<TopicId>();
  for (const r of state.relationships.values()) {
    out.add(r.from);
    out.add(r.to);
  }
  for (const b of state.boundaries.values()) {
    out.add(b.parentId);
    for (const c of attachedChildren(state, b.parentId)) out.add(c);
  }
  return out;
}
