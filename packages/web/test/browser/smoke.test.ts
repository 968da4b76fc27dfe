// Smoke test of the served app in Chromium: /app/ answers the built index, a real map's editor URL
// loads the app without console errors; and the harness's own helpers (accessibility check, IME
// composition, API helpers) do what the editor's tests rely on.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { browserSuite, checkA11y, createMap, getMap, imeType, openEditor, screenshot, shareMap, signUp } from './harness.ts';

browserSuite('browser smoke', (env) => {
  test('/app/ answers the built index with the app CSP', async () => {
    const { page, context, errors } = await env().newPage();
    await signUp(context);
    const res = await page.goto('/app/');
    assert.ok(res);
    assert.equal(res.status(), 200);
    const headers = res.headers();
    assert.match(headers['content-type'] ?? '', /^text\/html/);
    assert.match(headers['content-security-policy'] ?? '', /script-src 'self'/);
    await page.waitForFunction(() => (document.getElementById('app')?.childNodes.length ?? 0) > 0);
    // The built index loads hashed assets from /app/assets/.
    const scripts = await page.locator('script[type="module"]').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    assert.ok(
      scripts.some((s) => s?.startsWith('/app/assets/')),
      `module scripts: ${scripts.join(', ')}`,
    );
    errors.assertNone('/app/');
  });

  test('/app/maps/<id> of a real map loads the app with no console errors', async () => {
    const { page, context, errors } = await env().newPage();
    await signUp(context);
    const b = new DocBuilder({ title: '冒烟测试', rootText: '中心主题' });
    const child = b.add(b.rootId, { text: '分支一' });
    b.add(child, { text: '子主题 <script>alert(1)</script>' });
    const { id } = await createMap(page, b.build(), '冒烟测试');
    const api = await context.request.get(`/api/maps/${id}`);
    assert.equal(api.status(), 200);
    await openEditor(page, id);
    assert.equal(new URL(page.url()).pathname, `/app/maps/${id}`);
    // The map's own topics are on screen (as text: the <script> topic too).
    await page.getByText('中心主题').first().waitFor({ timeout: 15_000 });
    await page.getByText('<script>alert(1)</script>', { exact: false }).first().waitFor({ timeout: 5_000 });
    await checkA11y(page);
    const shots = await screenshot(page, 'smoke-editor');
    assert.ok(shots.every((p) => existsSync(p)));
    errors.assertNone(`/app/maps/${id}`);
  });

  test('checkA11y lists WCAG violations and passes a clean page', async () => {
    const { page } = await env().newPage();
    await page.setContent(
      '<!doctype html><html lang="zh-CN"><head><title>好</title></head><body><main><h1>标题</h1><p>正文</p></main></body></html>',
    );
    await checkA11y(page);
    await page.setContent(
      '<!doctype html><html><head><title>坏</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>',
    );
    await assert.rejects(checkA11y(page), (err: Error) => {
      assert.match(err.message, /image-alt/);
      assert.match(err.message, /button-name/);
      assert.match(err.message, /html-has-lang/);
      return true;
    });
  });

  test("imeType composes through the input method: keys during composition are the IME's, the text lands once", async () => {
    const { page } = await env().newPage();
    await page.setContent(
      '<!doctype html><html lang="zh-CN"><head><title>IME</title></head><body><textarea aria-label="t"></textarea><div contenteditable="true" aria-label="c"></div></body></html>',
    );
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { imeLog: string[] }).imeLog = log;
      for (const el of document.querySelectorAll('textarea, [contenteditable]')) {
        for (const type of ['compositionstart', 'compositionend']) el.addEventListener(type, () => log.push(type));
        el.addEventListener('keydown', (e) => {
          const k = e as KeyboardEvent;
          log.push(`keydown ${k.key} composing=${k.isComposing} ${k.keyCode}`);
        });
      }
    });
    for (const selector of ['textarea', '[contenteditable]']) {
      await page.focus(selector);
      await imeType(page, ['zh', 'zhong', '中', '中文'], '中文', { pressDuring: ['Enter'] });
      const value = await page.$eval(selector, (el) => ('value' in el ? (el as HTMLTextAreaElement).value : el.textContent));
      assert.equal(value, '中文', selector);
      const log = await page.evaluate(() => (window as unknown as { imeLog: string[] }).imeLog.splice(0));
      assert.deepEqual(log, ['compositionstart', 'keydown Enter composing=true 229', 'compositionend'], selector);
    }
  });

  test('getMap and shareMap speak the API as the signed-in user', async () => {
    const { context } = await env().newPage();
    await signUp(context);
    const { id } = await createMap(context, undefined, '分享测试');
    const got = await getMap(context, id);
    assert.equal(got.map.id, id);
    assert.equal(got.role, 'owner');
    assert.equal(got.doc.title, '分享测试');
    const share = await shareMap(context, id, 'view');
    assert.ok(share.token.length > 10);
    const other = await env().newContext();
    const viewed = await getMap(other.request, id, { 'x-share-token': share.token });
    assert.equal(viewed.role, 'view');
  });

  test('PageErrors collects console errors and uncaught exceptions, and lets a test allow what it provokes', async () => {
    const { page, errors } = await env().newPage();
    await page.setContent('<!doctype html><title>errors</title><p>errors</p>');
    await page.evaluate(() => {
      console.error('出错了 boom');
      setTimeout(() => {
        throw new Error('未捕获 uncaught');
      });
    });
    await page.waitForTimeout(100);
    assert.throws(() => errors.assertNone('test page'), /test page reported 2 error\(s\):[\s\S]*出错了 boom[\s\S]*未捕获 uncaught/);
    assert.throws(() => errors.assertNone('test page', [/boom/]), /reported 1 error/);
    errors.assertNone('test page', [/boom/, /uncaught/]);
    errors.clear();
    errors.assertNone();
  });
});
