// Pasted plain text → outline: indented text (tabs, spaces, full-width spaces, mixed), Markdown
// headings and nested lists, numbered outlines (1. / 1.1 / 一、 / （一） / I. / A. / a.), and chat
// answers (a preamble, `**bold**`, the outline inside a code fence, a closing remark).
// One pass over the lines, so pasting megabytes stays linear.

import { buildOutline, type Entry } from './entries.ts';
import { normalizeText } from './inline.ts';
import type { PastedOutline } from './outline.ts';

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const ATX = /^[ \t]{0,3}(#{1,6})(?:[ \t\u3000]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$/;
const SETEXT = /^[ \t]{0,3}(=+|-+)[ \t]*$/;
const QUOTE = /^[ \t\u3000]*>[ ]?(.*)$/;
const TABLE = /^[ \t\u3000]*\|.*\|[ \t]*$/;
/** Bullets: Markdown's, and the ones word processors and web pages put on the clipboard. */
const BULLET = /^([-*+•◦▪▫●○■□◆◇►▸▹➢➤‣⁃·])(?:[ \t\u00A0\u3000]+|$)/;
/** Languages whose fenced block may hold the outline of a chat answer. */
const OUTLINE_LANGS = new Set([
  '',
  'markdown',
  'md',
  'text',
  'txt',
  'plaintext',
  'plain',
  'outline',
  'markmap',
  'mindmap',
  'mermaid-mindmap',
]);

/** Leading whitespace of a line: its length in UTF-16 units and its width in columns. */
function leading(line: string, tabWidth: number): { length: number; width: number } {
  let width = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) width++;
    else if (c === 0x09) width = (Math.floor(width / tabWidth) + 1) * tabWidth;
    else if (c === 0x3000) width += 2;
    else break;
  }
  return { length: i, width };
}

/** Tab width that fits the text: the smallest space indentation when both tabs and spaces indent lines. */
function tabWidthOf(lines: readonly string[]): number {
  let tabs = false;
  let smallest = Number.POSITIVE_INFINITY;
  for (const l of lines) {
    const c = l.charCodeAt(0);
    if (c === 0x09) tabs = true;
    else if (c === 0x20) {
      let n = 1;
      while (l.charCodeAt(n) === 0x20) n++;
      if (n < l.length && n < smallest) smallest = n;
    }
  }
  return tabs && smallest >= 2 && smallest <= 8 ? smallest : 4;
}

interface Fence {
  open: number;
  close: number; // index of the closing line, or lines.length when unclosed
  lang: string;
}

function findFences(lines: readonly string[]): Fence[] {
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.length < 3 || (!l.includes('```') && !l.includes('~~~'))) continue;
    const m = FENCE.exec(l);
    if (!m) continue;
    const mark = m[1] as string;
    const close = new RegExp(`^[ \\t]{0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j] as string)) j++;
    // An unclosed fence with nothing after it is just a line of text (it would otherwise vanish).
    if (j === lines.length && j === i + 1) continue;
    fences.push({ open: i, close: j, lang: (m[2] as string).toLowerCase() });
    i = j;
  }
  return fences;
}

/** Lines that look like an outline: headings, bullets, ordered items, indented lines. */
function outlineLines(lines: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i] as string;
    if (/^(?:[ \t\u3000]+\S|[ \t]{0,3}#{1,6}[ \t]|[ \t]*(?:[-*+•]|\d{1,3}[.)、])[ \t])/.test(l)) n++;
  }
  return n;
}

/**
 * A chat answer may wrap its outline in a code fence: then the fenced outline is the paste, and the
 * prose around it (preamble, closing remarks) is not. Returns the lines to read.
 */
function unwrapFencedOutline(lines: string[], fences: Fence[]): string[] | null {
  const outlineFences = fences.filter((f) => OUTLINE_LANGS.has(f.lang) && outlineLines(lines, f.open + 1, f.close) >= 2);
  if (outlineFences.length === 0) return null;
  let inside = 0;
  for (const f of outlineFences) inside += outlineLines(lines, f.open + 1, f.close);
  let outside = outlineLines(lines, 0, lines.length);
  for (const f of fences) outside -= outlineLines(lines, f.open + 1, f.close);
  if (inside < outside) return null;
  const out: string[] = [];
  for (const f of outlineFences) {
    for (let i = f.open + 1; i < f.close; i++) out.push(lines[i] as string);
    out.push('');
  }
  return out;
}

/** The entries of pasted text (see entries.ts). */
export function textToEntries(text: string): Entry[] {
  let lines = normalizeText(text).split('\n');
  let fences = findFences(lines);
  if (fences.length > 0) {
    const unwrapped = unwrapFencedOutline(lines, fences);
    if (unwrapped) {
      lines = unwrapped;
      fences = findFences(lines);
    }
  }
  // YAML front matter (`---` … `---` with `key: value` lines) is metadata, not outline.
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    let end = 1;
    while (end < lines.length && end < 200 && /^(?:[\w-]+:.*|[ \t].*|)$/.test(lines[end] as string)) end++;
    if (end > 1 && /^(?:---|\.\.\.)[ \t]*$/.test(lines[end] ?? '')) {
      lines = lines.slice(end + 1);
      fences = findFences(lines);
    }
  }
  const tabWidth = tabWidthOf(lines);
  const entries: Entry[] = [];
  let fence = 0;
  let quote: string[] | null = null;
  let table: string[] | null = null;
  const flush = () => {
    if (quote) entries.push({ kind: 'note', text: quote.join('\n') });
    if (table) entries.push({ kind: 'note', text: table.join('\n') });
    quote = table = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const f = fences[fence];
    if (f && f.open === i) {
      flush();
      entries.push({ kind: 'note', text: lines.slice(i + 1, f.close).join('\n') });
      i = f.close;
      fence++;
      continue;
    }
    const line = lines[i] as string;
    const lead = leading(line, tabWidth);
    if (lead.length === line.length) {
      flush();
      entries.push({ kind: 'blank' });
      continue;
    }
    const c = line.charCodeAt(lead.length);
    if (c === 0x3e /* > */) {
      const q = QUOTE.exec(line);
      if (q) {
        if (table) flush();
        (quote ??= []).push(q[1] as string);
        continue;
      }
    }
    if (c === 0x7c /* | */ && TABLE.test(line)) {
      if (quote) flush();
      (table ??= []).push(line.trim());
      continue;
    }
    flush();
    if (c === 0x23 /* # */ && lead.width < 4) {
      const h = ATX.exec(line);
      if (h) {
        entries.push({ kind: 'heading', level: (h[1] as string).length, text: h[2] ?? '' });
        continue;
      }
    }
    if ((c === 0x2d || c === 0x3d || c === 0x2a || c === 0x5f) && RULE.test(line)) {
      // A Setext underline turns the plain line right above into a heading.
      const prev = entries[entries.length - 1];
      const setext = SETEXT.test(line) && prev?.kind === 'line' && !prev.bullet && prev.indent < 4;
      // A dash line under a sentence is a chat answer's separator far more often than a heading.
      if (setext && (line.includes('=') || !/[:：。.!！?？]\s*$/.test(prev.text))) {
        entries[entries.length - 1] = { kind: 'heading', level: line.includes('=') ? 1 : 2, text: prev.text };
      } else entries.push({ kind: 'rule' });
      continue;
    }
    const rest = line.slice(lead.length);
    const b = BULLET.exec(rest);
    if (b) entries.push({ kind: 'line', indent: lead.width, bullet: true, text: rest.slice(b[0].length) });
    else entries.push({ kind: 'line', indent: lead.width, bullet: false, text: rest });
  }
  flush();
  return entries;
}

/**
 * Pasted text as an outline. A single line is one topic; indented lines nest; Markdown headings and
 * lists nest as written; numbered lines nest by numbering; chat preambles and closing remarks are
 * dropped; inline Markdown becomes plain text. `count` tells how many topics a paste would create.
 */
export function parsePastedText(text: string): PastedOutline {
  return buildOutline(textToEntries(text));
}
