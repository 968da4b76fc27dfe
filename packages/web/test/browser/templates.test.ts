// Templates inside My files: a template favourited through the API shows under 收藏的模板 with its
// preview, category and counts; 使用模板 (from the keyboard) makes a copy and opens it in the editor;
// 取消收藏 drops it and the empty state points to the library; a map published through the API shows
// under 我发布的模板. axe on both views and the empty state; screenshots at 1280 and 375 px.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, getMap, screenshot, signUp } from './harness.ts';

function lawDoc(title: string) {
  const b = new DocBuilder({ title, rootText: title });
  const c1 = b.add(b.rootId, { text: '第一章 总则' });
  b.add(c1, { text: '第一条 立法目的' });
  b.add(c1, { text: '第二条 适用范围' });
  const c2 = b.add(b.rootId, { text: '第二章 劳动合同的订立' });
  b.add(c2, { text: '第十条 建立劳动关系，应当订立书面劳动合同' });
  return b.build();
}

async function post(context: BrowserContext, baseUrl: string, url: string, data: unknown) {
  const res = await context.request.post(url, { data, headers: { origin: baseUrl } });
  assert.ok(res.ok(), `POST ${url} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function publish(context: BrowserContext, baseUrl: string, title: string): Promise<string> {
  const { id } = await createMap(context, lawDoc(title), title);
  const answer = await post(context, baseUrl, `/api/maps/${id}/publish`, { description: `${title}的要点`, category: 'law-civil' });
  return answer.fileId as string;
}

async function filesReady(page: Page): Promise<void> {
  await page.goto('/app/', { waitUntil: 'load' });
  await page.waitForSelector('.files-main h1', { timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.files-main [role="status"]'), undefined, { timeout: 20_000 });
}

/** Opens a template list from the sidebar and waits until it has loaded. */
async function openList(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((n) => document.querySelector('.files-main h1')?.textContent === n, name);
  await page.waitForFunction(() => !document.querySelector('.files-main p[role="status"]:not(.files-message)'), undefined, {
    timeout: 20_000,
  });
}

const previewsLoaded = (page: Page) =>
  page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>('.template-card .thumb img')];
    return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
  });

browserSuite('templates in My files', (env) => {
  let fileId = '';
  const TITLE = '中华人民共和国劳动合同法（节选）';

  test('set up: a published template', async () => {
    const context = await env().newContext();
    await signUp(context, '出版者');
    fileId = await publish(context, env().baseUrl, TITLE);
    await context.close();
  });

  test('favourites: card, use it from the keyboard, remove it; my templates', async () => {
    const { page, context, errors } = await env().newPage();
    const base = env().baseUrl;
    await signUp(context, '读者');
    await post(context, base, `/api/templates/${fileId}/favorite`, { on: true });

    await filesReady(page);
    await openList(page, '收藏的模板');
    const card = page.locator(`.template-card[data-file-id="${fileId}"]`);
    await card.waitFor();
    assert.equal(await card.locator('.file-title').textContent(), TITLE);
    assert.equal(await card.locator('.file-title').getAttribute('href'), `/templates/${fileId}`);
    const meta = await card.locator('.file-meta').allTextContents();
    assert.match(meta.join(' | '), /民法/, 'the category name');
    assert.match(meta.join(' | '), /出版者/, 'the author');
    assert.match(meta.join(' | '), /浏览 \d+ · 使用 0 · 收藏 1/);
    await previewsLoaded(page);
    await checkA11y(page);
    await screenshot(page, 'files-favourite-templates');
    await page.getByRole('button', { name: '列表', exact: true }).click();
    await previewsLoaded(page);
    await screenshot(page, 'files-favourite-templates-list');
    await checkA11y(page);

    // 使用模板 from the keyboard: the copy opens in the editor.
    await card.getByRole('button', { name: `使用模板: ${TITLE}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/maps\//);
    const copyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    const copy = await getMap(page, copyId);
    assert.equal(copy.role, 'owner');
    assert.equal(copy.map.title, TITLE);
    assert.equal(Object.keys(copy.doc.topics).length, 6);
    const template = (await (await context.request.get(`/api/templates/${fileId}`)).json()) as { uses: number };
    assert.equal(template.uses, 1);

    // Back in My files: 取消收藏 from the keyboard; the empty state points to the library.
    await filesReady(page);
    await openList(page, '收藏的模板');
    await card.getByRole('button', { name: `取消收藏: ${TITLE}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.files-message:has-text("已取消收藏")');
    await page.waitForSelector('.templates-empty a[href="/templates"]');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'files-heading', 'focus is not lost');
    const favs = (await (await context.request.get('/api/templates/favorites')).json()) as { total: number };
    assert.equal(favs.total, 0);
    await checkA11y(page);
    await screenshot(page, 'files-favourite-templates-empty');

    // A map of my own, published through the API, shows under 我发布的模板 (no 取消收藏 there).
    await openList(page, '我发布的模板');
    await page.waitForSelector('.templates-empty');
    const mine = await publish(context, base, '我的劳动法笔记');
    await page.getByRole('button', { name: '网格', exact: true }).click();
    await page.getByRole('button', { name: '全部导图', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.files-main h1')?.textContent === '全部导图');
    await openList(page, '我发布的模板');
    const own = page.locator(`.template-card[data-file-id="${mine}"]`);
    await own.waitFor();
    assert.equal(await own.locator('.file-title').textContent(), '我的劳动法笔记');
    assert.match((await own.locator('.file-meta').first().textContent()) ?? '', /民法商法 · 发布于 \d{4}年/);
    assert.equal(await own.getByRole('button', { name: /取消收藏/ }).count(), 0);
    assert.equal(await page.locator('.template-card').count(), 1, 'only my own templates');
    await previewsLoaded(page);
    await checkA11y(page);
    await screenshot(page, 'files-my-templates');
    errors.assertNone();
  });

  test('in English, counts in the English locale', async () => {
    const { page, context, errors } = await env().newPage({ locale: 'en-US' });
    await context.addCookies([{ name: 'lang', value: 'en', url: env().baseUrl }]);
    await signUp(context);
    await post(context, env().baseUrl, `/api/templates/${fileId}/favorite`, { on: true });
    await filesReady(page);
    await openList(page, 'Favourite templates');
    const card = page.locator(`.template-card[data-file-id="${fileId}"]`);
    await card.waitFor();
    assert.match((await card.locator('.template-counts').textContent()) ?? '', /^\d+ views? · 1 use · 1 favourite$/);
    await card.getByRole('button', { name: `Use template: ${TITLE}` }).waitFor();
    await checkA11y(page);
    errors.assertNone();
  });
});
