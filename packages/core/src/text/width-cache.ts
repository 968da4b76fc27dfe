// Per-code-point advance widths in em, cached per measurer and font style in typed arrays, so that
// wrapping costs one array read per character after the first sight of each code point.

import type { FontSpec, TextMeasurer } from './types.ts';

/** Size at which widths are sampled; widths scale linearly with the font size. */
const SAMPLE_SIZE = 100;
const UNKNOWN = -1;

export class EmWidthTable {
  /** Em widths of BMP code points; negative = not measured yet (call `em`). */
  readonly bmp = new Float32Array(0x10000).fill(UNKNOWN);
  private readonly astral = new Map<number, number>();
  private readonly sampleFont: FontSpec;

  constructor(
    private readonly measurer: TextMeasurer,
    font: FontSpec,
  ) {
    this.sampleFont = { ...font, size: SAMPLE_SIZE };
  }

  /** Advance of one code point in em. */
  em(cp: number): number {
    if (cp < 0x10000) {
      const w = this.bmp[cp] as number;
      if (w !== UNKNOWN) return w;
      // Return the stored (float32) value, so that the first sight of a code point and every
      // later one give the same width.
      this.bmp[cp] = this.sample(cp);
      return this.bmp[cp] as number;
    }
    let w = this.astral.get(cp);
    if (w === undefined) {
      w = Math.fround(this.sample(cp));
      this.astral.set(cp, w);
    }
    return w;
  }

  private sample(cp: number): number {
    const m = this.measurer;
    const px = m.charWidth ? m.charWidth(cp, this.sampleFont) : m.width(String.fromCodePoint(cp), this.sampleFont);
    return Number.isFinite(px) && px > 0 ? px / SAMPLE_SIZE : 0;
  }
}

let lastTable: { measurer: TextMeasurer; bold: boolean; italic: boolean; family: string | undefined; table: EmWidthTable } | null = null;

const tables = new WeakMap<TextMeasurer, Map<string, EmWidthTable>>();

/** The shared width table of a measurer for a font style (size does not matter). */
export function emWidthTable(measurer: TextMeasurer, font: FontSpec): EmWidthTable {
  // Consecutive calls nearly always ask for the same table: skip building the key.
  const last = lastTable;
  if (last && last.measurer === measurer && last.bold === !!font.bold && last.italic === !!font.italic && last.family === font.family)
    return last.table;
  let byStyle = tables.get(measurer);
  if (!byStyle) {
    byStyle = new Map();
    tables.set(measurer, byStyle);
  }
  const key = `${font.bold ? 'b' : ''}${font.italic ? 'i' : ''}|${font.family ?? ''}`;
  let table = byStyle.get(key);
  if (!table) {
    table = new EmWidthTable(measurer, font);
    byStyle.set(key, table);
  }
  lastTable = { measurer, bold: !!font.bold, italic: !!font.italic, family: font.family, table };
  return table;
}
