import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ApproxMeasurer } from './approx-measurer.ts';
import { CLS_NO_END, CLS_NO_START, charClass } from './char-class.ts';
import type { FontSpec } from './types.ts';
import { wrapText } from './wrap.ts';

const m = new ApproxMeasurer();
const font: FontSpec = { size: 10 };
/** Width in px of `n` CJK characters at 10px (the approximate measurer gives 1em each). */
const cjk = (n: number) => n * 10;

describe('wrapText', () => {
  test('breaks between Han characters anywhere', () => {
    const t = wrapText('一二三四五六七八九十', font, cjk(4), m);
    assert.deepEqual(t.lines, ['一二三四', '五六七八', '九十']);
    assert.equal(t.width, cjk(4));
    assert.equal(t.lineHeight, 15);
    assert.equal(t.height, 45);
  });

  test('never starts a line with closing punctuation', () => {
    // The comma would start line 2: the character before it moves down with it.
    const t = wrapText('一二三四，五六', font, cjk(4), m);
    assert.deepEqual(t.lines, ['一二三', '四，五六']);
    for (const p of '。，、；：？！）》」』】') {
      const lines = wrapText(`一二三四${p}五六七八九`, font, cjk(4), m).lines;
      for (const line of lines.slice(1)) assert.ok(!(charClass(line.codePointAt(0) as number) & CLS_NO_START), `${p}: ${lines.join('|')}`);
    }
  });

  test('never ends a line with opening punctuation', () => {
    const t = wrapText('一二三《四五》六', font, cjk(4), m);
    assert.deepEqual(t.lines, ['一二三', '《四五》', '六']);
    for (const p of '（《「『【') {
      const lines = wrapText(`一二三${p}四五六七八`, font, cjk(4), m).lines;
      for (const line of lines.slice(0, -1)) {
        const last = [...line].pop() as string;
        assert.ok(!(charClass(last.codePointAt(0) as number) & CLS_NO_END), `${p}: ${lines.join('|')}`);
      }
    }
  });

  test('never breaks inside an English word, and drops the spaces at a break', () => {
    const t = wrapText('hello wonderful world', font, 70, m);
    assert.deepEqual(t.lines, ['hello', 'wonderful', 'world']);
    const mixed = wrapText('学习internationalization很重要', font, 100, m);
    assert.deepEqual(mixed.lines, ['学习', 'internationalization很', '重要']);
  });

  test('splits a word longer than the line only as a last resort', () => {
    const t = wrapText('abcdefghijklmnop', font, 30, m);
    assert.ok(t.lines.length > 1);
    assert.equal(t.lines.join(''), 'abcdefghijklmnop');
    for (const line of t.lines) assert.ok(m.width(line, font) <= 30);
  });

  test('keeps explicit newlines, including empty lines', () => {
    assert.deepEqual(wrapText('第一行\n\n第三行\r\nfour', font, 1000, m).lines, ['第一行', '', '第三行', 'four']);
  });

  test('breaks after a hyphen between words', () => {
    assert.deepEqual(wrapText('state-of-the-art', font, 50, m).lines, ['state-of-', 'the-art']);
  });

  test('empty text is one empty line; no limit means one line', () => {
    const e = wrapText('', font, 100, m);
    assert.deepEqual(e.lines, ['']);
    assert.equal(e.width, 0);
    assert.equal(e.height, e.lineHeight);
    assert.deepEqual(wrapText('很长很长的一段文字 with words', font, 0, m).lines, ['很长很长的一段文字 with words']);
  });

  test('handles characters outside the BMP (surrogate pairs)', () => {
    const t = wrapText('𠀀𠀁𠀂𠀃😀😁', font, cjk(2), m);
    assert.deepEqual(t.lines, ['𠀀𠀁', '𠀂𠀃', '😀😁']);
  });

  test('property: lines rebuild the text and fit unless one unbreakable unit is wider', () => {
    const alphabet = fc.constantFrom(...'中文字符，。《》（）abc xyz-'.split(''), ' ', '\n', 'internationalization');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.integer({ min: 10, max: 200 }), (parts, width) => {
        const text = parts.join('');
        const t = wrapText(text, font, width, m);
        // Dropped characters are only spaces at breaks and line ends.
        assert.equal(t.lines.join('').replace(/[ \n]/g, ''), text.replace(/[ \n]/g, ''));
        for (const line of t.lines) {
          const w = m.width(line, font);
          if (w > width + 1e-6) assert.ok([...line].length === 1 || !/[ 中文字符]/.test(line.slice(1)), `"${line}" is ${w}px > ${width}`);
        }
        assert.ok(t.width <= Math.max(width, ...t.lines.map((l) => m.width(l, font))) + 1e-6);
      }),
      { numRuns: 300 },
    );
  });
});
