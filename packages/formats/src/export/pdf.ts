// Shapes → PDF with real, selectable vector text (pdfkit, the bundled Noto Sans SC embedded as a
// subset). The same shape list feeds the SVG serializer, so a PDF is exactly what the screen shows.
// Pages (one fitted page, or A4/A3 tiles) are planned in pdf-pages.ts.
// Node-only: pdfkit's Node build and the font file.

import { readFileSync } from 'node:fs';
import type { GroupShape, Rect, Shape, TextShape } from '@arbor/core';
import { safeImageHref, safeLinkHref } from '@arbor/core';
import { fontFilePath } from '@arbor/core/node';
import PDFDocument from 'pdfkit';
import { parseCssColor } from './color.ts';
import { PAGE_MARGIN, type PdfLayoutOptions, planPdfPages } from './pdf-pages.ts';

export interface PdfOptions extends PdfLayoutOptions {
  background?: string;
  title?: string;
}

let fontCache: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= { regular: readFileSync(fontFilePath('regular')), bold: readFileSync(fontFilePath('bold')) };
  return fontCache;
}

/** Renders `shapes` (map coordinates, framed by `viewBox`) into PDF bytes. */
export async function shapesToPdf(shapes: readonly Shape[], viewBox: Rect, options: PdfOptions = {}): Promise<Uint8Array> {
  // Planned first: a map too large to tile is refused before any work.
  const { pages } = planPdfPages(viewBox, options);
  const pdf = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: true,
    info: { Title: options.title ?? 'Arbor', Creator: 'Arbor' },
  });
  const f = fonts();
  pdf.registerFont('arbor-regular', f.regular);
  pdf.registerFont('arbor-bold', f.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  pages.forEach((page, i) => {
    pdf.addPage({ size: [page.width, page.height], margin: 0 });
    if (page.clip) {
      pdf.save();
      pdf.rect(page.clip.x, page.clip.y, page.clip.width, page.clip.height).clip();
    }
    drawPage(pdf, shapes, page.view, page.scale, page.offset, options.background);
    if (page.clip) pdf.restore();
    if (pages.length > 1) {
      // "n / m" centred in the bottom margin: reading order is left to right, then down.
      pdf.font('arbor-regular').fontSize(8).fillColor('#888888').fillOpacity(1);
      pdf.text(`${i + 1} / ${pages.length}`, 0, page.height - PAGE_MARGIN + 8, {
        width: page.width,
        align: 'center',
        lineBreak: false,
      });
    }
  });
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

type Pdf = InstanceType<typeof PDFDocument>;

function drawPage(
  pdf: Pdf,
  shapes: readonly Shape[],
  view: Rect,
  scale: number,
  offset: { x: number; y: number },
  background?: string,
): void {
  pdf.save();
  pdf.translate(offset.x, offset.y);
  pdf.scale(scale);
  pdf.translate(-view.x, -view.y);
  if (background && background !== 'none') {
    const bg = parseCssColor(background);
    if (bg) pdf.rect(view.x, view.y, view.width, view.height).fillOpacity(bg.alpha).fill(bg.hex);
  }
  for (const s of shapes) if (mayTouch(s, view)) drawShape(pdf, s, scale, offset, view);
  pdf.restore();
}

/** False for a topic group whose `data-rect` lies outside `view` (tiles skip what they cannot show). */
function mayTouch(s: Shape, view: Rect): boolean {
  if (s.type !== 'group' || !s.data?.rect) return true;
  const r = s.data.rect.split(' ').map(Number);
  if (r.length !== 4 || !r.every(Number.isFinite)) return true;
  const [x, y, w, h] = r as [number, number, number, number];
  const m = 32; // fold buttons, underlines and labels reach a little outside the rect
  return x - m <= view.x + view.width && view.x <= x + w + m && y - m <= view.y + view.height && view.y <= y + h + m;
}

function applyPaint(
  pdf: Pdf,
  s: { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number },
): 'fill' | 'stroke' | 'both' | 'none' {
  const fill = s.fill && s.fill !== 'none' ? parseCssColor(s.fill) : undefined;
  const stroke = s.stroke && s.stroke !== 'none' ? parseCssColor(s.stroke) : undefined;
  const opacity = s.opacity ?? 1;
  if (fill) pdf.fillColor(fill.hex).fillOpacity(fill.alpha * opacity);
  if (stroke) {
    pdf
      .strokeColor(stroke.hex)
      .strokeOpacity(stroke.alpha * opacity)
      .lineWidth(s.strokeWidth ?? 1);
    const dash = s.dash
      ?.split(/[\s,]+/)
      .map(Number)
      .filter((n) => Number.isFinite(n) && n > 0);
    if (dash?.length) pdf.dash(dash[0] as number, { space: dash[1] ?? (dash[0] as number) });
    else pdf.undash();
  }
  return fill && stroke ? 'both' : fill ? 'fill' : stroke ? 'stroke' : 'none';
}

function finish(pdf: Pdf, mode: 'fill' | 'stroke' | 'both' | 'none'): void {
  if (mode === 'both') pdf.fillAndStroke();
  else if (mode === 'fill') pdf.fill();
  else if (mode === 'stroke') pdf.stroke();
}

function drawShape(pdf: Pdf, s: Shape, scale: number, offset: { x: number; y: number }, view: Rect): void {
  switch (s.type) {
    case 'rect': {
      const mode = applyPaint(pdf, s);
      if (mode === 'none') return;
      if (s.rx) pdf.roundedRect(s.x, s.y, s.width, s.height, Math.min(s.rx, s.width / 2, s.height / 2));
      else pdf.rect(s.x, s.y, s.width, s.height);
      finish(pdf, mode);
      return;
    }
    case 'ellipse': {
      const mode = applyPaint(pdf, s);
      if (mode === 'none') return;
      pdf.ellipse(s.cx, s.cy, s.rx, s.ry);
      finish(pdf, mode);
      return;
    }
    case 'path': {
      const mode = applyPaint(pdf, s);
      if (mode === 'none') return;
      if (s.linecap) pdf.lineCap(s.linecap);
      if (s.linejoin) pdf.lineJoin(s.linejoin);
      pdf.path(s.d);
      finish(pdf, mode);
      return;
    }
    case 'text':
      drawText(pdf, s);
      return;
    case 'image':
      drawImage(pdf, s);
      return;
    case 'group':
      drawGroup(pdf, s, scale, offset, view);
      return;
  }
}

function drawText(pdf: Pdf, s: TextShape): void {
  const color = parseCssColor(s.fill) ?? { hex: '#000000', alpha: 1 };
  pdf
    .font(s.bold ? 'arbor-bold' : 'arbor-regular')
    .fontSize(s.fontSize)
    .fillColor(color.hex)
    .fillOpacity(color.alpha);
  for (let i = 0; i < s.lines.length; i++) {
    const line = s.lines[i] as string;
    if (!line) continue;
    const w = pdf.widthOfString(line);
    const x = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
    pdf.text(line, x, s.y + i * s.lineHeight, { lineBreak: false, baseline: 'alphabetic' });
  }
}

function drawImage(pdf: Pdf, s: Extract<Shape, { type: 'image' }>): void {
  const href = safeImageHref(s.href);
  // pdfkit embeds PNG and JPEG; remote URLs and other types are skipped (never fetched).
  const m = href ? /^data:image\/(png|jpe?g);base64,(.*)$/is.exec(href) : null;
  if (!m) return;
  try {
    pdf.image(Buffer.from(m[2] as string, 'base64'), s.x, s.y, { fit: [s.width, s.height], align: 'center', valign: 'center' });
  } catch {
    // A corrupt image is left out rather than failing the whole export.
  }
}

function drawGroup(pdf: Pdf, g: GroupShape, scale: number, offset: { x: number; y: number }, view: Rect): void {
  for (const c of g.children) if (mayTouch(c, view)) drawShape(pdf, c, scale, offset, view);
  const href = safeLinkHref(g.href);
  const rect = g.data?.rect?.split(' ').map(Number);
  if (href && rect && rect.length === 4 && rect.every(Number.isFinite)) {
    const [x, y, w, h] = rect as [number, number, number, number];
    // Link annotations live in page space, outside the current transform.
    pdf.link(offset.x + (x - view.x) * scale, offset.y + (y - view.y) * scale, w * scale, h * scale, href);
  }
}
