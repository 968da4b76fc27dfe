// The working record layout keeps per visible topic. It persists between runs of a LayoutEngine so
// that clean subtrees keep their contours and relative placement.

import type { StructureName, Summary, Topic, TopicId } from '../model.ts';
import { keepShape } from '../shape-anchor.ts';
import type { ChildRecords } from '../store.ts';
import type { Contour } from './contour.ts';
import type { TopicMeasure } from './topic-size.ts';
import type { ConnectorKind, Direction, Rect } from './types.ts';

/** Doubles per node in a GeometryArena: w, h, a, b, lead, x, y and the row offset. */
const SLOTS = 8;

/**
 * The geometry of an engine's nodes in one Float64Array. As ordinary fields, each of a node's seven
 * coordinates would be a separate boxed number on the heap (V8 boxes fractional fields): about
 * 700,000 extra objects for a 100,000-topic map, which the collector then has to trace.
 */
export class GeometryArena {
  buf: Float64Array;
  private next = 0;
  /** Slots below this may hold old values (a reset reuses them); those above are still zero. */
  private touched = 0;

  /** @param capacity nodes to make room for up front (a full layout knows how many topics). */
  constructor(capacity = 1024) {
    this.buf = new Float64Array(SLOTS * Math.max(capacity, 16));
  }

  /** A fresh, zeroed slot. */
  alloc(): number {
    const i = this.next;
    this.next += SLOTS;
    if (this.next > this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    // A new buffer is zero already: only slots handed out before the last reset need clearing.
    if (i < this.touched) {
      const b = this.buf;
      for (let k = 0; k < SLOTS; k++) b[i + k] = 0;
    } else this.touched = this.next;
    return i;
  }

  /** Slots handed out since the last reset (live and dropped nodes). */
  get used(): number {
    return this.next / SLOTS;
  }

  /** Forgets every slot: only when no node allocated from it will be used again. */
  reset(): void {
    if (this.next > this.touched) this.touched = this.next;
    this.next = 0;
  }

  /**
   * Forgets every slot and makes room for `capacity` nodes in a new buffer, zeroed by the system
   * (cheaper than clearing a used one slot by slot, and it never needs to grow by copying).
   */
  renew(capacity: number): void {
    this.buf = new Float64Array(SLOTS * Math.max(capacity, 16));
    this.next = 0;
    this.touched = 0;
  }
}

/** The empty node list every node starts with (never modified: `prepare` assigns new lists). */
const NO_NODES: LayoutNode[] = [];

/** What only some nodes need (summaries, floating topics, special structures): allocated on demand. */
class NodeExtras {
  sums: LayoutNode[] = NO_NODES;
  floats: LayoutNode[] = NO_NODES;
  summary: Summary | null = null;
  report: Direction | null = null;
  conn: number[] | null = null;
  connKind: ConnectorKind | null = null;
  spine: number[] | null = null;
  brace: number[] | null = null;
  bbox: Rect | null = null;
}
keepShape(new NodeExtras());

/** Codes of a direction (0 = none) in a node's bit fields. */
const DIR_NAMES: readonly (Direction | null)[] = [null, 'right', 'left', 'down', 'up'];
function dirCode(d: Direction | null): number {
  return d === null ? 0 : d === 'right' ? 1 : d === 'left' ? 2 : d === 'down' ? 3 : 4;
}

// A node's flags and small codes share one small integer (Node's V8 keeps 8 bytes per field: one
// field instead of eight keeps a 100,000-topic layout about 6 MB smaller).
const DIRTY = 1;
const HAS_BLOCK = 2;
const ON_PATH = 4;
const UNDERLINE = 1 << 26;
const ROW_ABSOLUTE = 1 << 27;
const CTX_KIND_SHIFT = 3; // 2 bits
const DIR_SHIFT = 5; // 3 bits
const CTX_DIR_SHIFT = 8; // 3 bits
const CTX_DEPTH_SHIFT = 14; // ctxDepth + 1, 12 bits
const MASK2 = 3;
const MASK3 = 7;
const MASK12 = 4095;

export class LayoutNode {
  parent: LayoutNode | null = null;
  depth = 0;
  measure: TopicMeasure | null = null;
  /**
   * This topic's children as the children index gave them to its parent's `prepare` (so they are
   * read without a look-up by id); null when unknown (the root).
   */
  list: ChildRecords | null = null;
  /** Visible attached children, in order. */
  kids: LayoutNode[] = NO_NODES;
  /** Descendants hidden because this node is folded. */
  hidden = 0;
  /** Structure governing this node's children. */
  structure: StructureName = 'mindmap';
  /** The structure the cached layout was computed with (see engine.ts). */
  ctxStructure: string = '';
  contour: Contour | null = null;
  /** Generation of the placement whose update last laid this node out (prepared it). */
  laidAt = 0;
  /** Flags and small codes (see the accessors below); a new node is dirty. */
  private bits = DIRTY;

  /** This node's slot in the arena (see the accessors below). */
  private readonly g: number;
  /** Rarely needed fields (see the accessors below); null while all of them hold their defaults. */
  private ext: NodeExtras | null = null;

  /** The topic's id (a node is found by it, so it never changes). Kept apart from the record,
   * which the final pass would otherwise have to read for every row. */
  readonly id: TopicId;

  constructor(
    public topic: Topic,
    private readonly arena: GeometryArena,
  ) {
    this.id = topic.id;
    this.g = arena.alloc();
  }

  private flag(f: number): boolean {
    return (this.bits & f) !== 0;
  }
  private setFlag(f: number, on: boolean): void {
    this.bits = on ? this.bits | f : this.bits & ~f;
  }
  private field(shift: number, mask: number): number {
    return (this.bits >> shift) & mask;
  }
  private setField(shift: number, mask: number, v: number): void {
    this.bits = (this.bits & ~(mask << shift)) | ((v & mask) << shift);
  }

  // Cache.
  /** Needs laying out again. */
  get dirty(): boolean {
    return this.flag(DIRTY);
  }
  set dirty(v: boolean) {
    this.setFlag(DIRTY, v);
  }
  /**
   * True when the subtree's layout depends on the side it sits on: it holds a block, or a topic
   * whose own structure keeps one side. Only other subtrees may be mirrored from a cached layout.
   */
  get hasBlock(): boolean {
    return this.flag(HAS_BLOCK);
  }
  set hasBlock(v: boolean) {
    this.setFlag(HAS_BLOCK, v);
  }
  /** Being laid out on the current recursion path (guards against corrupt cycles). */
  get onPath(): boolean {
    return this.flag(ON_PATH);
  }
  set onPath(v: boolean) {
    this.setFlag(ON_PATH, v);
  }
  /** Drawn as an underline (connectors meet its bottom edge); set with the size. */
  get underline(): boolean {
    return this.flag(UNDERLINE);
  }
  set underline(v: boolean) {
    this.setFlag(UNDERLINE, v);
  }
  /** `rowOff` is a row, not an offset from the parent's (a floating topic). */
  get rowAbsolute(): boolean {
    return this.flag(ROW_ABSOLUTE);
  }
  set rowAbsolute(v: boolean) {
    this.setFlag(ROW_ABSOLUTE, v);
  }
  /** What the cached layout was computed as (see engine.ts); 0 = nothing cached. */
  get ctxKind(): number {
    return this.field(CTX_KIND_SHIFT, MASK2);
  }
  set ctxKind(v: number) {
    this.setField(CTX_KIND_SHIFT, MASK2, v);
  }
  get ctxDir(): Direction | null {
    return DIR_NAMES[this.field(CTX_DIR_SHIFT, MASK3)] ?? null;
  }
  set ctxDir(v: Direction | null) {
    this.setField(CTX_DIR_SHIFT, MASK3, dirCode(v));
  }
  get ctxDepth(): number {
    return this.field(CTX_DEPTH_SHIFT, MASK12) - 1;
  }
  set ctxDepth(v: number) {
    this.setField(CTX_DEPTH_SHIFT, MASK12, v + 1);
  }

  /**
   * Placement relative to the parent's box is in the frame of `dir` (or the parent's frame when
   * null): `a` = offset of the near edges along the growth direction, `b` = offset of the
   * cross-axis starts (both kept in the arena, like the size, `lead` and the position).
   */
  get dir(): Direction | null {
    return DIR_NAMES[this.field(DIR_SHIFT, MASK3)] ?? null;
  }
  set dir(v: Direction | null) {
    this.setField(DIR_SHIFT, MASK3, dirCode(v));
  }
  /** `dir` as a code: 0 none, 1 right, 2 left, 3 down, 4 up (for the final pass's hot loop). */
  get dirCode(): number {
    return this.field(DIR_SHIFT, MASK3);
  }
  /** Box size (px). */
  get w(): number {
    return this.arena.buf[this.g] as number;
  }
  set w(v: number) {
    this.arena.buf[this.g] = v;
  }
  get h(): number {
    return this.arena.buf[this.g + 1] as number;
  }
  set h(v: number) {
    this.arena.buf[this.g + 1] = v;
  }
  /** Placement relative to the parent (see `a` and `b` above). */
  get a(): number {
    return this.arena.buf[this.g + 2] as number;
  }
  set a(v: number) {
    this.arena.buf[this.g + 2] = v;
  }
  get b(): number {
    return this.arena.buf[this.g + 3] as number;
  }
  set b(v: number) {
    this.arena.buf[this.g + 3] = v;
  }
  /** For a block inside a tidy group: how far its topic sits behind the block's near edge. */
  get lead(): number {
    return this.arena.buf[this.g + 4] as number;
  }
  set lead(v: number) {
    this.arena.buf[this.g + 4] = v;
  }
  /** Position in map coordinates (output of the last placement). */
  get x(): number {
    return this.arena.buf[this.g + 5] as number;
  }
  set x(v: number) {
    this.arena.buf[this.g + 5] = v;
  }
  get y(): number {
    return this.arena.buf[this.g + 6] as number;
  }
  set y(v: number) {
    this.arena.buf[this.g + 6] = v;
  }
  /**
   * Where the last placement that showed this node put its row: relative to its parent's row, or
   * the row itself for a floating topic (`rowAbsolute`). Copying a subtree's rows keeps the
   * offsets inside it true, so a node's row is found by summing offsets up to the root. (Kept in
   * the arena: a field would cost every node 8 bytes, also in one-shot layouts that never use it.)
   */
  get rowOff(): number {
    return this.arena.buf[this.g + 7] as number;
  }
  set rowOff(v: number) {
    this.arena.buf[this.g + 7] = v;
  }

  /** Forgets the summary, special connector and reported direction of an earlier placement. */
  clearRoleExtras(): void {
    const x = this.ext;
    if (x === null) return;
    x.summary = null;
    x.conn = null;
    x.connKind = null;
    x.report = null;
  }

  private extras(): NodeExtras {
    if (this.ext === null) this.ext = new NodeExtras();
    return this.ext;
  }

  /** Topics of the summaries over this node's children. */
  get sums(): LayoutNode[] {
    return this.ext === null ? NO_NODES : this.ext.sums;
  }
  set sums(v: LayoutNode[]) {
    if (v.length > 0 || this.ext !== null) this.extras().sums = v;
  }
  /** Detached (floating) topics hanging off this node. */
  get floats(): LayoutNode[] {
    return this.ext === null ? NO_NODES : this.ext.floats;
  }
  set floats(v: LayoutNode[]) {
    if (v.length > 0 || this.ext !== null) this.extras().floats = v;
  }
  /** Set when this node is a summary's topic. */
  get summary(): Summary | null {
    return this.ext === null ? null : this.ext.summary;
  }
  set summary(v: Summary | null) {
    if (v !== null || this.ext !== null) this.extras().summary = v;
  }
  /** Direction reported to the renderer when it differs from the placement frame. */
  get report(): Direction | null {
    return this.ext === null ? null : this.ext.report;
  }
  set report(v: Direction | null) {
    if (v !== null || this.ext !== null) this.extras().report = v;
  }
  /** Connector drawn by a special structure, as flat [x, y, …] relative to the parent's box. */
  get conn(): number[] | null {
    return this.ext === null ? null : this.ext.conn;
  }
  set conn(v: number[] | null) {
    if (v !== null || this.ext !== null) this.extras().conn = v;
  }
  get connKind(): ConnectorKind | null {
    return this.ext === null ? null : this.ext.connKind;
  }
  set connKind(v: ConnectorKind | null) {
    if (v !== null || this.ext !== null) this.extras().connKind = v;
  }
  /** A fishbone spine drawn from this node, as [x0, y0, x1, y1] relative to its box. */
  get spine(): number[] | null {
    return this.ext === null ? null : this.ext.spine;
  }
  set spine(v: number[] | null) {
    if (v !== null || this.ext !== null) this.extras().spine = v;
  }
  /** For a summary topic: its brace as [u, v0, v1] relative to the parent, in the frame of `dir`. */
  get brace(): number[] | null {
    return this.ext === null ? null : this.ext.brace;
  }
  set brace(v: number[] | null) {
    if (v !== null || this.ext !== null) this.extras().brace = v;
  }
  /** Extent of the subtree relative to this node's box (set by block layouts). */
  get bbox(): Rect | null {
    return this.ext === null ? null : this.ext.bbox;
  }
  set bbox(v: Rect | null) {
    if (v !== null || this.ext !== null) this.extras().bbox = v;
  }

  /** Size along the growth direction of a frame. */
  main(dir: Direction): number {
    return dir === 'right' || dir === 'left' ? this.w : this.h;
  }
  /** Size across the growth direction of a frame. */
  cross(dir: Direction): number {
    return dir === 'right' || dir === 'left' ? this.h : this.w;
  }
}

const ANCHOR_TOPIC: Topic = { id: '' as TopicId, parentId: null, index: '', text: '' };
const ANCHOR_ARENA = new GeometryArena(16);
/** Holds the node kept by `anchorNodeShape`. */
export const NODE_SHAPE_ANCHOR: { node: LayoutNode | null } = { node: null };

/**
 * Keeps one fresh node alive between layouts (see shape-anchor.ts). Unlike `keepShape`, it is made
 * again after each layout: a node's hidden class changes as a layout teaches V8 the representation
 * of its fields, and the anchor must hold the current one.
 */
export function anchorNodeShape(): void {
  ANCHOR_ARENA.reset();
  NODE_SHAPE_ANCHOR.node = new LayoutNode(ANCHOR_TOPIC, ANCHOR_ARENA);
}

/**
 * Sets a node's placement from its offset (dx, dy) to the parent's box in map coordinates, in the
 * frame of `dir` (so that the final pass can use one formula per frame).
 */
export function setMapOffset(node: LayoutNode, parent: LayoutNode, dx: number, dy: number, dir: Direction): void {
  node.dir = dir;
  switch (dir) {
    case 'right':
      node.a = dx;
      node.b = dy;
      break;
    case 'left':
      node.a = parent.w - dx - node.w;
      node.b = dy;
      break;
    case 'down':
      node.a = dy;
      node.b = dx;
      break;
    case 'up':
      node.a = parent.h - dy - node.h;
      node.b = dx;
      break;
  }
}

/** Map offset (dx, dy) of a node from its parent's box, from its placement in `frame`. */
export function mapOffset(node: LayoutNode, parent: LayoutNode, frame: Direction): [number, number] {
  switch (frame) {
    case 'right':
      return [node.a, node.b];
    case 'left':
      return [parent.w - node.a - node.w, node.b];
    case 'down':
      return [node.b, node.a];
    default:
      return [node.b, parent.h - node.a - node.h];
  }
}

/** A point given as (u, v) relative to a box in a frame, in map coordinates relative to the box. */
export function frameToMap(u: number, v: number, w: number, h: number, frame: Direction): [number, number] {
  switch (frame) {
    case 'right':
      return [u, v];
    case 'left':
      return [w - u, v];
    case 'down':
      return [v, u];
    default:
      return [v, h - u];
  }
}
