// What layout produces and the renderer consumes. Coordinates are px in map space, y down;
// the root's centre is at (0, 0).

import type { Point, StructureName, TopicId } from '../model.ts';
import type { TextLayout } from '../text/types.ts';
import type { LayoutTable } from './table.ts';

export interface Rect {
  x: number; // left
  y: number; // top
  width: number;
  height: number;
}

/** Direction a branch grows from its parent. */
export type Direction = 'right' | 'left' | 'down' | 'up';

/** Where the parts of a topic sit inside its box: offsets relative to the box's top-left corner. */
export interface TopicParts {
  text: Rect;
  image?: Rect;
  /** Markers and the task checkbox, in a row before the text. */
  markers?: Rect;
  /** Note and link indicators, after the text. */
  indicators?: Rect;
  /** The row of labels (tags) under the text. */
  labels?: Rect;
}

export interface TopicBox extends Rect {
  id: TopicId;
  depth: number;
  /** Direction from the parent to this topic (root: 'right'). */
  direction: Direction;
  /** Structure governing this topic's children. */
  structure: StructureName;
  text: TextLayout;
  /** The image drawn above the text, if any (same as `parts.image`: relative to the box). */
  image?: Rect;
  /** Where text, image, markers, indicators and labels sit (relative to the box). */
  parts: TopicParts;
  /** Number of descendants hidden when this topic is folded (0 otherwise). */
  hiddenCount: number;
}

/**
 * Connector points by kind (as flat coordinates, see `Connector.coords`): 'curve' [start, c1, c2,
 * end] (cubic Bézier); 'straight' [start, end];
 * 'elbow' a polyline; 'timeline' a straight axis segment; 'bone' a polyline from the topic to the
 * spine (fishbone); 'brace' [tip, start, end, target]: one brace per parent from `start` to `end`
 * with its point at `tip` facing the parent (the same for all children of that parent), then a
 * short line from the brace to `target` on the child.
 */
export type ConnectorKind = 'curve' | 'straight' | 'elbow' | 'bone' | 'timeline' | 'brace';

export interface Connector {
  from: TopicId;
  to: TopicId;
  kind: ConnectorKind;
  /**
   * Polyline or Bézier points as flat coordinates [x0, y0, x1, y1, …]: for 'curve', start, c1, c2,
   * end; otherwise a polyline. (Flat, not Point objects: a 100,000-topic map would otherwise hold
   * 400,000 small objects for its connectors alone.)
   */
  coords: number[];
}

export interface SummaryGeometry {
  id: string;
  /** The brace: from `start` to `end` along the side of the range, `tip` pointing at the summary topic. */
  start: Point;
  end: Point;
  tip: Point;
  direction: Direction;
}

export interface BoundaryGeometry {
  id: string;
  rect: Rect;
  /** Label box above the frame, if the boundary has a label. */
  label?: Rect;
}

export interface RelationshipGeometry {
  id: string;
  /** Cubic Bézier from the edge of `from` to the edge of `to`. */
  start: Point;
  c1: Point;
  c2: Point;
  end: Point;
  /** Where the label's centre sits (the curve's midpoint). */
  labelAt: Point;
}

/** The placed topics by id (a `Map` is one; a layout's own is a view of its columns). */
export interface TopicBoxes extends Iterable<[TopicId, TopicBox]> {
  readonly size: number;
  get(id: TopicId): TopicBox | undefined;
  has(id: TopicId): boolean;
  keys(): IterableIterator<TopicId>;
  /** In drawing order: each topic before its summaries and children, floating branches last. */
  values(): IterableIterator<TopicBox>;
  entries(): IterableIterator<[TopicId, TopicBox]>;
}

export interface LayoutResult {
  /** The placed topics and connectors as columns; `boxes` and `connectors` are views of it. */
  readonly table: LayoutTable;
  /** Every visible topic (folded subtrees are absent), including summary and detached topics. */
  readonly boxes: TopicBoxes;
  /** Grouped by parent, parents in drawing order. */
  readonly connectors: readonly Connector[];
  summaries: SummaryGeometry[];
  boundaries: BoundaryGeometry[];
  relationships: RelationshipGeometry[];
  /** Bounding box of everything drawn. */
  bounds: Rect;
}
