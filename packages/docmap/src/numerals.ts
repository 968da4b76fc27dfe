// Number styles documents number their headings and lists in, both ways: reading a numeral
// (markers.ts: 第十二章, IV., (c), ③) and writing one (readers/docx-numbering.ts renders Word's
// numbering formats). One implementation, so that what the reader writes the marker parser reads.

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** A regular-expression class for one Chinese numeral (as parseNumeral reads). */
export const CN_NUMERAL = '[零〇○一二三四五六七八九十百千两]+';

/** Parses a Chinese numeral (一百二十三, 十五, 二〇) or Arabic digits; NaN when it is neither. */
export function parseNumeral(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    const u = CN_UNITS[ch];
    if (d !== undefined) digit = digit > 0 && digit < 10 && d === 0 ? digit : d;
    else if (u !== undefined) {
      total += (digit < 0 ? 1 : digit) * u;
      digit = -1;
    } else return Number.NaN;
  }
  return total + Math.max(digit, 0);
}

const CN = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 35 → 三十五 (as Word counts); 100 and over stay Arabic. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN[n] as string;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  return String(n);
}

const ROMAN_TABLE: readonly [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
const ROMAN_VALUE: Record<string, number> = Object.fromEntries(ROMAN_TABLE.filter(([, s]) => s.length === 1).map(([v, s]) => [s, v]));

/** The upper-case Roman numeral of `n` (canonical form: 4 → IV). */
export function toRoman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN_TABLE)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** The value of an upper-case Roman numeral, read leniently (IIII → 4); see toRoman for the canonical form. */
export function parseRoman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUE[s[i] as string] ?? 0;
    const next = ROMAN_VALUE[s[i + 1] as string] ?? 0;
    n += v < next ? -v : v;
  }
  return n;
}

/** 1 → A, 26 → Z, 27 → AA, 28 → BB (as Word letters lists). */
export function toLetter(n: number): string {
  return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** A → 1, b → 2: a single letter's place in the alphabet. */
export function letterOrdinal(letter: string): number {
  return letter.toUpperCase().charCodeAt(0) - 64;
}

const CIRCLED_FIRST = 0x2460; // ①, through ⑳
/** ① … ⑳ for 1 to 20, else undefined. */
export function toCircled(n: number): string | undefined {
  return n >= 1 && n <= 20 ? String.fromCharCode(CIRCLED_FIRST + n - 1) : undefined;
}

/** The number of a circled digit ① … ⑳, or 0 when `ch` is none. */
export function circledOrdinal(ch: string): number {
  const c = ch.charCodeAt(0) - CIRCLED_FIRST;
  return ch.length === 1 && c >= 0 && c < 20 ? c + 1 : 0;
}
