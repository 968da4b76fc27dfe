// SVG → PNG with resvg and the bundled Noto Sans SC, so Chinese renders on a machine with no fonts.
// Node-only. Huge maps are scaled down to stay within a pixel budget, with a warning.

import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** 1–4 (default 2). */
  scale?: number;
  /** `transparent`, or a CSS colour (default: the SVG's own background). */
  background?: string;
  /** Largest width or height in pixels (default 16,384). */
  maxDimension?: number;
  /** Largest pixel count (default 80 megapixels). */
  maxPixels?: number;
}

export interface PngResult {
  png: Uint8Array;
  width: number;
  height: number;
  /** Set when the map was scaled down to fit the limits. */
  warning?: string;
}

/** Renders an SVG document of `width`×`height` CSS px to PNG. */
export function svgToPng(svg: string, width: number, height: number, options: PngOptions = {}): PngResult {
  const requested = Math.min(4, Math.max(1, options.scale ?? 2));
  const maxDim = options.maxDimension ?? 16_384;
  const maxPixels = options.maxPixels ?? 80_000_000;
  let scale = requested;
  scale = Math.min(scale, maxDim / Math.max(width, 1), maxDim / Math.max(height, 1));
  scale = Math.min(scale, Math.sqrt(maxPixels / Math.max(width * height, 1)));
  const warning =
    scale < requested
      ? `the map is too large for ${requested}× (${Math.round(width * requested)}×${Math.round(height * requested)} px); rendered at ${scale.toFixed(2)}×`
      : undefined;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: options.background && options.background !== 'transparent' ? options.background : undefined,
    // Text arrives as glyph outlines (outline-text.ts), so resvg needs no fonts at all.
    font: { loadSystemFonts: false },
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  const img = resvg.render();
  const out: PngResult = { png: new Uint8Array(img.asPng()), width: img.width, height: img.height };
  if (warning) out.warning = warning;
  return out;
}
