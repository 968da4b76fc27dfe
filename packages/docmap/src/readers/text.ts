// Plain text → blocks. Paragraphs are runs of lines between blank lines; inside a run, hard-wrapped
// lines are joined and lines that start something new (a numbered item after a finished sentence, a
// change of indentation after a short line) start a new block. Running page headers and footers
// (lines repeated on every page, `[Page 3]`, `- 3 -`, form feeds) are dropped.

import type { Block, ExtractedDocument } from '../blocks.ts';
import { TOC_LINE } from '../classify.ts';
import { decodeText } from '../decode.ts';
import { displayWidth, joinLines, startsWithMarker } from '../text-utils.ts';

export interface Line {
  text: string;
  start: number;
  end: number;
  indent: number;
}

export function readText(bytes: Uint8Array): ExtractedDocument {
  const { text } = decodeText(bytes, 'txt');
  return { text, blocks: textToBlocks(text), format: 'txt', report: [] };
}

/** Splits text into lines with offsets, dropping running page furniture. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const trimmedEnd = raw.replace(/[\s\f\u3000\u200b-\u200d\u2060\ufeff]+$/, '');
    const lead = /^[\s\f\u3000\u200b-\u200d\u2060\ufeff]*/.exec(trimmedEnd)?.[0] ?? '';
    lines.push({
      text: trimmedEnd.slice(lead.length),
      start: pos + lead.length,
      end: pos + trimmedEnd.length,
      indent: displayWidth(lead.replace(/\f/g, '')),
    });
    pos = nl + 1;
  }
  return dropPageFurniture(lines);
}

const PAGE_NUMBER =
  /^(?:[-–—]\s*\d+\s*[-–—]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s+\d+(?:\s+of\s+\d+)?|\[page\s+\d+\]|\d{1,4})$/i;
const PAGE_MARK = /\[page\s+\d+\]\s*$/i;

/** Blanks out page numbers and lines repeated on many pages in a column layout (running heads). */
function dropPageFurniture(lines: Line[]): Line[] {
  const counts = new Map<string, number>();
  const key = (l: Line) => l.text.replace(/\d+/g, '#');
  for (const l of lines) if (/\S\s{3,}\S/.test(l.text)) counts.set(key(l), (counts.get(key(l)) ?? 0) + 1);
  const paged = lines.some((l) => PAGE_MARK.test(l.text));
  return lines.map((l) => {
    const t = l.text;
    if (!t) return l;
    const running = /\S\s{3,}\S/.test(t) && (counts.get(key(l)) ?? 0) >= 3;
    if (running || PAGE_MARK.test(t) || (paged && PAGE_NUMBER.test(t)) || /^[-–—]\s*\d+\s*[-–—]$/.test(t)) return { ...l, text: '' };
    return l;
  });
}

const SENTENCE_END = /[。！？；：.!?;:”’"）)]$/;

/** Groups lines into paragraph blocks. */
export function textToBlocks(text: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  let run: Line[] = [];
  const flush = () => {
    if (run.length) for (const part of splitRun(run)) blocks.push(lineBlock(part));
    run = [];
  };
  for (const l of lines) {
    if (l.text === '') flush();
    else run.push(l);
  }
  flush();
  return blocks;
}

function lineBlock(lines: Line[]): Block {
  const first = lines[0] as Line;
  const last = lines[lines.length - 1] as Line;
  return { kind: 'paragraph', text: joinLines(lines.map((l) => l.text)), start: first.start, end: last.end, indent: first.indent };
}

/** Splits a run of non-blank lines into paragraphs: wrapped lines are joined, new items start anew. */
function splitRun(run: Line[]): Line[][] {
  if (run.length === 1) return [run];
  const widths = run.map((l) => l.indent + displayWidth(l.text));
  const maxWidth = Math.max(...widths);
  const parts: Line[][] = [[run[0] as Line]];
  for (let i = 1; i < run.length; i++) {
    const prev = run[i - 1] as Line;
    const cur = run[i] as Line;
    const prevFull = maxWidth >= 50 && (widths[i - 1] as number) >= maxWidth * 0.72;
    let continues: boolean;
    if (!prevFull || TOC_LINE.test(prev.text) || TOC_LINE.test(cur.text)) continues = false;
    else if (startsWithMarker(cur.text)) continues = !SENTENCE_END.test(prev.text);
    else continues = cur.indent <= prev.indent + 1 || (cur.indent <= prev.indent + 4 && /^[a-z]/.test(cur.text));
    if (continues) (parts[parts.length - 1] as Line[]).push(cur);
    else parts.push([cur]);
  }
  return parts;
}
