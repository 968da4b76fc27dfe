// What a layout produces, as columns: one row per placed topic (in drawing order: pre-order, each
// topic before its summaries and children, floating branches last) and one per connector.
// A 100,000-topic map would otherwise need a TopicBox, a Map entry, a Connector and its coordinates
// per topic, half a million objects that the collector copies while the layout is still running.
// `TopicBox` and `Connector` objects are made from the rows when they are asked for.

import type { StructureName, TopicId } from '../model.ts';
import type { TopicMeasure } from './topic-size.ts';
import type {
  BoundaryGeometry,
  Connector,
  ConnectorKind,
  Direction,
  LayoutResult,
  Rect,
  RelationshipGeometry,
  SummaryGeometry,
  TopicBox,
  TopicBoxes,
} from './types.ts';

export const DIRECTIONS: readonly Direction[] = ['right', 'left', 'down', 'up'];
export const CONNECTOR_KINDS: readonly ConnectorKind[] = ['curve', 'straight', 'elbow', 'bone', 'timeline', 'brace'];

/** Direction → its code in `LayoutTable.dir`. */
export function directionCode(d: Direction): number {
  return d === 'right' ? 0 : d === 'left' ? 1 : d === 'down' ? 2 : 3;
}

export function connectorKindCode(k: ConnectorKind): number {
  switch (k) {
    case 'curve':
      return 0;
    case 'straight':
      return 1;
    case 'elbow':
      return 2;
    case 'bone':
      return 3;
    case 'timeline':
      return 4;
    default:
      return 5;
  }
}

/** Coordinates per connector row: the longest connector (a curve or a brace) has four points. */
export const CONNECTOR_STRIDE = 8;

/** A running extent (min and max corners) that copying rows widens. */
export interface Extent {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export class LayoutTable {
  /** Bumped by `clear`: results made before it are stale. */
  generation = 0;
  /** Placed topics. */
  size = 0;
  ids: TopicId[];
  /** x, y, width, height per row. */
  rect: Float64Array;
  depth: Int32Array;
  hidden: Int32Array;
  /** Direction from the parent (codes of `DIRECTIONS`). */
  dir: Uint8Array;
  /**
   * The frame the row was placed in (1 right, 2 left, 3 down, 4 up; 0 when not recorded): an
   * engine copies a clean subtree's rows into its next layout only when its frame is the same.
   */
  frame: Uint8Array;
  structure: StructureName[];
  /** Size, wrapped text and parts of each topic (shared with the size cache: never modified). */
  measures: TopicMeasure[];

  /** Connectors. */
  connectorCount = 0;
  /** Row of the topic the connector comes from. */
  fromRow: Int32Array;
  to: TopicId[];
  /** Codes of `CONNECTOR_KINDS`. */
  kind: Uint8Array;
  /** Number of coordinates used of the row's `CONNECTOR_STRIDE`. */
  coordCount: Uint8Array;
  coords: Float64Array;

  /** @param capacity expected number of topics (rows grow past it when needed). */
  constructor(capacity: number) {
    const n = Math.max(4, capacity);
    this.ids = new Array<TopicId>(n);
    this.rect = new Float64Array(4 * n);
    this.depth = new Int32Array(n);
    this.hidden = new Int32Array(n);
    this.dir = new Uint8Array(n);
    this.frame = new Uint8Array(n);
    this.structure = new Array<StructureName>(n);
    this.measures = new Array<TopicMeasure>(n);
    this.fromRow = new Int32Array(n);
    this.to = new Array<TopicId>(n);
    this.kind = new Uint8Array(n);
    this.coordCount = new Uint8Array(n);
    this.coords = new Float64Array(CONNECTOR_STRIDE * n);
  }

  /** Empties the table for the next layout of an engine (keeping its room). */
  clear(): void {
    this.size = 0;
    this.connectorCount = 0;
    this.generation++;
  }

  /**
   * Appends rows `from`…`to - 1` of `src` moved by (dx, dy): a subtree laid out as before but
   * elsewhere. Widens `extent` to take in the new rows; returns the index of the first of them.
   */
  copyTopicRows(src: LayoutTable, from: number, to: number, dx: number, dy: number, extent: Extent): number {
    const start = this.size;
    const end = start + (to - from);
    while (end > this.depth.length) this.growTopics();
    this.size = end;
    const sr = src.rect;
    const r = this.rect;
    let x0 = extent.x0;
    let y0 = extent.y0;
    let x1 = extent.x1;
    let y1 = extent.y1;
    for (let i = 4 * from, j = 4 * start, e = 4 * to; i < e; i += 4, j += 4) {
      const x = (sr[i] as number) + dx;
      const y = (sr[i + 1] as number) + dy;
      const w = sr[i + 2] as number;
      const h = sr[i + 3] as number;
      r[j] = x;
      r[j + 1] = y;
      r[j + 2] = w;
      r[j + 3] = h;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + w > x1) x1 = x + w;
      if (y + h > y1) y1 = y + h;
    }
    extent.x0 = x0;
    extent.y0 = y0;
    extent.x1 = x1;
    extent.y1 = y1;
    const ids = this.ids;
    const structure = this.structure;
    const measures = this.measures;
    for (let i = from, j = start; i < to; i++, j++) {
      ids[j] = src.ids[i] as TopicId;
      structure[j] = src.structure[i] as StructureName;
      measures[j] = src.measures[i] as TopicMeasure;
    }
    this.depth.set(src.depth.subarray(from, to), start);
    this.hidden.set(src.hidden.subarray(from, to), start);
    this.dir.set(src.dir.subarray(from, to), start);
    this.frame.set(src.frame.subarray(from, to), start);
    return start;
  }

  /**
   * Appends connector rows `from`…`to - 1` of `src` moved by (dx, dy), their start rows shifted by
   * `rowShift` (where `copyTopicRows` put those topics).
   */
  copyConnectorRows(src: LayoutTable, from: number, to: number, rowShift: number, dx: number, dy: number): void {
    const start = this.connectorCount;
    const end = start + (to - from);
    while (end > this.kind.length) this.growConnectors();
    this.connectorCount = end;
    const fromRow = this.fromRow;
    const targets = this.to;
    for (let i = from, j = start; i < to; i++, j++) {
      fromRow[j] = (src.fromRow[i] as number) + rowShift;
      targets[j] = src.to[i] as TopicId;
    }
    // Whole strides, unused coordinates too (they are never read): one flat loop, or a plain
    // copy when nothing moved.
    const sc = src.coords;
    const c = this.coords;
    const a = CONNECTOR_STRIDE * from;
    const b = CONNECTOR_STRIDE * start;
    const n = CONNECTOR_STRIDE * (to - from);
    if (dx === 0 && dy === 0) c.set(sc.subarray(a, a + n), b);
    else {
      for (let k = 0; k < n; k += 2) {
        c[b + k] = (sc[a + k] as number) + dx;
        c[b + k + 1] = (sc[a + k + 1] as number) + dy;
      }
    }
    this.kind.set(src.kind.subarray(from, to), start);
    this.coordCount.set(src.coordCount.subarray(from, to), start);
  }

  /** The first connector row whose start row is `row` or later (start rows never decrease). */
  firstConnectorFrom(row: number): number {
    return lowerBound(this.fromRow, this.connectorCount, row);
  }

  /** Appends a topic row (`dir` as a code of `DIRECTIONS`); returns its index. */
  addTopic(
    id: TopicId,
    x: number,
    y: number,
    width: number,
    height: number,
    depth: number,
    hidden: number,
    dir: number,
    structure: StructureName,
    measure: TopicMeasure,
  ): number {
    const i = this.size++;
    if (i >= this.depth.length) this.growTopics();
    this.ids[i] = id;
    const r = this.rect;
    r[4 * i] = x;
    r[4 * i + 1] = y;
    r[4 * i + 2] = width;
    r[4 * i + 3] = height;
    this.depth[i] = depth;
    this.hidden[i] = hidden;
    this.dir[i] = dir;
    this.structure[i] = structure;
    this.measures[i] = measure;
    return i;
  }

  /**
   * Appends a connector row from the topic of row `fromRow` with the first `count` of `xy`;
   * returns its index.
   */
  addConnector(fromRow: number, to: TopicId, kind: ConnectorKind, xy: ArrayLike<number>, count: number): number {
    const n = Math.min(count, CONNECTOR_STRIDE);
    const at = this.openConnector(fromRow, to, kind, n);
    const c = this.coords;
    for (let k = 0; k < n; k++) c[at + k] = xy[k] as number;
    return at / CONNECTOR_STRIDE;
  }

  /**
   * Appends a connector row of `count` (4 or 8) coordinates given one by one: the final pass's
   * usual connectors, written without a staging array.
   */
  addConnectorPoints(
    fromRow: number,
    to: TopicId,
    kind: ConnectorKind,
    count: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    x3: number,
    y3: number,
  ): void {
    const at = this.openConnector(fromRow, to, kind, count);
    const c = this.coords;
    c[at] = x0;
    c[at + 1] = y0;
    c[at + 2] = x1;
    c[at + 3] = y1;
    c[at + 4] = x2;
    c[at + 5] = y2;
    c[at + 6] = x3;
    c[at + 7] = y3;
  }

  /** Appends a connector row without its coordinates; returns where they go in `coords`. */
  private openConnector(fromRow: number, to: TopicId, kind: ConnectorKind, count: number): number {
    const j = this.connectorCount++;
    if (j >= this.kind.length) this.growConnectors();
    this.fromRow[j] = fromRow;
    this.to[j] = to;
    this.kind[j] = connectorKindCode(kind);
    this.coordCount[j] = count;
    return CONNECTOR_STRIDE * j;
  }

  /** A TopicBox of row `i` (a new object each call). */
  box(i: number): TopicBox {
    const r = this.rect;
    const m = this.measures[i] as TopicMeasure;
    const parts = m.parts;
    return {
      x: r[4 * i] as number,
      y: r[4 * i + 1] as number,
      width: r[4 * i + 2] as number,
      height: r[4 * i + 3] as number,
      id: this.ids[i] as TopicId,
      depth: this.depth[i] as number,
      direction: DIRECTIONS[this.dir[i] as number] as Direction,
      structure: this.structure[i] as StructureName,
      text: m.text,
      image: parts.image,
      parts,
      hiddenCount: this.hidden[i] as number,
    };
  }

  /** The rectangle of row `i`. */
  rectAt(i: number): Rect {
    const r = this.rect;
    return { x: r[4 * i] as number, y: r[4 * i + 1] as number, width: r[4 * i + 2] as number, height: r[4 * i + 3] as number };
  }

  /** A Connector of row `j` (a new object each call). */
  connector(j: number): Connector {
    const n = this.coordCount[j] as number;
    const coords = new Array<number>(n);
    const at = CONNECTOR_STRIDE * j;
    for (let k = 0; k < n; k++) coords[k] = this.coords[at + k] as number;
    return {
      from: this.ids[this.fromRow[j] as number] as TopicId,
      to: this.to[j] as TopicId,
      kind: CONNECTOR_KINDS[this.kind[j] as number] as ConnectorKind,
      coords,
    };
  }

  /**
   * The union of row `i` and the rows of its visible subtree (summaries included, floating
   * branches not): in drawing order those are the rows right after it that are deeper.
   */
  subtreeRect(i: number): Rect {
    const r = this.rect;
    let x0 = r[4 * i] as number;
    let y0 = r[4 * i + 1] as number;
    let x1 = x0 + (r[4 * i + 2] as number);
    let y1 = y0 + (r[4 * i + 3] as number);
    const d = this.depth[i] as number;
    for (let k = i + 1; k < this.size && (this.depth[k] as number) > d; k++) {
      const x = r[4 * k] as number;
      const y = r[4 * k + 1] as number;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + (r[4 * k + 2] as number) > x1) x1 = x + (r[4 * k + 2] as number);
      if (y + (r[4 * k + 3] as number) > y1) y1 = y + (r[4 * k + 3] as number);
    }
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  private growTopics(): void {
    const n = this.depth.length * 2;
    this.rect = grownF64(this.rect, 4 * n);
    this.depth = grownI32(this.depth, n);
    this.hidden = grownI32(this.hidden, n);
    this.dir = grownU8(this.dir, n);
    this.frame = grownU8(this.frame, n);
  }

  private growConnectors(): void {
    const n = this.kind.length * 2;
    this.kind = grownU8(this.kind, n);
    this.fromRow = grownI32(this.fromRow, n);
    this.coordCount = grownU8(this.coordCount, n);
    this.coords = grownF64(this.coords, CONNECTOR_STRIDE * n);
  }
}

/** The first index below `end` of a never-decreasing list whose value is `v` or more. */
export function lowerBound(list: ArrayLike<number>, end: number, v: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grownF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function grownI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function grownU8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

/**
 * The placed topics of a table by id. Boxes are made on first access and then kept (the same
 * object for the same id); the id index is built on the first lookup.
 */
export class BoxView implements TopicBoxes {
  private index: Map<TopicId, number> | null = null;
  /**
   * Finds a topic's row without a map of every id (an incremental engine sets it): a row, -1 for
   * "not placed", or -2 for "unknown" (then the map is built).
   */
  lookup: ((id: TopicId) => number) | null = null;
  private readonly made: (TopicBox | undefined)[] = [];
  private readonly generation: number;

  constructor(private readonly rows: LayoutTable) {
    this.generation = rows.generation;
  }

  /** The table, unless a later update of its engine has reused it. */
  get table(): LayoutTable {
    if (this.rows.generation !== this.generation) throw new StaleLayoutError();
    return this.rows;
  }

  get size(): number {
    return this.table.size;
  }

  /** Row of a topic, or -1 when it is not placed. */
  rowOf(id: TopicId): number {
    if (this.lookup && this.index === null) {
      const row = this.lookup(id);
      if (row >= -1) return row;
    }
    let index = this.index;
    if (index === null) {
      index = new Map();
      const ids = this.table.ids;
      for (let i = 0; i < this.table.size; i++) index.set(ids[i] as TopicId, i);
      this.index = index;
    }
    return index.get(id) ?? -1;
  }

  get(id: TopicId): TopicBox | undefined {
    const i = this.rowOf(id);
    return i < 0 ? undefined : this.at(i);
  }

  has(id: TopicId): boolean {
    return this.rowOf(id) >= 0;
  }

  /** The box of row `i`. */
  at(i: number): TopicBox {
    const table = this.table;
    let b = this.made[i];
    if (b === undefined) {
      b = table.box(i);
      this.made[i] = b;
    }
    return b;
  }

  *keys(): IterableIterator<TopicId> {
    for (let i = 0; i < this.table.size; i++) yield this.table.ids[i] as TopicId;
  }

  *values(): IterableIterator<TopicBox> {
    for (let i = 0; i < this.table.size; i++) yield this.at(i);
  }

  *entries(): IterableIterator<[TopicId, TopicBox]> {
    for (let i = 0; i < this.table.size; i++) yield [this.table.ids[i] as TopicId, this.at(i)];
  }

  [Symbol.iterator](): IterableIterator<[TopicId, TopicBox]> {
    return this.entries();
  }
}

/** A layout's result over its table: boxes and connectors are views made on demand. */
export class PlacedLayout implements LayoutResult {
  readonly boxes: BoxView;
  private made: Connector[] | null = null;

  constructor(
    rows: LayoutTable,
    readonly summaries: SummaryGeometry[],
    readonly boundaries: BoundaryGeometry[],
    readonly relationships: RelationshipGeometry[],
    readonly bounds: Rect,
  ) {
    this.boxes = new BoxView(rows);
  }

  /** The rows (an error once a later update of the engine that made this result has reused them). */
  get table(): LayoutTable {
    return this.boxes.table;
  }

  /** The connectors as objects (made on first access). */
  get connectors(): readonly Connector[] {
    let c = this.made;
    if (c === null) {
      const t = this.table;
      c = new Array<Connector>(t.connectorCount);
      for (let j = 0; j < t.connectorCount; j++) c[j] = t.connector(j);
      this.made = c;
    }
    return c;
  }
}

/** Reading a result of a LayoutEngine after a later update of the same engine. */
export class StaleLayoutError extends Error {
  override readonly name = 'StaleLayoutError';
  constructor() {
    super('this layout result was replaced by a later update of its engine (read results before updating again)');
  }
}
