// A uniform grid over a layout's rows (topics and connectors), for culling and hit testing
// (DESIGN §4). Built once per layout in O(n) with a counting sort into flat typed arrays (no
// object per row), then every query — each re-cull while panning, each pointer move while
// dragging — touches only the cells it covers.

import { CONNECTOR_KINDS, CONNECTOR_STRIDE, type LayoutTable, type Rect } from '@arbor/core';

/** Cell size in map px: a screen covers a few dozen cells at 100 %. */
const CELL = 512;
/** Items bigger than this many cells per side go into a list scanned on every query (rare: a root connector across the map). */
const MAX_SPAN = 24;

class Grid {
  /** Items of cell c: items[start[c] … start[c + 1]). */
  start: Int32Array = new Int32Array(1);
  items: Int32Array = new Int32Array(0);
  big: number[] = [];
  x0 = 0;
  y0 = 0;
  cols = 1;
  rows = 1;
  private mark: Int32Array = new Int32Array(0);
  private stamp = 0;

  /** Indexes `count` items whose boxes are `boxes[4i…4i+3]` = x0, y0, x1, y1 (map px). */
  build(count: number, boxes: Float64Array, area: Rect): void {
    const x0 = Math.floor(area.x / CELL);
    const y0 = Math.floor(area.y / CELL);
    const cols = Math.max(1, Math.floor((area.x + area.width) / CELL) - x0 + 1);
    const rows = Math.max(1, Math.floor((area.y + area.height) / CELL) - y0 + 1);
    this.x0 = x0;
    this.y0 = y0;
    this.cols = cols;
    this.rows = rows;
    const cells = cols * rows;
    const counts = new Int32Array(cells + 1);
    // Cell spans per item, clamped to the grid; a span too big to list goes to `big` (marked -1).
    const span = new Int32Array(4 * count);
    this.big = [];
    for (let i = 0; i < count; i++) {
      const o = 4 * i;
      let cx0 = Math.floor((boxes[o] as number) / CELL) - x0;
      let cy0 = Math.floor((boxes[o + 1] as number) / CELL) - y0;
      let cx1 = Math.floor((boxes[o + 2] as number) / CELL) - x0;
      let cy1 = Math.floor((boxes[o + 3] as number) / CELL) - y0;
      cx0 = cx0 < 0 ? 0 : cx0 >= cols ? cols - 1 : cx0;
      cx1 = cx1 < 0 ? 0 : cx1 >= cols ? cols - 1 : cx1;
      cy0 = cy0 < 0 ? 0 : cy0 >= rows ? rows - 1 : cy0;
      cy1 = cy1 < 0 ? 0 : cy1 >= rows ? rows - 1 : cy1;
      if (cx1 - cx0 > MAX_SPAN || cy1 - cy0 > MAX_SPAN) {
        this.big.push(i);
        span[o] = -1;
        continue;
      }
      span[o] = cx0;
      span[o + 1] = cy0;
      span[o + 2] = cx1;
      span[o + 3] = cy1;
      for (let y = cy0; y <= cy1; y++) for (let x = cx0; x <= cx1; x++) counts[y * cols + x + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c] as number;
    const fill = counts.slice(0, cells);
    const items = new Int32Array(counts[cells] as number);
    for (let i = 0; i < count; i++) {
      const o = 4 * i;
      const cx0 = span[o] as number;
      if (cx0 < 0) continue;
      const cy0 = span[o + 1] as number;
      const cx1 = span[o + 2] as number;
      const cy1 = span[o + 3] as number;
      for (let y = cy0; y <= cy1; y++) for (let x = cx0; x <= cx1; x++) items[fill[y * cols + x]++] = i;
    }
    this.start = counts;
    this.items = items;
    // Marks keep their stamps across builds: the stamp only grows, so an old mark never matches.
    if (this.mark.length < count) {
      this.mark = new Int32Array(count);
      this.stamp = 0;
    }
  }

  private clampX(c: number): number {
    const x = c - this.x0;
    return x < 0 ? 0 : x >= this.cols ? this.cols - 1 : x;
  }
  private clampY(c: number): number {
    const y = c - this.y0;
    return y < 0 ? 0 : y >= this.rows ? this.rows - 1 : y;
  }

  /** Items whose cells meet `r`, sorted ascending, each once. */
  query(r: Rect): Int32Array {
    if (++this.stamp === 0x7fffffff) {
      this.mark.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const mark = this.mark;
    const out: number[] = [];
    const cx0 = this.clampX(Math.floor(r.x / CELL));
    const cy0 = this.clampY(Math.floor(r.y / CELL));
    const cx1 = this.clampX(Math.floor((r.x + r.width) / CELL));
    const cy1 = this.clampY(Math.floor((r.y + r.height) / CELL));
    for (let y = cy0; y <= cy1; y++) {
      for (let x = cx0; x <= cx1; x++) {
        const c = y * this.cols + x;
        for (let k = this.start[c] as number, e = this.start[c + 1] as number; k < e; k++) {
          const i = this.items[k] as number;
          if (mark[i] !== stamp) {
            mark[i] = stamp;
            out.push(i);
          }
        }
      }
    }
    for (const i of this.big) if (mark[i] !== stamp) out.push(i);
    const sorted = Int32Array.from(out);
    sorted.sort();
    return sorted;
  }
}

/** Room around topics and connectors within which they may still draw (fold buttons, thick lines). */
const PAD = 64;

export class SpatialIndex {
  private readonly topics = new Grid();
  private readonly connectors = new Grid();
  private table: LayoutTable | null = null;
  private generation = -1;
  private size = -1;

  /** Indexes a layout's table (again only when it changed since the last call). */
  update(table: LayoutTable, bounds: Rect): void {
    if (this.isFresh(table)) return;
    this.table = table;
    this.generation = table.generation;
    this.size = table.size;
    const area = { x: bounds.x - PAD, y: bounds.y - PAD, width: bounds.width + 2 * PAD, height: bounds.height + 2 * PAD };
    const r = table.rect;
    const n = table.size;
    const tb = new Float64Array(4 * n);
    for (let i = 0; i < n; i++) {
      const o = 4 * i;
      const x = r[o] as number;
      const y = r[o + 1] as number;
      tb[o] = x - PAD;
      tb[o + 1] = y - PAD;
      tb[o + 2] = x + (r[o + 2] as number) + PAD;
      tb[o + 3] = y + (r[o + 3] as number) + PAD;
    }
    this.topics.build(n, tb, area);
    const xy = table.coords;
    const m = table.connectorCount;
    const cb = new Float64Array(4 * m);
    for (let j = 0; j < m; j++) {
      const at = CONNECTOR_STRIDE * j;
      const k = table.coordCount[j] as number;
      let x0 = k > 0 ? (xy[at] as number) : 0;
      let y0 = k > 0 ? (xy[at + 1] as number) : 0;
      let x1 = x0;
      let y1 = y0;
      for (let q = 2; q + 1 < k; q += 2) {
        const x = xy[at + q] as number;
        const y = xy[at + q + 1] as number;
        if (x < x0) x0 = x;
        else if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        else if (y > y1) y1 = y;
      }
      const o = 4 * j;
      cb[o] = x0 - PAD;
      cb[o + 1] = y0 - PAD;
      cb[o + 2] = x1 + PAD;
      cb[o + 3] = y1 + PAD;
    }
    this.connectors.build(m, cb, area);
  }

  /** Whether the index describes this table as it is now. */
  isFresh(table: LayoutTable): boolean {
    return this.table === table && this.generation === table.generation && this.size === table.size;
  }

  /** Candidate topic and connector rows near `r` (a superset: callers check exact bounds). */
  query(r: Rect): { topics: Int32Array; connectors: Int32Array } {
    return { topics: this.topics.query(r), connectors: this.connectors.query(r) };
  }

  /** Rows of the topics whose box contains the point, topmost (last drawn) first. */
  topicsAt(x: number, y: number): number[] {
    const table = this.table;
    if (!table) return [];
    const rows = this.topics.query({ x, y, width: 0, height: 0 });
    const r = table.rect;
    const hits: number[] = [];
    for (let k = rows.length - 1; k >= 0; k--) {
      const i = rows[k] as number;
      const rx = r[4 * i] as number;
      const ry = r[4 * i + 1] as number;
      if (x >= rx && y >= ry && x <= rx + (r[4 * i + 2] as number) && y <= ry + (r[4 * i + 3] as number)) hits.push(i);
    }
    return hits;
  }

  /** Rows of the topics whose box meets `rect`. */
  topicsIn(rect: Rect): number[] {
    const table = this.table;
    if (!table) return [];
    const r = table.rect;
    const out: number[] = [];
    for (const i of this.topics.query(rect)) {
      const rx = r[4 * i] as number;
      const ry = r[4 * i + 1] as number;
      if (
        rx <= rect.x + rect.width &&
        rect.x <= rx + (r[4 * i + 2] as number) &&
        ry <= rect.y + rect.height &&
        rect.y <= ry + (r[4 * i + 3] as number)
      )
        out.push(i);
    }
    return out;
  }
}

/** Connector kinds whose points all lie within the box of their two ends (codes of CONNECTOR_KINDS). */
const END_BOUNDED = new Set(['curve', 'straight', 'elbow', 'timeline'].map((k) => CONNECTOR_KINDS.indexOf(k as never)));

/**
 * Candidate rows near `r` from one pass over the table, for a layout the index does not describe
 * yet (right after an edit): tight loops over the typed arrays, a connector judged by the box of
 * its two ends where its kind keeps every point inside that box (else by all its points). The same
 * superset contract as `SpatialIndex.query`.
 */
export function scanCandidates(table: LayoutTable, r: Rect): { topics: Int32Array; connectors: Int32Array } {
  const x0 = r.x - PAD;
  const y0 = r.y - PAD;
  const x1 = r.x + r.width + PAD;
  const y1 = r.y + r.height + PAD;
  const rect = table.rect;
  const topics: number[] = [];
  for (let i = 0, n = table.size; i < n; i++) {
    const o = 4 * i;
    const x = rect[o] as number;
    const y = rect[o + 1] as number;
    if (x <= x1 && y <= y1 && x + (rect[o + 2] as number) >= x0 && y + (rect[o + 3] as number) >= y0) topics.push(i);
  }
  // A connector ending at a topic in view is drawn whatever its shape (the topic's underline continues it).
  const shown = new Set<string>();
  for (const i of topics) shown.add(table.ids[i] as string);
  const xy = table.coords;
  const connectors: number[] = [];
  for (let j = 0, m = table.connectorCount; j < m; j++) {
    const at = CONNECTOR_STRIDE * j;
    const k = table.coordCount[j] as number;
    if (k < 2) continue;
    const ax = xy[at] as number;
    const ay = xy[at + 1] as number;
    const bx = xy[at + k - 2] as number;
    const by = xy[at + k - 1] as number;
    let lx = Math.min(ax, bx);
    let hx = Math.max(ax, bx);
    let ly = Math.min(ay, by);
    let hy = Math.max(ay, by);
    if (!END_BOUNDED.has(table.kind[j] as number)) {
      for (let q = 2; q + 3 < k; q += 2) {
        const x = xy[at + q] as number;
        const y = xy[at + q + 1] as number;
        if (x < lx) lx = x;
        if (x > hx) hx = x;
        if (y < ly) ly = y;
        if (y > hy) hy = y;
      }
    }
    if ((lx <= x1 && ly <= y1 && hx >= x0 && hy >= y0) || shown.has(table.to[j] as string)) connectors.push(j);
  }
  return { topics: Int32Array.from(topics), connectors: Int32Array.from(connectors) };
}
