// Heading and list markers (DESIGN §6): recognises the numbering at the start of a block, tells which
// family it belongs to (第X章, 一、, （一）, 1., 1.1.1, Chapter 3, IV., (a), ①…) and its ordinal.

import { CN_NUMERAL, circledOrdinal, letterOrdinal, parseNumeral, parseRoman, toRoman } from './numerals.ts';

export type MarkerFamily =
  | 'cn-part' // 第X部分 / 篇 / 卷
  | 'cn-bian' // 第X编
  | 'cn-fenbian' // 第X分编
  | 'cn-zhang' // 第X章
  | 'cn-jie' // 第X节
  | 'cn-tiao' // 第X条
  | 'cn-dun' // 一、
  | 'cn-paren' // （一）
  | 'num' // 1. / 1、
  | 'num-paren' // （1） / 1)
  | 'circled' // ①
  | 'en-part'
  | 'en-chapter'
  | 'en-section'
  | 'en-article'
  | 'en-para' // § 2
  | 'appendix'
  | 'decimal2' // 1.1
  | 'decimal3' // 1.1.1
  | 'decimal4' // 1.1.1.1
  | 'roman' // IV.
  | 'alpha' // A.
  | 'roman-lower' // iv.
  | 'alpha-lower' // a.
  | 'alpha-paren' // (a) / a)
  | 'roman-paren' // (iv) / iv)
  | 'bracket'; // [1] (reference lists)

export interface Marker {
  family: MarkerFamily;
  /** Position in its sequence (1 for 一、, 第一条, ①, A.); for decimals, the last component. */
  ordinal: number;
  /** For decimals, the components before the last (`2.1` of `2.1.3`), to check that numbering nests. */
  parentPath?: string;
  /** The marker as written, e.g. `（一）`, `第十条`, `1.1.`. */
  label: string;
  /** The text after the marker, without the separating space. */
  rest: string;
  /**
   * The other reading of an ambiguous letter: `C.` is Roman 100 or the letter after `B.`, `(i)` the first
   * Roman item or the letter after `(h)`. The outline keeps whichever continues an open sequence.
   */
  alt?: Marker;
}

/**
 * Conventional rank of the families that have one: a smaller rank is a higher level. Families of one
 * writing system compare by rank; across systems only the order of appearance decides.
 */
export const FAMILY_RANK: Partial<Record<MarkerFamily, number>> = {
  'cn-part': 0,
  'cn-bian': 1,
  'cn-fenbian': 2,
  'cn-zhang': 3,
  'cn-jie': 4,
  'cn-tiao': 5,
  'cn-dun': 6,
  'cn-paren': 7,
  num: 8,
  'num-paren': 9,
  circled: 10,
  'en-part': 0,
  'en-chapter': 1,
  'en-section': 2,
  'en-article': 3,
  appendix: 4,
  decimal2: 5,
  decimal3: 6,
  decimal4: 7,
};

/** Families whose own wording says they are headings: continuity is not checked for them. */
export const STRONG_FAMILIES: ReadonlySet<MarkerFamily> = new Set([
  'cn-part',
  'cn-bian',
  'cn-fenbian',
  'cn-zhang',
  'cn-jie',
  'cn-tiao',
  'en-part',
  'en-chapter',
  'en-section',
  'en-article',
  'en-para',
  'appendix',
]);

const DI = new RegExp(`^第\\s*(${CN_NUMERAL}|\\d+)\\s*(分编|编|章|节|条|部分|篇|卷)(?:之[一二三四五六七八九十]+)?`);
const CN_DUN = new RegExp(`^(${CN_NUMERAL})\\s*[、．.](?![\\d０-９])`);
const CN_PAREN = new RegExp(`^[（(]\\s*(${CN_NUMERAL})\\s*[)）]`);
const NUM = /^(\d{1,3})\s*(?:[、．]|\.(?!\d))(?![\d０-９年月日%％])/;
const NUM_PAREN = /^(?:[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})[)）])/;
/** `1 Introduction`: a bare number before a capitalised or Chinese title (accepted on short title lines only). */
const NUM_BARE = /^(\d{1,2})\s+(?=[A-Z\u4e00-\u9fff])/;
const DECIMAL = /^(\d{1,3}(?:\.\d{1,3}){1,3})\.?(?=\s|$|[^\d.])/;
/** `Section 1.01` numbers a section within article 1: the components before the last are its parent path. */
const EN_WORD = /^(part|chapter|section|article|appendix)\s+(\d{1,4}(?:\.\d{1,3}){0,2}(?![\d.]\d)|[IVXLC]{1,6}\b|[A-Z]\b)[.:]?/i;
const PARA = /^§\s*(\d{1,4})(?:\.(\d{1,3}))?[a-z]?\.?(?=\s|$)/;
const ROMAN_RE = /^([IVXLC]{1,6})\.(?=\s)/;
const ROMAN_LOWER = /^([ivxlc]{1,6})\.(?=\s)/;
const ALPHA = /^([A-Z])\.(?=\s)/;
const ALPHA_LOWER = /^([a-z])\.(?=\s)/;
const BRACKET = /^\[(\d{1,3})\]/;
const ALPHA_PAREN = /^(?:\(([a-z])\)|([a-z])\))(?=\s)/;
const ROMAN_PAREN = /^(?:\(([ivxlc]{1,6})\)|([ivxlc]{1,6})\))(?=\s)/;

const DI_FAMILY: Record<string, MarkerFamily> = {
  编: 'cn-bian',
  分编: 'cn-fenbian',
  章: 'cn-zhang',
  节: 'cn-jie',
  条: 'cn-tiao',
  部分: 'cn-part',
  篇: 'cn-part',
  卷: 'cn-part',
};

function marker(family: MarkerFamily, ordinal: number, text: string, labelLength: number, parentPath?: string): Marker {
  const label = text.slice(0, labelLength);
  const rest = text.slice(labelLength).replace(/^[\s\u3000:：.．、]+/, '');
  return parentPath === undefined ? { family, ordinal, label, rest } : { family, ordinal, label, rest, parentPath };
}

/**
 * A Roman numeral that is also a letter (`I.`, `C.`, `(i)`, `v.`) has both readings (`alt`). `(ii)`, `iv.` are
 * Roman only; a multi-letter run that is no Roman numeral is no marker.
 */
function letterOrRoman(roman: MarkerFamily, letter: MarkerFamily, id: string, text: string, length: number): Marker | undefined {
  const value = parseRoman(id.toUpperCase());
  const canonical = toRoman(value);
  const asLetter = id.length === 1 ? marker(letter, letterOrdinal(id), text, length) : undefined;
  if (canonical !== id.toUpperCase()) return asLetter;
  const asRoman = marker(roman, value, text, length);
  if (!asLetter) return asRoman;
  // `I.`/`(i)` start a Roman sequence; a lone `C.`, `(v)` or `x.` is more likely a letter.
  const [first, second] = value === 1 ? [asRoman, asLetter] : [asLetter, asRoman];
  first.alt = second;
  return first;
}

/** The marker at the start of `text`, if any (leading spaces and Markdown emphasis already removed). */
export function parseMarker(text: string): Marker | undefined {
  const t = text;
  const c0 = t.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c0 === 0x7b2c /* 第 */) {
    m = DI.exec(t);
    if (m) {
      const n = parseNumeral(m[1] as string);
      // 第一条 followed by more digits/years is a reference, not a heading (第一条规定…) — still a marker.
      if (!Number.isNaN(n)) return marker(DI_FAMILY[m[2] as string] as MarkerFamily, n, t, m[0].length);
    }
    return undefined;
  }
  if ((m = CN_PAREN.exec(t))) {
    const n = parseNumeral(m[1] as string);
    return Number.isNaN(n) ? undefined : marker('cn-paren', n, t, m[0].length);
  }
  if ((m = CN_DUN.exec(t))) {
    const n = parseNumeral(m[1] as string);
    return Number.isNaN(n) ? undefined : marker('cn-dun', n, t, m[0].length);
  }
  const circled = circledOrdinal(t.slice(0, 1));
  if (circled) return marker('circled', circled, t, 1);
  if ((m = DECIMAL.exec(t))) {
    const parts = (m[1] as string).split('.');
    if (parts.length >= 2 && !/^\d+\.\d+\s*(?:[%％元万亿倍米克]|kg|km|mb|gb|ms|s\b)/i.test(t)) {
      const family = (['decimal2', 'decimal3', 'decimal4'] as const)[parts.length - 2] as MarkerFamily;
      return marker(family, Number(parts[parts.length - 1]), t, m[0].length, parts.slice(0, -1).join('.'));
    }
  }
  if ((m = NUM.exec(t))) return marker('num', Number(m[1]), t, m[0].length);
  if ((m = NUM_PAREN.exec(t))) return marker('num-paren', Number(m[1] ?? m[2]), t, m[0].length);
  if (
    (m = NUM_BARE.exec(t)) &&
    t.length <= 80 &&
    !/[.。;；:：,，]$/.test(t) &&
    !/^\d+\s+(?:年|月|日|个|名|人|元|%|percent|years?|days?|[A-Z][a-z]+\s+\d{4})/.test(t)
  )
    return marker('num', Number(m[1]), t, m[0].length);
  if ((m = EN_WORD.exec(t))) {
    const word = (m[1] as string).toLowerCase();
    const id = m[2] as string;
    const family = word === 'appendix' ? 'appendix' : (`en-${word}` as MarkerFamily);
    if (/^\d/.test(id)) {
      const parts = id.split('.');
      const parent =
        parts.length > 1
          ? parts
              .slice(0, -1)
              .join('.')
              .replace(/^0+(?=\d)/, '')
          : undefined;
      return marker(family, Number(parts[parts.length - 1]), t, m[0].length, parent);
    }
    const n = /^[IVXLC]+$/.test(id) && word !== 'appendix' ? parseRoman(id) : letterOrdinal(id);
    return marker(family, n, t, m[0].length);
  }
  if ((m = PARA.exec(t))) return marker('en-para', Number(m[2] ?? m[1]), t, m[0].length, m[2] ? m[1] : undefined);
  if ((m = ROMAN_RE.exec(t))) return letterOrRoman('roman', 'alpha', m[1] as string, t, m[0].length);
  if ((m = ALPHA.exec(t))) return marker('alpha', letterOrdinal(m[1] as string), t, m[0].length);
  if ((m = ROMAN_LOWER.exec(t))) return letterOrRoman('roman-lower', 'alpha-lower', m[1] as string, t, m[0].length);
  if ((m = ALPHA_LOWER.exec(t))) return marker('alpha-lower', letterOrdinal(m[1] as string), t, m[0].length);
  if ((m = BRACKET.exec(t))) return marker('bracket', Number(m[1]), t, m[0].length);
  if ((m = ROMAN_PAREN.exec(t))) return letterOrRoman('roman-paren', 'alpha-paren', (m[1] ?? m[2]) as string, t, m[0].length);
  if ((m = ALPHA_PAREN.exec(t))) return marker('alpha-paren', letterOrdinal((m[1] ?? m[2]) as string), t, m[0].length);
  return undefined;
}
