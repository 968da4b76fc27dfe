// Markdown read by a CommonMark parser (markdown-it, with GFM tables and strikethrough) into a small
// block tree with line ranges. Shared by the Markdown format and docmap's Markdown reader: both need
// the same notion of what a heading, a list item, code and HTML are, and where each block sits in
// the source. markdown-it was chosen over micromark for speed: 民法典 (110,000 characters) parses in
// about 15 ms against about 150 ms (ADR-worthy numbers are printed by `npm run bench -- cli`).
//
// Before parsing, the lines that are metadata and not content are masked with spaces (offsets stay
// the same): YAML front matter, Hexo/Jekyll tags on a line of their own (`{% markmap %}`) and the
// YAML options block that may follow `{% markmap %}`. Lines inside code fences are never masked.

import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { ImportError } from '../errors.ts';

export type { Token };

/** Deepest nesting of block quotes and lists read; deeper input is refused (markdown-it would drop it). */
export const MAX_MARKDOWN_NESTING = 500;

export type BlockType = 'root' | 'heading' | 'paragraph' | 'list' | 'item' | 'blockquote' | 'code' | 'html' | 'table' | 'hr';

export interface MdBlock {
  type: BlockType;
  /** Lines [from, to) of the source (0-based). */
  from: number;
  to: number;
  /** Heading level 1–6. */
  level?: number;
  /** Inline tokens of a heading or paragraph (after a leading task box). */
  inline?: Token[];
  /** A leading `[ ]` / `[x]` of a heading or paragraph, written as such (not escaped). */
  task?: { done: boolean };
  /** Text of code and HTML blocks; for code, without the fences. */
  content?: string;
  /** Fence info string of fenced code. */
  info?: string;
  /** Ordered list. */
  ordered?: boolean;
  /** A paragraph of a tight list item (no blank lines around it). */
  tight?: boolean;
  /** Table rows, each a list of cells' inline tokens (the header row first). */
  rows?: Token[][][];
  children: MdBlock[];
}

export interface MarkdownAst {
  /** The source with metadata lines masked by spaces (same length and offsets as the input). */
  source: string;
  root: MdBlock;
  /** Offset of the start of each line in `source`, plus one past the end. */
  lineStarts: number[];
  /** `title:` of the YAML front matter, if any. */
  frontTitle?: string;
}

const TASK = /^\[([ xX])\](?:[ \t]+|$)/;
const TEMPLATE_TAG = /^[ \t]*\{%.*%\}[ \t]*$/s;
const YAML_FENCE = /^---[ \t]*$/;
const YAML_END = /^(?:---|\.\.\.)[ \t]*$/;
const CODE_FENCE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/s;
const MAX_LINES = 10_000_000;

/** Start offsets of the lines of `text` (line ends: `\r\n`, `\r`, `\n`), plus `text.length + 1`. */
export function lineStartsOf(text: string, format = 'markdown'): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    starts.push(m.index + m[0].length);
    if (starts.length > MAX_LINES)
      throw new ImportError('too-large', `the file has more than ${MAX_LINES.toLocaleString('en')} lines`, format);
  }
  starts.push(text.length + 1);
  return starts;
}

/** End of line `i`'s text (before its line break). */
export function lineEnd(text: string, starts: readonly number[], i: number): number {
  let end = (starts[i + 1] as number) - 1;
  if (end > text.length) end = text.length;
  else if (text[end - 1] === '\r' && text[end] === '\n') end--;
  return end;
}

/**
 * Masks front matter, template tags and markmap option blocks with spaces; returns the masked text
 * and the front matter's title.
 */
export function maskMetadata(text: string, format = 'markdown'): { text: string; frontTitle?: string; lineStarts: number[] } {
  const starts = lineStartsOf(text, format);
  const count = starts.length - 1;
  const raw = (i: number): string => text.slice(starts[i], lineEnd(text, starts, i));
  const masked: [number, number][] = []; // line ranges [from, to)
  let frontTitle: string | undefined;
  const yamlBlock = (from: number): number => {
    if (from >= count || !YAML_FENCE.test(raw(from))) return -1;
    for (let j = from + 1; j < count; j++) if (YAML_END.test(raw(j))) return j + 1;
    return -1;
  };
  let i = 0;
  const front = yamlBlock(0);
  if (front > 0) {
    for (let j = 1; j < front - 1; j++) {
      const t = /^title:[ \t]*(.+?)[ \t]*$/s.exec(raw(j));
      if (t) frontTitle = (t[1] as string).replace(/^(['"])(.*)\1$/s, '$2');
    }
    masked.push([0, front]);
    i = front;
  }
  let fence: { char: string; length: number } | undefined;
  for (; i < count; i++) {
    const line = raw(i);
    const f = CODE_FENCE.exec(line);
    if (fence) {
      if (f && (f[1] as string)[0] === fence.char && (f[1] as string).length >= fence.length && !(f[2] as string).trim()) fence = undefined;
      continue;
    }
    if (f && !((f[1] as string)[0] === '`' && (f[2] as string).includes('`'))) {
      fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
      continue;
    }
    if (!TEMPLATE_TAG.test(line)) continue;
    let end = i + 1;
    if (/^[ \t]*\{%\s*markmap\b/.test(line)) {
      let j = i + 1;
      while (j < count && !raw(j).trim()) j++;
      const options = yamlBlock(j);
      if (options > 0) end = options;
    }
    masked.push([i, end]);
    i = end - 1;
  }
  const result = (t: string) => (frontTitle === undefined ? { text: t, lineStarts: starts } : { text: t, frontTitle, lineStarts: starts });
  if (!masked.length) return result(text);
  let out = '';
  let pos = 0;
  for (const [from, to] of masked) {
    const a = starts[from] as number;
    const b = lineEnd(text, starts, to - 1);
    out += text.slice(pos, a) + text.slice(a, b).replace(/[^\r\n]/g, ' ');
    pos = b;
  }
  out += text.slice(pos);
  return result(out);
}

const tooDeep = (format: string) =>
  new ImportError('too-deep', `the outline is nested more than ${MAX_MARKDOWN_NESTING} levels deep`, format);

/**
 * Refuses input nested deeper than the limit before the parser sees it: block quote markers, list
 * markers followed by a space, and list indentation at the start of a line (each list level indents
 * by at least two columns).
 */
function checkNesting(text: string, format: string): void {
  const re = /^[ \t>*+-]{256,}/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prefix = m[0];
    let levels = 0;
    let width = 0;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix[i];
      if (c === '>') levels++;
      else if (c === ' ') width++;
      else if (c === '\t') width += 4;
      else if (prefix[i + 1] === ' ' || prefix[i + 1] === '\t') levels++;
      else break; // `**`, `--`…: text, not markers
    }
    if (levels + width / 2 > MAX_MARKDOWN_NESTING) throw tooDeep(format);
  }
}

/** Token levels: a list level takes two (list, item), a quote one, plus a paragraph and emphasis. */
const TOKEN_NESTING = 2 * MAX_MARKDOWN_NESTING + 8;
let parser: MarkdownIt | undefined;

/** Characters that may start inline markup (a hard break is two spaces or a backslash before a line end). */
const INLINE_MARKUP = /[\\`*_[\]<>!&~]| {2}\n/;

/** Most `[` one paragraph may hold before it is read as plain text (link labels cost O(n²) time to look for). */
const MAX_BRACKETS = 2000;

function tooManyBrackets(content: string): boolean {
  if (content.length < MAX_BRACKETS) return false;
  let n = 0;
  for (let i = content.indexOf('['); i >= 0; i = content.indexOf('[', i + 1)) if (++n > MAX_BRACKETS) return true;
  return false;
}

/**
 * The inline tokens of a heading's or paragraph's content: parsed by markdown-it when it holds a
 * character that may start markup, else made directly (text and soft breaks), which gives the same
 * tokens for a fraction of the work. A paragraph of thousands of `[` (hostile input) is read as text.
 */
function inlineTokens(md: MarkdownIt, content: string, env: object): Token[] {
  if (INLINE_MARKUP.test(content) && !tooManyBrackets(content)) {
    const tokens: Token[] = [];
    md.inline.parse(content, md, env, tokens);
    return tokens;
  }
  const TokenClass = md.core.State.prototype.Token;
  const out: Token[] = [];
  const lines = content.split('\n');
  lines.forEach((line, i) => {
    // The parser drops spaces before a soft break and spaces and tabs after it.
    let text = i < lines.length - 1 ? line.replace(/ +$/, '') : line;
    if (i > 0) text = text.replace(/^[ \t]+/, '');
    if (text) {
      const t = new TokenClass('text', '', 0);
      t.content = text;
      out.push(t);
    }
    if (i < lines.length - 1) out.push(new TokenClass('softbreak', 'br', 0));
  });
  return out;
}

/** CommonMark with GFM tables and strikethrough; link addresses kept as written; escapes kept apart. */
function markdownIt(): MarkdownIt {
  if (parser) return parser;
  const md = new MarkdownIt('commonmark', { html: true });
  // Not in the typings, but an option of the parser: how deep block and inline rules may nest.
  Object.assign(md.options, { maxNesting: TOKEN_NESTING });
  md.enable(['table', 'strikethrough']);
  // Escapes and entities stay `text_special` tokens, so literal text can be told from escaped text.
  md.core.ruler.disable('text_join');
  // Inline content is parsed block by block (see `inlineTokens`): most paragraphs of a document
  // have no markup at all.
  md.core.ruler.disable('inline');
  // A map keeps addresses as they were written (no percent-encoding, no punycode, any scheme).
  md.normalizeLink = (url: string) => url;
  md.normalizeLinkText = (url: string) => url;
  md.validateLink = () => true;
  parser = md;
  return md;
}

const CONTAINERS: Record<string, BlockType> = {
  heading_open: 'heading',
  paragraph_open: 'paragraph',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  list_item_open: 'item',
  blockquote_open: 'blockquote',
  table_open: 'table',
};

/** Parses Markdown into blocks with line ranges. */
export function parseMarkdownAst(input: string, format = 'markdown'): MarkdownAst {
  checkNesting(input, format);
  const { text: source, frontTitle, lineStarts } = maskMetadata(input, format);
  const md = markdownIt();
  const env = {};
  let tokens: Token[];
  try {
    tokens = md.parse(source, env);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(format);
    throw e;
  }
  const lineCount = lineStarts.length - 1;
  const root: MdBlock = { type: 'root', from: 0, to: lineCount, children: [] };
  const stack: MdBlock[] = [root];
  let table = 0; // inside a table (they do not nest), tokens belong to it
  for (const t of tokens) {
    // markdown-it stops reading (and drops the rest) at its nesting limit.
    if (t.level >= TOKEN_NESTING - 1) throw tooDeep(format);
    const top = stack[stack.length - 1] as MdBlock;
    const [from, to] = t.map ?? [top.from, top.from];
    if (table) {
      if (t.type === 'table_close') {
        table = 0;
        stack.pop();
      } else if (t.type === 'tr_open') top.rows?.push([]);
      else if (t.type === 'inline') top.rows?.[top.rows.length - 1]?.push(inlineTokens(md, t.content, env));
      continue;
    }
    const type = CONTAINERS[t.type];
    if (type) {
      const block: MdBlock = { type, from, to, children: [] };
      if (type === 'heading') block.level = Number(t.tag.slice(1));
      if (t.type === 'ordered_list_open') block.ordered = true;
      if (type === 'paragraph' && t.hidden) block.tight = true;
      top.children.push(block);
      stack.push(block);
      if (type === 'table') {
        table = 1;
        block.rows = [];
      }
    } else if (t.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (t.type === 'inline') {
      // A task box is read from the source, before links: `[x]` must not resolve to a definition `[x]: …`.
      const box = TASK.exec(t.content);
      if (box) top.task = { done: box[1] !== ' ' };
      top.inline = inlineTokens(md, box ? t.content.slice(box[0].length) : t.content, env);
    } else if (t.type === 'fence' || t.type === 'code_block')
      top.children.push({ type: 'code', from, to, content: t.content, info: t.info, children: [] });
    else if (t.type === 'html_block') top.children.push({ type: 'html', from, to, content: t.content, children: [] });
    else if (t.type === 'hr') top.children.push({ type: 'hr', from, to, children: [] });
  }
  return frontTitle === undefined ? { source, root, lineStarts } : { source, root, lineStarts, frontTitle };
}

/** What the inline content of a heading or list item holds for a topic. */
export interface InlineContent {
  text: string;
  href?: string;
  image?: { src: string; alt?: string };
  task?: { done: boolean };
  folded?: boolean;
}

const FOLD = /^<!--\s*markmap:\s*fold\s*-->$/;

/** Element names of HTML (and the SVG/MathML roots): only these tags are markup to drop. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code col colgroup ' +
    'data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head ' +
    'header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu meta meter nav noscript object ol ' +
    'optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot small source span ' +
    'strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
);
const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/;

/** Whether a tag (`<b>`, `</span>`) names an HTML element, rather than a placeholder like `<user>`. */
export const isHtmlElementTag = (tag: string): boolean => HTML_ELEMENTS.has(TAG_NAME.exec(tag)?.[1]?.toLowerCase() ?? '');
const BREAK_TAG = /^<br\s*\/?>$/i;
const HIGHLIGHT = /==(?=\S)([\s\S]*?\S)==/g;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The text of inline content: emphasis, strikethrough and (unescaped) `==highlight==` markers
 * dropped, code spans kept exactly, `<br>` and hard breaks as line breaks, soft line breaks as a
 * space (nothing between two CJK characters), comments dropped (`<!-- markmap: fold -->` folds),
 * any other inline HTML kept as written, link labels kept and the first link's address taken as
 * href, the first image taken as image. (A leading task box was taken off by `parseMarkdownAst`.)
 */
export interface InlineOptions {
  /** `take` (default): the first image is the topic's image; `text`: every image reads as its alt text. */
  images?: 'take' | 'text';
  /**
   * `keep` (default): inline HTML other than `<br>` and comments stays text; `drop`: tags of HTML
   * elements are removed (placeholders such as `<user>` stay text).
   */
  html?: 'keep' | 'drop';
}

/** The inline tokens of one line of Markdown (for texts that are known to be inline content). */
export function parseInlineTokens(text: string): Token[] {
  return inlineTokens(markdownIt(), text.trim(), {});
}

export function inlineContent(tokens: readonly Token[], options: InlineOptions = {}): InlineContent {
  const out: InlineContent = { text: '' };
  let text = '';
  /** Spaces written literally at the end of the text so far (dropped before a comment). */
  let literalTrail = 0;
  let afterImage = false;
  let softBreak = false;
  const append = (s: string) => {
    if (softBreak) {
      const prev = text.slice(-1);
      if (s && !(CJK.test(prev) && CJK.test(s[0] as string))) text += ' ';
      softBreak = false;
    }
    text += s;
  };
  for (const t of tokens) {
    const leadingImage = t.type === 'image' && text === '' && !out.image;
    let trail = 0;
    switch (t.type) {
      case 'text': {
        let value = t.content;
        if (value.includes('==')) value = value.replace(HIGHLIGHT, '$1');
        // Written as `![alt](src) text`: the one space after a leading image separates them.
        if (afterImage && value.startsWith(' ')) value = value.slice(1);
        append(value);
        trail = /[ \t]*$/.exec(value)?.[0].length ?? 0;
        break;
      }
      case 'text_special':
      case 'code_inline':
        append(t.content);
        break;
      case 'softbreak':
        softBreak = text !== '';
        break;
      case 'hardbreak':
        append('\n');
        break;
      case 'html_inline':
        if (BREAK_TAG.test(t.content)) append('\n');
        else if (t.content.startsWith('<!--')) {
          if (FOLD.test(t.content)) out.folded = true;
          text = text.slice(0, text.length - literalTrail);
        } else if (options.html !== 'drop' || !isHtmlElementTag(t.content)) append(t.content);
        break;
      case 'link_open': {
        const href = t.attrGet('href');
        if (out.href === undefined && href !== null) out.href = href;
        break;
      }
      case 'image': {
        const src = t.attrGet('src') ?? '';
        const alt = plainText(t.children ?? []);
        if (!out.image && options.images !== 'text') out.image = alt ? { src, alt } : { src };
        else append(alt);
        break;
      }
      default:
        break; // emphasis, strikethrough and link closings carry no text
    }
    literalTrail = trail;
    afterImage = leadingImage;
  }
  out.text = text;
  if (out.image && !out.text.trim()) out.text = out.image.alt ?? '';
  return out;
}

/** The plain text of inline tokens (an image's alt text). */
export function plainText(tokens: readonly Token[]): string {
  let s = '';
  for (const t of tokens)
    if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline') s += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') s += ' ';
    else if (t.type === 'image') s += plainText(t.children ?? []);
  return s;
}

/** The source of lines [from, to) of a block. */
export function linesOf(ast: MarkdownAst, from: number, to: number): string[] {
  const lines: string[] = [];
  for (let i = from; i < to && i < ast.lineStarts.length - 1; i++)
    lines.push(ast.source.slice(ast.lineStarts[i], lineEnd(ast.source, ast.lineStarts, i)));
  return lines;
}
