// applyOp and undo per op on a 10,000-topic document (create / update / move / delete), restore()
// of the same document, and the memory of a 100,000-topic document. Prints figures; never asserts.

import { History } from '../src/history/history.ts';
import type { TopicId } from '../src/model.ts';
import { applyOp } from '../src/ops/apply.ts';
import { sizedDoc } from '../src/ops/testing.ts';
import type { Op } from '../src/ops/types.ts';
import { restore } from '../src/schema/restore.ts';
import { type DocState, stateFromDoc } from '../src/store.ts';

const RUNS = 5;
const OPS_PER_RUN = 2000;

/** A small deterministic PRNG so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const fmt = (us: number) => us.toFixed(2).padStart(7);

type MakeOp = (state: DocState, rand: () => number, ids: TopicId[], n: number) => Op | null;

const kinds: [string, MakeOp][] = [
  [
    'create',
    (_s, rand, ids, n) => ({
      type: 'topic.create',
      parentId: ids[Math.floor(rand() * ids.length)] as TopicId,
      topic: { id: `new${n}` as TopicId, text: `新主题 ${n}` },
    }),
  ],
  [
    'update',
    (_s, rand, ids, n) => ({
      type: 'topic.update',
      id: ids[Math.floor(rand() * ids.length)] as TopicId,
      patch: { text: `编辑 edit ${n}`, note: n % 2 ? 'note' : null },
    }),
  ],
  [
    'move',
    (s, rand, ids) => {
      const id = ids[1 + Math.floor(rand() * (ids.length - 1))] as TopicId;
      const to = ids[Math.floor(rand() * ids.length)] as TopicId;
      if (!s.topics.has(id) || !s.topics.has(to) || s.children.get(id).length > 0 || id === to) return null;
      return { type: 'topic.move', ids: [id], parentId: to, index: Math.floor(rand() * 4) };
    },
  ],
  [
    'delete',
    (s, rand, ids) => {
      const id = ids[1 + Math.floor(rand() * (ids.length - 1))] as TopicId;
      if (!s.topics.has(id) || s.children.get(id).length > 0) return null;
      return { type: 'topic.delete', ids: [id] };
    },
  ],
];

/** Times `fn` call by call (µs) until it returns false or `count` calls ran. */
function timeEach(count: number, fn: () => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const ran = fn();
    const t1 = process.hrtime.bigint();
    if (!ran) break;
    out.push(Number(t1 - t0) / 1000);
  }
  return out.sort((a, b) => a - b);
}

console.log(`applyOp / undo on a 10,000-topic document: µs per op, ${RUNS} runs × ${OPS_PER_RUN} ops`);
console.log('op        applyOp median  p95 (min–max of run medians)      undo median  p95 (min–max of run medians)');
const base = sizedDoc(10_000);
for (const [name, make] of kinds) {
  const applyMed: number[] = [];
  const applyP95: number[] = [];
  const undoMed: number[] = [];
  const undoP95: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const state = stateFromDoc(base);
    const ids = [...state.topics.keys()];
    const rand = rng(run + 1);
    const history = new History({ capacity: OPS_PER_RUN * 2 });
    // Each op is chosen before its clock starts; only applyOp (and later undo) is timed.
    const times: number[] = [];
    for (let n = 0; times.length < OPS_PER_RUN && n < OPS_PER_RUN * 20; n++) {
      const op = make(state, rand, ids, n);
      if (!op) continue;
      const t0 = process.hrtime.bigint();
      const { diff } = applyOp(state, op);
      const t1 = process.hrtime.bigint();
      times.push(Number(t1 - t0) / 1000);
      history.record(diff);
    }
    times.sort((a, b) => a - b);
    const undos = timeEach(times.length, () => history.undo(state) !== null);
    if (run === 0) continue; // warm-up
    applyMed.push(quantile(times, 0.5));
    applyP95.push(quantile(times, 0.95));
    undoMed.push(quantile(undos, 0.5));
    undoP95.push(quantile(undos, 0.95));
  }
  const mid = (xs: number[]) =>
    quantile(
      [...xs].sort((a, b) => a - b),
      0.5,
    );
  const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs)).trim()}`;
  console.log(
    `${name.padEnd(8)} ${fmt(mid(applyMed))} ${fmt(mid(applyP95))}   (${range(applyMed)})          ${fmt(mid(undoMed))} ${fmt(mid(undoP95))}   (${range(undoMed)})`,
  );
}

{
  // Wall time and the process's CPU time: on a busy machine the CPU time is the steadier figure.
  const json = JSON.parse(JSON.stringify(base));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    restore(json);
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    if (i === 0) continue;
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const show = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return `median ${quantile(xs, 0.5).toFixed(1)} ms (min ${xs[0]?.toFixed(1)}, max ${xs[xs.length - 1]?.toFixed(1)})`;
  };
  console.log(`restore() of the 10,000-topic document: wall ${show(wall)}; CPU ${show(cpu)}`);
}

{
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const big = stateFromDoc(sizedDoc(100_000));
  gc?.();
  const m = process.memoryUsage();
  console.log(
    `100,000-topic document in memory (DocState): RSS ${(m.rss / 2 ** 20).toFixed(0)} MB total, +${((m.rss - rss0) / 2 ** 20).toFixed(0)} MB RSS, +${((m.heapUsed - heap0) / 2 ** 20).toFixed(0)} MB heap${gc ? '' : ' (no --expose-gc: figures include garbage)'}`,
  );
  console.log(`  (${big.topics.size} topics held)`);
}
