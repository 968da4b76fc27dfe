// The editor's screens with a real document: a law of about 300 topics (公司法, from the demo
// library the product ships), with the topic panel, the outline and the source view open. Each is
// screenshotted at 1280 and 375 px (.tmp/screens, out of git) and checked with axe.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { textToMap } from '@arbor/docmap';
import type { Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, openEditor, REPO_ROOT, screenshot, signUp } from './harness.ts';

const LAW = join(REPO_ROOT, 'packages/server/seed/laws/民法商法/公司法(2023-12-29).md');

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0,
    undefined,
    { timeout: 20_000 },
  );
}

async function selectArticle(page: Page, prefix: string): Promise<void> {
  await page.evaluate((p) => {
    const v = (
      window as unknown as {
        arbor: {
          view: {
            editor: {
              state: { topics: Map<string, { id: string; text: string }> };
              select(ids: string[]): void;
              revealTopic(id: string): void;
            };
          };
        };
      }
    ).arbor.view;
    const t = [...v.editor.state.topics.values()].find((x) => x.text.startsWith(p));
    if (!t) throw new Error(`no topic starting with ${p}`);
    v.editor.revealTopic(t.id);
    v.editor.select([t.id]);
  }, prefix);
}

browserSuite('the editor with a 300-topic law', (env) => {
  test('law map, topic panel, outline and source view', async () => {
    const { doc } = textToMap(readFileSync(LAW, 'utf8'), { fileName: '公司法.md' });
    const topics = Object.keys(doc.topics).length;
    assert.ok(topics > 250, `公司法 has ${topics} topics`);
    const { page, context, errors } = await env().newPage();
    await signUp(context);
    const { id } = await createMap(page, doc, '公司法');
    await openEditor(page, id);
    await ready(page);
    const counts = await page.evaluate(() => {
      const c = (window as unknown as { arbor: { view: { canvas: { stats: { laidOut: number; painted: number } } } } }).arbor.view.canvas
        .stats;
      return { laidOut: c.laidOut, painted: c.painted };
    });
    assert.ok(
      counts.laidOut > 250 && counts.painted > 0 && counts.painted < counts.laidOut,
      `laid out ${counts.laidOut}, painted ${counts.painted}`,
    );
    // The topic panel is open by default on a wide screen; close it for the plain map.
    await page.getByRole('button', { name: '主题', exact: true }).click();
    await screenshot(page, 'editor-law-300');
    // Fitted, the whole law is too small to read: it is drawn as an overview, then as topics again.
    const stats = () =>
      page.evaluate(
        () =>
          (window as unknown as { arbor: { view: { canvas: { stats: { overview: boolean; painted: number } } } } }).arbor.view.canvas.stats,
      );
    await page.locator('.arbor-text-editor').focus();
    await page.keyboard.press('Control+0');
    await page.waitForFunction(
      () => (window as unknown as { arbor: { view: { canvas: { stats: { overview: boolean } } } } }).arbor.view.canvas.stats.overview,
    );
    assert.equal(await page.locator('g.topic').count(), 0, 'no topic elements in the overview');
    await screenshot(page, 'editor-law-fit');
    // Back to 100 % on the central topic (not the screen's centre: the screenshot just resized the page).
    await page.evaluate(() => {
      const v = (
        window as unknown as {
          arbor: { view: { editor: { state: { rootId: string } }; canvas: { zoomTo(z: number): void; centreOnTopic(id: string): void } } };
        }
      ).arbor.view;
      v.canvas.zoomTo(1);
      v.canvas.centreOnTopic(v.editor.state.rootId);
    });
    await page.waitForFunction(() => document.querySelectorAll('g.topic').length > 0);
    assert.equal((await stats()).overview, false);

    await page.getByRole('button', { name: '主题', exact: true }).click();
    await selectArticle(page, '第一条');
    await page.waitForSelector('.topic-panel');
    await screenshot(page, 'editor-topic-panel');
    await checkA11y(page);
    // A note in Markdown, previewed (the renderer is fetched on the first preview), hostile HTML inert.
    await page.locator('.note-input').fill('**公司** 的 <img src=x onerror="window.__pwned=1"> [章程](javascript:alert(1))');
    await page.locator('section[aria-labelledby="tp-note"]').getByRole('button', { name: '预览' }).click();
    await page.waitForSelector('.note-preview strong');
    assert.equal(await page.locator('.note-preview strong').textContent(), '公司');
    assert.equal(await page.locator('.note-preview img, .note-preview a[href^="javascript"]').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.locator('section[aria-labelledby="tp-note"]').getByRole('button', { name: '编辑' }).click();

    await page.getByRole('button', { name: '大纲', exact: true }).click();
    await page.waitForSelector('.outline-view');
    await screenshot(page, 'editor-outline');
    await checkA11y(page);

    await page.getByRole('button', { name: '原文', exact: true }).click();
    await page.waitForSelector('.source-view');
    await selectArticle(page, '第三条');
    await page.waitForTimeout(200);
    await screenshot(page, 'editor-source-view');
    await checkA11y(page);
    errors.assertNone('law map screens');
  });
});
