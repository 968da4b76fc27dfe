// FreeMind/Freeplane rich content (an XHTML document inside `richcontent`) turned into plain text:
// block elements become lines, list items get a bullet, whitespace collapses as HTML renders it.
// Also collects the first image and link, which can become the topic's image and href.

import { HTML_SPACE } from '../text/html.ts';
import type { XmlElement, XmlNode } from '../xml.ts';
import { localName } from '../xml.ts';

export interface RichText {
  text: string;
  images: string[];
  links: string[];
}

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'table',
  'body',
  'dt',
  'dd',
]);
const SKIPPED = new Set(['head', 'style', 'script', 'title']);

export function xhtmlToText(el: XmlElement): RichText {
  const lines: string[] = [];
  const images: string[] = [];
  const links: string[] = [];
  let cur = '';
  const flush = (keepEmpty: boolean) => {
    const t = cur.replace(HTML_SPACE, ' ').replace(/^ | $/g, '');
    if (t !== '' || keepEmpty) lines.push(t);
    cur = '';
  };
  const visit = (node: XmlNode, listKind: string | undefined, counter: { n: number }) => {
    if (typeof node === 'string') {
      cur += node;
      return;
    }
    const name = localName(node.name).toLowerCase();
    if (SKIPPED.has(name)) return;
    if (name === 'br') {
      flush(true);
      return;
    }
    if (name === 'img') {
      const src = node.attrs.src ?? node.attrs['xhtml:src'];
      if (src) images.push(src);
      return;
    }
    if (name === 'a' && node.attrs.href) links.push(node.attrs.href);
    if (name === 'td' || name === 'th') {
      if (cur.trim() !== '') cur += ' | ';
    }
    const block = BLOCKS.has(name);
    if (block) flush(false);
    const linesBefore = lines.length;
    let kids = listKind;
    let kidCounter = counter;
    if (name === 'ul' || name === 'ol') {
      kids = name;
      kidCounter = { n: 0 };
    }
    if (name === 'li') cur = listKind === 'ol' ? `${++counter.n}. ` : '• ';
    for (const c of node.children) visit(c, kids, kidCounter);
    // An empty paragraph is a deliberate blank line.
    if (block) flush(name === 'p' && lines.length === linesBefore);
  };
  visit(el, undefined, { n: 0 });
  flush(false);
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n'), images, links };
}
