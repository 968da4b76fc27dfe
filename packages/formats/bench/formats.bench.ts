// Import/export timings of the JSON, FreeMind, OPML, Markdown and text formats on the large
// fixtures and on a generated 20,000-topic map. Prints figures; asserts nothing.
// Run: npm run bench -- formats

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocBuilder, type MindDoc, type TopicId } from '@arbor/core';
import { exportDoc, extensionFor, importFile } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', 'test', 'fixtures');
const SHARED = join(here, '..', '..', '..', '..', 'shared', 'fixtures', 'formats');
const RUNS = Number(process.env.BENCH_RUNS) || 15;
const WARMUP = 3;

interface Figures {
  median: number;
  p95: number;
  min: number;
  max: number;
}

const figures = (times: number[]): Figures => {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { median: at(0.5), p95: at(0.95), min: times[0] as number, max: times[times.length - 1] as number };
};

/** Wall-clock and CPU time: on a shared, busy machine the CPU figure is the steadier one. */
async function measure(fn: () => unknown | Promise<unknown>): Promise<{ wall: Figures; cpu: Figures }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: figures(wall), cpu: figures(cpu) };
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const line = (f: Figures) => `median ${ms(f.median)}  p95 ${ms(f.p95)}  min–max ${f.min.toFixed(1)}–${f.max.toFixed(1)} ms`;
function row(label: string, f: { wall: Figures; cpu: Figures }, extra = ''): void {
  console.log(`${label.padEnd(44)} wall ${line(f.wall)}${extra}`);
  console.log(`${''.padEnd(44)} cpu  ${line(f.cpu)}`);
}

/** A random recursive tree (each topic under a uniformly chosen earlier one): depth ≈ ln n, uneven fan-out. */
function generatedMap(size: number): MindDoc {
  const b = new DocBuilder({ rootText: '两万个主题的导图' });
  const ids: TopicId[] = [b.rootId];
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 1; i < size; i++) {
    const parent = ids[Math.floor(rnd() * ids.length)] as TopicId;
    ids.push(
      b.add(parent, {
        text: `主题 ${i} topic ${i}`,
        note: i % 7 === 0 ? `第 ${i} 个主题的备注\nsecond line` : undefined,
        labels: i % 11 === 0 ? ['标签', `k: ${i}`] : undefined,
        markers: i % 13 === 0 ? ['priority-2'] : undefined,
        href: i % 17 === 0 ? `https://example.org/${i}` : undefined,
      }),
    );
  }
  return b.build();
}

async function benchFile(label: string, bytes: Uint8Array, fileName: string, exportTo: string): Promise<void> {
  const { doc } = await importFile(bytes, { fileName });
  const topics = Object.keys(doc.topics).length;
  row(
    `import ${label}`,
    await measure(() => importFile(bytes, { fileName })),
    `  (${topics} topics, ${(bytes.length / 1024).toFixed(0)} KB)`,
  );
  row(`export ${label} → ${exportTo}`, await measure(() => exportDoc(doc, exportTo)));
}

console.log(`@arbor/formats — ${RUNS} runs after ${WARMUP} warm-up runs each\n`);
const guide = join(SHARED, 'freeplane', 'freeplane-user-guide.mm');
if (existsSync(guide)) await benchFile('Freeplane user guide (.mm)', new Uint8Array(readFileSync(guide)), 'guide.mm', 'mm');
else console.log(`(skipped the Freeplane user guide: ${guide} is absent)`);
await benchFile(
  'OPML Editor source (.opml)',
  new Uint8Array(readFileSync(join(FIXTURES, 'opml/opmlpackage-source-opml-editor.opml'))),
  'source.opml',
  'opml',
);
await benchFile(
  'Criminal Law of the PRC (.md)',
  new Uint8Array(readFileSync(join(FIXTURES, 'markdown/law-cn-criminal-law-cjk.md'))),
  'law.md',
  'markdown',
);

console.log('\ngenerated map of 20,000 topics');
const big = generatedMap(20_000);
for (const format of ['json', 'mm', 'opml', 'markdown', 'text']) {
  const bytes = await exportDoc(big, format);
  row(`  export ${format}`, await measure(() => exportDoc(big, format)), `  (${(bytes.length / 1024).toFixed(0)} KB)`);
  const fileName = `big.${extensionFor(format)}`;
  const back = (await importFile(bytes, { fileName })).doc;
  row(`  import ${format}`, await measure(() => importFile(bytes, { fileName })), `  (${Object.keys(back.topics).length} topics back)`);
}
