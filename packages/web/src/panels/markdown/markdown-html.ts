// The topic panel's note preview: a note's Markdown (CommonMark with tables and strike-through,
// parsed by markdown-it) rendered to HTML by our own writer over markdown-it's flat token stream.
// The writer escapes every text and attribute and writes only what it knows: raw HTML is shown as
// text (markdown-it's `html` option is off and the writer never passes markup through), links are
// http(s)/mailto only and open in a new tab without an opener, images are data: (raster) or https:.
// (markdown-it rather than micromark: about five times less CPU on a 20 KB note on this machine.)

import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** Notes longer than this are previewed up to here (the note itself is untouched). */
export const MAX_PREVIEW_CHARS = 1_000_000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A link target the preview may write: http(s) with a host, or mailto. */
export function safeLinkUrl(url: string): string | undefined {
  const u = url.trim();
  if (u === '' || /[\u0000-\u001f\u007f\s]/.test(u)) return undefined;
  if (/^https?:\/\/[^/?#\\]/i.test(u) || /^mailto:[^/\\]/i.test(u)) return u;
  return undefined;
}

/** An image source the preview may write: a raster data URL or https. */
export function safeImageUrl(url: string): string | undefined {
  const u = url.trim();
  if (/^data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=]+$/.test(u)) return u;
  if (/[\u0000-\u001f\u007f\s]/.test(u)) return undefined;
  if (/^https:\/\/[^/?#\\]/i.test(u)) return u;
  return undefined;
}

let parser: MarkdownIt | null = null;
function markdown(): MarkdownIt {
  if (!parser) {
    parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
    // Every link is parsed as a link; the writer decides what may be written (an unsafe link keeps
    // its text instead of showing its Markdown source).
    parser.validateLink = () => true;
  }
  return parser;
}

const titleAttr = (t: Token): string => {
  const title = t.attrGet('title');
  return title ? ` title="${escapeHtml(title)}"` : '';
};

/** Plain text of inline tokens (an image's alt text). */
function plainText(tokens: readonly Token[] | null): string {
  let out = '';
  for (const t of tokens ?? []) {
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'image') out += plainText(t.children);
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' ';
  }
  return out;
}

function renderInline(tokens: readonly Token[]): string {
  let out = '';
  const links: boolean[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        out += escapeHtml(t.content);
        break;
      case 'softbreak':
        out += '\n';
        break;
      case 'hardbreak':
        out += '<br>\n';
        break;
      case 'code_inline':
        out += `<code>${escapeHtml(t.content)}</code>`;
        break;
      case 'strong_open':
        out += '<strong>';
        break;
      case 'strong_close':
        out += '</strong>';
        break;
      case 'em_open':
        out += '<em>';
        break;
      case 'em_close':
        out += '</em>';
        break;
      case 's_open':
        out += '<del>';
        break;
      case 's_close':
        out += '</del>';
        break;
      case 'link_open': {
        const href = safeLinkUrl(t.attrGet('href') ?? '');
        links.push(href !== undefined);
        if (href) out += `<a href="${escapeHtml(href)}"${titleAttr(t)} rel="noopener noreferrer" target="_blank">`;
        break;
      }
      case 'link_close':
        if (links.pop()) out += '</a>';
        break;
      case 'image': {
        const alt = plainText(t.children);
        const src = safeImageUrl(t.attrGet('src') ?? '');
        out += src
          ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${titleAttr(t)} loading="lazy" referrerpolicy="no-referrer">`
          : escapeHtml(alt);
        break;
      }
      default:
        // html_inline (never produced with html off) and anything unknown: its source, as text.
        out += escapeHtml(t.content);
    }
  }
  return out;
}

const BLOCK_TAGS: Record<string, string> = {
  blockquote_open: '<blockquote>\n',
  blockquote_close: '</blockquote>\n',
  bullet_list_open: '<ul>\n',
  bullet_list_close: '</ul>\n',
  ordered_list_close: '</ol>\n',
  list_item_close: '</li>\n',
  table_open: '<table>\n',
  table_close: '</table>\n',
  thead_open: '<thead>\n',
  thead_close: '</thead>\n',
  tbody_open: '<tbody>\n',
  tbody_close: '</tbody>\n',
  tr_open: '<tr>\n',
  tr_close: '</tr>\n',
  th_open: '<th>',
  th_close: '</th>\n',
  td_open: '<td>',
  td_close: '</td>\n',
  hr: '<hr>\n',
};

function renderBlocks(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    const fixed = BLOCK_TAGS[t.type];
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    switch (t.type) {
      case 'paragraph_open':
        if (!t.hidden) out += '<p>';
        break;
      case 'paragraph_close':
        out += t.hidden ? '' : '</p>\n';
        break;
      case 'heading_open':
      case 'heading_close': {
        const tag = /^h[1-6]$/.test(t.tag) ? t.tag : 'p';
        out += t.type === 'heading_open' ? `<${tag}>` : `</${tag}>\n`;
        break;
      }
      case 'ordered_list_open': {
        const start = Number(t.attrGet('start') ?? 1);
        out += Number.isSafeInteger(start) && start !== 1 && start >= 0 ? `<ol start="${start}">\n` : '<ol>\n';
        break;
      }
      case 'list_item_open':
        out += '<li>';
        break;
      case 'inline':
        out += renderInline(t.children ?? []);
        break;
      case 'code_block':
      case 'fence': {
        const lang = t.type === 'fence' ? (t.info.trim().split(/\s+/)[0] ?? '') : '';
        const cls = /^[\w+#.-]{1,32}$/.test(lang) ? ` class="language-${escapeHtml(lang)}"` : '';
        out += `<pre><code${cls}>${escapeHtml(t.content)}</code></pre>\n`;
        break;
      }
      default:
        // html_block (never produced with html off) and anything unknown: its source, as text.
        if (t.content) out += `<p>${escapeHtml(t.content)}</p>\n`;
    }
  }
  return out;
}

/**
 * A note's Markdown as HTML that is safe to put into the page: CommonMark structure (plus tables
 * and ~~strike-through~~), every text escaped, raw HTML shown as text, only http(s)/mailto links
 * (rel="noopener noreferrer", target="_blank") and data:/https: images.
 */
export function markdownToSafeHtml(md: string): string {
  const source = md.length > MAX_PREVIEW_CHARS ? md.slice(0, MAX_PREVIEW_CHARS) : md;
  let tokens: Token[];
  try {
    tokens = markdown().parse(source, {});
  } catch {
    // The parser gave up (pathological input): show the text, escaped, as it is.
    return `<pre>${escapeHtml(source)}</pre>`;
  }
  return renderBlocks(tokens).replace(/\n$/, '');
}
