// Word numbering (numbering.xml): renders the number text a paragraph shows (`一、`, `（一）`, `1.1`, `①`)
// from its list id and level, keeping the counters Word keeps (a level restarts below a higher one).

import { childElements, firstChild, type XmlElement } from '@arbor/formats';
import { chineseNumeral, toCircled, toLetter, toRoman } from '../numerals.ts';

interface LevelDef {
  start: number;
  format: string;
  text: string;
  /** Legal numbering: every number of this level's text is shown as decimal (一.1 → 1.1). */
  legal: boolean;
}

export class WordNumbering {
  private readonly abstractLevels = new Map<string, Map<number, LevelDef>>();
  private readonly numToAbstract = new Map<string, string>();
  private readonly overrides = new Map<string, Map<number, number>>();
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const abs of childElements(root, 'abstractNum')) {
      const id = abs.attrs['w:abstractNumId'] ?? '';
      const levels = new Map<number, LevelDef>();
      for (const lvl of childElements(abs, 'lvl')) {
        const ilvl = Number(lvl.attrs['w:ilvl'] ?? 0);
        levels.set(ilvl, {
          start: Number(val(firstChild(lvl, 'start')) ?? 1),
          format: val(firstChild(lvl, 'numFmt')) ?? 'decimal',
          text: val(firstChild(lvl, 'lvlText')) ?? '',
          legal: firstChild(lvl, 'isLgl') !== undefined,
        });
      }
      this.abstractLevels.set(id, levels);
    }
    for (const num of childElements(root, 'num')) {
      const id = num.attrs['w:numId'] ?? '';
      const abs = val(firstChild(num, 'abstractNumId'));
      if (abs !== undefined) this.numToAbstract.set(id, abs);
      for (const o of childElements(num, 'lvlOverride')) {
        const start = val(firstChild(o, 'startOverride'));
        if (start === undefined) continue;
        let map = this.overrides.get(id);
        if (!map) this.overrides.set(id, (map = new Map()));
        map.set(Number(o.attrs['w:ilvl'] ?? 0), Number(start));
      }
    }
  }

  /** Advances the counter of (numId, level) and returns the rendered number, or '' for bullets; undefined if unknown. */
  next(numId: string, ilvl: number): { text: string; bullet: boolean } | undefined {
    if (numId === '0') return undefined;
    const abs = this.numToAbstract.get(numId);
    const levels = abs === undefined ? undefined : this.abstractLevels.get(abs);
    const def = levels?.get(ilvl);
    if (!levels || !def) return undefined;
    if (def.format === 'bullet' || def.format === 'none') return { text: '', bullet: def.format === 'bullet' };
    const key = abs as string;
    let counts = this.counters.get(key);
    if (!counts) this.counters.set(key, (counts = []));
    const startOf = (l: number) => this.overrides.get(numId)?.get(l) ?? levels.get(l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : (counts[ilvl] as number) + 1;
    for (let l = ilvl + 1; l < counts.length; l++) counts[l] = undefined;
    const text = def.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      const n = counts[l] ?? startOf(l);
      return formatNumber(n, def.legal ? 'decimal' : (levels.get(l)?.format ?? 'decimal'));
    });
    return { text, bullet: false };
  }
}

function val(el: XmlElement | undefined): string | undefined {
  return el?.attrs['w:val'];
}

/** Formats a counter in a Word number format (decimal, chineseCounting, upperRoman, decimalEnclosedCircle…). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseNumeral(n);
    case 'upperRoman':
      return toRoman(n);
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperLetter':
      return toLetter(n);
    case 'lowerLetter':
      return toLetter(n).toLowerCase();
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return toCircled(n) ?? `(${n})`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}
