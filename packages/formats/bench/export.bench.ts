// PNG and PDF export of a 1,000-topic Chinese map (target ≤ 1.5 s each), plus SVG for reference.
// Prints wall and CPU time (median, min–max); asserts nothing. Run: npm run bench -- export

import { DocBuilder, type MindDoc, type TopicId } from '@arbor/core';
import { rasterize } from '../src/export/png.ts';
import { encodePng } from '../src/export/png-encode.ts';
import { exportDoc } from '../src/index.ts';
import { exportPngDetailed, mapSvg, renderMap } from '../src/node.ts';

const RUNS = Number(process.env.BENCH_RUNS) || 5;
const PHRASES = [
  '加强社会保险扩面',
  '基金征缴工作',
  '明确责任分工',
  '劳动和社会保障局',
  '统筹协调，狠抓落实',
  '年度考核 annual review',
  '建立健全工作机制',
  '依法征缴',
];

/** A balanced 1,000-topic map: 10 main branches × 5 × 4 × 5 with realistic Chinese texts. */
function chineseMap(): MindDoc {
  const b = new DocBuilder({ title: '辽宁省阜新市社会保险扩面与基金征缴工作实施方案' });
  let n = 0;
  const text = () => `${PHRASES[n++ % PHRASES.length]}${n % 3 === 0 ? `，第${n}项措施` : ''}`;
  const fan = [10, 5, 4, 5];
  const grow = (parent: TopicId, depth: number) => {
    for (let i = 0; i < (fan[depth] ?? 0) && n < 999; i++) grow(b.add(parent, { text: text() }), depth + 1);
  };
  grow(b.rootId, 0);
  return b.build();
}

const f = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  return `median ${xs[xs.length >> 1]?.toFixed(0)} ms (min ${xs[0]?.toFixed(0)}, max ${xs[xs.length - 1]?.toFixed(0)})`;
};

async function time(label: string, fn: () => Promise<Uint8Array>): Promise<void> {
  await fn(); // warm-up: font loading, glyph caches, JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    size = (await fn()).length;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(`${label.padEnd(28)} wall ${f(wall)} · cpu ${f(cpu)} · ${(size / 1024).toFixed(0)} KB`);
}

const doc = chineseMap();
console.log(`export of a ${Object.keys(doc.topics).length}-topic Chinese map, ${RUNS} runs`);
await time('SVG', () => exportDoc(doc, 'svg'));
await time('PNG 1× (target ≤ 1.5 s)', () => exportDoc(doc, 'png', { scale: 1 }));
await time('PNG 2×', () => exportDoc(doc, 'png', { scale: 2 }));
await time('PDF fitted (target ≤ 1.5 s)', () => exportDoc(doc, 'pdf'));
await time('PDF tiled A4', () => exportDoc(doc, 'pdf', { paper: 'A4' }));

/** Where the PNG time goes: the same steps exportPng takes, timed one by one (wall · CPU). */
async function pngStages(scale: number): Promise<void> {
  const stages = ['layout', 'SVG', 'rasterize', 'encode'];
  const wall: number[][] = stages.map(() => []);
  const cpu: number[][] = stages.map(() => []);
  const step = async <T>(i: number, fn: () => T | Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await fn();
    wall[i]?.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu[i]?.push((c.user + c.system) / 1000);
    return r;
  };
  for (let run = 0; run <= RUNS; run++) {
    const map = await step(0, () => renderMap(doc));
    const svg = await step(1, () => mapSvg({ ...map, background: undefined }, true));
    const bg = map.background ? { background: map.background } : {};
    const r = await step(2, () => rasterize(svg, map.viewBox.width, map.viewBox.height, { scale, ...bg }));
    await step(3, () => encodePng(r.pixels, r.width, r.height, { premultiplied: !r.opaque }));
    if (run === 0) for (const xs of [...wall, ...cpu]) xs.length = 0; // warm-up
  }
  for (let i = 0; i < stages.length; i++)
    console.log(`  ${(stages[i] as string).padEnd(26)} wall ${f(wall[i] as number[])} · cpu ${f(cpu[i] as number[])}`);
}

const png = await exportPngDetailed(doc, { scale: 1 });
console.log(
  `PNG 1× is ${png.width}×${png.height} px, ${png.bytes.length.toLocaleString('en')} bytes${png.warning ? ` (${png.warning})` : ''}`,
);
console.log('PNG 1× by stage:');
await pngStages(1);
