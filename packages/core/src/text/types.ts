// Text measuring sits behind this interface (DESIGN §3): canvas in the browser, real font
// metrics in Node, an approximate measurer in tests.

export interface FontSpec {
  /** Pixel size. */
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** CSS family name; measurers may ignore it and use their own font. */
  family?: string;
}

export interface TextMeasurer {
  /** Advance width in px of one line of text, no wrapping. */
  width(text: string, font: FontSpec): number;
  /** Line height in whole px for this font (screen, SVG, PNG and PDF agree on it). */
  lineHeight(font: FontSpec): number;
  /**
   * Optional fast path: advance width in px of one code point. Wrapping caches widths per code
   * point (in em) and falls back to `width(String.fromCodePoint(cp))` when this is absent.
   */
  charWidth?(codePoint: number, font: FontSpec): number;
}

/** Result of wrapping a topic's text at a maximum width. */
export interface TextLayout {
  /** The lines, trailing spaces trimmed (wrapping may make them only when first asked for). */
  readonly lines: readonly string[];
  /** Width of the widest line. */
  width: number;
  /** lines.length × lineHeight. */
  height: number;
  lineHeight: number;
  font: FontSpec;
}
