// What only a browser shows: the image paste (canvas downscaling and encoding), the DOMParser
// adapter of readClipboard, and the note preview put into a live page. The modules are bundled
// with esbuild and loaded into a blank page of Debian's Chromium (skipped when it is absent).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.ARBOR_CHROMIUM || '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium); skipping browser tests`;

const ENTRY = `
export { imageFromClipboard, readClipboard, copySubtrees } from './index.ts';
export { markdownToSafeHtml } from '../../panels/markdown/index.ts';
export { DocBuilder, stateFromDoc, asTopicId } from '@arbor/core';
`;

declare global {
  interface Window {
    clip: typeof import('./index.ts') &
      typeof import('../../panels/markdown/index.ts') &
      Pick<typeof import('@arbor/core'), 'DocBuilder' | 'stateFromDoc' | 'asTopicId'>;
    pwned?: boolean;
  }
}

describe('clipboard in a browser', { skip: SKIP }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'clip',
      platform: 'browser',
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body><div id="out"></div></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    // tsx compiles the functions given to page.evaluate with esbuild's keepNames: give the page its helper.
    await page.evaluate('window.__name = (f) => f');
  });

  after(async () => {
    await browser?.close();
  });

  test('a large photo-like image is downscaled to 800 px and encoded within 500 KB', async () => {
    const r = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1200;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      const img = ctx.createImageData(c.width, c.height);
      let seed = 1;
      for (let i = 0; i < img.data.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        img.data[i] = i % 4 === 3 ? 255 : seed & 255;
      }
      ctx.putImageData(img, 0, 0);
      const blob = await new Promise<Blob>((res) => c.toBlob((b) => res(b as Blob), 'image/png'));
      const file = new File([blob], 'noise.png', { type: 'image/png' });
      const out = await window.clip.imageFromClipboard([file]);
      if (!out) return null;
      const bytes = atob(out.src.slice(out.src.indexOf(',') + 1)).length;
      return { width: out.width, height: out.height, type: out.src.slice(0, out.src.indexOf(';')), bytes, source: blob.size };
    });
    assert.ok(r, 'an image');
    assert.ok(r.source > 500 * 1024, `the source is large (${r.source} bytes)`);
    assert.ok(r.width <= 800 && r.width >= 280, `width ${r.width}`);
    assert.equal(Math.round((r.width / r.height) * 10), 20, 'aspect ratio kept');
    assert.ok(r.bytes <= 500 * 1024, `${r.bytes} bytes`);
    assert.equal(r.type, 'data:image/jpeg');
  });

  test('a small flat image stays PNG at its own size; SVG and non-images are refused', async () => {
    const r = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 120;
      c.height = 60;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.fillStyle = '#3366cc';
      ctx.fillRect(10, 10, 50, 30);
      const blob = await new Promise<Blob>((res) => c.toBlob((b) => res(b as Blob), 'image/png'));
      const png = await window.clip.imageFromClipboard([new File([blob], 'a.png', { type: 'image/png' })]);
      const svg = await window.clip.imageFromClipboard([
        new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=true"/>'], 'a.svg', { type: 'image/svg+xml' }),
      ]);
      const text = await window.clip.imageFromClipboard([new File(['hello'], 'a.txt', { type: 'text/plain' })]);
      const broken = await window.clip.imageFromClipboard([new File(['not a png'], 'b.png', { type: 'image/png' })]);
      return {
        png: png && { width: png.width, height: png.height, type: png.src.slice(0, png.src.indexOf(';')) },
        svg,
        text,
        broken,
        pwned: window.pwned,
      };
    });
    assert.deepEqual(r.png, { width: 120, height: 60, type: 'data:image/png' });
    assert.equal(r.svg, null);
    assert.equal(r.text, null);
    assert.equal(r.broken, null);
    assert.equal(r.pwned, undefined);
  });

  test('readClipboard reads HTML through DOMParser: the Arbor payload and plain nested lists', async () => {
    const r = await page.evaluate(() => {
      const { DocBuilder, stateFromDoc, asTopicId, copySubtrees, readClipboard } = window.clip;
      const b = new DocBuilder({ rootText: 'r' });
      const a = b.add(b.rootId, { text: '甲 <b>', note: '备注', markers: ['priority-1'] });
      b.add(a, { text: '乙' });
      const copied = copySubtrees(stateFromDoc(b.build()), [a]);
      let n = 0;
      const newId = () => asTopicId(`b${++n}`);
      const wrapped = `<html><body><!--StartFragment--><meta charset="utf-8">${copied.html}<!--EndFragment--></body></html>`;
      const fromPayload = readClipboard({ html: wrapped }, newId);
      const plain = readClipboard(
        {
          html: '<p>以下是大纲：</p><ul><li>一<ul><li>二<img src=x onerror="window.pwned=true"></li></ul></li></ul><script>window.pwned=true</script>',
        },
        newId,
      );
      return {
        payload: fromPayload && {
          text: fromPayload.topics[0]?.text,
          note: fromPayload.topics[0]?.note,
          child: fromPayload.topics[0]?.children?.[0]?.text,
        },
        plain: plain && { text: plain.topics[0]?.text, child: plain.topics[0]?.children?.[0]?.text, count: plain.count },
        pwned: window.pwned,
      };
    });
    assert.deepEqual(r.payload, { text: '甲 <b>', note: '备注', child: '乙' });
    assert.deepEqual(r.plain, { text: '一', child: '二', count: 2 });
    // DOMParser documents are inert: no handler ran, no script executed.
    await new Promise((res) => setTimeout(res, 100));
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });

  test('the note preview of hostile Markdown is inert in a live page', async () => {
    const r = await page.evaluate(async () => {
      const md = [
        '<script>window.pwned=true</script>',
        '<img src=x onerror="window.pwned=true">',
        '[a](javascript:window.pwned=true) [b](https://example.com)',
        '![c](x" onerror="window.pwned=true)',
        '<svg onload="window.pwned=true">',
      ].join('\n\n');
      const out = document.getElementById('out') as HTMLElement;
      out.innerHTML = window.clip.markdownToSafeHtml(md);
      await new Promise((res) => setTimeout(res, 200));
      const links = [...out.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.rel, target: a.target }));
      return { pwned: window.pwned, links, elements: [...out.querySelectorAll('*')].map((e) => e.localName) };
    });
    assert.equal(r.pwned, undefined);
    assert.deepEqual(r.links, [{ href: 'https://example.com', rel: 'noopener noreferrer', target: '_blank' }]);
    assert.ok(!r.elements.some((e) => ['script', 'img', 'svg'].includes(e)), r.elements.join(','));
  });
});
