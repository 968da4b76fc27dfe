// SVG → PNG: resvg rasterizes, `encodePng` (node:zlib) writes the file, both on libuv's thread
// pool so a server's event loop stays free. Node-only. Huge maps are scaled down to stay within a
// pixel budget, with a warning.

import { renderAsync } from '@resvg/resvg-js';
import { parseCssColor } from './color.ts';
import { encodePng } from './png-encode.ts';

export interface PngOptions {
  /** 1–4 (default 2). */
  scale?: number;
  /**
   * `transparent`, or a CSS colour painted under the SVG (default: none, so only the SVG's own
   * background shows). An opaque colour here also spares the encoder its demultiplying pass.
   */
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

export interface Raster {
  /** RGBA, premultiplied alpha (as tiny-skia stores it). */
  pixels: Uint8Array;
  width: number;
  height: number;
  /** Every pixel is opaque (an opaque background was painted first). */
  opaque: boolean;
  warning?: string;
}

/** Rasterizes an SVG document of `width`×`height` CSS px with resvg. */
export async function rasterize(svg: string, width: number, height: number, options: PngOptions = {}): Promise<Raster> {
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
  const background = options.background && options.background !== 'transparent' ? options.background : undefined;
  const img = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background,
    // Text arrives as glyph outlines (outline-text.ts), so resvg needs no fonts at all.
    font: { loadSystemFonts: false },
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1,
  });
  // Drawing over an opaque background leaves every pixel opaque.
  const opaque = background !== undefined && parseCssColor(background)?.alpha === 1;
  const out: Raster = { pixels: img.pixels, width: img.width, height: img.height, opaque };
  if (warning) out.warning = warning;
  return out;
}

// One PNG at a time per process: a large one holds several copies of up to 80 megapixels × 4 bytes,
// and the thread pool is shared with fs and dns. Requests queue instead of multiplying memory.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/** Renders an SVG document of `width`×`height` CSS px to PNG. */
export function svgToPng(svg: string, width: number, height: number, options: PngOptions = {}): Promise<PngResult> {
  return oneAtATime(async () => {
    const r = await rasterize(svg, width, height, options);
    const png = await encodePng(r.pixels, r.width, r.height, { premultiplied: !r.opaque });
    const out: PngResult = { png, width: r.width, height: r.height };
    if (r.warning) out.warning = r.warning;
    return out;
  });
}
