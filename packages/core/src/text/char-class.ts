// Line-breaking classes of code points, held in one typed array for the BMP so that wrapping scans
// a string with a table look-up per code point (no regular expressions, no Intl.Segmenter per topic).

/** Breaks are allowed before and after (Han, Kana, Hangul, full-width forms, emoji). */
export const CLS_IDEOGRAPH = 1;
/** Must not start a line: closing brackets and punctuation (。，、；：？！）》」 …). */
export const CLS_NO_START = 2;
/** Must not end a line: opening brackets (（《「『【 …). */
export const CLS_NO_END = 4;
/** A space: a break is allowed after a run of spaces; trailing spaces do not count. */
export const CLS_SPACE = 8;
/** A break is allowed after it when a letter follows (hyphen, slash, dash). */
export const CLS_BREAK_AFTER = 16;

const table = new Uint8Array(0x10000);

function setRange(from: number, to: number, flags: number): void {
  for (let c = from; c <= to; c++) table[c] = (table[c] as number) | flags;
}
function setChars(chars: string, flags: number): void {
  for (const ch of chars) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x10000) table[cp] = (table[cp] as number) | flags;
  }
}

setRange(0x1100, 0x11ff, CLS_IDEOGRAPH); // Hangul Jamo
setRange(0x2e80, 0x2fdf, CLS_IDEOGRAPH); // CJK radicals, Kangxi radicals
setRange(0x3000, 0x303f, CLS_IDEOGRAPH); // CJK symbols and punctuation
setRange(0x3040, 0x30ff, CLS_IDEOGRAPH); // Hiragana, Katakana
setRange(0x3100, 0x31ff, CLS_IDEOGRAPH); // Bopomofo, Hangul compat, Kanbun, CJK strokes, Katakana ext
setRange(0x3200, 0x33ff, CLS_IDEOGRAPH); // Enclosed CJK, CJK compatibility
setRange(0x3400, 0x4dbf, CLS_IDEOGRAPH); // CJK Ext A
setRange(0x4e00, 0x9fff, CLS_IDEOGRAPH); // CJK Unified Ideographs
setRange(0xa960, 0xa97f, CLS_IDEOGRAPH); // Hangul Jamo ext A
setRange(0xac00, 0xd7ff, CLS_IDEOGRAPH); // Hangul syllables
setRange(0xf900, 0xfaff, CLS_IDEOGRAPH); // CJK compatibility ideographs
setRange(0xfe30, 0xfe4f, CLS_IDEOGRAPH); // CJK compatibility forms
setRange(0xff00, 0xffef, CLS_IDEOGRAPH); // Half-width and full-width forms
setRange(0x2600, 0x27bf, CLS_IDEOGRAPH); // Misc symbols, dingbats (emoji-like)

setChars(' \t\u00a0\u2002\u2003\u2009\u3000', CLS_SPACE);
setChars('-/\u2010\u2013\u2014', CLS_BREAK_AFTER);

setChars(
  '。，、；：？！）》」』】〕〗〙〛〉＞｝］｠’”…‥・·〜～﹏．,.;:!?)]}%％' +
    '々〻ゝゞヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  CLS_NO_START,
);
setChars('（《「『【〔〖〘〚〈＜｛［｟‘“([{', CLS_NO_END);

/** Line-breaking class flags of a code point. */
export function charClass(cp: number): number {
  if (cp < 0x10000) return table[cp] as number;
  // Supplementary planes: CJK Ext B–H and emoji are breakable like ideographs.
  if ((cp >= 0x20000 && cp <= 0x3ffff) || (cp >= 0x1f000 && cp <= 0x1faff)) return CLS_IDEOGRAPH;
  return 0;
}

/** The BMP class table itself, for hot loops. */
export const BMP_CHAR_CLASS: Readonly<Uint8Array> = table;
