// Smoke test of the served app in Chromium: /app/ answers the built index, a real map's editor URL
// loads the app without console errors, and the harness's accessibility check finds what it should.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { browserSuite, checkA11y, createMap, openEditor, screenshot, signUp } from './harness.ts';

browserSuite('browser smoke', (env) => {
  test('/app/ answers the built index with the app CSP', async () => {
    const { page, errors } = await env().newPage();
    const res = await page.goto('/app/');
    assert.ok(res);
    assert.equal(res.status(), 200);
    const headers = res.headers();
    assert.match(headers['content-type'] ?? '', /^text\/html/);
    assert.match(headers['content-security-policy'] ?? '', /script-src 'self'/);
    assert.equal(await page.locator('#app').count(), 1);
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
    assert.ok(((await page.locator('#app').textContent()) ?? '').length > 0, 'the app rendered nothing');
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
});
