// @arbor/formats/node — Node-only exporters: SVG (with real font metrics), PNG (resvg) and PDF
// (pdfkit), all rendered with the bundled Noto Sans SC. Importing this entry registers them in the
// format registry, so `exportDoc(doc, 'png')` works everywhere after one import.

import { exportPdf, exportPng, exportSvg } from './export/image-export.ts';
import { registerExporter } from './registry.ts';

export { parseCssColor } from './export/color.ts';
export {
  exportPdf,
  exportPng,
  exportPngDetailed,
  exportSvg,
  mapSvg,
  type PngExportResult,
  type RenderedMap,
  renderMap,
} from './export/image-export.ts';
export { type PdfOptions, shapesToPdf } from './export/pdf.ts';
export { MAX_PDF_PAGES, type PaperName, type PdfLayout, type PdfOrientation, type PdfPage, planPdfPages } from './export/pdf-pages.ts';
export { type PngOptions, type PngResult, svgToPng } from './export/png.ts';

registerExporter('svg', 'svg', exportSvg, 'image/svg+xml');
registerExporter('png', 'png', exportPng, 'image/png');
registerExporter('pdf', 'pdf', exportPdf, 'application/pdf');

export { fillGlyphRuns, GlyphSet, markGlyphRuns } from './export/outline-text.ts';
