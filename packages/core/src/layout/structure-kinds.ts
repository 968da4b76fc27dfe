// What kind of layout each structure is: tidy (contour-packed, growing one way), balanced (a mind
// map split over both sides), or one of the special block layouts.

import type { StructureName } from '../model.ts';
import type { Direction } from './types.ts';

/** Growth direction of a tidy structure; undefined for structures laid out otherwise. */
export function tidyDirection(s: StructureName): Direction | undefined {
  switch (s) {
    case 'mindmap-right':
    case 'logic-right':
    case 'brace':
      return 'right';
    case 'mindmap-left':
    case 'logic-left':
      return 'left';
    case 'org-down':
      return 'down';
    case 'org-up':
      return 'up';
    default:
      return undefined;
  }
}

export function isHorizontal(d: Direction): boolean {
  return d === 'right' || d === 'left';
}
