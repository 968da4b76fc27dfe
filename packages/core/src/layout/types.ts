// What layout produces and the renderer consumes. Coordinates are px in map space, y down;
// the root's centre is at (0, 0).

import type { Point, StructureName, TopicId } from '../model.ts';
import type { TextLayout } from '../text/types.ts';

export interface Rect {
  x: number; // left
  y: number; // top
  width: number;
  height: number;
}

/** Direction a branch grows from its parent. */
export type Direction = 'right' | 'left' | 'down' | 'up';

export interface TopicBox extends Rect {
  id: TopicId;
  depth: number;
  /** Direction from the parent to this topic (root: 'right'). */
  direction: Direction;
  /** Structure governing this topic's children. */
  structure: StructureName;
  text: TextLayout;
  /** Size of the image drawn above the text, if any. */
  image?: Rect;
  /** Number of descendants hidden when this topic is folded (0 otherwise). */
  hiddenCount: number;
}

export type ConnectorKind = 'curve' | 'straight' | 'elbow' | 'bone' | 'timeline' | 'brace';

export interface Connector {
  from: TopicId;
  to: TopicId;
  kind: ConnectorKind;
  /** Polyline or Bézier points: for 'curve', [start, c1, c2, end]; otherwise a polyline. */
  points: Point[];
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

export interface LayoutResult {
  /** Every visible topic (folded subtrees are absent), including summary and detached topics. */
  boxes: Map<TopicId, TopicBox>;
  connectors: Connector[];
  summaries: SummaryGeometry[];
  boundaries: BoundaryGeometry[];
  relationships: RelationshipGeometry[];
  /** Bounding box of everything drawn. */
  bounds: Rect;
}
