// Colour helpers: validating colours that come from documents, and deriving tints from theme colours.

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^(?:rgb|rgba|hsl|hsla)\(\s*[-0-9.%\s,/]+\)$/i;
const NAMED = /^[a-z]{3,20}$/i;

/**
 * `value` when it is a plain CSS colour (hex, rgb()/hsl(), a colour keyword or `none`), else `fallback`.
 * Document styles pass through here so nothing but a colour ever reaches a paint attribute.
 */
export function safeColor(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const v = value.trim();
  if (HEX.test(v) || FUNC.test(v) || NAMED.test(v)) return v;
  return fallback;
}

interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** RGB of a hex colour; undefined for anything else (named or functional colours). */
export function parseHex(color: string): Rgb | undefined {
  if (!HEX.test(color)) return undefined;
  let h = color.slice(1);
  if (h.length <= 4) h = [...h].map((c) => c + c).join('');
  return { r: Number.parseInt(h.slice(0, 2), 16), g: Number.parseInt(h.slice(2, 4), 16), b: Number.parseInt(h.slice(4, 6), 16) };
}

const hex2 = (n: number): string =>
  Math.round(Math.max(0, Math.min(255, n)))
    .toString(16)
    .padStart(2, '0');

/** `a` blended toward `b` by `t` (0 → a, 1 → b); non-hex inputs return `a` unchanged. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return a;
  return `#${hex2(x.r + (y.r - x.r) * t)}${hex2(x.g + (y.g - x.g) * t)}${hex2(x.b + (y.b - x.b) * t)}`;
}

/** Relative luminance (0 black … 1 white); 1 for colours we cannot parse (treated as light). */
export function luminance(color: string): number {
  const c = parseHex(color);
  if (!c) return color === 'black' ? 0 : 1;
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** Dark or light text, whichever reads better on `background`. */
export function contrastText(background: string, dark = '#1f2329', light = '#ffffff'): string {
  return luminance(background) > 0.45 ? dark : light;
}
