// Markdown split into the blocks an outline cares about: headings, list items, and note material
// (paragraphs, quotes, tables, code). Code fences are tracked exactly (a fence closes only with a
// fence of the same character at least as long), so nothing inside one ever becomes a topic.
// Front matter, markmap option blocks and Hexo `{% markmap %}` tags are skipped.

import { splitLines } from '../text/decode.ts';

export type Block =
  | { kind: 'heading'; level: number; text: string; line: number }
  | { kind: 'item'; indent: number; text: string; line: number }
  /** `verbatim`: a quote or code block, whose text is never read as topics or images. */
  | { kind: 'note'; indent: number; text: string; lazy: boolean; verbatim: boolean; line: number }
  | { kind: 'blank'; line: number };

const TAB = 4;
// Lines are split at \n and \r only, so one may hold U+2028 or U+2029 (not Markdown line ends):
// patterns that read a line's text take the `s` flag, under which `.` matches them too.
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/s;
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/s;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)/s;
const THEMATIC = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const QUOTE = /^[ \t]*>[ ]?(.*)$/s;
const HEXO_TAG = /^[ \t]*\{%.*%\}[ \t]*$/s;

function width(ws: string): number {
  let w = 0;
  for (const c of ws) w = c === '\t' ? (Math.floor(w / TAB) + 1) * TAB : w + 1;
  return w;
}

export interface Tokenized {
  blocks: Block[];
  /** `title:` of the YAML front matter, if any. */
  frontTitle?: string;
}

export function tokenize(source: string, format: string): Tokenized {
  const lines = splitLines(source, format);
  const blocks: Block[] = [];
  let frontTitle: string | undefined;
  let i = 0;
  const skipYaml = (start: number): number => {
    for (let j = start + 1; j < lines.length; j++) {
      const l = lines[j] as string;
      if (/^(---|\.\.\.)\s*$/.test(l)) return j + 1;
      const t = /^title:\s*(.+?)\s*$/s.exec(l);
      if (t && start === 0) frontTitle = (t[1] as string).replace(/^(['"])(.*)\1$/, '$2');
    }
    return start; // no closing line: not front matter after all
  };
  if (/^---\s*$/.test(lines[0] ?? '')) {
    const end = skipYaml(0);
    if (end > 0) i = end;
  }
  let prev: Block | undefined; // last non-blank block, for lazy continuations and setext headings
  let blankSince = true;
  const push = (b: Block) => {
    blocks.push(b);
    if (b.kind === 'blank') blankSince = true;
    else {
      prev = b;
      blankSince = false;
    }
  };
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]?.startsWith('`') && fence[2]?.includes('`'))) {
      // Everything up to the closing fence is one note block, kept verbatim.
      const mark = fence[1] as string;
      const close = new RegExp(`^[ \\t]*${mark[0] === '`' ? '`' : '~'}{${mark.length},}[ \\t]*$`);
      const body = [line.trim()];
      let j = i + 1;
      for (; j < lines.length && !close.test(lines[j] as string); j++) body.push(lines[j] as string);
      if (j < lines.length) body.push((lines[j] as string).trim());
      push({ kind: 'note', indent: width(/^[ \t]*/.exec(line)?.[0] ?? ''), text: body.join('\n'), lazy: false, verbatim: true, line: i });
      i = j;
      continue;
    }
    if (/^\s*$/.test(line)) {
      if (blocks[blocks.length - 1]?.kind !== 'blank') push({ kind: 'blank', line: i });
      continue;
    }
    if (HEXO_TAG.test(line)) {
      // `{% markmap %}` may be followed by a YAML block of options.
      let j = i + 1;
      while (j < lines.length && /^\s*$/.test(lines[j] as string)) j++;
      if (/^\{%\s*markmap\b/.test(line.trim()) && /^---\s*$/.test(lines[j] ?? '')) {
        const end = skipYaml(j);
        if (end > j) i = end - 1;
      }
      continue;
    }
    if (/^\s*<!--/.test(line) && !/-->/.test(line.slice(line.indexOf('<!--')))) {
      while (i < lines.length && !/-->/.test(lines[i] as string)) i++; // multi-line comment
      continue;
    }
    if (/^\s*<!--.*-->\s*$/s.test(line)) continue;
    const atx = ATX.exec(line);
    if (atx) {
      push({ kind: 'heading', level: (atx[1] as string).length, text: atx[2] ?? '', line: i });
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && prev?.kind === 'note' && !blankSince && prev.indent < 4 && !prev.lazy && !prev.verbatim) {
      // The paragraph above was a setext heading.
      blocks.pop();
      push({ kind: 'heading', level: (setext[1] as string)[0] === '=' ? 1 : 2, text: prev.text, line: prev.line });
      continue;
    }
    if (THEMATIC.test(line)) {
      blankSince = true;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      push({ kind: 'item', indent: width(item[1] as string), text: item[3] ?? '', line: i });
      continue;
    }
    const quote = QUOTE.exec(line);
    const ws = width(/^[ \t]*/.exec(line)?.[0] ?? '');
    const lazy = !blankSince && (prev?.kind === 'item' || (prev?.kind === 'note' && prev.lazy));
    push({ kind: 'note', indent: ws, text: quote ? (quote[1] as string) : line.trim(), lazy, verbatim: !!quote, line: i });
  }
  return frontTitle === undefined ? { blocks } : { blocks, frontTitle };
}
