// The editor in Chromium (issue 14 "Tests"): keyboard-only building, Chinese through an input
// method, dragging, undo/redo, paste, reload mid-typing, offline, two tabs, a view-only link, and
// screenshots of the editor's screens (kept in .tmp/screens, out of git).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, checkA11y, createMap, openEditor, screenshot, signUp, waitSaved } from './harness.ts';

/** The map as indented text lines (ordinary children in order), from a serialized document. */
function outline(doc: MindDoc): string {
  const kids = new Map<string, { id: string; index: string; text: string }[]>();
  for (const t of Object.values(doc.topics)) {
    if (t.parentId === null || t.detached || t.summaryId !== undefined) continue;
    const list = kids.get(t.parentId) ?? [];
    list.push({ id: t.id, index: t.index, text: t.text });
    kids.set(t.parentId, list);
  }
  const out: string[] = [];
  const walk = (id: string, depth: number) => {
    out.push(`${'  '.repeat(depth)}${doc.topics[id]?.text}`);
    for (const c of (kids.get(id) ?? []).sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))) walk(c.id, depth + 1);
  };
  walk(doc.rootId, 0);
  return out.join('\n');
}

async function serverDoc(context: BrowserContext, id: string): Promise<MindDoc> {
  const res = await context.request.get(`/api/maps/${id}`);
  assert.equal(res.status(), 200);
  return ((await res.json()) as { doc: MindDoc }).doc;
}

/** The editor's own document, serialized. */
async function localDoc(page: Page): Promise<MindDoc> {
  return (await page.evaluate(() => {
    const e = (window as unknown as { arbor: { view: { editor: { state: { rootId: string; topics: Map<string, unknown> } } } } }).arbor.view
      .editor;
    return { rootId: e.state.rootId, topics: Object.fromEntries(e.state.topics) };
  })) as MindDoc;
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0,
    undefined,
    { timeout: 15_000 },
  );
}

async function openNew(page: Page, context: BrowserContext, doc?: MindDoc, title = '测试导图'): Promise<string> {
  await signUp(context);
  const { id } = await createMap(page, doc, title);
  await openEditor(page, id);
  await ready(page);
  return id;
}

function smallDoc(): MindDoc {
  const b = new DocBuilder({ title: '小导图', rootText: '中心主题' });
  const a = b.add(b.rootId, { text: '甲' });
  b.add(a, { text: '甲一' });
  b.add(b.rootId, { text: '乙' });
  b.add(b.rootId, { text: '丙' });
  return b.build();
}

async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const e = (
      window as unknown as {
        arbor: { view: { editor: { state: { topics: Map<string, { id: string; text: string }> }; select(ids: string[]): void } } };
      }
    ).arbor.view.editor;
    const topic = [...e.state.topics.values()].find((x) => x.text === t);
    if (!topic) throw new Error(`no topic ${t}`);
    e.select([topic.id]);
  }, text);
}

async function topicCentre(page: Page, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate((t) => {
    const v = (
      window as unknown as {
        arbor: {
          view: {
            editor: { state: { topics: Map<string, { id: string; text: string }> } };
            canvas: { topicScreenRect(id: string): DOMRect | null; reveal(id: string): void; renderNow(): void };
          };
        };
      }
    ).arbor.view;
    const topic = [...v.editor.state.topics.values()].find((x) => x.text === t);
    if (!topic) throw new Error(`no topic ${t}`);
    v.canvas.reveal(topic.id);
    v.canvas.renderNow();
    const r = v.canvas.topicScreenRect(topic.id);
    if (!r) throw new Error(`${t} is not laid out`);
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, text);
}

browserSuite('the editor', (env) => {
  test('a map of three levels built with the keyboard only is on the server', async () => {
    const { page, context, errors } = await env().newPage();
    const id = await openNew(page, context, undefined, '键盘');
    const root = await page.evaluate(
      () =>
        (window as unknown as { arbor: { view: { editor: { primary: string; state: { rootId: string } } } } }).arbor.view.editor.primary,
    );
    const rootId = (await serverDoc(context, id)).rootId;
    assert.equal(root, rootId, 'opening a map selects its central topic');
    await screenshot(page, 'editor-empty');
    await checkA11y(page);
    // Tab: a child in edit mode with its text selected; typing replaces it; Enter commits.
    await page.keyboard.press('Tab');
    await page.keyboard.type('第一章');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('第一节');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('第一条');
    await page.keyboard.press('Enter');
    // Enter: a sibling after; Shift+Enter: before.
    await page.keyboard.press('Enter');
    await page.keyboard.type('第三条');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二条');
    await page.keyboard.press('Enter');
    // Arrows: left to the section, Enter for a sibling section, F2 to rename it.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    await page.keyboard.type('（二）');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    const doc = await serverDoc(context, id);
    assert.equal(outline(doc), '键盘\n  第一章\n    第一节\n      第一条\n      第二条\n      第三条\n    子主题（二）');
    errors.assertNone('keyboard editing');
  });

  test('Chinese through an input method: Enter during composition is the IME’s, nothing doubled or lost', async () => {
    const { page, context } = await env().newPage();
    const id = await openNew(page, context, smallDoc(), '输入法');
    const before = (await serverDoc(context, id)).topics;
    await selectText(page, '乙');
    await page.keyboard.press('Tab');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: 'zhongwen', selectionStart: 8, selectionEnd: 8 });
    // Enter while composing belongs to the input method.
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 13,
    });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 13,
    });
    // The topic grows while composing.
    const growing = await page.evaluate(() =>
      [
        ...(
          window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
        ).arbor.view.editor.state.topics.values(),
      ].some((t) => t.text === 'zhongwen'),
    );
    assert.ok(growing, 'the composing text is shown in the topic');
    await cdp.send('Input.insertText', { text: '中文' });
    await page.keyboard.press('Enter');
    // Typing on a selected topic with an input method replaces its text, composition and all.
    await selectText(page, '丙');
    await cdp.send('Input.imeSetComposition', { text: 'bing', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.insertText', { text: '丙组' });
    await page.keyboard.press('Enter');
    await waitSaved(page);
    const doc = await serverDoc(context, id);
    const texts = Object.values(doc.topics).map((t) => t.text);
    assert.equal(Object.keys(doc.topics).length, Object.keys(before).length + 1, 'exactly one topic was added (by Tab), none by the Enter');
    assert.equal(texts.filter((t) => t === '中文').length, 1, texts.join(' | '));
    assert.ok(texts.includes('丙组'));
    assert.ok(!texts.some((t) => /zhong|bing|\n/.test(t)), `no composing letters or line breaks left: ${texts.join(' | ')}`);
    assert.match(outline(doc), / {2}乙\n {4}中文/);
  });

  test('drag a topic onto a new parent; undo and redo across several kinds of change', async () => {
    const { page, context } = await env().newPage();
    const id = await openNew(page, context, smallDoc(), '拖动');
    const from = await topicCentre(page, '丙');
    const to = await topicCentre(page, '甲一');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
    const preview = await page.locator('.overlay .drop-target').count();
    assert.equal(preview, 1, 'a drop preview is drawn');
    await page.mouse.up();
    await waitSaved(page);
    assert.match(outline(await serverDoc(context, id)), / {4}甲一\n {6}丙/);
    const initial = outline(await localDoc(page));
    // More kinds: add, rename, fold, reorder, delete.
    await selectText(page, '乙');
    await page.keyboard.press('Tab');
    await page.keyboard.type('新');
    await page.keyboard.press('Enter');
    await selectText(page, '甲');
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    await page.keyboard.type('方');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.press('/');
    await selectText(page, '乙');
    await page.keyboard.press('Delete');
    const final = outline(await localDoc(page));
    assert.notEqual(final, initial);
    // Six steps: the new topic, its text, the rename, the move, the fold, the delete.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Control+z');
    assert.equal(outline(await localDoc(page)), initial, 'six undos take the map back');
    await waitSaved(page);
    assert.equal(outline(await serverDoc(context, id)), initial, 'and the server follows');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+z');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+y');
    assert.equal(outline(await localDoc(page)), final, 'six redos bring it back');
    await waitSaved(page);
    assert.equal(outline(await serverDoc(context, id)), final);
  });

  test('an indented outline pastes as a subtree', async () => {
    const { page, context } = await env().newPage();
    const id = await openNew(page, context, smallDoc(), '粘贴');
    await selectText(page, '乙');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '计划\n\t目标\n\t\t季度目标\n\t风险\n复盘');
      document
        .querySelector('.arbor-text-editor')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitSaved(page);
    assert.match(outline(await serverDoc(context, id)), / {2}乙\n {4}计划\n {6}目标\n {8}季度目标\n {6}风险\n {4}复盘/);
    // 10 MB of text asks before it creates thousands of topics; declining creates nothing.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    const before = (await localDoc(page)).topics;
    await page.evaluate(() => {
      const line = '一行粘贴进来的文字，足够长以便凑满十兆字节的内容 0123456789\n';
      const dt = new DataTransfer();
      dt.setData('text/plain', line.repeat(Math.ceil((10 * 1024 * 1024) / (line.length * 3))));
      document
        .querySelector('.arbor-text-editor')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    for (let i = 0; i < 200 && !asked; i++) await page.waitForTimeout(100);
    assert.match(asked, /粘贴将创建 \d+ 个主题/);
    assert.equal(Object.keys((await localDoc(page)).topics).length, Object.keys(before).length);
  });

  test('a copied subtree pastes into another map in another tab, with its notes', async () => {
    const { page, context } = await env().newPage();
    const b = new DocBuilder({ title: '源', rootText: '源导图' });
    const a = b.add(b.rootId, { text: '复制我', note: '备注也要带上' });
    b.add(a, { text: '孩子一' });
    b.add(a, { text: '孩子二' });
    await openNew(page, context, b.build(), '源');
    const { id: target } = await createMap(page, smallDoc(), '目标');
    await selectText(page, '复制我');
    await page.keyboard.press('Control+c');
    const other = await context.newPage();
    await openEditor(other, target);
    await ready(other);
    await selectText(other, '丙');
    await other.keyboard.press('Control+v');
    await waitSaved(other);
    const doc = await serverDoc(context, target);
    assert.match(outline(doc), / {2}丙\n {4}复制我\n {6}孩子一\n {6}孩子二/);
    assert.ok(
      Object.values(doc.topics).some((t) => t.text === '复制我' && t.note === '备注也要带上'),
      'the note came along',
    );
  });

  test('a reload in the middle of typing loses nothing', async () => {
    const { page, context } = await env().newPage();
    const id = await openNew(page, context, smallDoc(), '重载');
    await selectText(page, '乙');
    await page.keyboard.press('Tab');
    await page.keyboard.type('还没按回车');
    await page.waitForTimeout(50);
    await page.reload();
    await ready(page);
    await waitSaved(page);
    assert.match(outline(await serverDoc(context, id)), / {2}乙\n {4}还没按回车/);
  });

  test('offline edits are kept and saved when the network is back', async () => {
    const { page, context } = await env().newPage();
    const id = await openNew(page, context, smallDoc(), '离线');
    await context.setOffline(true);
    await selectText(page, '丙');
    await page.keyboard.press('Tab');
    await page.keyboard.type('离线时写的');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.status')?.getAttribute('data-status') !== 'saved', undefined, {
      timeout: 10_000,
    });
    const status = await page.locator('.status').getAttribute('data-status');
    assert.ok(status === 'offline' || status === 'error' || status === 'saving', `status while offline: ${status}`);
    await context.setOffline(false);
    await waitSaved(page);
    assert.match(outline(await serverDoc(context, id)), / {2}丙\n {4}离线时写的/);
  });

  test('two browser contexts on one map see each other’s edits', async () => {
    const a = await env().newPage();
    const id = await openNew(a.page, a.context, smallDoc(), '协作');
    const b = await env().newPage();
    await b.context.addCookies(await a.context.cookies());
    await openEditor(b.page, id);
    await ready(b.page);
    await selectText(a.page, '甲一');
    await a.page.keyboard.press('Tab');
    await a.page.keyboard.type('来自 A');
    await a.page.keyboard.press('Enter');
    await b.page.waitForFunction(
      () =>
        document.querySelector('.arbor-canvas')?.textContent?.includes('来自 A') ||
        [
          ...(
            window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
          ).arbor.view.editor.state.topics.values(),
        ].some((t) => t.text === '来自 A'),
      undefined,
      { timeout: 15_000 },
    );
    await selectText(b.page, '丙');
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.type('来自 B');
    await b.page.keyboard.press('Enter');
    await a.page.waitForFunction(
      () =>
        [
          ...(
            window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
          ).arbor.view.editor.state.topics.values(),
        ].some((t) => t.text === '来自 B'),
      undefined,
      { timeout: 15_000 },
    );
    await waitSaved(a.page);
    await waitSaved(b.page);
    // Remote changes are not in the other tab's undo history.
    await a.page.keyboard.press('Control+z');
    await waitSaved(a.page);
    const doc = await serverDoc(a.context, id);
    assert.doesNotMatch(outline(doc), /来自 A/, 'A undid its own edit');
    assert.match(outline(doc), /来自 B/, 'and not B’s');
    assert.equal(outline(await localDoc(a.page)), outline(doc));
  });

  test('a view-only share link opens a read-only editor that changes nothing', async () => {
    const owner = await env().newPage();
    const id = await openNew(owner.page, owner.context, smallDoc(), '只读分享');
    const res = await owner.context.request.post(`/api/maps/${id}/shares`, { data: { role: 'view' }, headers: { origin: env().baseUrl } });
    assert.equal(res.status(), 201);
    const { share } = (await res.json()) as { share: { token: string; url: string } };
    const before = await serverDoc(owner.context, id);
    const guest = await env().newPage();
    // The link the share dialog hands out (/s/:token) opens the app's viewer.
    await guest.page.goto(share.url);
    assert.equal(new URL(guest.page.url()).pathname, `/app/s/${share.token}`);
    await ready(guest.page);
    assert.equal(await guest.page.locator('.status').getAttribute('data-status'), 'readonly');
    assert.equal(await guest.page.locator('[data-command="topic.addChild"]').count(), 0, 'no editing tools');
    await guest.page.keyboard.press('Tab');
    await guest.page.keyboard.type('不该出现');
    await guest.page.keyboard.press('Enter');
    await guest.page.keyboard.press('Delete');
    await guest.page.keyboard.press('Control+z');
    await guest.page.waitForTimeout(500);
    assert.equal(outline(await localDoc(guest.page)), outline(before));
    const after = await serverDoc(owner.context, id);
    assert.equal(outline(after), outline(before));
    // Pan and zoom still work.
    await guest.page.keyboard.press('Control+=');
    await checkA11y(guest.page);
  });

  test('Bad input: hostile text renders as text, a 100,000-character topic and a missing map never blank the page', async () => {
    const { page, context } = await env().newPage();
    const b = new DocBuilder({ title: '恶意', rootText: '<script>window.__pwned = 1</script>' });
    b.add(b.rootId, { text: 'مرحبا بالعالم 🎉👨‍👩‍👧 emoji' });
    b.add(b.rootId, { text: '长'.repeat(100_000) });
    await openNew(page, context, b.build(), '恶意');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.ok((await page.locator('g.topic').first().textContent())?.includes('<script>'));
    await page.goto('/app/maps/does-not-exist');
    await page.waitForSelector('.load-error');
    assert.ok(await page.getByRole('button', { name: /重新加载|Reload/ }).isVisible());
  });
});
