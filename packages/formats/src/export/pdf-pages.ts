// How a map is laid onto PDF pages: one page the size of the map (`fit`), or A4/A3 sheets at a
// print scale, cut into overlapping tiles in reading order (left to right, then down). Pure
// geometry, kept apart from pdfkit so that it can be tested alone.

import type { Rect } from '@arbor/core';
import { ExportError } from '../errors.ts';

export type PaperName = 'fit' | 'a4' | 'a3';
export type PdfOrientation = 'auto' | 'portrait' | 'landscape';

export const PAPER_NAMES: readonly PaperName[] = ['fit', 'a4', 'a3'];
export const ORIENTATIONS: readonly PdfOrientation[] = ['auto', 'portrait', 'landscape'];

/** Portrait sizes in pt (ISO 216: 210 × 297 mm and 297 × 420 mm at 72 pt per inch). */
export const PAPER_PT: Record<'a4' | 'a3', { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  a3: { width: 841.89, height: 1190.55 },
};

/** Blank border around the drawing on paper; the page number sits in the bottom one. */
export const PAGE_MARGIN = 24;
/** How much neighbouring tiles repeat of each other (pt), so a cut never loses a line. */
export const TILE_OVERLAP = 18;
/** Map px → pt on paper: 96 px per inch, as browsers print. */
export const PRINT_SCALE = 0.75;
/** A map that fits one sheet at this scale or more is shrunk onto it rather than tiled. */
export const MIN_SINGLE_PAGE_SCALE = 0.6;
export const MAX_PDF_PAGES = 500;
/** PDF viewers refuse pages over 14,400 pt (200 in); a fitted page keeps below that. */
const MAX_PAGE_PT = 14_000;

export interface PdfPage {
  /** Page size in pt. */
  width: number;
  height: number;
  /** The part of the map (map px) drawn on this page. */
  view: Rect;
  /** Map px → pt. */
  scale: number;
  /** Where `view`'s top-left corner lands on the page (pt). */
  offset: { x: number; y: number };
  /** Tiled pages clip to the margin box (pt); a fitted page draws edge to edge. */
  clip?: Rect;
}

export interface PdfLayout {
  pages: PdfPage[];
  /** Sheet orientation actually used (`fit` pages report the map's own). */
  orientation: 'portrait' | 'landscape';
  tiled: boolean;
}

export interface PdfLayoutOptions {
  pageSize?: PaperName;
  orientation?: PdfOrientation;
  /** Map px → pt for tiled pages (default PRINT_SCALE). */
  tileScale?: number;
}

/** Tiles needed to cover `length` map px with windows of `inner` px that overlap by `overlap` px. */
function tileCount(length: number, inner: number, overlap: number): number {
  if (length <= inner) return 1;
  return Math.ceil((length - overlap) / (inner - overlap));
}

/**
 * Start positions of `n` windows of `inner` px, each overlapping the next by `overlap` px, the whole
 * strip centred on the map (its spare room split between the first and the last page).
 */
function tileStarts(length: number, inner: number, overlap: number, n: number): number[] {
  const step = inner - overlap;
  const first = (length - (n * inner - (n - 1) * overlap)) / 2;
  return Array.from({ length: n }, (_, i) => first + i * step);
}

/** Pages for a map framed by `viewBox`. Throws ExportError when tiling would exceed MAX_PDF_PAGES. */
export function planPdfPages(viewBox: Rect, options: PdfLayoutOptions = {}): PdfLayout {
  const pageSize = options.pageSize ?? 'fit';
  const mapW = Math.max(1, viewBox.width);
  const mapH = Math.max(1, viewBox.height);
  const mapOrientation = mapW >= mapH ? 'landscape' : 'portrait';
  if (pageSize === 'fit') {
    const scale = Math.min(PRINT_SCALE, MAX_PAGE_PT / mapW, MAX_PAGE_PT / mapH);
    const page = { width: mapW * scale, height: mapH * scale, view: viewBox, scale, offset: { x: 0, y: 0 } };
    return { pages: [page], orientation: mapOrientation, tiled: false };
  }
  const scale = options.tileScale ?? PRINT_SCALE;
  if (!(scale > 0 && Number.isFinite(scale))) throw new ExportError('the PDF tile scale must be a positive number');
  const paper = PAPER_PT[pageSize];
  const sheets = {
    portrait: { width: paper.width, height: paper.height },
    landscape: { width: paper.height, height: paper.width },
  };
  const countFor = (o: 'portrait' | 'landscape') => {
    const innerW = sheets[o].width - 2 * PAGE_MARGIN;
    const innerH = sheets[o].height - 2 * PAGE_MARGIN;
    const overlap = TILE_OVERLAP / scale;
    return tileCount(mapW, innerW / scale, overlap) * tileCount(mapH, innerH / scale, overlap);
  };
  let orientation: 'portrait' | 'landscape';
  if (options.orientation === 'portrait' || options.orientation === 'landscape') orientation = options.orientation;
  else {
    // Fewer sheets wins; on a tie the sheet follows the map's shape.
    const p = countFor('portrait');
    const l = countFor('landscape');
    orientation = p === l ? mapOrientation : p < l ? 'portrait' : 'landscape';
  }
  const sheet = sheets[orientation];
  const box = { x: PAGE_MARGIN, y: PAGE_MARGIN, width: sheet.width - 2 * PAGE_MARGIN, height: sheet.height - 2 * PAGE_MARGIN };

  // A map that fits one sheet, at print scale or shrunk a little, stays on one sheet, centred.
  const fitScale = Math.min(box.width / mapW, box.height / mapH);
  if (fitScale >= Math.min(MIN_SINGLE_PAGE_SCALE, scale)) {
    const s = Math.min(scale, fitScale);
    const offset = { x: box.x + (box.width - mapW * s) / 2, y: box.y + (box.height - mapH * s) / 2 };
    return { pages: [{ ...sheet, view: viewBox, scale: s, offset, clip: box }], orientation, tiled: false };
  }

  const innerW = box.width / scale;
  const innerH = box.height / scale;
  const overlap = TILE_OVERLAP / scale;
  const cols = tileCount(mapW, innerW, overlap);
  const rows = tileCount(mapH, innerH, overlap);
  if (cols * rows > MAX_PDF_PAGES)
    throw new ExportError(
      `the map would need ${cols * rows} ${pageSize.toUpperCase()} pages (at most ${MAX_PDF_PAGES}): export it fitted on one page, or export a branch`,
    );
  const xs = tileStarts(mapW, innerW, overlap, cols);
  const ys = tileStarts(mapH, innerH, overlap, rows);
  const pages: PdfPage[] = [];
  for (const y of ys)
    for (const x of xs)
      pages.push({
        ...sheet,
        view: { x: viewBox.x + x, y: viewBox.y + y, width: innerW, height: innerH },
        scale,
        offset: { x: box.x, y: box.y },
        clip: box,
      });
  return { pages, orientation, tiled: true };
}
