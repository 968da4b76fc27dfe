// @arbor/core/node — Node-only parts: real font metrics of the bundled Noto Sans SC (from the npm
// package @expo-google-fonts/noto-sans-sc), so measuring needs no system fonts and downloads nothing.
// Never imported by the isomorphic entry.

import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FontFormatError, FontMetrics, type FontTables, parseTableDirectory } from './text/font-metrics.ts';
import type { FontSpec, TextMeasurer } from './text/types.ts';

export { FontFormatError, FontMetrics } from './text/font-metrics.ts';

export type FontWeight = 'regular' | 'bold';

const FONT_FILES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

/** Family name to put in SVG/PDF output for the bundled font. */
export const BUNDLED_FONT_FAMILY = 'Noto Sans SC';

/** Absolute path of the bundled Noto Sans SC TTF (PNG/PDF export embeds it). */
export function fontFilePath(weight: FontWeight = 'regular'): string {
  return createRequire(import.meta.url).resolve(FONT_FILES[weight]);
}

function readAt(fd: number, offset: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n === 0) throw new FontFormatError('font file ends inside a table');
    got += n;
  }
  return buf;
}

/** Reads only the tables the metrics need (a few hundred KB of a 10 MB file). */
export function readFontTables(path: string): FontTables {
  const fd = openSync(path, 'r');
  try {
    const numTables = new DataView(readAt(fd, 0, 12).buffer).getUint16(4);
    const dir = parseTableDirectory(readAt(fd, 0, 12 + numTables * 16));
    const tables: FontTables = {};
    for (const rec of dir) {
      if (rec.tag === 'head' || rec.tag === 'hhea' || rec.tag === 'hmtx' || rec.tag === 'cmap') {
        tables[rec.tag] = readAt(fd, rec.offset, rec.length);
      }
    }
    return tables;
  } finally {
    closeSync(fd);
  }
}

const loaded = new Map<FontWeight, FontMetrics>();

/** Metrics of the bundled font, loaded once per process. */
export function bundledFontMetrics(weight: FontWeight = 'regular'): FontMetrics {
  let m = loaded.get(weight);
  if (!m) {
    m = new FontMetrics(readFontTables(fontFilePath(weight)));
    loaded.set(weight, m);
  }
  return m;
}

/** A measurer with the real advance widths of Noto Sans SC (regular, and bold for bold text). */
export function createFontMeasurer(): TextMeasurer {
  const regular = bundledFontMetrics('regular');
  const bold = bundledFontMetrics('bold');
  const face = (font: FontSpec): FontMetrics => (font.bold ? bold : regular);
  return {
    charWidth(cp: number, font: FontSpec): number {
      return face(font).advance(cp) * font.size;
    },
    width(text: string, font: FontSpec): number {
      const f = face(font);
      let em = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i) as number;
        if (cp > 0xffff) i++;
        em += f.advance(cp);
      }
      return em * font.size;
    },
    lineHeight(font: FontSpec): number {
      return Math.round(face(font).lineHeightEm * font.size);
    },
  };
}
