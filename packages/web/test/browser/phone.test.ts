// The editor on a phone (375 px, touch): the panels start closed so the map has the screen, a topic
// being typed stays above the on-screen keyboard (simulated by the page getting shorter, as Chrome
// on Android does with interactive-widget=resizes-content), and what was typed is saved.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import type { Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, getMap, openEditor, screenshot, signUp, waitSaved } from './harness.ts';

interface ArborView {
  editor: { state: { topics: Map<string, { text: string }> }; select(ids: string[]): void; editingId: string | null };
  canvas: { topicScreenRect(id: string): DOMRect | null; centreOnTopic(id: string): void };
}
const view = (page: Page) => page.evaluate(() => !!(window as unknown as { arbor?: { view: ArborView } }).arbor?.view);

browserSuite('phone', (env) => {
  test('editing on a phone: panels closed, the typed topic stays above the keyboard, text saved', async () => {
    const { page, context, errors } = await env().newPage({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    await signUp(context);
    const b = new DocBuilder({ title: '手机上的导图', rootText: '旅行清单' });
    const ids: string[] = [];
    for (const t of ['证件', '衣物', '洗漱', '电子产品', '药品', '零食', '现金', '雨具'])
      ids.push(b.add(b.rootId, { text: t }) as unknown as string);
    const { id } = await createMap(page, b.build(), '手机上的导图');
    await openEditor(page, id);
    await page.waitForFunction(() => document.querySelectorAll('g.topic').length > 0);
    assert.ok(await view(page));
    assert.equal(await page.locator('.topic-panel').count(), 0, 'the topic panel starts closed on a phone');

    // The last branch, placed near the bottom of the screen, then edited.
    const last = ids[ids.length - 1] as string;
    await page.evaluate((tid) => {
      const v = (window as unknown as { arbor: { view: ArborView } }).arbor.view;
      v.canvas.centreOnTopic(tid);
      v.editor.select([tid]);
    }, last);
    await page.evaluate((tid) => {
      // Put the topic 120 px above the bottom edge, where a keyboard will cover it.
      const v = (window as unknown as { arbor: { view: ArborView & { canvas: { panBy(dx: number, dy: number): void } } } }).arbor.view;
      const r = v.canvas.topicScreenRect(tid) as DOMRect;
      v.canvas.panBy(0, innerHeight - 120 - r.bottom);
    }, last);
    await page.locator('.arbor-text-editor').focus();
    await page.keyboard.press('F2');
    await page.waitForFunction(() => !!(window as unknown as { arbor: { view: ArborView } }).arbor.view.editor.editingId);
    // The keyboard opens: the page is 420 px tall.
    await page.setViewportSize({ width: 375, height: 420 });
    await page.waitForFunction(
      (tid) => {
        const r = (window as unknown as { arbor: { view: ArborView } }).arbor.view.canvas.topicScreenRect(tid);
        return !!r && r.top >= 0 && r.bottom <= innerHeight;
      },
      last,
      { timeout: 5_000 },
    );
    await page.keyboard.type('和伞');
    await page.keyboard.press('Enter');
    await screenshot(page, 'phone-editing-keyboard');
    await page.setViewportSize({ width: 375, height: 812 });
    await checkA11y(page);
    // Saved: the server has the new text.
    await waitSaved(page);
    const saved = await getMap(page, id);
    assert.equal(saved.doc.topics[last]?.text, '雨具和伞');
    errors.assertNone();
    await context.close();
  });
});
