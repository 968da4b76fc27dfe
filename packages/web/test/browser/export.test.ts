// Export to PDF from the editor, as a user does it: the export dialog of a map of 60 topics, PDF
// fitted on one page, then tiled over A4 sheets, then a branch alone on A4. Each downloaded file is
// read back with pdf.js (pages, MediaBox sizes, the map's text). axe on the dialog; screenshots at
// 1280 and 375 px in .tmp/screens (out of git).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import type { Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, openEditor, screenshot, signUp } from './harness.ts';

const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const A4 = { width: 595.28, height: 841.89 };

interface ReadPdf {
  header: string;
  pages: { width: number; height: number; text: string }[];
}

async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: ReadPdf['pages'] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
      pages.push({ width: x1 - x0, height: y1 - y0, text });
    }
    return { header: bytes.subarray(0, 5).toString('latin1'), pages };
  } finally {
    await pdf.destroy();
  }
}

const isA4 = (p: { width: number; height: number }) =>
  (Math.abs(p.width - A4.width) < 0.01 && Math.abs(p.height - A4.height) < 0.01) ||
  (Math.abs(p.width - A4.height) < 0.01 && Math.abs(p.height - A4.width) < 0.01);

/** 产品路线图: 6 quarters-and-themes of 9 items each, 61 topics, all on the right (a tall map). */
function roadmap(): MindDoc {
  const b = new DocBuilder({ title: '产品路线图', rootText: '产品路线图 2027' });
  const branches = ['用户增长', '协作编辑', 'AI 助手', '导入导出', '移动端', '性能与稳定'];
  branches.forEach((name, i) => {
    const branch = b.add(b.rootId, { text: name });
    for (let j = 1; j <= 9; j++) b.add(branch, { text: `${name} 第${j}项 task ${i * 9 + j}` });
  });
  const doc = b.build();
  doc.structure = 'logic-right';
  return doc;
}

async function downloadFile(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载' }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) as string) };
}

browserSuite('export', (env) => {
  test('PDF from the editor: fit on one page, A4 tiles, a branch on A4; the dialog passes axe', async () => {
    const { page, context, errors } = await env().newPage();
    await signUp(context);
    const doc = roadmap();
    assert.ok(Object.keys(doc.topics).length >= 60);
    const { id } = await createMap(page, doc, '产品路线图');
    await openEditor(page, id);
    await page.waitForFunction(
      () =>
        ((window as unknown as { arbor?: { view: { editor: { state: { topics: Map<string, unknown> } } } } }).arbor?.view.editor.state
          .topics.size ?? 0) > 60 && document.querySelectorAll('g.topic').length > 0,
      undefined,
      { timeout: 20_000 },
    );

    await page.locator('button[data-open="export"]').click();
    await page.locator('.export-dialog select[name="format"]').selectOption('pdf');
    const pageSize = page.getByLabel('页面大小');
    assert.equal(await pageSize.inputValue(), 'fit', 'one page is the default');
    assert.equal(await page.locator('.export-dialog select[name="orientation"]').count(), 0, 'no orientation for one fitted page');

    const fit = await downloadFile(page);
    assert.match(fit.name, /^产品路线图\.pdf$/);
    const fitted = await readPdf(fit.bytes);
    assert.equal(fitted.header, '%PDF-');
    assert.equal(fitted.pages.length, 1);
    for (const t of ['产品路线图 2027', '协作编辑', '性能与稳定 第9项 task 54', 'AI 助手 第1项 task 19'])
      assert.ok(fitted.pages[0]?.text.includes(t), `"${t}" in the fitted page`);
    await page.waitForSelector('.export-dialog [role="status"]');

    await pageSize.selectOption('a4');
    await page.waitForSelector('.export-dialog select[name="orientation"]');
    await checkA11y(page);
    await screenshot(page, 'export-dialog-pdf-a4');
    const tiles = await readPdf((await downloadFile(page)).bytes);
    const m = tiles.pages.length;
    assert.ok(m > 1, `A4 tiles: ${m} pages`);
    tiles.pages.forEach((p, i) => {
      assert.ok(isA4(p), `page ${i + 1} is ${p.width} × ${p.height}`);
      assert.ok(p.text.includes(`${i + 1} / ${m}`), `page ${i + 1} is numbered`);
    });
    const tiledText = tiles.pages.map((p) => p.text).join('\n');
    for (const t of ['产品路线图 2027', '用户增长 第1项 task 1', '性能与稳定 第9项 task 54'])
      assert.ok(tiledText.includes(t), `"${t}" on some page`);

    await page.getByLabel('方向').selectOption('portrait');
    const portrait = await readPdf((await downloadFile(page)).bytes);
    assert.ok(
      portrait.pages.every((p) => Math.abs(p.width - A4.width) < 0.01 && Math.abs(p.height - A4.height) < 0.01),
      'portrait sheets',
    );

    // The selected branch alone on A4: its own topics, none of the others.
    await page.getByRole('button', { name: '关闭' }).last().click();
    await page.evaluate(() => {
      const e = (
        window as unknown as {
          arbor: { view: { editor: { state: { topics: Map<string, { id: string; text: string }> }; select(ids: string[]): void } } };
        }
      ).arbor.view.editor;
      const t = [...e.state.topics.values()].find((x) => x.text === '导入导出');
      if (!t) throw new Error('no branch 导入导出');
      e.select([t.id]);
    });
    await page.locator('button[data-open="export"]').click();
    await page.locator('.export-dialog select[name="format"]').selectOption('pdf');
    await page.getByLabel('页面大小').selectOption('a4');
    await page.getByLabel('仅选中的分支').check();
    const branch = await downloadFile(page);
    assert.match(branch.name, /^导入导出\.pdf$/);
    const branchPdf = await readPdf(branch.bytes);
    assert.ok(branchPdf.pages.length >= 1 && branchPdf.pages.every(isA4));
    const branchText = branchPdf.pages.map((p) => p.text).join('\n');
    assert.ok(branchText.includes('导入导出 第9项 task 36'));
    assert.ok(!branchText.includes('用户增长'), 'other branches are left out');
    const all = (await (await page.request.get('/api/maps?view=all')).json()) as { items: unknown[] };
    assert.equal(all.items.length, 1, 'the temporary branch map is gone');

    errors.assertNone();
    await context.close();
  });
});
