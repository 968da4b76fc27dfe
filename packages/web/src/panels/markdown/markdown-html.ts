// The topic panel's note preview: a note's Markdown (CommonMark, parsed by mdast-util-from-markdown)
// rendered to HTML by our own writer, which escapes every text and attribute and writes only what it
// knows: no raw HTML passes through (it shows as text), links are http(s)/mailto only and open in a
// new tab without an opener, images are data: (raster) or https: only.

import type { Definition, Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** Nodes nested deeper than this are written as their plain text (bounded recursion for any input). */
const MAX_DEPTH = 64;
/** Notes longer than this are previewed up to here (the note itself is untouched). */
export const MAX_PREVIEW_CHARS = 1_000_000;

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

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

/** Plain text of a subtree, without recursion. */
function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as Nodes;
    if ('value' in n && typeof n.value === 'string') out += n.value;
    else if (n.type === 'image' || n.type === 'imageReference') out += n.alt ?? '';
    else if (n.type === 'break') out += '\n';
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

const titleAttr = (title: string | null | undefined): string => (title ? ` title="${escapeHtml(title)}"` : '');

class Writer {
  private readonly definitions = new Map<string, Definition>();
  constructor(root: Nodes) {
    const stack: Nodes[] = [root];
    while (stack.length > 0) {
      const n = stack.pop() as Nodes;
      if (n.type === 'definition') {
        if (!this.definitions.has(n.identifier)) this.definitions.set(n.identifier, n);
      } else if ('children' in n) for (const c of n.children) stack.push(c as Nodes);
    }
  }

  children(node: Parents, depth: number, tight = false, sep = ''): string {
    let out = '';
    // Raw HTML at block level shows as a paragraph of text.
    const block = node.type === 'root' || node.type === 'blockquote' || node.type === 'listItem';
    for (const c of node.children) {
      const html = block && c.type === 'html' ? `<p>${escapeHtml(c.value)}</p>` : this.node(c as Nodes, depth + 1, tight);
      if (html === '') continue;
      out += out === '' ? html : sep + html;
    }
    return out;
  }

  node(n: Nodes, depth: number, tight = false): string {
    if (depth > MAX_DEPTH) return escapeHtml(plainText(n));
    switch (n.type) {
      case 'root':
        return this.children(n, depth, false, '\n');
      case 'paragraph':
        return tight ? this.children(n, depth) : `<p>${this.children(n, depth)}</p>`;
      case 'heading':
        return `<h${n.depth}>${this.children(n, depth)}</h${n.depth}>`;
      case 'thematicBreak':
        return '<hr>';
      case 'blockquote':
        return `<blockquote>\n${this.children(n, depth, false, '\n')}\n</blockquote>`;
      case 'list': {
        const tag = n.ordered ? 'ol' : 'ul';
        const start = n.ordered && typeof n.start === 'number' && n.start !== 1 ? ` start="${Math.max(0, Math.floor(n.start))}"` : '';
        const loose = n.spread === true || n.children.some((i) => i.spread === true);
        const items = n.children.map((item) => `<li>${this.children(item, depth + 1, !loose, loose ? '\n' : '')}</li>`).join('\n');
        return `<${tag}${start}>\n${items}\n</${tag}>`;
      }
      case 'listItem':
        return `<li>${this.children(n, depth, false, '\n')}</li>`;
      case 'code': {
        const lang = n.lang && /^[\w+#.-]{1,32}$/.test(n.lang) ? ` class="language-${escapeHtml(n.lang)}"` : '';
        return `<pre><code${lang}>${escapeHtml(n.value)}${n.value ? '\n' : ''}</code></pre>`;
      }
      case 'html':
        // Raw HTML is shown as the text it is, never passed through.
        return escapeHtml(n.value);
      case 'text':
        return escapeHtml(n.value);
      case 'emphasis':
        return `<em>${this.children(n, depth)}</em>`;
      case 'strong':
        return `<strong>${this.children(n, depth)}</strong>`;
      case 'delete':
        return `<del>${this.children(n, depth)}</del>`;
      case 'inlineCode':
        return `<code>${escapeHtml(n.value)}</code>`;
      case 'break':
        return '<br>';
      case 'link':
        return this.link(n.url, n.title, this.children(n, depth));
      case 'linkReference': {
        const d = this.definitions.get(n.identifier);
        return d ? this.link(d.url, d.title, this.children(n, depth)) : this.children(n, depth);
      }
      case 'image':
        return this.image(n.url, n.alt, n.title);
      case 'imageReference': {
        const d = this.definitions.get(n.identifier);
        return d ? this.image(d.url, n.alt, d.title) : escapeHtml(n.alt ?? '');
      }
      case 'definition':
        return '';
      default:
        return 'children' in n ? this.children(n as Parents, depth) : 'value' in n ? escapeHtml(String(n.value)) : '';
    }
  }

  private link(url: string, title: string | null | undefined, inner: string): string {
    const href = safeLinkUrl(url);
    if (!href) return inner;
    return `<a href="${escapeHtml(href)}"${titleAttr(title)} rel="noopener noreferrer" target="_blank">${inner}</a>`;
  }

  private image(url: string, alt: string | null | undefined, title: string | null | undefined): string {
    const src = safeImageUrl(url);
    if (!src) return escapeHtml(alt ?? '');
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt ?? '')}"${titleAttr(title)} loading="lazy" referrerpolicy="no-referrer">`;
  }
}

/**
 * A note's Markdown as HTML that is safe to put into the page: CommonMark structure, every text
 * escaped, raw HTML shown as text, only http(s)/mailto links (rel="noopener noreferrer",
 * target="_blank") and data:/https: images.
 */
export function markdownToSafeHtml(md: string): string {
  const source = md.length > MAX_PREVIEW_CHARS ? md.slice(0, MAX_PREVIEW_CHARS) : md;
  let tree: Nodes;
  try {
    tree = fromMarkdown(source);
  } catch {
    // The parser gave up (pathological input): show the text, escaped, as it is.
    return `<pre>${escapeHtml(source)}</pre>`;
  }
  return new Writer(tree).node(tree, 0);
}
