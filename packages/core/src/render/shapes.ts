// The renderer's output: a small list of plain-data shapes. The SVG serializer (svg.ts) and the
// browser's DOM patcher consume the same shapes, so an export is exactly what the screen shows.

export interface ShapeBase {
  /** Stable identity for the DOM patcher (not written to SVG), e.g. `from>to` for a connector. */
  key?: string;
}

export interface Paint extends ShapeBase {
  /** CSS colour or 'none' (default 'none'). */
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  /** stroke-dasharray, e.g. '6 4'. */
  dash?: string;
  opacity?: number;
}

export interface RectShape extends Paint {
  type: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Corner radius. */
  rx?: number;
}

export interface EllipseShape extends Paint {
  type: 'ellipse';
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export interface PathShape extends Paint {
  type: 'path';
  /**
   * SVG path data: the renderer builds it from `fmt` numbers and command letters only, and
   * `layoutToSvg` writes it unescaped on that promise (tested); `shapesToSvg` escapes it.
   */
  d: string;
  linecap?: 'round' | 'butt' | 'square';
  linejoin?: 'round' | 'miter' | 'bevel';
}

export interface TextShape extends ShapeBase {
  type: 'text';
  /** Anchor x of every line. */
  x: number;
  /** Baseline of the first line; line i sits at y + i × lineHeight. */
  y: number;
  lines: readonly string[];
  lineHeight: number;
  fontSize: number;
  fontFamily: string;
  bold?: boolean;
  italic?: boolean;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
}

export interface ImageShape extends ShapeBase {
  type: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Only data:image/…, http: and https: URLs ever get here (see safeImageHref). */
  href: string;
}

export interface GroupShape extends ShapeBase {
  type: 'group';
  /** Space-separated class names. */
  className?: string;
  /** `data-*` attributes (keys without the `data-` prefix). */
  data?: Record<string, string>;
  /** Tooltip text (`<title>`), e.g. a topic's note. */
  title?: string;
  /** A link around the group: only http(s) and mailto URLs (see safeLinkHref). */
  href?: string;
  /** Inherited defaults for the children (written once on the group, left out on children). */
  fill?: string;
  /** Stroke colour and width the children take unless they set their own (SVG output only: each child keeps its own). */
  stroke?: string;
  strokeWidth?: number;
  /** Font size the text children take unless they set another (SVG output only, like `stroke`). */
  fontSize?: number;
  linecap?: 'round' | 'butt' | 'square';
  linejoin?: 'round' | 'miter' | 'bevel';
  children: Shape[];
}

export type Shape = RectShape | EllipseShape | PathShape | TextShape | ImageShape | GroupShape;

/** A number for SVG output: at most two decimals, no trailing zeros, no `-0`. Deterministic. */
export function fmt(v: number): string {
  // Small enough to be inlined where it is called, so the rounded value reaches `hundredths` as
  // a small integer: a fractional double passed to a call would be boxed, tens of times per topic.
  return hundredths(Math.round(v * 100));
}

/** The text of each two-digit fraction: '', '.01' … '.09', '.1', '.11' … '.99'. */
const FRACTIONS: readonly string[] = Array.from({ length: 100 }, (_, f) =>
  f === 0 ? '' : f % 10 === 0 ? `.${f / 10}` : `.${f < 10 ? '0' : ''}${f}`,
);

/** `fmt` of n / 100, for an integer n (NaN and infinities print as 0). */
function hundredths(n: number): string {
  // Integer arithmetic, small-integer strings and a table: far cheaper than printing a double.
  if (n > 0 && n < 0x7fffffff) {
    const whole = Math.floor(n / 100);
    return whole + (FRACTIONS[n - whole * 100] as string);
  }
  if (n < 0 && n > -0x7fffffff) {
    const whole = Math.floor(-n / 100);
    return `-${whole}${FRACTIONS[-n - whole * 100] as string}`;
  }
  if (n === 0 || !Number.isFinite(n)) return '0';
  // Beyond 21 million units: rare enough for the general path.
  const a = Math.abs(n);
  const whole = Math.floor(a / 100);
  return `${n < 0 ? '-' : ''}${whole}${FRACTIONS[a - whole * 100] as string}`;
}

/** Image URLs that may be drawn: inline raster/vector data and web URLs. Everything else is dropped. */
export function safeImageHref(src: unknown): string | undefined {
  if (typeof src !== 'string') return undefined;
  const s = src.trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(s)) return s;
  if (/^https?:\/\/[^\s]+$/i.test(s)) return s;
  return undefined;
}

/** Link targets that may be emitted as `<a href>`: web and mail URLs only. */
export function safeLinkHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  const s = href.trim();
  if (/^(?:https?:\/\/|mailto:)[^\s]+$/i.test(s)) return s;
  return undefined;
}
