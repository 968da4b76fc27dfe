// Small text helpers shared by readers and structure detection.

export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Width in columns: East Asian wide characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c < 0xe000) continue; // low surrogate: counted with its pair
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

const isWideCode = (c: number) => (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef);

/** Joins wrapped lines: a space between Latin words, nothing between CJK characters or after a hyphenated break. */
export function joinLines(lines: readonly string[]): string {
  const parts: string[] = [];
  let last = '';
  for (const line of lines) {
    if (!line) continue;
    if (!last) {
      parts.push(line);
      last = line;
      continue;
    }
    // Only the characters at the seam are looked at: joining stays linear however many lines there are.
    const end = last.charCodeAt(last.length - 1);
    const start = line.charCodeAt(0);
    if (isWideCode(end) || isWideCode(start)) parts.push(line);
    else if (end === 0x2d && /[a-z]/.test(last[last.length - 2] ?? '') && /^[a-z]/.test(line)) {
      parts[parts.length - 1] = (parts[parts.length - 1] as string).slice(0, -1);
      parts.push(line);
    } else parts.push(` ${line}`);
    last = line;
  }
  return parts.join('');
}

/** Quick test used by readers: does the line begin with something that looks like a list or heading number? */
export function startsWithMarker(s: string): boolean {
  return /^(?:第[一二三四五六七八九十百千零〇○两\d]+[编章节条部篇卷]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,3}(?:\.\d{1,3})+\.?\s|\d{1,3}[.、．)）](?!\d)|[①-⑳]|[-*•·]\s|(?:chapter|part|section|article|appendix)\s|[（(][a-z]{1,4}[)）]\s|[a-z][.)]\s|[ivx]{2,5}\.\s|§)/i.test(
    s,
  );
}

/** Is this the whole text a date (2007年3月1日, 二○○七年三月一日, 17 March 2025, 2024-02-26)? */
export function isDateLine(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return (
    /^[\d〇○零一二三四五六七八九十]{2,4}年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}[日号])?$/.test(t) ||
    /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(t) ||
    /^(?:\d{1,2}(?:January|February|March|April|May|June|July|August|September|October|November|December)\d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|December)\d{1,2},?\d{4})$/i.test(
      t,
    )
  );
}

/** Ends like a sentence or a lead-in (so it is prose, not a title). */
export const ENDS_AS_PROSE = /[。！？；：，、.!?;:,]$/;

/** Collapses runs of spaces and tabs into one space. */
export function collapseSpaces(s: string): string {
  return s.replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
}

/** A sentence end: a CJK stop, or a full stop after a word of two letters or more (not `J.`), before a capital. */
export const SENTENCE_END = /[。！？!?]|(?<=[a-z0-9)\]"'”]{2})\.(?=\s+[A-Z(“"'])/;

/** Zero-width and byte-order characters: invisible, so a line of only these is blank. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Is the line empty once spaces and invisible characters are removed? */
export function isBlank(s: string): boolean {
  return !s.replace(INVISIBLE, '').trim();
}
