// CSS colours → `#rrggbb` plus alpha, for PDF (which has no rgba() or named colours beyond a few).

export interface ParsedColor {
  hex: string;
  alpha: number;
}

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
  yellow: '#ffff00',
  purple: '#800080',
  transparent: '#000000',
};

const hex2 = (n: number): string =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');

export function parseCssColor(input: string): ParsedColor | undefined {
  const s = input.trim().toLowerCase();
  if (s === 'none' || s === '') return undefined;
  if (s === 'transparent') return { hex: '#000000', alpha: 0 };
  const named = NAMED[s];
  if (named) return { hex: named, alpha: 1 };
  let m = /^#([0-9a-f]{3,8})$/.exec(s);
  if (m) {
    const h = m[1] as string;
    if (h.length === 3 || h.length === 4) {
      const [r, g, b, a] = [...h].map((c) => Number.parseInt(c + c, 16));
      return { hex: `#${hex2(r as number)}${hex2(g as number)}${hex2(b as number)}`, alpha: a === undefined ? 1 : a / 255 };
    }
    if (h.length === 6) return { hex: `#${h}`, alpha: 1 };
    if (h.length === 8) return { hex: `#${h.slice(0, 6)}`, alpha: Number.parseInt(h.slice(6), 16) / 255 };
    return undefined;
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number.parseFloat(m[4]);
    return { hex: `#${hex2(Number(m[1]))}${hex2(Number(m[2]))}${hex2(Number(m[3]))}`, alpha: Math.max(0, Math.min(1, a)) };
  }
  return undefined;
}
