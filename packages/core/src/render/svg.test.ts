import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Shape } from './shapes.ts';
import { fmt, safeImageHref, safeLinkHref } from './shapes.ts';
import { escapeAttr, escapeText, shapesToSvg } from './svg.ts';

const opts = { width: 100, height: 50, viewBox: { x: -10, y: -5, width: 100, height: 50 } };

test('numbers are written with at most two decimals and no -0', () => {
  assert.equal(fmt(1.23456), '1.23');
  assert.equal(fmt(-0.001), '0');
  assert.equal(fmt(10), '10');
  assert.equal(fmt(Number.NaN), '0');
  assert.equal(fmt(-3.5), '-3.5');
  assert.equal(fmt(2.05), '2.05');
  assert.equal(fmt(-1234567.891), '-1234567.89');
  fc.assert(
    fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
      const r = Math.round(v * 100) / 100;
      assert.equal(Number(fmt(v)), r === 0 ? 0 : r);
    }),
  );
});

test('text and attributes are escaped; characters XML forbids are dropped', () => {
  assert.equal(escapeText('a<b>&c"\''), 'a&lt;b&gt;&amp;c"\'');
  assert.equal(escapeAttr('"x" onload=\'y\''), '&quot;x&quot; onload=&#39;y&#39;');
  assert.equal(escapeText('a\u0000b\u0008c\ud800d'), 'abcd');
  assert.equal(escapeText('😀 中文'), '😀 中文');
});

test('any text survives as inert character data', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const svg = shapesToSvg(
        [{ type: 'text', x: 0, y: 0, lines: [s], lineHeight: 10, fontSize: 10, fontFamily: 'x', fill: '#000' }],
        opts,
      );
      const content = svg.slice(svg.indexOf('<tspan'), svg.lastIndexOf('</tspan>')).replace(/^<tspan[^>]*>/, '');
      assert.ok(!content.includes('<'));
      const back = content.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      assert.equal(back, escapeText(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      // Only characters XML cannot carry are lost.
      assert.equal(
        back.length,
        s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udfff]/g, '').length +
          (s.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0) * 2,
      );
    }),
    { numRuns: 200 },
  );
});

test('one tspan per line, each at its own baseline', () => {
  const svg = shapesToSvg(
    [
      {
        type: 'text',
        x: 5,
        y: 20,
        lines: ['一', 'two', '三'],
        lineHeight: 18,
        fontSize: 14,
        fontFamily: 'F',
        fill: '#111',
        anchor: 'middle',
      },
    ],
    {
      ...opts,
      fontFamily: 'F',
    },
  );
  assert.match(
    svg,
    /<text font-size="14" text-anchor="middle" fill="#111"><tspan x="5" y="20">一<\/tspan><tspan x="5" y="38">two<\/tspan><tspan x="5" y="56">三<\/tspan><\/text>/,
  );
});

test('groups set inherited defaults once; children leave out what they inherit', () => {
  const line = { type: 'path' as const, d: 'M0 0 L1 1', stroke: '#123', strokeWidth: 2, linecap: 'round' as const };
  const svg = shapesToSvg(
    [{ type: 'group', className: 'connectors', fill: 'none', linecap: 'round', children: [line, { ...line, fill: '#f00' }] }, line],
    opts,
  );
  assert.ok(
    svg.includes('<g class="connectors" fill="none" stroke-linecap="round">\n<path d="M0 0 L1 1" stroke="#123" stroke-width="2"/>'),
  );
  assert.ok(svg.includes('<path d="M0 0 L1 1" fill="#f00" stroke="#123" stroke-width="2"/>'));
  // Outside the group the defaults are SVG's own again.
  assert.ok(svg.includes('</g>\n<path d="M0 0 L1 1" fill="none" stroke="#123" stroke-width="2" stroke-linecap="round"/>'));
});

test('groups carry sanitised classes and data attributes, links only for web/mail URLs', () => {
  const shapes: Shape[] = [
    {
      type: 'group',
      className: 'topic" onclick="x',
      data: { id: 'a"b', 'on click': 'z', '': 'dropped' },
      title: '<note>',
      href: 'javascript:alert(1)',
      children: [{ type: 'rect', x: 0, y: 0, width: 10, height: 10, fill: 'red' }],
    },
    { type: 'group', href: 'https://a.example/?q=1&r=2', children: [] },
  ];
  const svg = shapesToSvg(shapes, opts);
  assert.ok(svg.includes('<g class="topic onclickx" data-id="a&quot;b" data-onclick="z">'));
  assert.ok(svg.includes('<title>&lt;note&gt;</title>'));
  assert.ok(!svg.includes('javascript'));
  assert.ok(svg.includes('<a href="https://a.example/?q=1&amp;r=2"'));
});

test('images only from data:image, http and https URLs', () => {
  assert.equal(safeImageHref('javascript:alert(1)'), undefined);
  assert.equal(safeImageHref('file:///etc/passwd'), undefined);
  assert.equal(safeImageHref('data:text/html,<script>'), undefined);
  assert.equal(safeImageHref(' https://x.example/a.png '), 'https://x.example/a.png');
  assert.equal(safeImageHref('data:image/png;base64,AAAA'), 'data:image/png;base64,AAAA');
  assert.equal(safeLinkHref('mailto:a@b.c'), 'mailto:a@b.c');
  assert.equal(safeLinkHref('vbscript:x'), undefined);
  const svg = shapesToSvg([{ type: 'image', x: 0, y: 0, width: 1, height: 1, href: 'javascript:x' }], opts);
  assert.ok(!svg.includes('<image'));
});

test('the document has a viewBox, an optional background and a title', () => {
  const svg = shapesToSvg([], { ...opts, background: '#fff', title: 'T<1>' });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="-10 -5 100 50">'));
  assert.ok(svg.includes('<title>T&lt;1&gt;</title>'));
  assert.ok(svg.includes('<rect class="background" x="-10" y="-5" width="100" height="50" fill="#fff"/>'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});

test('a group’s stroke is inherited: children write only what differs, and unstroked children say so', () => {
  const svg = shapesToSvg(
    [
      {
        type: 'group',
        className: 'connectors',
        fill: 'none',
        stroke: '#123456',
        strokeWidth: 1.5,
        children: [
          { type: 'path', d: 'M0 0 L1 1', stroke: '#123456', strokeWidth: 1.5 },
          { type: 'path', d: 'M0 0 L2 2', stroke: '#abcdef', strokeWidth: 1.5 },
          { type: 'path', d: 'M0 0 L3 3', stroke: '#123456' },
          { type: 'path', d: 'M0 0 L4 4 Z', fill: '#ff0000' },
        ],
      },
      { type: 'path', d: 'M0 0 L5 5', stroke: '#123456', strokeWidth: 1.5 },
    ],
    opts,
  );
  assert.match(svg, /<g class="connectors" fill="none" stroke="#123456" stroke-width="1.5">/);
  assert.match(svg, /<path d="M0 0 L1 1"\/>/, 'the same stroke as the group: nothing to write');
  assert.match(svg, /<path d="M0 0 L2 2" stroke="#abcdef"\/>/, 'another colour, the same width');
  assert.match(svg, /<path d="M0 0 L3 3" stroke-width="1"\/>/, 'no width of its own: the initial 1, not the group’s');
  assert.match(svg, /<path d="M0 0 L4 4 Z" fill="#ff0000" stroke="none"\/>/, 'a filled shape does not take the group’s stroke');
  assert.match(svg, /<path d="M0 0 L5 5" fill="none" stroke="#123456" stroke-width="1.5"\/>/, 'outside the group everything is written');
});

test('a group’s font size and fill are inherited by its texts', () => {
  const text = (fontSize: number, fill: string): Shape => ({
    type: 'text',
    x: 0,
    y: 0,
    lines: ['a'],
    lineHeight: 10,
    fontSize,
    fontFamily: 'x',
    fill,
  });
  const svg = shapesToSvg(
    [
      { type: 'group', className: 'topics', fill: '#333333', fontSize: 14, children: [text(14, '#333333'), text(18, '#ffffff')] },
      text(14, '#333333'),
    ],
    opts,
  );
  assert.match(svg, /<g class="topics" fill="#333333" font-size="14">\n<text font-family="x">/);
  assert.match(svg, /<text font-size="18" font-family="x" fill="#ffffff">/);
  assert.match(svg, /<\/g>\n<text font-size="14" font-family="x" fill="#333333">/, 'after the group, its defaults no longer apply');
});
