// A deterministic measurer for tests and for environments without fonts: fixed widths per class of
// character (CJK = 1em, Latin lower case ≈ 0.55em, narrow letters 0.3em …).

import { CLS_IDEOGRAPH, charClass } from './char-class.ts';
import type { FontSpec, TextMeasurer } from './types.ts';

const NARROW = new Set('iljtfrI!|.,:;\'"`()[]{}'.split('').map((c) => c.codePointAt(0) as number));
const WIDE = new Set('WMmw@%'.split('').map((c) => c.codePointAt(0) as number));

/** Advance of a code point in em for the approximate measurer. */
export function approxEm(cp: number): number {
  if (cp === 32) return 0.3;
  if (cp < 0x80) {
    if (NARROW.has(cp)) return 0.3;
    if (WIDE.has(cp)) return 0.85;
    if (cp >= 65 && cp <= 90) return 0.65;
    return 0.55;
  }
  if (cp >= 0xff61 && cp <= 0xff9f) return 0.5; // half-width katakana
  if (charClass(cp) & CLS_IDEOGRAPH) return 1;
  if (cp >= 0x300 && cp <= 0x36f) return 0; // combining marks
  return 0.6;
}

export class ApproxMeasurer implements TextMeasurer {
  /** Line height as a multiple of the font size (rounded to whole px). */
  constructor(private readonly lineHeightFactor = 1.45) {}

  charWidth(cp: number, font: FontSpec): number {
    return approxEm(cp) * font.size * (font.bold ? 1.05 : 1);
  }

  width(text: string, font: FontSpec): number {
    let em = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      em += approxEm(cp);
    }
    return em * font.size * (font.bold ? 1.05 : 1);
  }

  lineHeight(font: FontSpec): number {
    return Math.round(font.size * this.lineHeightFactor);
  }
}
