// V8 forgets an object shape (hidden class) once no object of that shape is left alive, and the
// next full collection then throws away every function compiled against it. A class whose objects
// all die between two calls — a one-shot layout's table, an SVG writer — would so lose its callers'
// optimised code at each full collection, and the next call would run unoptimised (measured: the
// SVG of 10,000 topics right after a full collection took 119 ms instead of ≈ 80).
// `keepShape` holds one small object of such a class for the life of the process.

const kept: unknown[] = [];

/** Keeps `sample` alive for good, so that its shape outlives the objects made of it. */
export function keepShape<T>(sample: T): T {
  kept.push(sample);
  return sample;
}
