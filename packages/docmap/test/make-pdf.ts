// Test and benchmark helper (Node only): writes a PDF with pdfkit and the Noto Sans SC fonts — a title,
// bold headings, wrapped body paragraphs, a running footer and page numbers on every page.

import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export interface PdfSection {
  heading: string;
  paragraphs: string[];
  subsections?: PdfSection[];
}

export interface MakePdfOptions {
  title: string;
  sections: PdfSection[];
  footer?: string;
  /** Encrypts the file: opening it needs this password. */
  userPassword?: string;
  /** How headings stand out: bold and larger (default), or only underlined in the body font and size. */
  headingStyle?: 'bold' | 'underline';
}

export function makePdf(options: MakePdfOptions): Promise<Uint8Array> {
  const pdfOptions: PDFKit.PDFDocumentOptions = { size: 'A4', margin: 72, bufferPages: true };
  if (options.userPassword) pdfOptions.userPassword = options.userPassword;
  const doc = new PDFDocument(pdfOptions);
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc
    .font(options.headingStyle === 'underline' ? 'regular' : 'bold')
    .fontSize(18)
    .text(options.title, { align: 'center' });
  doc.moveDown();
  const writeSection = (s: PdfSection, depth: number) => {
    doc
      .font('bold')
      .fontSize(depth === 1 ? 14 : 12)
      .text(s.heading);
    doc.moveDown(0.5);
    for (const p of s.paragraphs) {
      doc.font('regular').fontSize(11).text(p, { align: 'left' });
      doc.moveDown(0.5);
    }
    for (const sub of s.subsections ?? []) writeSection(sub, depth + 1);
  };
  for (const s of options.sections) writeSection(s, 1);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = `${options.footer ?? options.title} - 第 ${i + 1} 页`;
    // Writing below the bottom margin would add a page: lift the margin while drawing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(9)
      .text(footer, 72, doc.page.height - 40, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
