import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarker } from './markers.ts';
import { chineseNumeral, circledOrdinal, letterOrdinal, parseNumeral, parseRoman, toCircled, toLetter, toRoman } from './numerals.ts';
import { formatNumber } from './readers/docx-numbering.ts';

test('what is written is read back: Chinese numerals, Roman numerals, letters, circled digits', () => {
  for (let n = 1; n < 100; n++) assert.equal(parseNumeral(chineseNumeral(n)), n, chineseNumeral(n));
  assert.equal(chineseNumeral(10), '十');
  assert.equal(chineseNumeral(21), '二十一');
  for (let n = 1; n < 400; n++) assert.equal(parseRoman(toRoman(n)), n, toRoman(n));
  assert.equal(toRoman(1994), 'MCMXCIV');
  assert.equal(toLetter(1), 'A');
  assert.equal(toLetter(28), 'BB');
  for (let n = 1; n <= 26; n++) assert.equal(letterOrdinal(toLetter(n).toLowerCase()), n);
  for (let n = 1; n <= 20; n++) assert.equal(circledOrdinal(toCircled(n) as string), n);
  assert.equal(toCircled(21), undefined);
  assert.equal(circledOrdinal('1'), 0);
  assert.equal(circledOrdinal(''), 0);
});

test('a Word list number is read back as a marker of its ordinal', () => {
  // `i)` would start a Roman list, so the letters skip 9.
  const cases: [string, string, string, number[]][] = [
    ['chineseCounting', '%1、', 'cn-dun', [2, 4, 9, 12, 35]],
    ['chineseCounting', '（%1）', 'cn-paren', [2, 4, 9, 12, 35]],
    ['upperRoman', '%1.', 'roman', [2, 4, 9, 12, 35]],
    ['lowerLetter', '%1)', 'alpha-paren', [2, 4, 8, 12, 26]],
    ['decimalEnclosedCircle', '%1', 'circled', [2, 4, 9, 12, 20]],
  ];
  for (const [format, pattern, family, numbers] of cases)
    for (const n of numbers) {
      const label = pattern.replace('%1', formatNumber(n, format));
      const m = parseMarker(`${label} 标题`);
      assert.equal(m?.family, family, `${format} ${label}`);
      assert.equal(m?.ordinal, n, `${format} ${label}`);
    }
});
