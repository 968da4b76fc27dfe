// 发布为模板 from the editor, as an owner does it: category, tags, description, publish, open the
// template page it links to; open the dialog again and find what was published, update it. Tab
// stays inside the dialog. axe on the dialog; screenshots at 1280 and 375 px in .tmp/screens.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { browserSuite, checkA11y, createMap, imeType, openEditor, screenshot, signUp } from './harness.ts';

browserSuite('publish', (env) => {
  test('publish a map as a template from the editor, see its page, update it', async () => {
    const { page, context, errors } = await env().newPage();
    await signUp(context);
    const b = new DocBuilder({ title: '时间管理四象限', rootText: '时间管理四象限' });
    for (const q of ['重要且紧急', '重要不紧急', '紧急不重要', '不重要不紧急']) b.add(b.rootId, { text: q });
    const { id } = await createMap(page, b.build(), '时间管理四象限');
    await openEditor(page, id);
    await page.waitForSelector('g.topic');

    await page.locator('button[data-open="publish"]').click();
    const dialog = page.locator('.publish-dialog');
    await dialog.locator('select[name="category"] option').first().waitFor({ state: 'attached' });
    // Tab from the last control comes back to the first, never to the editor behind.
    const count = await dialog.locator('a[href], button:not([disabled]), input, select, textarea').count();
    for (let i = 0; i < count + 1; i++) await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('.publish-dialog')), 'focus stays in the dialog');

    const category = await dialog.locator('select[name="category"] option').nth(1).getAttribute('value');
    assert.ok(category);
    await dialog.locator('select[name="category"]').selectOption(category);
    // Tags typed through an input method, with a full-width comma between them.
    await dialog.getByLabel('标签（用逗号或空格分隔）').focus();
    await imeType(page, ['x', 'xiao', 'xiao l', 'xiao lv'], '效率，');
    await imeType(page, ['s', 'shi', 'shi jian', 'shi jian guan li'], '时间管理');
    await page.keyboard.type(' ');
    await imeType(page, ['xiao lv'], '效率');
    await dialog.getByLabel('简介').fill('按重要和紧急把事情分成四类 <script>alert(1)</script>');
    await checkA11y(page);
    await screenshot(page, 'publish-dialog');
    await dialog.getByRole('button', { name: '发布' }).click();
    const link = dialog.locator('.publish-done a');
    await link.waitFor();
    const url = (await link.getAttribute('href')) as string;
    assert.match(url, /^\/templates\/[0-9a-f]{32}$/);

    const templatePage = await context.newPage();
    const res = await templatePage.goto(url);
    assert.equal(res?.status(), 200);
    assert.ok((await templatePage.content()).includes('重要不紧急'), 'the page shows the map');
    const description = await templatePage.locator('body').textContent();
    assert.ok(description?.includes('<script>alert(1)</script>'), 'the description is shown as text');
    await templatePage.close();

    // Again: the dialog starts from what was published, and updates it.
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.locator('button[data-open="publish"]').click();
    await page.locator('.publish-dialog select[name="category"] option').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('.publish-dialog select[name="category"]').inputValue(), category);
    assert.equal(await page.getByLabel('标签（用逗号或空格分隔）').inputValue(), '效率，时间管理');
    await page.getByRole('button', { name: '更新模板' }).click();
    await page.locator('.publish-dialog .publish-done').getByText('模板已更新。').waitFor();
    errors.assertNone();
    await context.close();
  });
});
