// A uniform grid over a layout's rows (topics and connectors), for culling and hit testing
// (DESIGN §4). Built once per layout in O(n) with a counting sort into flat typed arrays (no
// object per row), then every query — each re-cull while panning, each pointer move while
// dragging — touches only the cells it covers.

import { CONNECTOR_STRIDE, type LayoutTable, type Rect } from '@arbor/core';

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

  build(count: number, bounds: (i: number, out: Float64Array) => void, area: Rect): void {
    this.x0 = Math.floor(area.x / CELL);
    this.y0 = Math.floor(area.y / CELL);
    this.cols = Math.max(1, Math.floor((area.x + area.width) / CELL) - this.x0 + 1);
    this.rows = Math.max(1, Math.floor((area.y + area.height) / CELL) - this.y0 + 1);
    const cells = this.cols * this.rows;
    const counts = new Int32Array(cells + 1);
    const span = new Int32Array(4 * count);
    const b = new Float64Array(4);
    this.big = [];
    for (let i = 0; i < count; i++) {
      bounds(i, b);
      const cx0 = this.clampX(Math.floor(b[0] / CELL));
      const cy0 = this.clampY(Math.floor(b[1] / CELL));
      const cx1 = this.clampX(Math.floor(b[2] / CELL));
      const cy1 = this.clampY(Math.floor(b[3] / CELL));
      span[4 * i] = cx0;
      span[4 * i + 1] = cy0;
      span[4 * i + 2] = cx1;
      span[4 * i + 3] = cy1;
      if (cx1 - cx0 > MAX_SPAN || cy1 - cy0 > MAX_SPAN) {
        this.big.push(i);
        span[4 * i] = -1;
        continue;
      }
      for (let y = cy0; y <= cy1; y++) for (let x = cx0; x <= cx1; x++) counts[y * this.cols + x + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c] as number;
    const fill = counts.slice(0, cells);
    const items = new Int32Array(counts[cells] as number);
    for (let i = 0; i < count; i++) {
      const cx0 = span[4 * i] as number;
      if (cx0 < 0) continue;
      const cy0 = span[4 * i + 1] as number;
      const cx1 = span[4 * i + 2] as number;
      const cy1 = span[4 * i + 3] as number;
      for (let y = cy0; y <= cy1; y++) for (let x = cx0; x <= cx1; x++) items[fill[y * this.cols + x]++] = i;
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
    return Math.min(this.cols - 1, Math.max(0, c - this.x0));
  }
  private clampY(c: number): number {
    return Math.min(this.rows - 1, Math.max(0, c - this.y0));
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
    if (this.table === table && this.generation === table.generation && this.size === table.size) return;
    this.table = table;
    this.generation = table.generation;
    this.size = table.size;
    const area = { x: bounds.x - PAD, y: bounds.y - PAD, width: bounds.width + 2 * PAD, height: bounds.height + 2 * PAD };
    const r = table.rect;
    this.topics.build(
      table.size,
      (i, out) => {
        out[0] = (r[4 * i] as number) - PAD;
        out[1] = (r[4 * i + 1] as number) - PAD;
        out[2] = (r[4 * i] as number) + (r[4 * i + 2] as number) + PAD;
        out[3] = (r[4 * i + 1] as number) + (r[4 * i + 3] as number) + PAD;
      },
      area,
    );
    const xy = table.coords;
    this.connectors.build(
      table.connectorCount,
      (j, out) => {
        const at = CONNECTOR_STRIDE * j;
        const n = table.coordCount[j] as number;
        let x0 = Number.POSITIVE_INFINITY;
        let y0 = Number.POSITIVE_INFINITY;
        let x1 = Number.NEGATIVE_INFINITY;
        let y1 = Number.NEGATIVE_INFINITY;
        for (let k = 0; k + 1 < n; k += 2) {
          const x = xy[at + k] as number;
          const y = xy[at + k + 1] as number;
          if (x < x0) x0 = x;
          if (y < y0) y0 = y;
          if (x > x1) x1 = x;
          if (y > y1) y1 = y;
        }
        if (n === 0) x0 = y0 = x1 = y1 = 0;
        out[0] = x0 - PAD;
        out[1] = y0 - PAD;
        out[2] = x1 + PAD;
        out[3] = y1 + PAD;
      },
      area,
    );
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
