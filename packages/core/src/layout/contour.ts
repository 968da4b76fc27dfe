// Contours of laid-out subtrees for tidy-tree packing, in a canonical frame: `u` runs along the
// growth direction (from parent to child), `v` across it (the direction siblings are stacked).
// A side of a contour is a step function stored flat as [end0, value0, end1, value1, …]: value k
// holds for u in [end(k−1), end k), with end(−1) = 0. `top` holds the smallest v (the side facing
// earlier siblings), `bot` the largest v. Empty stretches hold +∞ (top) / −∞ (bot).
// Sibling packing compares the bottom contour of the siblings placed so far with the top contour of
// the next one, so the cost is the length of the contours, not the size of the subtrees.

export interface Contour {
  top: number[];
  bot: number[];
}

/** The contour of a lone box: `main` long (gap to its children included) and `cross` wide. */
export function boxContour(main: number, cross: number): Contour {
  return { top: [main, 0], bot: [main, cross] };
}

/**
 * The least shift of `nextTop` (a top side) such that it clears `accBot` (a bottom side): the
 * largest `accBot(u) − nextTop(u)` over the u range both cover; −∞ when they never meet. Only the
 * first `accLen` / `nextLen` numbers of the sides are read (scratch sides are longer).
 */
export function separation(
  accBot: readonly number[],
  nextTop: readonly number[],
  accLen = accBot.length,
  nextLen = nextTop.length,
): number {
  let best = Number.NEGATIVE_INFINITY;
  let i = 0;
  let j = 0;
  while (i < accLen && j < nextLen) {
    const d = (accBot[i + 1] as number) - (nextTop[j + 1] as number);
    if (d > best) best = d;
    const ea = accBot[i] as number;
    const eb = nextTop[j] as number;
    if (ea <= eb) i += 2;
    if (eb <= ea) j += 2;
  }
  return best;
}

/** Pointwise max (`max` true) or min of side `a` and side `b` shifted by `bShift` in v. */
export function mergeSides(a: readonly number[], b: readonly number[], bShift: number, max: boolean): number[] {
  const out: number[] = [];
  mergeSidesInto(a, a.length, b, b.length, bShift, max, out);
  return out;
}

/**
 * `mergeSides` of the first `aLen` / `bLen` numbers of `a` and `b`, written over the start of `out`
 * (which must be neither): returns how many numbers of `out` hold the result. `out` is never
 * shortened, so a reused scratch side keeps its room (shortening an array gives its room back,
 * and the next merge would allocate it again).
 */
export function mergeSidesInto(
  a: readonly number[],
  aLen: number,
  b: readonly number[],
  bLen: number,
  bShift: number,
  max: boolean,
  out: number[],
): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < aLen || j < bLen) {
    let end: number;
    let val: number;
    if (i >= aLen) {
      end = b[j] as number;
      val = (b[j + 1] as number) + bShift;
      j += 2;
    } else if (j >= bLen) {
      end = a[i] as number;
      val = a[i + 1] as number;
      i += 2;
    } else {
      const ea = a[i] as number;
      const eb = b[j] as number;
      const va = a[i + 1] as number;
      const vb = (b[j + 1] as number) + bShift;
      val = max ? Math.max(va, vb) : Math.min(va, vb);
      end = Math.min(ea, eb);
      if (ea <= eb) i += 2;
      if (eb <= ea) j += 2;
    }
    if (n > 0 && out[n - 1] === val) out[n - 2] = end;
    else {
      out[n] = end;
      out[n + 1] = val;
      n += 2;
    }
  }
  return n;
}

/** A side that holds `firstVal` on [0, firstEnd) and then the first `restLen` numbers of `rest` moved by (du, dv). */
export function prependSegment(
  firstEnd: number,
  firstVal: number,
  rest: readonly number[],
  du: number,
  dv: number,
  restLen = rest.length,
): number[] {
  const out = new Array<number>(restLen + 2);
  out[0] = firstEnd;
  out[1] = firstVal;
  for (let k = 0; k < restLen; k += 2) {
    out[k + 2] = (rest[k] as number) + du;
    out[k + 3] = (rest[k + 1] as number) + dv;
  }
  return out;
}

export interface ContourExtent {
  /** Far end along u (the trailing gap included). */
  uEnd: number;
  vMin: number;
  vMax: number;
}

export function contourExtent(c: Contour): ContourExtent {
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  for (let k = 1; k < c.top.length; k += 2) if ((c.top[k] as number) < vMin) vMin = c.top[k] as number;
  for (let k = 1; k < c.bot.length; k += 2) if ((c.bot[k] as number) > vMax) vMax = c.bot[k] as number;
  const uEnd = Math.max(c.top[c.top.length - 2] ?? 0, c.bot[c.bot.length - 2] ?? 0);
  return { uEnd, vMin, vMax };
}
