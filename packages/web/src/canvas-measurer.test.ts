import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapText } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { CanvasMeasurer, cssFont, type MeasuringContext } from './canvas-measurer.ts';

/** A stand-in 2D context that measures with the bundled font's real widths, and counts font changes. */
function fakeContext(): MeasuringContext & { fontSets: number } {
  const node = createFontMeasurer();
  let font = '';
  const ctx = {
    fontSets: 0,
    get font() {
      return font;
    },
    set font(v: string) {
      font = v;
      ctx.fontSets++;
    },
    measureText(text: string) {
      const bold = font.includes('bold');
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1]);
      return { width: node.width(text, { size, bold }) };
    },
  };
  return ctx;
}

test('CSS font shorthand of a font spec', () => {
  assert.equal(cssFont({ size: 14 }), '14px sans-serif');
  assert.equal(
    cssFont({ size: 20, bold: true, italic: true, family: '"Noto Sans SC", sans-serif' }),
    'italic bold 20px "Noto Sans SC", sans-serif',
  );
});

test('the canvas measurer agrees with the Node measurer when the font is the same, and sets the font only when it changes', () => {
  const ctx = fakeContext();
  const canvas = new CanvasMeasurer(ctx);
  const node = createFontMeasurer();
  const font = { size: 14, family: 'Noto Sans SC' };
  for (const text of ['中华人民共和国劳动合同法', 'customer journey', '第四十三条 用人单位单方解除劳动合同']) {
    assert.ok(Math.abs(canvas.width(text, font) - node.width(text, font)) < 1e-3);
  }
  assert.equal(ctx.fontSets, 1);
  assert.equal(canvas.lineHeight({ size: 14 }), node.lineHeight({ size: 14 }));
  assert.equal(canvas.lineHeight({ size: 30, bold: true }), node.lineHeight({ size: 30, bold: true }));
  const text = '《中华人民共和国劳动法》第十条 internationalization 需要进一步讨论。';
  assert.deepEqual(wrapText(text, font, 120, canvas).lines, wrapText(text, font, 120, node).lines);
  const sets = ctx.fontSets;
  canvas.width('x', { size: 16, bold: true });
  canvas.width('y', { size: 16, bold: true });
  assert.equal(ctx.fontSets, sets + 1);
});
