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

// Hostile inputs: how long until the clear ImportError (the safety tests check the error itself).
console.log('\nhostile inputs: time to a clear ImportError');
const enc = (s: string) => new TextEncoder().encode(s);
const MB50 = 50 * 1024 * 1024;
const chainTopics: Record<string, unknown> = {};
for (let i = 0; i < 100_000; i++) chainTopics[`t${i}`] = { id: `t${i}`, parentId: i ? `t${i - 1}` : null, index: 'a0', text: '' };
const hostile: [string, Uint8Array, string][] = [
  ['XXE (.mm)', enc('<!DOCTYPE map [<!ENTITY x SYSTEM "file:///etc/passwd">]><map><node TEXT="&x;"/></map>'), 'x.mm'],
  [
    'billion laughs (.opml)',
    enc(
      `<!DOCTYPE o [<!ENTITY a "${'x'.repeat(10)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i || ''};`.repeat(10)}">`).join('')}]><opml><body><outline text="&a9;"/></body></opml>`,
    ),
    'x.opml',
  ],
  ['XML nested 100,000 deep (.mm)', enc(`<map>${'<node>'.repeat(100_000)}${'</node>'.repeat(100_000)}</map>`), 'x.mm'],
  [
    'JSON nested 100,000 deep',
    enc(`{"nodeData":${'{"topic":"n","children":['.repeat(100_000)}{"topic":"x"}${']}'.repeat(100_000)}}`),
    'x.json',
  ],
  ['parent chain 100,000 long (.json)', enc(JSON.stringify({ rootId: 't0', topics: chainTopics })), 'x.json'],
  ['50 MB of junk (.mm)', new Uint8Array(MB50).fill(0x61), 'x.mm'],
  ['50 MB of junk (.json)', new Uint8Array(MB50).fill(0x61), 'x.json'],
  ['50 MB of line breaks (.md)', new Uint8Array(MB50).fill(0x0a), 'x.md'],
  ['invalid UTF-8 (.txt)', new Uint8Array([0x61, 0x0a, 0xc3, 0x28]), 'x.txt'],
  ['a PDF named .xmind', enc('%PDF-1.7\n%%EOF\n'), 'x.xmind'],
];
for (const [label, bytes, fileName] of hostile) {
  let message = '';
  const f = await measure(async () => {
    try {
      await importFile(bytes, { fileName });
      message = 'accepted';
    } catch (err) {
      message = err instanceof Error ? `${err.name}: ${err.message.slice(0, 60)}` : String(err);
    }
  });
  console.log(`  ${label.padEnd(36)} median ${ms(f.wall.median)} (cpu ${ms(f.cpu.median)})  ${message}`);
}
