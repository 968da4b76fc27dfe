// A skyline: the largest `u` reached so far over each stretch of `v`, kept as sorted, disjoint
// stretches. Used to pack blocks along an axis (timeline events, fishbone bones): each new block is
// pushed along the axis until none of its rectangles meets anything placed before.

import { keepShape } from '../shape-anchor.ts';

export class Skyline {
  /** Stretches [v0, v1) with their reach, sorted by v0, disjoint. */
  private v0: number[] = [];
  private v1: number[] = [];
  private reach: number[] = [];

  /** Largest reach over [from, to); −∞ when nothing is there. */
  query(from: number, to: number): number {
    let best = Number.NEGATIVE_INFINITY;
    const n = this.v0.length;
    for (let k = this.firstEndingAfter(from); k < n; k++) {
      if ((this.v0[k] as number) >= to) break;
      if ((this.reach[k] as number) > best) best = this.reach[k] as number;
    }
    return best;
  }

  /** Raises the reach over [from, to) to at least `u`. */
  raise(from: number, to: number, u: number): void {
    if (!(to > from)) return;
    const v0: number[] = [];
    const v1: number[] = [];
    const reach: number[] = [];
    const push = (a: number, b: number, r: number): void => {
      if (!(b > a)) return;
      const n = v0.length;
      if (n > 0 && v1[n - 1] === a && reach[n - 1] === r) v1[n - 1] = b;
      else {
        v0.push(a);
        v1.push(b);
        reach.push(r);
      }
    };
    let cursor = from;
    for (let k = 0; k < this.v0.length; k++) {
      const a = this.v0[k] as number;
      const b = this.v1[k] as number;
      const r = this.reach[k] as number;
      if (b <= from || a >= to) {
        if (a >= to && cursor < to) {
          push(cursor, to, u);
          cursor = to;
        }
        push(a, b, r);
        continue;
      }
      if (a < from) push(a, from, r);
      if (cursor < a) push(cursor, a, u);
      push(Math.max(a, from), Math.min(b, to), Math.max(r, u));
      cursor = Math.min(b, to);
      if (b > to) push(to, b, r);
    }
    if (cursor < to) push(cursor, to, u);
    this.v0 = v0;
    this.v1 = v1;
    this.reach = reach;
  }

  private firstEndingAfter(v: number): number {
    let lo = 0;
    let hi = this.v0.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.v1[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

keepShape(new Skyline());
