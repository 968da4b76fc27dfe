// Where a dragged topic would land (issue 14 §6): onto a topic (as its last child), or between
// two siblings (before/after the nearest one on the side it grows). Pure geometry over the layout,
// so the preview and the drop agree.

import { type DocState, isAncestorOrSelf, type LayoutResult, type Op, type Rect, type TopicBox, type TopicId } from '@arbor/core';

export interface DropTarget {
  kind: 'child' | 'before' | 'after';
  /** The topic dropped onto (child) or beside (before/after). */
  id: TopicId;
  /** What to draw: the target's box and, between siblings, a line. */
  rect: Rect;
  line?: [number, number, number, number];
}

/** The drop target for dragged topics with their pointer at map point (x, y), or null. */
export function findDropTarget(
  state: DocState,
  layout: LayoutResult,
  dragged: readonly TopicId[],
  x: number,
  y: number,
  topicsNear: (r: Rect) => number[],
): DropTarget | null {
  const table = layout.table;
  const reach = 60;
  const rows = topicsNear({ x: x - reach, y: y - reach, width: 2 * reach, height: 2 * reach });
  let best: TopicBox | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const i of rows) {
    const id = table.ids[i] as TopicId;
    if (dragged.some((d) => isAncestorOrSelf(state, d, id))) continue;
    const b = table.box(i);
    const dx = Math.max(b.x - x, 0, x - (b.x + b.width));
    const dy = Math.max(b.y - y, 0, y - (b.y + b.height));
    const d = Math.hypot(dx, dy);
    if (d < bestDist) {
      bestDist = d;
      best = b;
    }
  }
  if (!best || bestDist > reach) return null;
  const b = best;
  const t = state.topics.get(b.id);
  if (!t) return null;
  const inside = x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
  const canBeSibling = t.parentId !== null && !t.detached && t.summaryId === undefined;
  // Over the middle of a topic: become its child. Near its edge along the sibling axis: beside it.
  const vertical = b.direction === 'left' || b.direction === 'right';
  const along = vertical ? (y - b.y) / b.height : (x - b.x) / b.width;
  if (canBeSibling && (!inside || along < 0.25 || along > 0.75)) {
    const before = vertical ? y < b.y + b.height / 2 : x < b.x + b.width / 2;
    const line: [number, number, number, number] = vertical
      ? [b.x, before ? b.y - 4 : b.y + b.height + 4, b.x + b.width, before ? b.y - 4 : b.y + b.height + 4]
      : [before ? b.x - 4 : b.x + b.width + 4, b.y, before ? b.x - 4 : b.x + b.width + 4, b.y + b.height];
    return { kind: before ? 'before' : 'after', id: b.id, rect: { x: b.x, y: b.y, width: b.width, height: b.height }, line };
  }
  if (!inside && bestDist > 24) return null;
  return { kind: 'child', id: b.id, rect: { x: b.x - 4, y: b.y - 4, width: b.width + 8, height: b.height + 8 } };
}

/** The move operation for a drop. */
export function dropOp(target: DropTarget, ids: readonly TopicId[]): Op {
  if (target.kind === 'child') return { type: 'topic.move', ids, parentId: target.id };
  return target.kind === 'before' ? { type: 'topic.move', ids, before: target.id } : { type: 'topic.move', ids, after: target.id };
}
