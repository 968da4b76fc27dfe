// Panel benchmarks (figures only, never asserted; issue 14 §7–10): what the panels compute in O(n)
// on a big map, and how often. Each figure is the median of runs after a warm-up.
//   1. outlineRows (the outline's visible rows) of 5,000, 20,000 and 50,000 topics;
//   2. progressIndex (task roll-ups) of the same maps, half the topics tasks;
//   3. findTopics (search) for a common and a rare string;
//   4. uncoveredOf (source view) of a 2 MB source text with 20,000 spans;
//   5. what a typed character costs the panels: a text change does not move the stamps, so the
//      cached rows and roll-ups are reused (shown as a per-character figure).
// Run: npm run bench -- panels

import { applyOps, DocBuilder, type DocState, stateFromDoc, type TopicId } from '@arbor/core';
import { bumpStamps, type Stamps } from '../src/panels/doc-stamps.ts';
import { outlineRows } from '../src/panels/outline-logic.ts';
import { findTopics } from '../src/panels/search.ts';
import { uncoveredOf } from '../src/panels/source-logic.ts';
import { progressIndex } from '../src/panels/topic-logic.ts';

interface Figures {
  median: number;
  min: number;
  max: number;
  cpu: number;
}

/** Wall times (median, min, max) and the median CPU time of `runs` runs after a warm-up. */
function median(runs: number, fn: (i: number) => unknown): Figures {
  fn(-1);
  const s: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(i);
    s.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    c.push((d.user + d.system) / 1000);
  }
  s.sort((a, b) => a - b);
  c.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  return { median: s[mid] as number, min: s[0] as number, max: s[s.length - 1] as number, cpu: c[mid] as number };
}
/** CPU time is shown too: on a shared machine the wall time includes waiting for a core. */
const ms = (f: Figures) => `${f.median.toFixed(2)} ms (min ${f.min.toFixed(2)}, max ${f.max.toFixed(2)}; cpu ${f.cpu.toFixed(1)})`;

/** A map of `n` topics: 50 main branches, 10 sub-branches each, leaves below; every other topic a task; spans into a text. */
function bigMap(n: number): { state: DocState; leaves: TopicId[] } {
  const b = new DocBuilder({ rootText: '根' });
  const leaves: TopicId[] = [];
  const lines: string[] = [];
  let pos = 0;
  let made = 1;
  const add = (parent: TopicId, text: string) => {
    const line = `${text}：本条规定了有关事项，内容从略。`;
    const source = { start: pos, end: pos + line.length };
    lines.push(line, '');
    pos += line.length + 2;
    made++;
    return b.add(parent, { text, source, ...(made % 2 ? { task: { done: made % 4 === 1 } } : {}) });
  };
  const mains = Array.from({ length: 50 }, (_, i) => add(b.rootId, `第${i + 1}编`));
  const subs = mains.flatMap((m, i) => Array.from({ length: 10 }, (_, j) => add(m, `第${i + 1}.${j + 1}章`)));
  for (let k = 0; made < n; k++) leaves.push(add(subs[k % subs.length] as TopicId, `第${k + 1}条`));
  b.meta = { sourceText: lines.join('\n') };
  return { state: stateFromDoc(b.build()), leaves };
}

for (const n of [5000, 20000, 50000]) {
  const { state, leaves } = bigMap(n);
  console.log(`\n${n.toLocaleString('en')} topics`);
  console.log(`  outlineRows (all ${outlineRows(state).length} rows)   ${ms(median(9, (i) => outlineRows(state, state.rootId, `b${i}`)))}`);
  console.log(`  progressIndex                    ${ms(median(9, (i) => progressIndex(state, `b${i}`)))}`);
  console.log(`  findTopics '条' (${findTopics(state, '条').length} hits)   ${ms(median(9, () => findTopics(state, '条')))}`);
  console.log(`  findTopics rare                  ${ms(median(9, () => findTopics(state, '第99999条')))}`);
  console.log(
    `  uncoveredOf (${((state.meta?.sourceText?.length ?? 0) / 1e6).toFixed(1)} M chars)  ${ms(median(5, (i) => uncoveredOf(state, `b${i}`)))}`,
  );
  // A typed character: the stamps stay, so the cached views are reused.
  const stamps: Stamps = { structure: 0, tasks: 0, sources: 0 };
  const leaf = leaves[leaves.length >> 1] as TopicId;
  const typed = median(50, (i) => {
    bumpStamps(stamps, applyOps(state, [{ type: 'topic.update', id: leaf, patch: { text: `第条${i}` } }]).diff);
    outlineRows(state, state.rootId, `s${stamps.structure}`);
    progressIndex(state, `t${stamps.tasks}`);
    uncoveredOf(state, `u${stamps.sources}`);
  });
  console.log(`  a typed character (op + panels)  ${ms(typed)}  stamps moved: ${stamps.structure + stamps.tasks + stamps.sources}`);
}
