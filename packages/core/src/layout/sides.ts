// Which side of a balanced mind map each main branch goes on.

import type { LayoutNode } from './layout-node.ts';

/**
 * Chooses a side per main branch: `topic.side` is respected; the others keep their order and are
 * cut where the two sides' total heights come closest (the first ones go right).
 */
export function splitSides(kids: readonly LayoutNode[], heights: readonly number[]): boolean[] {
  const onRight = new Array<boolean>(kids.length).fill(true);
  let fixedRight = 0;
  let fixedLeft = 0;
  let free = 0;
  const freeIdx: number[] = [];
  kids.forEach((k, i) => {
    const h = heights[i] as number;
    if (k.topic.side === 'right') fixedRight += h;
    else if (k.topic.side === 'left') {
      fixedLeft += h;
      onRight[i] = false;
    } else {
      free += h;
      freeIdx.push(i);
    }
  });
  let best = 0;
  let bestDiff = Number.POSITIVE_INFINITY;
  let prefix = 0;
  for (let k = 0; k <= freeIdx.length; k++) {
    const diff = Math.abs(fixedRight + prefix - (fixedLeft + free - prefix));
    if (diff < bestDiff - 1e-9) {
      bestDiff = diff;
      best = k;
    }
    if (k < freeIdx.length) prefix += heights[freeIdx[k] as number] as number;
  }
  // Prefer the right for the first branch when the split is a tie (one lone branch goes right).
  if (best === 0 && freeIdx.length > 0 && fixedRight === 0 && fixedLeft === 0) best = Math.max(1, best);
  for (let k = best; k < freeIdx.length; k++) onRight[freeIdx[k] as number] = false;
  return onRight;
}
