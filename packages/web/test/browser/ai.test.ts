// AI in the editor (issue 15, browser part): a local server speaking the OpenAI protocol streams an
// outline slowly; topics appear in the editor before the stream ends; accepting keeps them as one
// undo step; rejecting leaves no trace; without a provider the panel says what to configure.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeOpenAi, recordedStream } from '@arbor/ai/testing';
import { DocBuilder, type MindDoc } from '@arbor/core';
import type { Page } from 'playwright-core';
import { loadAiConfig } from '../../../server/src/ai/config.ts';
import { browserSuite, checkA11y, createMap, openEditor, screenshot, signUp } from './harness.ts';

const fake = new FakeOpenAi();
await fake.start();
after(() => fake.close());

const OUTLINE = '好的，下面是导图：\n- 时间管理\n  - 番茄工作法\n  - 四象限法则\n- 目标设定\n  - SMART 原则\n- 复盘\n';

const topicTexts = (page: Page) =>
  page.evaluate(() =>
    [
      ...(
        window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
      ).arbor.view.editor.state.topics.values(),
    ].map((t) => t.text),
  );

async function serverTexts(page: Page, id: string): Promise<string[]> {
  const res = await page.context().request.get(`/api/maps/${id}`);
  return Object.values(((await res.json()) as { doc: MindDoc }).doc.topics).map((t) => t.text);
}

async function open(page: Page): Promise<string> {
  await signUp(page.context());
  const { id } = await createMap(page, undefined, 'AI');
  await openEditor(page, id);
  await page.waitForFunction(() => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0);
  return id;
}

browserSuite(
  'AI in the editor',
  (env) => {
    before(() => {
      fake.reset();
    });

    test('generated topics stream into the preview, accept is one undo step, reject leaves no trace', async () => {
      const { page, errors } = await env().newPage();
      const id = await open(page);
      const baseline = await serverTexts(page, id);
      // A slow stream: about 2 s for the whole outline.
      fake.reply({ chunks: [...recordedStream(OUTLINE, { pieceChars: 2 }).matchAll(/data: .*\n\n/g)].map((m) => m[0]), delayMs: 40 });
      await page.locator('[data-open="ai"]').click();
      await page.getByLabel('主题或问题').fill('时间管理');
      await page.getByRole('button', { name: '生成', exact: true }).click();
      // Topics appear while the answer is still arriving.
      await page.waitForFunction(() =>
        [
          ...(
            window as unknown as { arbor: { view: { editor: { state: { topics: Map<string, { text: string }> } } } } }
          ).arbor.view.editor.state.topics.values(),
        ].some((t) => t.text === '番茄工作法'),
      );
      const streaming = await page.locator('.ai-status').textContent();
      assert.match(streaming ?? '', /正在生成/, `still streaming when the first topics show: ${streaming}`);
      await page.locator('[data-ai="accept"]').waitFor();
      await screenshot(page, 'editor-ai-preview');
      await checkA11y(page);
      const texts = await topicTexts(page);
      for (const t of ['番茄工作法', '四象限法则', '目标设定', 'SMART 原则', '复盘'])
        assert.ok(texts.includes(t), `${t} in ${texts.join(', ')}`);
      assert.ok(!texts.some((t) => t.includes('好的')), 'the preamble is no topic');
      // Nothing was saved before accepting.
      assert.deepEqual(await serverTexts(page, id), baseline);
      await page.locator('[data-ai="accept"]').click();
      await page.waitForFunction(() => (window as unknown as { arbor: { sync: { pending: number } } }).arbor.sync.pending === 0);
      await page.waitForFunction(() => document.querySelector('.status')?.getAttribute('data-status') === 'saved');
      assert.ok((await serverTexts(page, id)).includes('SMART 原则'));
      // One undo removes them all.
      await page.locator('.arbor-text-editor').focus();
      await page.keyboard.press('Control+z');
      const undone = await topicTexts(page);
      assert.ok(!undone.includes('番茄工作法') && !undone.includes('复盘'), `after one undo: ${undone.join(', ')}`);

      // Reject: no trace, locally or on the server.
      fake.reply({ chunks: [recordedStream('- 甲\n- 乙\n')] });
      await page.getByRole('button', { name: '生成', exact: true }).click();
      await page.locator('[data-ai="reject"]').click();
      const rejected = await topicTexts(page);
      assert.ok(!rejected.includes('甲') && !rejected.includes('乙'));
      await page.waitForTimeout(400);
      assert.ok(!(await serverTexts(page, id)).includes('甲'));
      errors.assertNone('AI flow');
    });

    test('regenerate a branch: per-topic proposals, applied as one undo step', async () => {
      const { page } = await env().newPage();
      await signUp(page.context());
      const b = new DocBuilder({ title: '重新生成', rootText: '中心' });
      const a = b.add(b.rootId, { text: '甲' });
      b.add(a, { text: '甲一' });
      b.add(a, { text: '甲二' });
      const { id } = await createMap(page, b.build(), '重新生成');
      await openEditor(page, id);
      await page.waitForFunction(
        () => !!(window as unknown as { arbor?: unknown }).arbor && document.querySelectorAll('g.topic').length > 0,
      );
      await page.evaluate(() => {
        const e = (
          window as unknown as {
            arbor: { view: { editor: { state: { topics: Map<string, { id: string; text: string }> }; select(ids: string[]): void } } };
          }
        ).arbor.view.editor;
        const t = [...e.state.topics.values()].find((x) => x.text === '甲');
        if (t) e.select([t.id]);
      });
      fake.reply({ chunks: [recordedStream('- 甲一\n- 甲三\n')] });
      await page.locator('[data-open="ai"]').click();
      await page.getByLabel('重新生成这个分支').check();
      await page.getByRole('button', { name: '生成', exact: true }).click();
      await page.locator('.ai-proposals').waitFor();
      const listed = (await page.locator('.ai-proposals li').allTextContents()).join(' | ');
      assert.match(listed, /新增.*甲三/, listed);
      await checkA11y(page);
      await page.locator('.ai-proposals [data-ai="accept"]').click();
      const after = await topicTexts(page);
      assert.ok(after.includes('甲三'), after.join(', '));
      await page.locator('.arbor-text-editor').focus();
      await page.keyboard.press('Control+z');
      const undone = await topicTexts(page);
      assert.ok(!undone.includes('甲三') && undone.includes('甲二'), `after one undo: ${undone.join(', ')}`);
    });
  },
  { config: { ai: { ...loadAiConfig({}), baseUrl: fake.url, model: 'test-model', apiKey: 'sk-test', timeoutMs: 5000, stallMs: 5000 } } },
);

browserSuite('AI without a provider', (env) => {
  test('the panel names the settings to configure and offers what works offline', async () => {
    const { page } = await env().newPage();
    await open(page);
    await page.locator('[data-open="ai"]').click();
    await page.getByLabel('主题或问题').fill('时间管理');
    await page.getByRole('button', { name: '生成', exact: true }).click();
    await page.locator('.ai-problem').waitFor();
    const text = (await page.locator('.ai-problem').textContent()) ?? '';
    for (const s of ['ARBOR_AI_BASE_URL', 'ARBOR_AI_MODEL']) assert.ok(text.includes(s), text);
    await checkA11y(page);
  });
});
