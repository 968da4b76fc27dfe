// What every reader produces: the document's text and its blocks, each with offsets into that text.

import type { ReportItem } from '@arbor/formats';

export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'table' | 'code' | 'quote' | 'rule';

export interface Block {
  kind: BlockKind;
  /** The block's text with markup removed; for tables, rows as lines with cells separated by ` | `. */
  text: string;
  /** Offsets of the block in `ExtractedDocument.text` (end exclusive). */
  start: number;
  end: number;
  /** 1-based page, for paged sources (PDF). */
  page?: number;
  /** Heading level stated by the source: Markdown `#` count, Word Heading N / outline level, `<hN>`, PDF font rank. */
  level?: number;
  /** The source marks this block as the document title (Word Title style, `<h1>` in a page whose `<title>` matches…). */
  isTitle?: boolean;
  /** Rendered Word list number (`一、`, `1.1`), already prefixed to `text`. */
  numbered?: boolean;
  /** A bullet or Word list paragraph: never a heading by itself. */
  listItem?: boolean;
  /** Whole block set in bold (PDF, Word, `**…**` in Markdown). */
  bold?: boolean;
  /** Right-aligned or centred (signature blocks and dates sit right). */
  align?: 'left' | 'center' | 'right';
  /** Font size in points (PDF, Word). */
  fontSize?: number;
  /** Underlined throughout (PDF report headings). */
  underline?: boolean;
  /** Leading indentation in columns (plain text). */
  indent?: number;
}

export interface ExtractedDocument {
  /** The extracted plain text; every block and every topic source points into it. */
  text: string;
  blocks: Block[];
  /** A title stated by the file itself (Word core title, HTML `<title>`), used when no heading gives one. */
  statedTitle?: string;
  format: string;
  report: ReportItem[];
}
