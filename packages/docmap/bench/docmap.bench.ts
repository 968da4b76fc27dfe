// docmap benchmarks (figures only, never asserted):
//   1. 民法典 — the eight files of corpus/laws/民法典 joined (~110,000 characters) → map (target ≤ 150 ms);
//   2. 10 MB of text → map (target ≤ 3 s, ≤ 500 MB);
//   3. a generated 100-page PDF → map (target ≤ 3 s).
// Run: npm run bench -- docmap

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentToMap } from '../src/index.ts';
import { enableJieba } from '../src/node.ts';
import { makePdf, type PdfSection } from '../test/make-pdf.ts';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/laws/民法典', import.meta.url));

interface Figures {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function figures(samples: number[]): Figures {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95), min: s[0] as number, max: s[s.length - 1] as number };
}

const one = (f: Figures) => `median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)}, min–max ${f.min.toFixed(1)}–${f.max.toFixed(1)}`;
const fmt = (f: Figures & { cpu: Figures }) => `wall ${one(f)}; CPU ${one(f.cpu)}`;

/** Wall-clock and CPU (user + system) times of `runs` runs: on a shared, busy machine the CPU time is the steadier figure. */
async function time(runs: number, fn: () => Promise<unknown>): Promise<Figures & { cpu: Figures }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ...figures(wall), cpu: figures(cpu) };
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

await enableJieba();

// 1. 民法典
if (existsSync(CORPUS)) {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const text = files.map((f) => readFileSync(join(CORPUS, f), 'utf8')).join('\n\n');
  const bytes = new TextEncoder().encode(text);
  await documentToMap(bytes, { fileName: '民法典.md' }); // warm-up
  const f = await time(15, () => documentToMap(bytes, { fileName: '民法典.md' }));
  const { doc } = await documentToMap(bytes, { fileName: '民法典.md' });
  console.log(
    `民法典 (${files.length} files, ${text.length.toLocaleString()} chars, ${Object.keys(doc.topics).length} topics): ${fmt(f)}  (target ≤ 150 ms)`,
  );
} else console.log(`民法典: skipped, corpus not found at ${CORPUS}`);

// 2. 10 MB of text: a notice-like document repeated, numbered sections and paragraphs.
{
  const unit = readFileSync(new URL('../test/fixtures/cn_notice_fuxin_shebao.txt', import.meta.url), 'utf8');
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < 10 * 2 ** 20; i++) {
    const part = `第${i}章 第${i}部分\n\n${unit}\n\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  const bytes = new TextEncoder().encode(parts.join(''));
  globalThis.gc?.();
  const before = rssMb();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 5);
  const f = await time(3, async () => {
    const r = await documentToMap(bytes, { fileName: 'big.txt' });
    peak = Math.max(peak, rssMb());
    return r;
  });
  clearInterval(timer);
  console.log(
    `10 MB text (${(bytes.length / 2 ** 20).toFixed(1)} MB): ${fmt(f)}; peak RSS ${peak.toFixed(0)} MB (${(peak - before).toFixed(0)} MB above the start)  (target ≤ 3 s, ≤ 500 MB)`,
  );
}

// 3. A 100-page PDF.
{
  const para = (n: number) =>
    `第${n}段。本段文字用于基准测试，内容包括制度建设、资金管理、人员培训和监督检查等方面的要求，每一行都足够长以便自动换行，从而检验段落合并的速度。`.repeat(
      3,
    );
  const sections: PdfSection[] = [];
  let n = 0;
  for (let s = 1; s <= 84; s++)
    sections.push({
      heading: `第${s}部分 工作要求`,
      paragraphs: [para(++n)],
      subsections: [1, 2, 3].map((k) => ({ heading: `${s}.${k} 具体措施`, paragraphs: [para(++n), para(++n)] })),
    });
  const bytes = await makePdf({ title: '基准测试报告', footer: '基准测试报告', sections });
  const { default: pdfjs } = { default: await import('pdfjs-dist/legacy/build/pdf.mjs') };
  const pdf = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages = pdf.numPages;
  await pdf.destroy();
  await documentToMap(bytes, { fileName: 'bench.pdf' }); // warm-up (loads pdfjs)
  const f = await time(3, () => documentToMap(bytes, { fileName: 'bench.pdf' }));
  console.log(`PDF (${pages} pages, ${(bytes.length / 1024).toFixed(0)} KB): ${fmt(f)}  (target ≤ 3 s)`);
}
