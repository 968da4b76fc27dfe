// Numbering at the start of a pasted line, by family: 第一章 / 一、 / （一） / 1. 1、 / （1） 1) / ① /
// 1.1 / 1.1.1 / I. / A. / a. / (a). Only the family matters here: a paste nests numbered lines by the
// order in which their families first appear. (docmap's marker reader does more — ordinals, guards
// for dates and enumerations — for whole documents; its package entry is too heavy for the editor's
// bundle, so the paste keeps this small reader.)

const CN_NUM = '[零〇一二三四五六七八九十百千两]+';
const DI = new RegExp(`^第\\s*(?:${CN_NUM}|\\d+)\\s*(分编|编|章|节|条|部分|篇|卷)`);
const CN_DUN = new RegExp(`^${CN_NUM}\\s*[、．.](?![\\d０-９])`);
const CN_PAREN = new RegExp(`^[（(]\\s*${CN_NUM}\\s*[)）]`);
const DECIMAL = /^\d{1,3}(?:\.\d{1,3}){1,3}\.?(?=[\s\u3000]|[^\d.%％])/;
const NUM = /^\d{1,3}\s*(?:[、．]|\.(?!\d))(?![\d０-９年月日%％])/;
const NUM_PAREN = /^(?:[（(]\s*\d{1,3}\s*[)）]|\d{1,3}[)）])/;
const CIRCLED = /^[①-⑳]/;
/** Roman numerals; a single C, L, D or M is read as a letter (A. B. C.). */
const ROMAN = /^(?:[IVX]|[IVXLC]{2,6})\.(?=[\s\u3000])/;
const UPPER = /^[A-Z]\.(?=[\s\u3000])/;
const LOWER = /^[a-z][.．](?=[\s\u3000])/;
const ALPHA_PAREN = /^(?:\([a-z]\)|[a-z]\))(?=[\s\u3000])/;
/** `3.5 万元`, `2.1%`: a decimal number, not a section number. */
const QUANTITY = /^\d+\.\d+\s*(?:[%％元万亿倍米克]|kg|km|mb|gb|ms|s\b)/i;

/** The numbering family a line starts with (`cn-zhang`, `cn-dun`, `num`, `decimal3`…), or null. */
export function numberingFamily(text: string): string | null {
  const c = text.charCodeAt(0);
  if (c === 0x7b2c /* 第 */) {
    const m = DI.exec(text);
    return m ? `cn-di-${m[1]}` : null;
  }
  if (c === 0xff08 /* （ */ || c === 0x28 /* ( */) {
    if (CN_PAREN.test(text)) return 'cn-paren';
    if (NUM_PAREN.test(text)) return 'num-paren';
    return ALPHA_PAREN.test(text) ? 'alpha-paren' : null;
  }
  if (c >= 0x2460 && c <= 0x2473) return CIRCLED.test(text) ? 'circled' : null;
  if (c >= 0x4e00) return CN_DUN.test(text) ? 'cn-dun' : null;
  if (c >= 0x30 && c <= 0x39) {
    const d = DECIMAL.exec(text);
    if (d && !QUANTITY.test(text)) return `decimal${d[0].replace(/\.$/, '').split('.').length}`;
    if (NUM.test(text)) return 'num';
    return NUM_PAREN.test(text) ? 'num-paren' : null;
  }
  if (c >= 0x41 && c <= 0x5a) {
    if (ROMAN.test(text)) return 'roman';
    return UPPER.test(text) ? 'alpha' : null;
  }
  if (c >= 0x61 && c <= 0x7a) {
    if (LOWER.test(text)) return 'alpha-lower';
    return ALPHA_PAREN.test(text) ? 'alpha-paren' : null;
  }
  return null;
}
