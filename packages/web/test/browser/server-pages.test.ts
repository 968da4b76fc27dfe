// The server-rendered pages in Chromium (packages/server/src/pages): the inline stylesheet applies
// (computed styles — it once reached the browser HTML-escaped, so the body fell back to a serif
// font and the share/download menus were not positioned), the web font comes from this server in
// the slices the page needs, every page passes axe-core's WCAG 2 A/AA rules at 1280 and 375 px, a
// page does not scroll sideways on a phone, and the template flow works without JavaScript:
// 使用模板 → sign up → the editor with the copy. Screenshots go to .tmp/screens/ (gitignored).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, screenshot, signUp } from './harness.ts';

function lawDoc() {
  const b = new DocBuilder({ title: '中华人民共和国社会保险法（节选）', rootText: '中华人民共和国社会保险法（节选）' });
  const c1 = b.add(b.rootId, { text: '第一章 总则', note: '为了规范社会保险关系，维护公民参加社会保险和享受社会保险待遇的合法权益。' });
  b.add(c1, { text: '第一条 立法目的' });
  b.add(c1, { text: '第二条 国家建立基本养老保险、基本医疗保险、工伤保险、失业保险、生育保险等社会保险制度' });
  const c2 = b.add(b.rootId, { text: '第二章 基本养老保险' });
  b.add(c2, { text: '第十条 职工应当参加基本养老保险，由用人单位和职工共同缴纳基本养老保险费' });
  b.add(c2, { text: '饕餮与魑魅魍魉（生僻字示例）' });
  b.meta = { references: ['《中华人民共和国劳动法》第七十条'] };
  return b.build();
}

async function publish(context: BrowserContext, baseUrl: string): Promise<string> {
  const { id } = await createMap(context, lawDoc(), '社会保险法');
  const res = await context.request.post(`/api/maps/${id}/publish`, {
    data: { description: '社会保险法的结构与要点', category: 'law-civil', tags: ['社保', '法律'] },
    headers: { origin: baseUrl },
  });
  assert.equal(res.status(), 201, await res.text());
  return ((await res.json()) as { fileId: string }).fileId;
}

/** Font files the page requested, by file name. */
function recordFonts(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/fonts/')) files.push(r.url().split('/').pop() ?? '');
  });
  return files;
}

browserSuite('server-rendered pages', (env) => {
  let fileId = '';
  const pagePaths = () => [
    '/',
    '/templates',
    `/templates/${fileId}`,
    '/categories/law-civil',
    `/search?q=${encodeURIComponent('社保')}`,
    `/search?q=${encodeURIComponent('时间管理')}`,
    '/login',
    '/signup',
    '/logout',
  ];

  test('set up: a published template', async () => {
    const context = await env().newContext();
    await signUp(context, '出版者');
    fileId = await publish(context, env().baseUrl);
    await context.close();
  });

  test('the stylesheet applies: Noto Sans SC from this server, menus positioned', async () => {
    const { page, errors } = await env().newPage();
    const fonts = recordFonts(page);
    await page.goto(`/templates/${fileId}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const style = await page.evaluate(() => {
      const menu = document.querySelector('details.menu > div');
      return {
        body: getComputedStyle(document.body).fontFamily,
        menu: menu ? getComputedStyle(menu).position : null,
        loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded').length,
      };
    });
    assert.match(style.body, /^"Noto Sans SC"/, 'the body font is the served one, not a fallback');
    assert.equal(style.menu, 'absolute', 'the share and download menus are positioned');
    assert.ok(style.loaded >= 3, `${style.loaded} font slices loaded`);
    await page.locator('details.menu summary').first().click();
    const box = await page.locator('details.menu[open] > div').first().boundingBox();
    assert.ok(box && box.width >= 200, 'the open menu is a floating panel');
    assert.ok(!fonts.some((f) => f.startsWith('cp-')), `no code-point block was fetched: ${fonts.join(', ')}`);
    assert.ok(
      fonts.some((f) => f.startsWith('page-')),
      'the rare characters came in the page’s own subset',
    );
    assert.ok(fonts.length <= 10, `font requests: ${fonts.join(', ')}`);
    errors.assertNone('the template page');
  });

  test('every page passes axe-core WCAG 2 A/AA, does not scroll sideways at 375 px; screenshots', async () => {
    const { page, context, errors } = await env().newPage();
    const check = async (path: string, name: string) => {
      const res = await page.goto(path, { waitUntil: 'networkidle' });
      assert.ok(res && res.status() < 400, `${path}: ${res?.status()}`);
      await page.evaluate(() => document.fonts.ready);
      await checkA11y(page);
      await page.setViewportSize({ width: 375, height: 812 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px at 375 px`);
      await checkA11y(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, name);
    };
    for (const path of pagePaths()) await check(path, `page${path.replace(/\?.*/, '').replace(/\//g, '-') || '-home'}`);
    await check(`/search?q=${encodeURIComponent('时间管理')}`, 'page-search-nomatch');
    await signUp(context, '读者');
    await check('/account/password', 'page-account-password');
    await check(`/templates/${fileId}`, 'page-template-signed-in');
    await context.addCookies([{ name: 'lang', value: 'en', url: env().baseUrl }]);
    await check('/', 'page-home-en');
    await check(`/templates/${fileId}`, 'page-template-en');
    errors.assertNone('the pages');
  });

  test('without JavaScript: 使用模板 → sign up → the editor with the copy; sign out', async () => {
    const { page } = await env().newPage({ javaScriptEnabled: false });
    await page.goto(`/templates/${fileId}`);
    await page.getByRole('button', { name: '使用模板' }).click();
    await page.waitForURL(/\/signup\?next=/);
    await page.getByLabel('昵称').fill('无脚本用户');
    await page.getByLabel('邮箱').fill(`nojs-${Date.now()}@example.org`);
    await page.getByLabel(/^密码/).fill('correct horse battery');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(/\/app\/maps\/[^/]+$/);
    const mapId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const map = await page.context().request.get(`/api/maps/${encodeURIComponent(mapId)}`);
    assert.equal(map.status(), 200);
    assert.equal(((await map.json()) as { doc: { title: string } }).doc.title, '社会保险法');
    await page.goto('/');
    assert.match((await page.locator('header .account').textContent()) ?? '', /已登录：无脚本用户/);
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/logout$/);
    assert.match((await page.textContent('main')) ?? '', /你已退出登录/);
  });
});
