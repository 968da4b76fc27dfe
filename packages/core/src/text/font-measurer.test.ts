import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bundledFontMetrics, createFontMeasurer, FontFormatError, FontMetrics, fontFilePath, readFontTables } from '../node.ts';
import { parseTableDirectory } from './font-metrics.ts';
import { wrapText } from './wrap.ts';

describe('Noto Sans SC measurer', () => {
  const m = createFontMeasurer();
  const f = { size: 20 };

  test('reads real advance widths: 中 is 1em, i is narrower than W', () => {
    assert.ok(Math.abs(m.width('中', f) - 20) < 0.5, `中 = ${m.width('中', f)}`);
    assert.ok(m.width('i', f) < m.width('W', f));
    assert.ok(m.width('i', f) > 0);
    assert.equal(m.width('中文', f), 2 * m.width('中', f));
    assert.ok(m.width('W', { size: 20, bold: true }) >= m.width('W', f), 'bold is no narrower');
  });

  test('line heights are whole px and scale with the size', () => {
    const h = m.lineHeight(f);
    assert.equal(h, Math.round(h));
    assert.ok(h >= 24 && h <= 32, `line height ${h}`);
    assert.ok(m.lineHeight({ size: 40 }) > h);
  });

  test('maps code points through cmap, supplementary planes included', () => {
    const metrics = bundledFontMetrics();
    assert.ok(metrics.glyph('中'.codePointAt(0) as number) > 0);
    assert.ok(metrics.glyph('A'.codePointAt(0) as number) > 0);
    assert.equal(metrics.glyph(0x10fffd), 0, 'a private-use code point has no glyph');
    assert.ok(metrics.unitsPerEm > 0 && metrics.ascender > 0 && metrics.descender < 0);
  });

  test('font files resolve for both weights', () => {
    for (const w of ['regular', 'bold'] as const) assert.ok(existsSync(fontFilePath(w)), w);
  });

  test('wraps with real metrics', () => {
    const t = wrapText(
      '《中华人民共和国劳动法》第十条规定，国家通过促进经济和社会发展，创造就业条件，扩大就业机会。',
      { size: 14 },
      200,
      m,
    );
    assert.ok(t.lines.length > 1);
    for (const line of t.lines) assert.ok(m.width(line, { size: 14 }) <= 200 + 1e-6);
  });

  test('a broken font file is a typed error, not a crash', () => {
    assert.throws(() => parseTableDirectory(new Uint8Array(8)), FontFormatError);
    assert.throws(() => parseTableDirectory(new Uint8Array([0, 0, 0, 9, 0, 1, 0, 0, 0, 0, 0, 0])), FontFormatError);
    const real = readFontTables(fontFilePath());
    assert.throws(() => new FontMetrics({ ...real, cmap: undefined }), FontFormatError);
    assert.throws(() => new FontMetrics({ ...real, hhea: new Uint8Array(10) }), FontFormatError);
    const head = readFileSync(fontFilePath()).subarray(0, 12);
    assert.ok(head.length === 12);
  });
});
