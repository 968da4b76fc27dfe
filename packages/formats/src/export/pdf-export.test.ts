import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { ExportError } from '../errors.ts';
import '../node.ts';
import { exportDoc } from '../registry.ts';
import { MAX_PDF_PAGES, PAGE_MARGIN, PAPER_PT, planPdfPages, TILE_OVERLAP } from './pdf-pages.ts';

const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

interface ParsedPdf {
  header: string;
  pages: { width: number; height: number; text: string }[];
}

/** Every page's MediaBox size and text, as pdf.js reads them back. */
async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: ParsedPdf['pages'] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
      pages.push({ width: x1 - x0, height: y1 - y0, text });
    }
    return { header: new TextDecoder().decode(bytes.subarray(0, 5)), pages };
  } finally {
    await pdf.destroy();
  }
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
const isSize = (p: { width: number; height: number }, w: number, h: number) =>
  (near(p.width, w) && near(p.height, h)) || (near(p.width, h) && near(p.height, w));

/** A root with `n` children, each `第i条 …` so every topic's text is findable. */
function bigMap(n: number, title = '劳动合同法要点'): MindDoc {
  const b = new DocBuilder({ title });
  for (let i = 0; i < n; i++) b.add(b.rootId, { text: `第${i + 1}条 Article ${i + 1}` });
  return b.build();
}

test('fit: one page holding all the text, Chinese included', async () => {
  const b = new DocBuilder({ title: '年度计划' });
  b.add(b.rootId, { text: '订立劳动合同' });
  b.add(b.rootId, { text: 'Quarterly goals' });
  for (const options of [{}, { pageSize: 'fit' }]) {
    const pdf = await parsePdf(await exportDoc(b.build(), 'pdf', options));
    assert.equal(pdf.header, '%PDF-');
    assert.equal(pdf.pages.length, 1);
    for (const t of ['年度计划', '订立劳动合同', 'Quarterly goals']) assert.ok(pdf.pages[0]?.text.includes(t), `"${t}" in the page`);
  }
});

test('A4 and A3 tiles: several pages of the paper size, numbered, every topic on some page', async () => {
  const doc = bigMap(120);
  for (const [pageSize, size] of [
    ['a4', PAPER_PT.a4],
    ['a3', PAPER_PT.a3],
  ] as const) {
    const pdf = await parsePdf(await exportDoc(doc, 'pdf', { pageSize }));
    const m = pdf.pages.length;
    assert.ok(m > 1, `${pageSize}: ${m} pages`);
    pdf.pages.forEach((p, i) => {
      assert.ok(isSize(p, size.width, size.height), `${pageSize} page ${i + 1} is ${p.width} × ${p.height}`);
      assert.ok(p.text.includes(`${i + 1} / ${m}`), `page number on page ${i + 1}`);
    });
    const all = pdf.pages.map((p) => p.text).join('\n');
    for (const t of ['劳动合同法要点', '第1条 Article 1', '第60条 Article 60', '第120条 Article 120'])
      assert.ok(all.includes(t), `${pageSize}: "${t}" somewhere`);
  }
  const a4 = (await parsePdf(await exportDoc(doc, 'pdf', { pageSize: 'a4' }))).pages.length;
  const a3 = (await parsePdf(await exportDoc(doc, 'pdf', { pageSize: 'a3' }))).pages.length;
  assert.ok(a3 < a4, `A3 needs fewer sheets (${a3}) than A4 (${a4})`);
});

test('orientation: explicit portrait or landscape sheets; auto follows a tall map', async () => {
  const doc = bigMap(120); // a mind map of 120 children is much taller than wide
  const portrait = await parsePdf(await exportDoc(doc, 'pdf', { pageSize: 'a4', orientation: 'portrait' }));
  assert.ok(portrait.pages.every((p) => near(p.width, 595.28) && near(p.height, 841.89)));
  const landscape = await parsePdf(await exportDoc(doc, 'pdf', { pageSize: 'a4', orientation: 'landscape' }));
  assert.ok(landscape.pages.every((p) => near(p.width, 841.89) && near(p.height, 595.28)));
  const auto = await parsePdf(await exportDoc(doc, 'pdf', { pageSize: 'a4' }));
  assert.ok(auto.pages.length <= Math.min(portrait.pages.length, landscape.pages.length), 'auto takes the fewer sheets');
  // The older option name still works.
  assert.ok((await parsePdf(await exportDoc(doc, 'pdf', { paper: 'A4' }))).pages.length > 1);
});

test('a small map on A4 is one sheet, at print scale, centred', async () => {
  const b = new DocBuilder({ title: '小导图' });
  b.add(b.rootId, { text: '一' });
  const pdf = await parsePdf(await exportDoc(b.build(), 'pdf', { pageSize: 'a4' }));
  assert.equal(pdf.pages.length, 1);
  assert.ok(isSize(pdf.pages[0] as { width: number; height: number }, 595.28, 841.89));
  assert.ok(!pdf.pages[0]?.text.includes('1 / 1'), 'no page number on a single sheet');
  const plan = planPdfPages({ x: -100, y: -50, width: 200, height: 100 }, { pageSize: 'a4' });
  assert.equal(plan.pages.length, 1);
  assert.equal(plan.pages[0]?.scale, 0.75);
  assert.equal(plan.orientation, 'landscape', 'a wide map on a landscape sheet');
  assert.ok(near((plan.pages[0]?.offset.x ?? 0) * 2 + 200 * 0.75, 841.89), 'centred across');
});

test('a map slightly larger than a sheet is shrunk onto it; a much larger one is tiled', () => {
  const a4Landscape = { w: 841.89 - 2 * PAGE_MARGIN, h: 595.28 - 2 * PAGE_MARGIN };
  const shrunk = planPdfPages({ x: 0, y: 0, width: (a4Landscape.w / 0.75) * 1.1, height: 300 }, { pageSize: 'a4' });
  assert.equal(shrunk.pages.length, 1);
  assert.ok((shrunk.pages[0]?.scale ?? 1) < 0.75 && (shrunk.pages[0]?.scale ?? 0) >= 0.6);
  const tiled = planPdfPages({ x: 0, y: 0, width: (a4Landscape.w / 0.75) * 2.5, height: 300 }, { pageSize: 'a4' });
  assert.ok(tiled.tiled && tiled.pages.length === 3, `${tiled.pages.length} pages`);
});

test('tiles come in reading order, overlap, and together cover the whole map', () => {
  const viewBox = { x: -1000, y: -700, width: 3000, height: 2500 };
  const plan = planPdfPages(viewBox, { pageSize: 'a4', orientation: 'portrait' });
  const views = plan.pages.map((p) => p.view);
  const xs = [...new Set(views.map((v) => v.x))];
  const ys = [...new Set(views.map((v) => v.y))];
  assert.equal(views.length, xs.length * ys.length);
  views.forEach((v, i) => {
    assert.equal(v.x, xs[i % xs.length], 'left to right');
    assert.equal(v.y, ys[Math.floor(i / xs.length)], 'then down');
  });
  const overlapPx = TILE_OVERLAP / 0.75;
  const width = views[0]?.width ?? 0;
  const height = views[0]?.height ?? 0;
  for (let i = 1; i < xs.length; i++)
    assert.ok(near((xs[i - 1] as number) + width - (xs[i] as number), overlapPx), 'a small overlap across');
  for (let i = 1; i < ys.length; i++)
    assert.ok(near((ys[i - 1] as number) + height - (ys[i] as number), overlapPx), 'a small overlap down');
  // The strip of tiles covers the map and is centred on it.
  const left = (xs[0] as number) - viewBox.x;
  const right = viewBox.x + viewBox.width - ((xs[xs.length - 1] as number) + width);
  assert.ok(left <= 0 && right <= 0 && near(left, right), `centred across (${left}, ${right})`);
  const top = (ys[0] as number) - viewBox.y;
  const bottom = viewBox.y + viewBox.height - ((ys[ys.length - 1] as number) + height);
  assert.ok(top <= 0 && bottom <= 0 && near(top, bottom), `centred down (${top}, ${bottom})`);
  // No more sheets than needed: one fewer column or row would not cover the map.
  assert.ok((xs.length - 1) * (width - overlapPx) + overlapPx < viewBox.width);
  assert.ok((ys.length - 1) * (height - overlapPx) + overlapPx < viewBox.height);
  for (const p of plan.pages) assert.deepEqual([p.width, p.height], [595.28, 841.89]);
});

test('a tiling of more than the page limit is refused with a clear error; fit still works', async () => {
  assert.throws(
    () => planPdfPages({ x: 0, y: 0, width: 60_000, height: 60_000 }, { pageSize: 'a4' }),
    (err: unknown) => err instanceof ExportError && new RegExp(`at most ${MAX_PDF_PAGES}`).test(err.message),
  );
  assert.equal(planPdfPages({ x: 0, y: 0, width: 60_000, height: 60_000 }).pages.length, 1);
});

test('bad page size or orientation is refused; other formats ignore the PDF options', async () => {
  const doc = bigMap(2);
  await assert.rejects(exportDoc(doc, 'pdf', { pageSize: 'letter' }), /page size must be fit, a4, a3/);
  await assert.rejects(exportDoc(doc, 'pdf', { pageSize: 'a4', orientation: 'sideways' }), /orientation must be auto, portrait, landscape/);
  const plain = await exportDoc(doc, 'opml');
  assert.deepEqual(await exportDoc(doc, 'opml', { pageSize: 'a3', orientation: 'portrait' }), plain);
});
