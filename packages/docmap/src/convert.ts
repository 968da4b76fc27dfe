// Document → map: pick the reader by file name or content, detect the structure, build the MindDoc.

import type { MindDoc, TopicId } from '@arbor/core';
import { ImportError, isZip, type ReportItem } from '@arbor/formats';
import type { ExtractedDocument } from './blocks.ts';
import { outlineToDoc } from './build.ts';
import { MAX_DOCUMENT_BYTES } from './decode.ts';
import { buildOutline } from './outline.ts';
import { readDocx } from './readers/docx.ts';
import { readHtml } from './readers/html.ts';
import { readMarkdown } from './readers/markdown.ts';
import { readPdf } from './readers/pdf.ts';
import { readText } from './readers/text.ts';
import { collectReferences } from './references.ts';

export interface DocumentToMapOptions {
  /** Used to pick the reader and, failing anything better, as the title. */
  fileName?: string;
  /** Deepest topic level below the root; deeper material joins its ancestor's note. */
  maxDepth?: number;
  /** Body paragraphs and tables as leaf topics (default true). */
  bodyLeaves?: boolean;
  /** Condensed title length in wide characters (a Latin letter counts half); default 30. */
  titleLength?: number;
}

export interface DocumentMap {
  doc: MindDoc;
  report: ReportItem[];
  /** The extracted text every `topic.source` span points into (see `sourceText`). */
  text: string;
  /** Reader used: txt, md, html, docx, pdf. */
  format: string;
}

export type DocumentKind = 'txt' | 'md' | 'html' | 'docx' | 'pdf';

const EXTENSIONS: Record<string, DocumentKind> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  docx: 'docx',
  pdf: 'pdf',
};

const DOCUMENT_NAME = /\.(docx|pdf|html|htm|txt|md|markdown)$/i;

/** True for the file names `documentToMap` reads: .docx .pdf .html .htm .txt .md .markdown. */
export function isDocumentFileName(name: string): boolean {
  return DOCUMENT_NAME.test(name);
}

/** The reader for these bytes: by content for PDF and ZIP, else by extension, else plain text. */
export function detectDocumentKind(bytes: Uint8Array, fileName?: string): DocumentKind {
  const ext = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const byName = ext ? EXTENSIONS[ext] : undefined;
  if (bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (isZip(bytes)) return 'docx';
  if (byName) return byName;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return 'txt';
}

/** Reads a document into text and blocks. */
export async function extractDocument(bytes: Uint8Array, fileName?: string): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new ImportError('malformed', '文件是空的 / the file is empty', 'document');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new ImportError(
      'too-large',
      `文件过大（超过 ${MAX_DOCUMENT_BYTES >> 20} MB）/ the document is larger than ${MAX_DOCUMENT_BYTES >> 20} MB`,
      'document',
    );
  switch (detectDocumentKind(bytes, fileName)) {
    case 'pdf':
      return readPdf(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'html':
      return readHtml(bytes);
    case 'md':
      return readMarkdown(bytes);
    default:
      return readText(bytes);
  }
}

/** Converts a document (docx, pdf, html, txt, md) into a mind map whose topics point back to their sources. */
export async function documentToMap(bytes: Uint8Array, options: DocumentToMapOptions = {}): Promise<DocumentMap> {
  const extracted = await extractDocument(bytes, options.fileName);
  return mapExtracted(extracted, options);
}

/** Converts pasted text: Markdown when it looks like Markdown, else plain text. */
export function textToMap(text: string, options: DocumentToMapOptions = {}): DocumentMap {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length === 0 || !text.trim()) throw new ImportError('malformed', '没有可转换的文本 / there is no text to convert', 'text');
  const markdown = /^(?:#{1,6}\s|\s*[-*+]\s|\s*\|.*\|\s*$|```)/m.test(text);
  const extracted = markdown ? readMarkdown(bytes) : readText(bytes);
  return mapExtracted(extracted, options);
}

export function mapExtracted(extracted: ExtractedDocument, options: DocumentToMapOptions): DocumentMap {
  if (!extracted.blocks.length) throw new ImportError('malformed', '文档中没有文字 / the document contains no text', extracted.format);
  const plainHeadings = extracted.format === 'txt' || extracted.format === 'pdf';
  const outlineOptions = options.fileName === undefined ? { plainHeadings } : { plainHeadings, fileName: options.fileName };
  const outline = buildOutline(extracted, outlineOptions);
  const buildOptions: Parameters<typeof outlineToDoc>[1] = { references: collectReferences(extracted.text) };
  if (options.maxDepth !== undefined) buildOptions.maxDepth = options.maxDepth;
  if (options.bodyLeaves !== undefined) buildOptions.bodyLeaves = options.bodyLeaves;
  if (options.titleLength !== undefined) buildOptions.titleLength = options.titleLength;
  if (options.fileName) buildOptions.sourceName = options.fileName.replace(/^.*[\\/]/, '');
  const doc = outlineToDoc(outline, buildOptions);
  // The map keeps the text its spans point into, so the editor's source view can show it.
  doc.meta = { ...doc.meta, sourceText: extracted.text };
  return { doc, report: extracted.report, text: extracted.text, format: extracted.format };
}

/** The passage of the extracted text a topic came from (empty when the topic has no source). */
export function sourceText(doc: MindDoc, topicId: TopicId | string, extractedText: string): string {
  const src = doc.topics[topicId]?.source;
  if (!src) return '';
  return extractedText.slice(Math.max(0, src.start), Math.min(extractedText.length, src.end));
}
