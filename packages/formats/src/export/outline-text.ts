// Text → glyph outlines with the bundled Noto Sans SC, for rasterizing. resvg shapes every <text>
// with the full CJK font's GSUB/GPOS tables, which costs seconds per hundred topics; drawing glyph
// outlines instead makes PNG export fast and independent of any font lookup. Each glyph's outline
// is written once in <defs> and placed with <use>, which keeps the SVG small. Positions use plain
// advance widths, exactly as the layout's measurer does, so text lands where it was measured.

import { readFileSync } from 'node:fs';
import type { GroupShape, Shape, TextShape } from '@arbor/core';
import { escapeAttr, fmt } from '@arbor/core';
import { fontFilePath } from '@arbor/core/node';
import * as fontkit from 'fontkit';

interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}
interface FontkitGlyph {
  advanceWidth: number;
  path: { commands: PathCommand[] };
}
interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): FontkitGlyph;
}

interface Glyph {
  /** Id of its <path> in <defs>. */
  id: string;
  /** Advance in font units. */
  advance: number;
  /** Outline in font units, y pointing down; empty for blanks. */
  d: string;
}

type Weight = 'regular' | 'bold';

class OutlineFont {
  private readonly cache = new Map<number, Glyph>();
  readonly unitsPerEm: number;
  constructor(
    private readonly font: FontkitFont,
    private readonly weight: Weight,
  ) {
    this.unitsPerEm = font.unitsPerEm;
  }

  glyph(cp: number): Glyph {
    let g = this.cache.get(cp);
    if (!g) {
      g = this.load(cp);
      this.cache.set(cp, g);
    }
    return g;
  }

  private load(cp: number): Glyph {
    const glyph = this.font.glyphForCodePoint(cp);
    let d = '';
    for (const c of glyph.path.commands) {
      d +=
        c.command === 'moveTo'
          ? 'M'
          : c.command === 'lineTo'
            ? 'L'
            : c.command === 'quadraticCurveTo'
              ? 'Q'
              : c.command === 'bezierCurveTo'
                ? 'C'
                : 'Z';
      for (let i = 0; i + 1 < c.args.length; i += 2)
        d += `${i ? ' ' : ''}${Math.round(c.args[i] as number)} ${-Math.round(c.args[i + 1] as number)}`;
    }
    return { id: `g${this.weight[0]}${cp.toString(36)}`, advance: glyph.advanceWidth, d };
  }
}

const fonts = new Map<Weight, OutlineFont>();
function outlineFont(weight: Weight): OutlineFont {
  let f = fonts.get(weight);
  if (!f) {
    f = new OutlineFont(fontkit.create(readFileSync(fontFilePath(weight))) as FontkitFont, weight);
    fonts.set(weight, f);
  }
  return f;
}

/** Collects the glyphs an SVG uses, and writes their <defs>. */
export class GlyphSet {
  private readonly used = new Map<string, Glyph>();

  /** `<use>` elements drawing one text shape (all its lines). */
  run(s: TextShape): string {
    const font = outlineFont(s.bold ? 'bold' : 'regular');
    const scale = s.fontSize / font.unitsPerEm;
    let out = `<g fill="${escapeAttr(s.fill)}">`;
    for (let i = 0; i < s.lines.length; i++) {
      const glyphs: Glyph[] = [];
      let width = 0;
      for (const ch of s.lines[i] as string) {
        const g = font.glyph(ch.codePointAt(0) as number);
        glyphs.push(g);
        width += g.advance;
      }
      let x = s.x;
      if (s.anchor === 'middle') x -= (width * scale) / 2;
      else if (s.anchor === 'end') x -= width * scale;
      const y = fmt(s.y + i * s.lineHeight);
      const sc = fmt(scale * 1000) === '0' ? '0' : String(Math.round(scale * 1e5) / 1e5);
      let pen = 0;
      for (const g of glyphs) {
        if (g.d) {
          this.used.set(g.id, g);
          out += `<use href="#${g.id}" transform="matrix(${sc} 0 0 ${sc} ${fmt(x + pen * scale)} ${y})"/>`;
        }
        pen += g.advance;
      }
    }
    return `${out}</g>`;
  }

  defs(): string {
    if (this.used.size === 0) return '';
    let out = '<defs>';
    for (const g of this.used.values()) out += `<path id="${g.id}" d="${g.d}"/>`;
    return `${out}</defs>\n`;
  }
}

const RUN_CLASS = 'arbor-glyph-run';

/**
 * Replaces every text shape by an empty marker group and returns the marker → `<use>` runs, so the
 * SVG serializer writes everything else and `fillGlyphRuns` drops the outlines in afterwards.
 */
export function markGlyphRuns(shapes: readonly Shape[], glyphs: GlyphSet, runs: string[] = []): { shapes: Shape[]; runs: string[] } {
  const out: Shape[] = [];
  for (const s of shapes) {
    if (s.type === 'text') {
      const marker: GroupShape = { type: 'group', className: RUN_CLASS, data: { run: String(runs.length) }, children: [] };
      runs.push(glyphs.run(s));
      out.push(marker);
    } else if (s.type === 'group') out.push({ ...s, children: markGlyphRuns(s.children, glyphs, runs).shapes });
    else out.push(s);
  }
  return { shapes: out, runs };
}

/**
 * Puts the glyph runs in place of their markers and the glyph outlines into <defs>. The <defs> go
 * first, right after the <svg> tag: resvg resolves a `<use>` that points forward to a later element
 * far more slowly (10,772 uses of 91 glyphs parsed in 850 ms with <defs> last, 95 ms with it first).
 */
export function fillGlyphRuns(svg: string, runs: readonly string[], glyphs: GlyphSet): string {
  const filled = svg.replace(/<g class="arbor-glyph-run" data-run="(\d+)">\n<\/g>\n/g, (_m, i: string) => `${runs[Number(i)] ?? ''}\n`);
  // The <svg> tag's attribute values are escaped, so its first ">" closes it.
  let open = filled.indexOf('>', filled.indexOf('<svg')) + 1;
  if (filled[open] === '\n') open++;
  return `${filled.slice(0, open)}${glyphs.defs()}${filled.slice(open)}`;
}
