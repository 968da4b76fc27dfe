// A session that ends while editing (issue 16 "Bad input"): the operations typed after it are kept,
// the editor asks to sign in where it is (keyboard, axe, 1280 and 375 px), a wrong password or an
// account without access says so and keeps the dialog, and signing in sends everything.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MindDoc } from '@arbor/core';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, openEditor, screenshot, signUp, waitSaved } from './harness.ts';

const DIALOG = '[role="dialog"].sign-in-dialog';

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0,
    undefined,
    { timeout: 15_000 },
  );
}

async function serverTexts(context: BrowserContext, id: string): Promise<string[]> {
  const res = await context.request.get(`/api/maps/${id}`);
  assert.equal(res.status(), 200, 'the map is readable by its owner');
  return Object.values(((await res.json()) as { doc: MindDoc }).doc.topics).map((t) => t.text);
}

/** Tab adds a child to the selected topic; Enter after it adds siblings. Each text is committed with Enter. */
async function typeTopics(page: Page, first: 'Tab' | 'Enter', texts: string[]): Promise<void> {
  for (const [i, text] of texts.entries()) {
    await page.keyboard.press(i === 0 ? first : 'Enter');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
}

async function focusedInDialog(page: Page): Promise<{ inside: boolean; name: string | null; tag: string }> {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    return {
      inside: !!el && !!document.querySelector(sel)?.contains(el),
      name: el?.getAttribute('name') ?? null,
      tag: el?.tagName.toLowerCase() ?? '',
    };
  }, DIALOG);
}

browserSuite('a session that expires while editing', (env) => {
  test('keeps the operations, asks to sign in in place, and sends them after', async () => {
    const { page, context, errors } = await env().newPage();
    const user = await signUp(context);
    const { id } = await createMap(page, undefined, '会话过期');
    await openEditor(page, id);
    await ready(page);
    await typeTopics(page, 'Tab', ['过期前一', '过期前二']);
    await waitSaved(page);

    // The session ends on the server (as an expiry or a sign-out elsewhere does).
    const out = await context.request.post('/api/auth/logout', { headers: { origin: env().baseUrl } });
    assert.equal(out.status(), 200);
    assert.equal((await context.request.get('/api/auth/me')).status(), 401, 'signed out');

    // The first edit after the expiry is refused: the badge says so at once and the edit is kept…
    await typeTopics(page, 'Enter', ['过期后一']);
    await page.locator('.status-sign-in').waitFor({ state: 'visible', timeout: 15_000 });
    // …and the dialog waits for a pause in typing, so no keystroke lands in its fields.
    await page.keyboard.press('Enter');
    for (const ch of '过期后二') {
      await page.keyboard.type(ch);
      await page.waitForTimeout(400);
      assert.equal(await page.locator(DIALOG).count(), 0, 'no dialog in the middle of a word');
    }
    await page.keyboard.press('Enter');

    const dialog = page.locator(DIALOG);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await dialog.locator('h2').textContent()) ?? '', /登录已过期/);
    const kept = (await dialog.locator('.sign-in-kept').textContent()) ?? '';
    assert.match(kept, /修改已保存在本机，有 \d+ 组修改等待发送/, kept);
    const pending = await page.evaluate(() => (window as unknown as { arbor: { sync: { pending: number } } }).arbor.sync.pending);
    assert.ok(pending > 0, 'operations wait on this device');
    assert.equal((await focusedInDialog(page)).name, 'email', 'focus lands in the first field');
    assert.equal(await dialog.locator('input[name="email"]').inputValue(), '', 'nothing typed for the map went into the form');
    assert.equal(await dialog.locator('a[target="_blank"]').getAttribute('href'), `/login?next=${encodeURIComponent(`/app/maps/${id}`)}`);
    await checkA11y(page);
    await screenshot(page, 'session-expired');

    // Tab and Shift+Tab stay in the dialog.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i < 5 ? 'Tab' : 'Shift+Tab');
      const f = await focusedInDialog(page);
      assert.ok(f.inside, `focus left the dialog after ${i + 1} presses (on ${f.tag})`);
    }

    // Esc closes it; editing goes on, and the badge keeps a way back.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const again = page.locator('.status-sign-in');
    await again.waitFor({ state: 'visible' });
    await page.evaluate(() => (window as unknown as { arbor: { view: { text: HTMLElement } } }).arbor.view.text.focus());
    await typeTopics(page, 'Enter', ['过期后三']);
    await page.waitForFunction(() =>
      [
        ...(
          window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
        ).arbor.view.editor.state.topics.values(),
      ].some((t) => t.text === '过期后三'),
    );
    assert.equal(await page.locator('.status').getAttribute('data-status'), 'error');
    await screenshot(page, 'session-expired-badge');
    await again.click();
    await dialog.waitFor({ state: 'visible' });
    assert.equal((await focusedInDialog(page)).name, 'email', 'reopened, focus is in the first field again');

    // A wrong password: an error in the user's language, the dialog stays.
    await dialog.locator('input[name="email"]').fill(user.email);
    await dialog.locator('input[name="password"]').fill('not the password');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.sign-in-error').waitFor({ state: 'visible' });
    assert.equal((await dialog.locator('.sign-in-error').textContent()) ?? '', '邮箱或密码错误');
    assert.equal(await dialog.locator('input[name="password"]').inputValue(), '', 'the wrong password is cleared');
    assert.equal(await dialog.isVisible(), true);
    await checkA11y(page);

    // Another account signs in: it has no access to this map, which the dialog says; nothing is sent.
    const otherContext = await env().newContext();
    const other = await signUp(otherContext);
    await otherContext.close();
    await dialog.locator('input[name="email"]').fill(other.email);
    await dialog.locator('input[name="password"]').fill(other.password);
    await dialog.locator('button[type="submit"]').click();
    await page.waitForFunction(
      (sel) => /无权编辑这张导图/.test(document.querySelector(`${sel} .sign-in-error`)?.textContent ?? ''),
      DIALOG,
      { timeout: 10_000 },
    );
    assert.match((await dialog.locator('.sign-in-error').textContent()) ?? '', /修改仍保存在本机/);
    assert.ok(
      (await page.evaluate(() => (window as unknown as { arbor: { sync: { pending: number } } }).arbor.sync.pending)) > 0,
      'the operations are still kept',
    );
    // Sending now, as that account, is refused too (403/404): the operations stay, so does the dialog.
    await page.evaluate(() => (window as unknown as { arbor: { sync: { retryNow(): void } } }).arbor.sync.retryNow());
    await page.waitForFunction(() => document.querySelector('.status-sign-in')?.textContent === '换账号登录', undefined, {
      timeout: 10_000,
    });
    assert.equal(await dialog.isVisible(), true, 'the dialog stays when the other account is refused');
    await screenshot(page, 'session-other-account');

    // The right account: the dialog closes and every topic reaches the server.
    await dialog.locator('input[name="email"]').fill(user.email);
    await dialog.locator('input[name="password"]').fill(user.password);
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await waitSaved(page);
    assert.equal(await page.locator('.status-sign-in').count(), 0, 'the badge no longer asks to sign in');
    const texts = await serverTexts(context, id);
    for (const t of ['过期前一', '过期前二', '过期后一', '过期后二', '过期后三']) assert.ok(texts.includes(t), `${t} is on the server`);
    // The browser logs the refused requests (401 while signed out, 403/404 for the other account).
    errors.assertNone('the editor', [/status of 40[134]/]);
  });

  test('in English, with the cookie gone: wrong passwords, then too many attempts, are said plainly', async () => {
    const { page, context, errors } = await env().newPage({ locale: 'en-US' });
    const user = await signUp(context);
    const { id } = await createMap(page, undefined, 'Session');
    await openEditor(page, id);
    await ready(page);
    await context.clearCookies();
    await typeTopics(page, 'Tab', ['after the cookie went']);
    const dialog = page.locator(DIALOG);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal((await dialog.locator('h2').textContent()) ?? '', 'Your session expired');
    assert.match((await dialog.locator('.sign-in-kept').textContent()) ?? '', /kept on this device: \d+ batch(es are| is) waiting/);
    await checkA11y(page);
    // An unknown email, so the real account is not the one throttled.
    const stranger = `nobody-${Date.now().toString(36)}@example.org`;
    let last = '';
    for (let i = 0; i < 11; i++) {
      await dialog.locator('input[name="email"]').fill(stranger);
      await dialog.locator('input[name="password"]').fill(`guess number ${i}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        dialog.locator('button[type="submit"]').click(),
      ]);
      await page.waitForFunction(
        (sel) => {
          const form = document.querySelector(sel);
          return (
            !!form?.querySelector('.sign-in-error')?.textContent && !form.querySelector('button[type="submit"]')?.hasAttribute('disabled')
          );
        },
        DIALOG,
        { timeout: 10_000 },
      );
      last = (await dialog.locator('.sign-in-error').textContent()) ?? '';
      if (i < 10) assert.equal(last, 'Wrong email or password', `attempt ${i + 1}`);
    }
    assert.match(last, /^Too many sign-in attempts: try again in \d+ s$/);
    assert.equal(await dialog.isVisible(), true);
    await dialog.locator('input[name="email"]').fill(user.email);
    await dialog.locator('input[name="password"]').fill(user.password);
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await waitSaved(page);
    assert.ok((await serverTexts(context, id)).includes('after the cookie went'));
    errors.assertNone('the editor', [/status of 40[134]/, /status of 429/]);
  });
});
