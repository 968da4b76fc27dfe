// The building blocks of the XMind readers and writers: rich-text notes, base64 and data: URLs,
// image sizes, the iterative content.json writer, JSON depth, structures and styles.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRUCTURE_NAMES } from '@arbor/core';
import fc from 'fast-check';
import { parseXml } from '../xml.ts';
import { base64ToBytes, bytesToBase64, fromDataUrl, imageMime, intrinsicSize, toDataUrl } from './media.ts';
import { htmlToText, paragraphsToText, xhtmlToText } from './rich-text.ts';
import { structureFromXmind, structureToXmind } from './structures.ts';
import { styleFromXmind, styleToXmind } from './styles.ts';
import { jsonDepth } from './zen-read.ts';
import type { XSheet, XTopic } from './zen-types.ts';
import { parseRange } from './zen-types.ts';
import { sheetsToContentJson, sheetsToContentJsonIteratively } from './zen-write.ts';

test('HTML and XHTML notes become plain text with line breaks at blocks', () => {
  assert.equal(htmlToText('<div>hello<br><br></div>'), 'hello');
  assert.equal(htmlToText('<p>one &amp; <b>two</b></p><p>three&nbsp;&#x4e2d;&#25991;</p><script>x()</script>'), 'one & two\nthree 中文');
  assert.equal(htmlToText('<ul><li>a</li><li>b</li></ul>'), 'a\nb');
  assert.equal(htmlToText('a < b'), 'a < b');
  const { root } = parseXml('<html><p>first <span>line</span></p>\n\n<p>  second   line </p></html>');
  assert.equal(xhtmlToText(root), 'first line\nsecond line');
  assert.equal(paragraphsToText({ paragraphs: [{ spans: [{ text: 'a' }, { text: 'b' }] }, { spans: [{ text: 'c' }] }] }), 'ab\nc');
  assert.equal(paragraphsToText('nonsense'), '');
});

test('rich-text extraction has no recursion to overflow on deep markup', () => {
  const deep = `${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}`;
  assert.equal(htmlToText(deep), 'x');
  const { root } = parseXml(`<html>${'<div>'.repeat(1_500)}y${'</div>'.repeat(1_500)}</html>`);
  assert.equal(xhtmlToText(root), 'y');
});

test('base64 and data: URLs round-trip any bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.deepEqual(base64ToBytes(bytesToBase64(bytes)), bytes);
      assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'));
      assert.deepEqual(fromDataUrl(toDataUrl(bytes, 'image/png')), { mime: 'image/png', bytes });
    }),
  );
  assert.equal(base64ToBytes('not base64!'), undefined);
  assert.equal(fromDataUrl('https://example.com/a.png'), undefined);
  assert.deepEqual(fromDataUrl('data:image/svg+xml,%3Csvg%2F%3E')?.bytes, new TextEncoder().encode('<svg/>'));
});

test('image kinds and sizes come from the bytes', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0, 0, 0, 0, 32]);
  assert.equal(imageMime(png, 'x.bin'), 'image/png');
  assert.deepEqual(intrinsicSize(png), { width: 256, height: 32 });
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 20, 0]);
  assert.deepEqual(intrinsicSize(gif), { width: 10, height: 20 });
  const svg = new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"></svg>');
  assert.equal(imageMime(svg, 'a.svg'), 'image/svg+xml');
  assert.deepEqual(intrinsicSize(svg), { width: 120, height: 80 });
  assert.deepEqual(intrinsicSize(new TextEncoder().encode('<svg width="64px" height="32">')), { width: 64, height: 32 });
  assert.equal(imageMime(new Uint8Array([1, 2, 3]), 'notes.txt'), undefined);
  assert.equal(intrinsicSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2])), undefined);
});

test('the iterative content.json writer gives what JSON.stringify gives', () => {
  const topic: fc.Arbitrary<XTopic> = fc.letrec((tie) => ({
    topic: fc.record(
      {
        id: fc.string(),
        title: fc.string(),
        labels: fc.array(fc.string(), { maxLength: 2 }),
        children: fc.record(
          { attached: fc.array(tie('topic'), { maxLength: 3 }), summary: fc.array(tie('topic'), { maxLength: 1 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['id'] },
    ),
  })).topic as fc.Arbitrary<XTopic>;
  fc.assert(
    fc.property(
      fc.array(fc.record({ id: fc.string(), title: fc.string(), rootTopic: topic }, { requiredKeys: [] }), { maxLength: 3 }),
      (sheets) => {
        assert.equal(sheetsToContentJsonIteratively(sheets as XSheet[]), JSON.stringify(sheets));
        assert.equal(sheetsToContentJson(sheets as XSheet[]), JSON.stringify(sheets));
      },
    ),
    { numRuns: 200 },
  );
});

test('JSON depth is measured without parsing, strings skipped', () => {
  assert.equal(jsonDepth('[]', 10), 1);
  assert.equal(jsonDepth('{"a":[{"b":"[[[[\\"[["}]}', 10), 3);
  assert.equal(jsonDepth('['.repeat(1000), 5), 6, 'stops just past the limit');
});

test('ranges, structures and styles', () => {
  assert.deepEqual(parseRange('(0,2)'), [0, 2]);
  assert.deepEqual(parseRange(' ( 3 , 1 ) '), [1, 3]);
  assert.equal(parseRange('master'), undefined);
  assert.equal(parseRange(7), undefined);
  assert.equal(structureFromXmind('org.xmind.ui.map.clockwise'), 'mindmap');
  assert.equal(structureFromXmind('org.xmind.ui.fishbone.leftHeaded'), 'fishbone-left');
  assert.equal(structureFromXmind('org.xmind.ui.spreadsheet'), undefined);
  for (const s of STRUCTURE_NAMES) {
    const back = structureFromXmind(structureToXmind(s));
    assert.equal(back, s.startsWith('mindmap') ? 'mindmap' : s, s);
  }
  const style = styleFromXmind({
    'svg:fill': '#eeeeee',
    'fo:color': 'red',
    'fo:font-weight': '700',
    'fo:font-size': '14pt',
    'shape-class': 'org.xmind.topicShape.ellipse',
  });
  assert.deepEqual(style, { fill: '#EEEEEE', bold: true, fontSize: 14, shape: 'ellipse' }, 'named colours and markup are not kept');
  assert.deepEqual(styleFromXmind(styleToXmind(style)), style);
  assert.equal(styleFromXmind({ 'svg:fill': '"><script>' }), undefined);
});
