// The final pass: turns the relative placements into map coordinates (root centre at 0, 0) and
// emits the topic boxes, connectors, summary braces, boundaries and relationship curves.

import type { Point, StructureName, TopicId } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { keepShape } from '../shape-anchor.ts';
import { attachedChildren, type DocState } from '../store.ts';
import type { TextMeasurer } from '../text/types.ts';
import { DETACHED_DEFAULT_GAP, SUMMARY_BRACE } from './constants.ts';
import { boundaryGeometry, type PlacedLookup, relationshipGeometry } from './decorations.ts';
import { snap } from './grid.ts';
import { frameToMap, type LayoutNode, mapOffset } from './layout-node.ts';
import { tidyDirection } from './structure-kinds.ts';
import type { BlockStructure } from './structures.ts';
import { CONNECTOR_STRIDE, DIRECTIONS, directionCode, type Extent, LayoutTable, lowerBound, PlacedLayout } from './table.ts';
import type { Spacing } from './tidy.ts';
import type { ConnectorKind, Direction, Rect, SummaryGeometry } from './types.ts';

class Bounds implements Extent {
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

/** What a placement leaves for the next placement of the same engine to copy clean subtrees from. */
export class PlacementMemo {
  constructor(
    readonly result: PlacedLayout,
    readonly table: LayoutTable,
    /** The result's summaries, each with the row of the topic it hangs from (never decreasing). */
    readonly summaryOwner: number[],
    /** Floating topics in the order they were met, each with the row of the topic it hangs from. */
    readonly floats: LayoutNode[],
    readonly floatOwner: number[],
    /** Connector rows of fishbone spines (they widen the bounds), increasing. */
    readonly spines: number[],
    /** Topics boundaries and relationships are drawn around, and their rows. */
    readonly wanted: Set<TopicId> | null,
    readonly found: Map<TopicId, number>,
    /** Rows of the main map (the floating topics' rows follow them). */
    readonly mainRows: number,
    /** Rows written by walking nodes (the rest were copied). */
    readonly walked: number,
  ) {}
}

/**
 * Places every node in map coordinates and writes the result's rows into `target` (emptied first)
 * or a new table. With `prev` (the memo of the engine's previous placement), a subtree that was
 * not laid out again this update (`node.laidAt !== generation`) and sits in the same frame is
 * copied from the previous rows, moved by how far its topic moved, instead of being walked.
 */
export function placeAll(
  root: LayoutNode,
  theme: Theme,
  state: DocState,
  measurer: TextMeasurer,
  spacing: Spacing,
  blockOf: (n: LayoutNode, st: BlockStructure) => Rect,
  generation: number,
  target: LayoutTable | null,
  prev: PlacementMemo | null,
): PlacementMemo {
  const gen = generation;
  let table: LayoutTable;
  if (target) {
    table = target;
    table.clear();
  } else table = new LayoutTable(state.topics.size + 1);
  const summaries: SummaryGeometry[] = [];
  const summaryOwner: number[] = [];
  const spines: number[] = [];
  const bounds = new Bounds();
  const floats: LayoutNode[] = [];
  const floatOwner: number[] = [];
  // Rows of the topics that boundaries and relationships are drawn around (no id index otherwise).
  const wanted = decoratedTopics(state);
  const found = new Map<TopicId, number>();
  // Subtrees copied from `prev`: [first old row, end of old rows, first new row] each.
  const copied: number[] = [];
  let walked = 0;
  // Only an engine's own placements (`target`) are copied from later: a one-shot layout keeps no
  // frames and no row offsets.
  const track = target !== null;
  // Staging for the connectors of special structures and fishbone spines (tidy ones go straight in).
  const xy: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

  /** Direction code of a node's row (`frame`: the code of the frame it is placed in, 1 based). */
  const rowDir = (n: LayoutNode, frame: number): number => {
    const report = n.report;
    return report === null ? frame - 1 : directionCode(report);
  };

  /** Writes the node's row; returns its index (-1 for a node never measured). */
  const emit = (n: LayoutNode, frame: number): number => {
    const m = n.measure;
    if (!m) return -1;
    const x = n.x;
    const y = n.y;
    const w = n.w;
    const h = n.h;
    const row = table.addTopic(n.id, x, y, w, h, n.depth, n.hidden, rowDir(n, frame), n.structure, m);
    if (track) table.frame[row] = frame;
    walked++;
    if (wanted?.has(n.id)) found.set(n.id, row);
    bounds.add(x, y, w, h);
    return row;
  };

  /** A fishbone spine's connector row: it reaches past the topics, so it counts in the bounds. */
  const spineBounds = (j: number): void => {
    const c = table.coords;
    const at = CONNECTOR_STRIDE * j;
    const x0 = c[at] as number;
    const x1 = c[at + 2] as number;
    bounds.add(Math.min(x0, x1), c[at + 1] as number, Math.abs(x1 - x0), 0);
  };

  /**
   * Whether `n`, not laid out again this update, can be copied from row `old` of the previous
   * placement: that row must be its own, placed in the same frame and direction.
   */
  const reusable = (n: LayoutNode, frame: number, old: number): boolean => {
    if (prev === null || old < 0 || n.laidAt === gen) return false;
    const src = prev.table;
    return old < src.size && src.ids[old] === n.id && src.frame[old] === frame && src.dir[old] === rowDir(n, frame);
  };

  /**
   * Copies the rows of the subtree at row `from` of the previous placement (its topics, connectors,
   * summaries, spines and floating topics) to where `n` is now; returns its new row.
   */
  const copySubtree = (n: LayoutNode, from: number): number => {
    const memo = prev as PlacementMemo;
    const src = memo.table;
    const depth = src.depth;
    const d = depth[from] as number;
    // A subtree of the main map ends before the floating topics (which may be no deeper).
    const end = from < memo.mainRows ? memo.mainRows : src.size;
    let to = from + 1;
    while (to < end && (depth[to] as number) > d) to++;
    const dx = n.x - (src.rect[4 * from] as number);
    const dy = n.y - (src.rect[4 * from + 1] as number);
    const start = table.copyTopicRows(src, from, to, dx, dy, bounds);
    const shift = start - from;
    const c0 = src.firstConnectorFrom(from);
    const c1 = src.firstConnectorFrom(to);
    const cShift = table.connectorCount - c0;
    table.copyConnectorRows(src, c0, c1, shift, dx, dy);
    for (let k = lowerBound(memo.spines, memo.spines.length, c0); k < memo.spines.length && (memo.spines[k] as number) < c1; k++) {
      const j = (memo.spines[k] as number) + cShift;
      spines.push(j);
      spineBounds(j);
    }
    const move = (q: Point): Point => ({ x: q.x + dx, y: q.y + dy });
    const owners = memo.summaryOwner;
    for (let k = lowerBound(owners, owners.length, from); k < owners.length && (owners[k] as number) < to; k++) {
      const s = memo.result.summaries[k] as SummaryGeometry;
      summaries.push({ id: s.id, start: move(s.start), end: move(s.end), tip: move(s.tip), direction: s.direction });
      summaryOwner.push((owners[k] as number) + shift);
    }
    const fo = memo.floatOwner;
    for (let k = lowerBound(fo, fo.length, from); k < fo.length && (fo[k] as number) < to; k++) {
      floats.push(memo.floats[k] as LayoutNode);
      floatOwner.push((fo[k] as number) + shift);
    }
    if (wanted !== null) copied.push(from, to, start);
    return start;
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

  // Depth first; each node travels with its frame, its parent's new row and its row in the
  // previous placement (-1 when unknown) on stacks of their own.
  const stack: LayoutNode[] = [];
  const frames: number[] = [];
  const parentRows: number[] = [];
  const oldRows: number[] = [];
  /** Places `start` (already positioned) and its subtree; `floating` for a detached topic. */
  const visit = (start: LayoutNode, startFrame: number, startOld: number, floating: boolean): void => {
    stack.push(start);
    frames.push(startFrame);
    if (track) {
      parentRows.push(0);
      oldRows.push(startOld);
    }
    while (stack.length > 0) {
      const p = stack.pop() as LayoutNode;
      const pFrame = frames.pop() as number;
      let pOld = -1;
      let pRow: number;
      if (track) {
        const parentRow = parentRows.pop() as number;
        pOld = oldRows.pop() as number;
        const own = floating && p === start;
        const copy = reusable(p, pFrame, pOld);
        pRow = copy ? copySubtree(p, pOld) : emit(p, pFrame);
        p.rowOff = own ? pRow : pRow - parentRow;
        if (own || p.rowAbsolute) p.rowAbsolute = own;
        if (copy) continue;
      } else pRow = emit(p, pFrame);
      const kids = p.kids;
      // Locals: the arena accessors would otherwise reload the parent's geometry after each store.
      const px = p.x;
      const py = p.y;
      const pw = p.w;
      const ph = p.h;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i] as LayoutNode;
        const frame = k.dirCode || pFrame;
        const a = snap(k.a);
        const b = snap(k.b);
        switch (frame) {
          case 1: // right
            k.x = px + a;
            k.y = py + b;
            break;
          case 2: // left
            k.x = px + pw - a - k.w;
            k.y = py + b;
            break;
          case 3: // down
            k.x = px + b;
            k.y = py + a;
            break;
          default:
            k.x = px + b;
            k.y = py + ph - a - k.h;
        }
      }
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i] as LayoutNode;
        stack.push(k);
        frames.push(k.dirCode || pFrame);
        if (track) {
          parentRows.push(pRow);
          oldRows.push(pOld >= 0 && !k.rowAbsolute ? pOld + k.rowOff : -1);
        }
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
                xy[j] = px + snap(c[j] as number);
                xy[j + 1] = py + snap(c[j + 1] as number);
              }
              table.addConnector(pRow, k.id, k.connKind ?? 'straight', xy, c.length);
            } else tidyConnector(p, pRow, pUnderline, k, k.dirCode || pFrame, kind);
          }
        }
      }
      if (p.spine && kids.length > 0) {
        const sp = p.spine;
        const last = kids[kids.length - 1] as LayoutNode;
        xy[0] = px + snap(sp[0] as number);
        xy[1] = py + snap(sp[1] as number);
        xy[2] = px + snap(sp[2] as number);
        xy[3] = py + snap(sp[3] as number);
        const j = table.addConnector(pRow, last.id, 'straight', xy, 4);
        spines.push(j);
        spineBounds(j);
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
        s.x = px + snap(dx);
        s.y = py + snap(dy);
        stack.push(s);
        frames.push(frameCode);
        if (track) {
          parentRows.push(pRow);
          oldRows.push(pOld >= 0 && !s.rowAbsolute ? pOld + s.rowOff : -1);
        }
        const u = brace[0] as number;
        const v0 = brace[1] as number;
        const v1 = brace[2] as number;
        const pt = (uu: number, vv: number): Point => {
          const [x, y] = frameToMap(uu, vv, pw, ph, frame);
          return { x: px + snap(x), y: py + snap(y) };
        };
        summaries.push({
          id: s.summary?.id ?? s.id,
          start: pt(u, v0),
          end: pt(u, v1),
          tip: pt(u + SUMMARY_BRACE.width, (v0 + v1) / 2),
          direction: frame,
        });
        summaryOwner.push(pRow);
      }
      const fl = p.floats;
      for (let i = 0; i < fl.length; i++) {
        floats.push(fl[i] as LayoutNode);
        floatOwner.push(pRow);
      }
    }
  };

  root.x = -root.w / 2;
  root.y = -root.h / 2;
  visit(root, 1, prev === null ? -1 : 0, false);
  const mainRows = table.size;

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
      f.x = snap(pos.x - f.w / 2);
      f.y = snap(pos.y - f.h / 2);
    } else {
      f.x = snap(main.x - ext.x);
      f.y = snap(nextY - ext.y);
      nextY += ext.height + DETACHED_DEFAULT_GAP;
    }
    f.dir = null;
    visit(f, 1, prev !== null && f.rowAbsolute ? f.rowOff : -1, true);
  }
  if (wanted !== null && copied.length > 0) findCopied(wanted, found, copied, table, prev as PlacementMemo);

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
  const result = new PlacedLayout(table, summaries, boundaries, relationships, bounds.rect());
  return new PlacementMemo(result, table, summaryOwner, floats, floatOwner, spines, wanted, found, mainRows, walked);
}

/**
 * Finds the rows of the decorated topics that copied subtrees hold: from their rows in the previous
 * placement, or by a scan of the rows when a topic was not decorated then.
 */
function findCopied(wanted: Set<TopicId>, found: Map<TopicId, number>, copied: number[], table: LayoutTable, prev: PlacementMemo): void {
  let scan = false;
  for (const id of wanted) {
    if (found.has(id)) continue;
    if (!prev.wanted?.has(id)) {
      scan = true;
      continue;
    }
    const old = prev.found.get(id);
    if (old === undefined) continue; // not shown then, so not in a copied subtree now
    for (let k = 0; k < copied.length; k += 3) {
      if (old >= (copied[k] as number) && old < (copied[k + 1] as number)) {
        found.set(id, old - (copied[k] as number) + (copied[k + 2] as number));
        break;
      }
    }
  }
  if (!scan) return;
  for (let i = 0; i < table.size; i++) {
    const id = table.ids[i] as TopicId;
    if (wanted.has(id) && !found.has(id)) found.set(id, i);
  }
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
