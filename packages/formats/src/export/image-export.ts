// A document → its laid-out shapes, and the SVG / PNG / PDF exporters built on them. Node-only
// (real font metrics, resvg, pdfkit); registered into the format registry by `@arbor/formats/node`.

import type { MindDoc, Rect, Shape, StructureName, TextMeasurer, Theme } from '@arbor/core';
import { isStructureName, layoutDoc, renderShapes, shapesToSvg, stateFromDoc, themeFor } from '@arbor/core';
import { createFontMeasurer } from '@arbor/core/node';
import { ExportError } from '../errors.ts';
import type { ExportOptions } from '../registry.ts';
import { parseCssColor } from './color.ts';
import { fillGlyphRuns, GlyphSet, markGlyphRuns } from './outline-text.ts';
import { shapesToPdf } from './pdf.ts';
import { ORIENTATIONS, PAPER_NAMES, type PaperName, type PdfOrientation } from './pdf-pages.ts';
import { svgToPng } from './png.ts';

const PADDING = 32;
let measurer: TextMeasurer | undefined;
const fontMeasurer = (): TextMeasurer => (measurer ??= createFontMeasurer());

export interface RenderedMap {
  shapes: Shape[];
  viewBox: Rect;
  theme: Theme;
  /** Undefined for a transparent background. */
  background: string | undefined;
  title: string;
}

function pickStructure(options: ExportOptions): StructureName | undefined {
  const s = options.structure;
  if (s === undefined) return undefined;
  if (!isStructureName(s)) throw new ExportError(`unknown structure "${String(s)}"`);
  return s;
}

/** Lays out `doc` with the bundled font and produces both its shapes and its SVG. */
export function renderMap(doc: MindDoc, options: ExportOptions = {}): RenderedMap {
  let state = stateFromDoc(doc);
  const structure = pickStructure(options);
  if (structure) state = { ...state, structure };
  let theme: Theme;
  try {
    theme = themeFor(state, typeof options.theme === 'string' ? options.theme : undefined);
  } catch (err) {
    throw new ExportError(err instanceof Error ? err.message : String(err));
  }
  const measure = fontMeasurer();
  const layout = layoutDoc(state, { measure, theme });
  const b = layout.bounds;
  const x = Math.floor(b.x - PADDING);
  const y = Math.floor(b.y - PADDING);
  const viewBox = { x, y, width: Math.ceil(b.x + b.width + PADDING) - x, height: Math.ceil(b.y + b.height + PADDING) - y };
  const shapes = renderShapes(state, layout, theme, { measure });
  const background = options.background === 'transparent' ? undefined : theme.background;
  return { shapes, viewBox, theme, background, title: state.title };
}

/** The SVG document of a rendered map; `outlined` draws text as glyph paths (for rasterizing). */
export function mapSvg(map: RenderedMap, outlined = false): string {
  const { viewBox } = map;
  const base = { width: viewBox.width, height: viewBox.height, viewBox, fontFamily: map.theme.fontFamily, title: map.title };
  const opts = map.background ? { ...base, background: map.background } : base;
  if (!outlined) return shapesToSvg(map.shapes, opts);
  const glyphs = new GlyphSet();
  const { shapes, runs } = markGlyphRuns(map.shapes, glyphs);
  return fillGlyphRuns(shapesToSvg(shapes, opts), runs, glyphs);
}

const encoder = new TextEncoder();

export function exportSvg(doc: MindDoc, options: ExportOptions = {}): Uint8Array {
  return encoder.encode(mapSvg(renderMap(doc, options)));
}

export interface PngExportResult {
  bytes: Uint8Array;
  width: number;
  height: number;
  warning?: string;
}

/** PNG at `scale` 1–4 with the theme's or a transparent background; huge maps are scaled down. */
export async function exportPngDetailed(doc: MindDoc, options: ExportOptions = {}): Promise<PngExportResult> {
  const scale = typeof options.scale === 'number' ? options.scale : Number(options.scale ?? 2);
  if (!Number.isFinite(scale) || scale < 1 || scale > 4) throw new ExportError('PNG scale must be between 1 and 4');
  const map = renderMap(doc, options);
  const { viewBox, background } = map;
  // An opaque background is painted by resvg itself (a fill, not a rect to rasterize), which also
  // tells the encoder every pixel is opaque, sparing its demultiplying pass. Other colours
  // (translucent, or names resvg may not know) stay a rect in the SVG.
  const painted = background !== undefined && parseCssColor(background)?.alpha === 1 ? background : undefined;
  const svg = mapSvg(painted ? { ...map, background: undefined } : map, true);
  const r = await svgToPng(svg, viewBox.width, viewBox.height, painted ? { scale, background: painted } : { scale });
  const out: PngExportResult = { bytes: r.png, width: r.width, height: r.height };
  if (r.warning) out.warning = r.warning;
  return out;
}

export async function exportPng(doc: MindDoc, options: ExportOptions = {}): Promise<Uint8Array> {
  const r = await exportPngDetailed(doc, options);
  if (r.warning && typeof options.onWarning === 'function') (options.onWarning as (w: string) => void)(r.warning);
  return r.bytes;
}

/**
 * PDF with selectable vector text: `pageSize` `fit` (one page the size of the map, the default) or
 * `a4`/`a3` (the map at print scale, tiled over sheets), `orientation` auto, portrait or landscape.
 * `paper` is the older name of `pageSize`.
 */
export async function exportPdf(doc: MindDoc, options: ExportOptions = {}): Promise<Uint8Array> {
  const rawSize = options.pageSize ?? options.paper ?? 'fit';
  const pageSize = (typeof rawSize === 'string' ? rawSize.toLowerCase() : rawSize) as PaperName;
  if (!PAPER_NAMES.includes(pageSize)) throw new ExportError(`PDF page size must be ${PAPER_NAMES.join(', ')}`);
  const orientation = (options.orientation ?? 'auto') as PdfOrientation;
  if (!ORIENTATIONS.includes(orientation)) throw new ExportError(`PDF orientation must be ${ORIENTATIONS.join(', ')}`);
  const { shapes, viewBox, background } = renderMap(doc, options);
  const pdfOptions = { pageSize, orientation, title: doc.title, ...(background ? { background } : {}) };
  return shapesToPdf(shapes, viewBox, pdfOptions);
}
