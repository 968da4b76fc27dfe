// Markdown → blocks: ATX (`## Title ##`) and Setext headings, paragraphs, list items, tables, fenced
// and indented code, block quotes, rules. Inline markup is removed from block text; offsets point
// into the Markdown source, which is the extracted text.

import type { Block, ExtractedDocument } from '../blocks.ts';
import { decodeText } from '../decode.ts';
import { INVISIBLE, isBlank, joinLines } from '../text-utils.ts';

export function readMarkdown(bytes: Uint8Array): ExtractedDocument {
  const { text } = decodeText(bytes, 'md');
  const out: ExtractedDocument = { text, blocks: markdownToBlocks(text), format: 'md', report: [] };
  const title = frontMatterTitle(text);
  if (title) out.statedTitle = title;
  return out;
}

/** The end (index of the line after the closing `---` or `...`) of a YAML block opening at `start`, or -1. */
function yamlEnd(lines: readonly SrcLine[], start: number): number {
  if (!/^---[ \t]*$/.test((lines[start] as SrcLine | undefined)?.raw ?? '')) return -1;
  for (let j = start + 1; j < lines.length; j++) if (/^(?:---|\.\.\.)[ \t]*$/.test((lines[j] as SrcLine).raw)) return j + 1;
  return -1;
}

/** `title:` of the YAML front matter (Jekyll, Hexo, markmap), if the file opens with one. */
export function frontMatterTitle(text: string): string | undefined {
  const lines = splitSourceLines(text);
  const end = yamlEnd(lines, 0);
  for (let j = 1; j < end - 1; j++) {
    const t = /^title:[ \t]*(.+?)[ \t]*$/.exec((lines[j] as SrcLine).raw);
    if (t) return (t[1] as string).replace(/^(['"])(.*)\1$/, '$2');
  }
  return undefined;
}

/** A Hexo/Jekyll tag on a line of its own (`{% markmap %}`, `{% endmarkmap %}`): markup, not text. */
const TEMPLATE_TAG = /^ {0,3}\{%.*%\}[ \t]*$/;

interface SrcLine {
  raw: string;
  start: number;
  end: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^ {0,3}(?:[-*+•]|\d{1,9}[.)])[ \t]+/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const TABLE_ROW = /^ {0,3}\|.*\|[ \t]*$|^[^|\n]+\|[^|\n]+/;
const TABLE_RULE = /^ {0,3}\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

function splitSourceLines(text: string): SrcLine[] {
  const out: SrcLine[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    out.push({ raw: text.slice(pos, nl), start: pos, end: nl });
    pos = nl + 1;
  }
  return out;
}

/**
 * Removes inline Markdown: emphasis, strikethrough and highlight, code ticks, links and images
 * (keeping their text), task boxes, HTML tags and comments, and escapes.
 */
export function stripInline(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\[[ xX]\][ \t]+/, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]{0,200}>/g, '')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]+?)(?<=\S)[*_](?![\w*])/g, '$1$2')
    .replace(/(~~|==)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .trim();
}

export function markdownToBlocks(text: string): Block[] {
  const lines = splitSourceLines(text);
  const blocks: Block[] = [];
  let para: SrcLine[] = [];
  let prevBlank = true;
  // Front matter is metadata (its title is read by frontMatterTitle), not content.
  const front = yamlEnd(lines, 0);
  const flushPara = () => {
    if (!para.length) return;
    const t = stripInline(joinLines(para.map((l) => l.raw.trim())));
    if (t) blocks.push({ kind: 'paragraph', text: t, start: (para[0] as SrcLine).start, end: (para[para.length - 1] as SrcLine).end });
    para = [];
  };
  for (let i = Math.max(front, 0); i < lines.length; i++) {
    const line = lines[i] as SrcLine;
    const raw = line.raw;
    if (TEMPLATE_TAG.test(raw)) {
      flushPara();
      // A markmap tag may open with its own YAML options block.
      let j = i + 1;
      while (j < lines.length && isBlank((lines[j] as SrcLine).raw)) j++;
      const options = /markmap/i.test(raw) ? yamlEnd(lines, j) : -1;
      i = options > 0 ? options - 1 : i;
      prevBlank = true;
      continue;
    }
    if (isBlank(raw)) {
      flushPara();
      prevBlank = true;
      continue;
    }
    // HTML comments (also multi-line) carry no content.
    if (/^\s*<!--/.test(raw)) {
      let j = i;
      while (j < lines.length && !(lines[j] as SrcLine).raw.includes('-->')) j++;
      flushPara();
      i = j;
      continue;
    }
    const fence = FENCE.exec(raw);
    if (fence) {
      flushPara();
      // The closing fence uses the same character, at least as many times (CommonMark), so a
      // ```` block can quote a ``` block.
      const open = fence[1] as string;
      const close = new RegExp(`^ {0,3}\\${open[0] as string}{${open.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test((lines[j] as SrcLine).raw)) j++;
      const body = lines.slice(i + 1, j).map((l) => l.raw);
      const endLine = lines[Math.min(j, lines.length - 1)] as SrcLine;
      blocks.push({ kind: 'code', text: body.join('\n'), start: line.start, end: endLine.end });
      i = j;
      prevBlank = false;
      continue;
    }
    const atx = ATX.exec(raw);
    if (atx) {
      flushPara();
      const t = stripInline(atx[2] ?? '');
      if (t) blocks.push({ kind: 'heading', level: (atx[1] as string).length, text: t, start: line.start, end: line.end });
      prevBlank = false;
      continue;
    }
    if (para.length && SETEXT.exec(raw) && !BULLET.test(raw)) {
      const level = raw.trim().startsWith('=') ? 1 : 2;
      const t = stripInline(joinLines(para.map((l) => l.raw.trim())));
      blocks.push({ kind: 'heading', level, text: t, start: (para[0] as SrcLine).start, end: line.end });
      para = [];
      prevBlank = false;
      continue;
    }
    if (RULE.test(raw)) {
      flushPara();
      blocks.push({ kind: 'rule', text: '', start: line.start, end: line.end });
      prevBlank = false;
      continue;
    }
    if (/^ {4,}|^\t/.test(raw) && prevBlank && !para.length && !isInList(blocks)) {
      let j = i;
      while (j + 1 < lines.length && (/^ {4,}|^\t/.test((lines[j + 1] as SrcLine).raw) || !(lines[j + 1] as SrcLine).raw.trim())) j++;
      while (j > i && !(lines[j] as SrcLine).raw.trim()) j--;
      const body = lines.slice(i, j + 1).map((l) => l.raw.replace(/^ {4}|^\t/, ''));
      blocks.push({ kind: 'code', text: body.join('\n'), start: line.start, end: (lines[j] as SrcLine).end });
      i = j;
      prevBlank = false;
      continue;
    }
    if (/^ {0,3}>/.test(raw)) {
      flushPara();
      let j = i;
      while (j + 1 < lines.length && /^ {0,3}>/.test((lines[j + 1] as SrcLine).raw)) j++;
      const t = stripInline(joinLines(lines.slice(i, j + 1).map((l) => l.raw.replace(/^ {0,3}>\s?/, '').trim())));
      blocks.push({ kind: 'quote', text: t, start: line.start, end: (lines[j] as SrcLine).end });
      i = j;
      prevBlank = false;
      continue;
    }
    if (TABLE_ROW.test(raw) && i + 1 < lines.length && TABLE_RULE.test((lines[i + 1] as SrcLine).raw)) {
      flushPara();
      let j = i + 2;
      while (j < lines.length && (lines[j] as SrcLine).raw.includes('|') && (lines[j] as SrcLine).raw.trim()) j++;
      const rows = [lines[i] as SrcLine, ...lines.slice(i + 2, j)].map((l) =>
        l.raw
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((c) => stripInline(c.trim()))
          .join(' | '),
      );
      blocks.push({ kind: 'table', text: rows.join('\n'), start: line.start, end: (lines[j - 1] as SrcLine).end });
      i = j - 1;
      prevBlank = false;
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet) {
      flushPara();
      // A list item runs until a blank line or the next item; lazy continuation lines join it.
      let j = i;
      while (j + 1 < lines.length) {
        const next = (lines[j + 1] as SrcLine).raw;
        if (!next.trim() || BULLET.test(next) || ATX.test(next) || FENCE.test(next) || /^ {0,3}>/.test(next) || TEMPLATE_TAG.test(next))
          break;
        j++;
      }
      const parts = lines.slice(i, j + 1).map((l, k) => (k === 0 ? l.raw.slice(bullet[0].length) : l.raw).trim());
      const t = stripInline(joinLines(parts));
      if (t) blocks.push({ kind: 'list-item', listItem: true, text: t, start: line.start, end: (lines[j] as SrcLine).end });
      i = j;
      prevBlank = false;
      continue;
    }
    para.push(line);
    prevBlank = false;
  }
  flushPara();
  return blocks;
}

function isInList(blocks: readonly Block[]): boolean {
  return blocks[blocks.length - 1]?.kind === 'list-item';
}
