// Layout benchmark: `npm run bench -- layout`. Prints figures; never asserts timings.
// Targets (issue 2): 100,000-topic balanced map ≤ 200 ms, 10,000 ≤ 20 ms, one insert into 10,000
// laid out incrementally ≤ 2 ms, a 100,000-topic document with its layout ≤ 250 MB RSS.
// `full*` lay out texts whose sizes are cached (a layout again, an export of an open map);
// `first*` lay out texts never seen (a new text measurer each run), which wraps every text.
// Wall-clock figures suffer when the machine is busy; the CPU time of the process (garbage
// collection threads included) is printed beside them, and a reference loop shows the load.

import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { asTopicId, LayoutEngine, layoutDoc, stateFromDoc, type TopicId } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { randomDoc, randomText, seededRandom } from '../src/layout/testing.ts';

const measure = createFontMeasurer();
const gc = (globalThis as { gc?: () => void }).gc;

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] as number;
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, min–max ${q(0).toFixed(2)}–${q(1).toFixed(2)} ms (${s.length} runs)`;
}

/** Runs `f`, returning [wall-clock ms, CPU ms of this process]. */
function timed(f: () => void): [number, number] {
  const cpu = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const d = process.cpuUsage(cpu);
  return [wall, (d.user + d.system) / 1000];
}

function report(title: string, wall: number[], cpu: number[]): void {
  console.log(title);
  console.log(`  wall clock: ${stats(wall)}`);
  console.log(`  CPU time:   ${stats(cpu)}`);
}

/** A fixed amount of plain arithmetic, printed so that figures from a busy machine can be read. */
function reference(): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  let x = 0;
  for (let r = 0; r < 5; r++) {
    const [w, c] = timed(() => {
      for (let i = 0; i < 1e7; i++) x += i % 7;
    });
    wall.push(w);
    cpu.push(c);
  }
  if (x < 0) console.log(x);
  report('reference: a 10M-iteration arithmetic loop (≈ 10 ms on an idle core)', wall, cpu);
}

function fullLayout(topics: number, runs: number): void {
  const doc = randomDoc(42, { topics, structure: 'mindmap', maxChildren: 8 });
  const state = stateFromDoc(doc);
  let lines = 0;
  let wrapped = 0;
  const warm = layoutDoc(state, { measure }); // warms the per-code-point width table and the size cache
  // A few more runs so the figures are of optimised code (an editor lays out again and again).
  for (let i = 0; i < 4; i++) layoutDoc(state, { measure });
  for (const b of warm.boxes.values()) {
    lines += b.text.lines.length;
    if (b.text.lines.length > 1) wrapped++;
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const [w, c] = timed(() => layoutDoc(state, { measure }));
    wall.push(w);
    cpu.push(c);
  }
  report(
    `layoutDoc, ${topics.toLocaleString('en')} topics (balanced mind map, ${wrapped} topics wrapped, ${lines} lines), each after a full GC:`,
    wall,
    cpu,
  );
  // Back to back, without the forced collection (the garbage of one run is collected in the next).
  const wall2: number[] = [];
  const cpu2: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [w, c] = timed(() => layoutDoc(state, { measure }));
    wall2.push(w);
    cpu2.push(c);
  }
  report('  the same, back to back:', wall2, cpu2);
}

/**
 * The first layout of texts never seen: each run gets a new text measurer, so every text is wrapped
 * and measured again (a document just opened). The code is warm: this is what measuring costs.
 */
function firstLayout(topics: number, runs: number): void {
  const doc = randomDoc(42, { topics, structure: 'mindmap', maxChildren: 8 });
  const state = stateFromDoc(doc);
  const distinct = new Set<string>();
  for (const t of state.topics.values()) distinct.add(t.text);
  for (let i = 0; i < 3; i++) layoutDoc(state, { measure: createFontMeasurer() }); // compiles the measuring code
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = createFontMeasurer();
    gc?.();
    const [w, c] = timed(() => layoutDoc(state, { measure: fresh }));
    wall.push(w);
    cpu.push(c);
  }
  report(
    `layoutDoc, ${topics.toLocaleString('en')} topics, first layout of their texts (a new text measurer each run: ` +
      `${distinct.size.toLocaleString('en')} distinct texts wrapped and measured), each after a full GC:`,
    wall,
    cpu,
  );
  // Back to back, as documents opened one after another are (a full collection also shrinks the
  // young generation, which the next layout then pays to grow again).
  const wall2: number[] = [];
  const cpu2: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = createFontMeasurer();
    const [w, c] = timed(() => layoutDoc(state, { measure: fresh }));
    wall2.push(w);
    cpu2.push(c);
  }
  report('  the same, back to back:', wall2, cpu2);
}

function incrementalInsert(topics: number, runs: number): void {
  const doc = randomDoc(7, { topics, structure: 'mindmap', maxChildren: 8 });
  const state = stateFromDoc(doc);
  const engine = new LayoutEngine({ measure });
  const first = engine.update(state);
  const visible = [...first.boxes.keys()];
  const rnd = seededRandom(99);
  const wall: number[] = [];
  const cpu: number[] = [];
  let laidOut = 0;
  // Warm-up inserts first, so the figures are of optimised code.
  const warmUp = 20;
  for (let i = 0; i < runs + warmUp; i++) {
    const parent = visible[Math.floor(rnd() * visible.length)] as TopicId;
    const id = asTopicId(`bench-${i}`);
    state.topics.set(id, { id, parentId: parent, index: `zz${i}`, text: randomText(rnd) });
    state.children.add(parent, id);
    const [w, c] = timed(() => engine.update(state, [id]));
    if (i >= warmUp) {
      wall.push(w);
      cpu.push(c);
      laidOut += engine.laidOut;
    }
  }
  report(
    `LayoutEngine.update after inserting one topic into ${topics.toLocaleString('en')} (${(laidOut / runs).toFixed(1)} topics laid out per update):`,
    wall,
    cpu,
  );
}

/** The in-memory document (DocState) of a generated map; its serialized form is dropped. */
function memoryState(topics: number): ReturnType<typeof stateFromDoc> {
  return stateFromDoc(randomDoc(11, { topics, structure: 'mindmap', maxChildren: 8 }));
}

/** Collects garbage, then gives V8's background unmapper time to hand freed pages back. */
async function settle(): Promise<void> {
  gc?.();
  await sleep(250);
  gc?.();
}

async function memory(topics: number): Promise<void> {
  await settle();
  const base = process.memoryUsage().rss;
  const state = memoryState(topics);
  await settle();
  const docOnly = process.memoryUsage();
  const layout = layoutDoc(state, { measure });
  gc?.();
  const right = process.memoryUsage().rss;
  await settle();
  const after = process.memoryUsage();
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  console.log(
    `RSS with a ${topics.toLocaleString('en')}-topic document (DocState) and its layout held: ${mb(after.rss)} MB once settled ` +
      `(${mb(right)} MB right after the layout, before freed pages are returned; process before: ${mb(base)} MB, of which the code, ` +
      `the tsx loader thread and the font tables; with the document only: ${mb(docOnly.rss)} MB; ` +
      `JS heap ${mb(docOnly.heapUsed)} → ${mb(after.heapUsed)} MB; ${layout.boxes.size.toLocaleString('en')} boxes)`,
  );
  if (state.topics.size === 0) console.log('unreachable');
}

// Each section runs in a process of its own, so that one does not leave the heap (or the size
// caches) of another behind: RSS is a high-water mark, and a 100k layout's caches slow a 10k one.
const sections: Record<string, () => void | Promise<void>> = {
  memory: () => memory(100_000),
  full10k: () => fullLayout(10_000, 40),
  full100k: () => fullLayout(100_000, 7),
  first10k: () => firstLayout(10_000, 40),
  first100k: () => firstLayout(100_000, 11),
  incremental: () => incrementalInsert(10_000, 200),
};
/** One line of the reference loop's speed right now (the machine's speed drifts, up to 2× here). */
function speedNow(): string {
  let x = 0;
  const t = performance.now();
  for (let i = 0; i < 1e7; i++) x += i % 7;
  const ms = performance.now() - t;
  return x < 0 ? '' : `(reference loop just before: ${ms.toFixed(1)} ms)`;
}

/**
 * Memory latency right now: ns per dependent load, chasing a random cycle through 32 MB. The
 * arithmetic loop misses a slow memory system, and first layouts are bound by it (each topic's
 * object, text and cache entry is a cache miss), so both are printed.
 */
function latencyNow(): string {
  const n = 1 << 23;
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  const rnd = seededRandom(5);
  // Sattolo's algorithm: one cycle through every slot.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * i);
    const t = next[i] as number;
    next[i] = next[j] as number;
    next[j] = t;
  }
  const steps = 2_000_000;
  let at = 0;
  const t = performance.now();
  for (let k = 0; k < steps; k++) at = next[at] as number;
  const ns = ((performance.now() - t) * 1e6) / steps;
  return at < 0 ? '' : `(memory latency: ${ns.toFixed(0)} ns per dependent load)`;
}

const only = process.argv[2];
if (only) {
  speedNow(); // warms the loop up
  // The latency probe's 32 MB would show in the RSS figures, so the memory section goes without it.
  console.log(`[${only}] ${speedNow()}${only === 'memory' ? '' : ` ${latencyNow()}`}`);
  await (sections[only] as () => void | Promise<void>)();
} else {
  reference();
  for (const name of Object.keys(sections)) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
  reference();
}
