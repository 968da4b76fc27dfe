// PDF → blocks with pdfjs-dist (legacy build, loaded on first use): text items with positions are
// joined into lines and lines into paragraphs; running headers, footers and page numbers are removed;
// font size and weight mark headings (levels ranked by size, then weight); every block keeps its page.

import { ImportError } from '@arbor/formats';
import type { Block, ExtractedDocument } from '../blocks.ts';
import { TOC_LINE } from '../classify.ts';
import { joinLines, SENTENCE_END, startsWithMarker } from '../text-utils.ts';
import { horizontalSegments, isUnderlined, type PathOps } from './pdf-underline.ts';

/** Pages read at most; a longer PDF is cut and the report says so. */
export const MAX_PDF_PAGES = 2000;

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL?: boolean;
}

export interface PdfLine {
  text: string;
  page: number;
  x: number;
  y: number;
  right: number;
  size: number;
  bold: boolean;
  underline?: boolean;
  pageHeight: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

export async function readPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  const pdfjs = await loadPdfJs();
  let pdf: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    // pdfjs takes ownership of the buffer it is given: pass a copy.
    pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0, stopAtErrors: false })
      .promise;
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException')
      throw new ImportError('unsupported', 'PDF 已加密，需要密码才能打开 / the PDF is password-protected', 'pdf');
    throw new ImportError(
      'malformed',
      `PDF 文件已损坏或无法读取 / the PDF is damaged (${err instanceof Error ? err.message : String(err)})`,
      'pdf',
    );
  }
  const report: ExtractedDocument['report'] = [];
  const pageCount = Math.min(pdf.numPages, MAX_PDF_PAGES);
  if (pdf.numPages > MAX_PDF_PAGES)
    report.push({
      kind: 'pages-skipped',
      count: pdf.numPages - MAX_PDF_PAGES,
      message: `只读取了前 ${MAX_PDF_PAGES} 页 / only the first ${MAX_PDF_PAGES} pages were read`,
    });
  const lines: PdfLine[] = [];
  const boldFont = new Map<string, boolean>();
  try {
    for (let p = 1; p <= pageCount; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items: TextItemLike[] = [];
      for (const it of content.items)
        if ('str' in it) items.push({ str: it.str, transform: it.transform, width: it.width, fontName: it.fontName });
      // Font names (for weight) are known only once a page's operators are loaded; do that only for new fonts.
      if (items.some((it) => !boldFont.has(it.fontName))) {
        await page.getOperatorList();
        for (const it of items) {
          if (boldFont.has(it.fontName)) continue;
          let name = '';
          try {
            name = (page.commonObjs.get(it.fontName) as { name?: string } | undefined)?.name ?? '';
          } catch {
            name = '';
          }
          boldFont.set(it.fontName, /bold|black|heavy|semibold|demi|[-,]b$/i.test(name));
        }
      }
      const [, , , top] = page.view as [number, number, number, number];
      lines.push(...itemsToLines(items, p, top, boldFont));
      page.cleanup();
    }
    // No heading stands out by size or weight: look for underlined lines (more work, so only then).
    if (lines.length && !hasHeadingStyles(lines)) await markUnderlines(pdf, pdfjs.OPS, lines);
  } finally {
    await pdf.destroy();
  }
  if (!lines.length)
    throw new ImportError('unsupported', 'PDF 中没有可提取的文字（可能是扫描件）/ the PDF has no text layer (a scan?)', 'pdf');
  return linesToDocument(removeRunningLines(lines), report);
}

/** Groups a page's text items into lines by baseline, left to right. */
async function markUnderlines(pdf: { getPage(n: number): Promise<PdfPage> }, OPS: PathOps, lines: PdfLine[]): Promise<void> {
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) {
    let list = byPage.get(l.page);
    if (!list) byPage.set(l.page, (list = []));
    list.push(l);
  }
  for (const [p, pageLines] of byPage) {
    const page = await pdf.getPage(p);
    const ops = await page.getOperatorList();
    const segments = horizontalSegments(ops.fnArray, ops.argsArray, OPS);
    if (segments.length) for (const l of pageLines) if (isUnderlined(l, segments)) l.underline = true;
    page.cleanup();
  }
}

interface PdfPage {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup(): void;
}

export function itemsToLines(items: readonly TextItemLike[], page: number, pageHeight: number, boldFont: Map<string, boolean>): PdfLine[] {
  const pieces = items
    .filter((it) => it.str.length > 0)
    .map((it) => {
      const [a, b, , , x, y] = it.transform as [number, number, number, number, number, number];
      return { str: it.str, x, y, size: Math.hypot(a, b) || 1, width: it.width, bold: boldFont.get(it.fontName) ?? false };
    });
  pieces.sort((p, q) => (Math.abs(q.y - p.y) > Math.min(p.size, q.size) * 0.4 ? q.y - p.y : p.x - q.x));
  const lines: PdfLine[] = [];
  let cur: (PdfLine & { chars: number; boldChars: number }) | undefined;
  for (const pc of pieces) {
    if (cur && Math.abs(cur.y - pc.y) <= Math.min(cur.size, pc.size) * 0.4) {
      const gap = pc.x - cur.right;
      const needsSpace = gap > pc.size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(pc.str);
      cur.text += (needsSpace ? (gap > pc.size * 2 ? '   ' : ' ') : '') + pc.str;
      cur.right = Math.max(cur.right, pc.x + pc.width);
      if (pc.str.trim()) {
        cur.size = Math.max(cur.size, pc.size);
        cur.chars += pc.str.length;
        if (pc.bold) cur.boldChars += pc.str.length;
      }
      continue;
    }
    if (cur) lines.push(finishLine(cur));
    const chars = pc.str.trim() ? pc.str.length : 0;
    cur = {
      text: pc.str,
      page,
      x: pc.x,
      y: pc.y,
      right: pc.x + pc.width,
      size: pc.size,
      bold: pc.bold,
      pageHeight,
      chars,
      boldChars: pc.bold ? chars : 0,
    };
  }
  if (cur) lines.push(finishLine(cur));
  return lines.filter((l) => l.text.trim());
}

function finishLine(l: PdfLine & { chars: number; boldChars: number }): PdfLine {
  return {
    text: l.text.replace(/\s+$/, ''),
    page: l.page,
    x: l.x,
    y: l.y,
    right: l.right,
    size: Math.round(l.size * 2) / 2,
    bold: l.chars > 0 && l.boldChars / l.chars > 0.6,
    pageHeight: l.pageHeight,
  };
}

const PAGE_NUMBER =
  /^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s+\d+(?:\s+of\s+\d+)?)$/i;

/** Drops page numbers and lines repeated near the top or bottom of most pages (running heads and feet). */
export function removeRunningLines(lines: readonly PdfLine[]): PdfLine[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const nearEdge = (l: PdfLine) => l.y > l.pageHeight * 0.9 || l.y < l.pageHeight * 0.1;
  const key = (l: PdfLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const onPages = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!nearEdge(l)) continue;
    let set = onPages.get(key(l));
    if (!set) onPages.set(key(l), (set = new Set()));
    set.add(l.page);
  }
  const threshold = Math.max(2, Math.ceil(pages * 0.5));
  return lines.filter((l) => {
    if (!nearEdge(l)) return true;
    const t = l.text.trim();
    if (PAGE_NUMBER.test(t)) return false;
    if ((onPages.get(key(l))?.size ?? 0) >= threshold) return false;
    // A footer that names its page (`… page 1 of 2`) repeats under a changing number.
    if (/page\s+\d+|第\s*\d+\s*页|\d+\s*\/\s*\d+$/i.test(t) && l.y < l.pageHeight * 0.1) return false;
    return true;
  });
}

interface Style {
  size: number;
  bold: boolean;
  underline?: boolean;
}

/** Joins lines into paragraphs and ranks the styles bigger or bolder than the body text as heading levels. */
export function linesToDocument(lines: readonly PdfLine[], report: ExtractedDocument['report']): ExtractedDocument {
  const body = bodyStyle(lines);
  const headingStyles = rankHeadingStyles(lines, body);
  const groups: PdfLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as PdfLine;
    const prev = lines[i - 1];
    const group = groups[groups.length - 1];
    if (prev && group && continuesParagraph(prev, l, body)) group.push(l);
    else groups.push([l]);
  }
  const blocks: Block[] = [];
  let text = '';
  for (const g of groups) {
    const first = g[0] as PdfLine;
    const content = joinLines(g.map((l) => l.text.trim()));
    if (text) text += '\n\n';
    const block: Block = {
      kind: 'paragraph',
      text: content,
      start: text.length,
      end: text.length + content.length,
      page: first.page,
      fontSize: first.size,
    };
    text += content;
    if (first.bold) block.bold = true;
    if (first.underline) block.underline = true;
    const level = headingStyles.get(styleKey(first));
    if (level !== undefined && content.length <= 200 && !SENTENCE_END.test(content.slice(-1))) {
      block.kind = 'heading';
      block.level = level;
    }
    blocks.push(block);
  }
  markTitle(blocks, headingStyles);
  return { text, blocks, format: 'pdf', report };
}

function styleKey(s: Style): string {
  return `${s.size}|${s.bold ? 'b' : ''}|${s.underline ? 'u' : ''}`;
}

/** Do some lines stand out from the body text by size or weight (or underline, once known)? */
export function hasHeadingStyles(lines: readonly PdfLine[]): boolean {
  return rankHeadingStyles(lines, bodyStyle(lines)).size > 0;
}

/** The style with the most characters is the body text. */
function bodyStyle(lines: readonly PdfLine[]): Style {
  const chars = new Map<string, number>();
  for (const l of lines) chars.set(styleKey(l), (chars.get(styleKey(l)) ?? 0) + l.text.length);
  let best = '';
  let most = -1;
  for (const [k, n] of chars)
    if (n > most) {
      best = k;
      most = n;
    }
  const [size, bold, underline] = best.split('|');
  return { size: Number(size), bold: bold === 'b', underline: underline === 'u' };
}

/** Styles larger than the body, or as large but bold, used for short lines: level 1 = largest. */
function rankHeadingStyles(lines: readonly PdfLine[], body: Style): Map<string, number> {
  const styles = new Map<string, Style & { lines: number; longLines: number }>();
  for (const l of lines) {
    const bigger = l.size > body.size + 0.4;
    const bolder = ((l.bold && !body.bold) || (l.underline === true && !body.underline)) && l.size >= body.size - 0.4;
    if (!bigger && !bolder) continue;
    const k = styleKey(l);
    const s = styles.get(k) ?? { size: l.size, bold: l.bold, underline: l.underline === true, lines: 0, longLines: 0 };
    s.lines++;
    if (l.text.length > 120) s.longLines++;
    styles.set(k, s);
  }
  const ranked = [...styles.entries()]
    .filter(([, s]) => s.longLines <= s.lines * 0.2)
    .sort(([, a], [, b]) => b.size - a.size || Number(b.bold) - Number(a.bold) || Number(b.underline) - Number(a.underline));
  return new Map(ranked.map(([k], i) => [k, i + 1]));
}

/** The first block in the largest heading style, if that style is used once, is the document title. */
function markTitle(blocks: Block[], headingStyles: Map<string, number>): void {
  const top = blocks.filter((b) => b.level === 1);
  if (top.length === 1 && blocks.indexOf(top[0] as Block) <= 3) (top[0] as Block).isTitle = true;
  if (top.length === 1 && headingStyles.size > 1) for (const b of blocks) if (b.level !== undefined && b !== top[0]) b.level -= 1;
}

/** Does `l` continue the paragraph that `prev` ends? Same style, close below, not a new item. */
function continuesParagraph(prev: PdfLine, l: PdfLine, body: Style): boolean {
  if (prev.page !== l.page) {
    // A paragraph may run over a page break when the previous line ends mid-sentence.
    return (
      prev.size === l.size &&
      prev.bold === l.bold &&
      l.size === body.size &&
      !SENTENCE_END.test(prev.text.slice(-1)) &&
      !/[。：:]$/.test(prev.text)
    );
  }
  if (prev.size !== l.size || prev.bold !== l.bold || prev.underline !== l.underline) return false;
  const gap = prev.y - l.y;
  if (gap <= 0 || gap > l.size * 1.9) return false;
  if (TOC_LINE.test(prev.text) || TOC_LINE.test(l.text) || /\S\s{3,}\S/.test(l.text) || /\S\s{3,}\S/.test(prev.text)) return false;
  if (startsWithMarker(l.text.trim())) return false;
  if (l.x > prev.x + l.size * 1.5) return false;
  // A short previous line ended its paragraph.
  const lineWidth = prev.right - prev.x;
  const typical = Math.max(lineWidth, l.right - l.x);
  return lineWidth >= typical * 0.75 || prev.x > l.x + l.size;
}
