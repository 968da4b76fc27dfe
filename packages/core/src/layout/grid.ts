// The layout grid: sizes, gaps and offsets from a parent are kept on multiples of 1/1024 px, so
// that every position placement adds up is an exact binary fraction. Moving a copied subtree by
// the difference of two positions then gives the very numbers that placing it again would
// (ADR 0012). Whole pixels, as every built-in theme has, are on the grid already.

const GRID = 1024;

/** An offset to the nearest grid point. */
export function snap(v: number): number {
  return Math.round(v * GRID) / GRID;
}

/** A size or gap rounded up to the grid (never smaller than asked). */
export function onGrid(v: number): number {
  return Math.ceil(v * GRID) / GRID;
}
