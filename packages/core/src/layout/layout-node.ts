// The working record layout keeps per visible topic. It persists between runs of a LayoutEngine so
// that clean subtrees keep their contours and relative placement.

import type { StructureName, Summary, Topic, TopicId } from '../model.ts';
import type { Contour } from './contour.ts';
import type { TopicMeasure } from './topic-size.ts';
import type { Connector, ConnectorKind, Direction, Rect, TopicBox } from './types.ts';

export class LayoutNode {
  parent: LayoutNode | null = null;
  depth = 0;
  /** Box size (px). */
  w = 0;
  h = 0;
  measure: TopicMeasure | null = null;
  /** Visible attached children, in order. */
  kids: LayoutNode[] = [];
  /** Topics of the summaries over this node's children. */
  sums: LayoutNode[] = [];
  /** Detached (floating) topics hanging off this node. */
  floats: LayoutNode[] = [];
  /** Set when this node is a summary's topic. */
  summary: Summary | null = null;
  /** Descendants hidden because this node is folded. */
  hidden = 0;
  /** Structure governing this node's children. */
  structure: StructureName = 'mindmap';

  // Placement relative to the parent's box, in the frame of `dir` (or the parent's frame when null):
  // `a` = offset of the near edges along the growth direction, `b` = offset of the cross-axis starts.
  a = 0;
  b = 0;
  dir: Direction | null = null;
  /** Direction reported to the renderer when it differs from the placement frame. */
  report: Direction | null = null;
  /** For a block inside a tidy group: how far its topic sits behind the block's near edge. */
  lead = 0;
  /** Connector drawn by a special structure, as flat [x, y, …] relative to the parent's box. */
  conn: number[] | null = null;
  connKind: ConnectorKind | null = null;
  /** A fishbone spine drawn from this node, as [x0, y0, x1, y1] relative to its box. */
  spine: number[] | null = null;
  /** For a summary topic: its brace as [u, v0, v1] relative to the parent, in the frame of `dir`. */
  brace: number[] | null = null;

  // Cache.
  dirty = true;
  /** The context the cached layout was computed in (see engine.ts); 0 = none. */
  ctxKind = 0;
  ctxStructure: string = '';
  ctxDir: Direction | null = null;
  ctxDepth = -1;
  contour: Contour | null = null;
  /** Extent of the subtree relative to this node's box (set by block layouts). */
  bbox: Rect | null = null;
  /** True when the subtree contains a block whose shape depends on the side it sits on. */
  hasBlock = false;

  // Output of the last placement.
  x = 0;
  y = 0;
  frame: Direction = 'right';
  box: TopicBox | null = null;
  /** Generation of the last placement that showed this node. */
  placed = 0;
  connector: Connector | null = null;

  constructor(
    readonly id: TopicId,
    public topic: Topic,
  ) {}

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
/** Holds the node kept by `anchorNodeShape`. */
export const NODE_SHAPE_ANCHOR: { node: LayoutNode | null } = { node: null };

/**
 * Keeps one fresh node alive between layouts. V8 drops a class's hidden classes, with the field
 * representations and types it learned, once no instance is left; every fresh layout would then
 * relearn them and deoptimise the hot functions built on them. Called after each layout, so the
 * anchor holds the current hidden class.
 */
export function anchorNodeShape(): void {
  NODE_SHAPE_ANCHOR.node = new LayoutNode(ANCHOR_TOPIC.id, ANCHOR_TOPIC);
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
