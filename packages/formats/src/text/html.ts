// HTML fragments stored in text fields (simple-mind-map rich text, OPML `text` written by pandoc)
// turned into plain text. A tolerant scan, not a parser: tags are dropped, block tags become line
// breaks, entities are decoded, and the first link's address is reported.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the common named entities and numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref] ?? m;
  });
}

export const looksLikeHtml = (s: string): boolean => /<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?\/?>/.test(s);

const BLOCK = /^(p|div|br|li|tr|h[1-6]|ul|ol|table|blockquote|pre)$/i;

export interface HtmlText {
  text: string;
  /** The address of the first `<a href>`, if any. */
  href?: string;
}

/**
 * Whitespace that collapses as HTML renders it (NBSP too: editors pad with it). A full-width space
 * (U+3000) or a line separator is text, which `\s` would also have eaten.
 */
export const HTML_SPACE = /[ \t\n\f\r\u00a0]+/g;

/**
 * Spaces written as character references and `<br>` are meant literally (Arbor's OPML writer
 * writes a text's own spaces and line breaks that way): they are held as noncharacters
 * (U+FDD0…, never in text) through the tidy-up below, then put back.
 */
const KEPT: Record<string, string> = { '32': '\ufdd0', x20: '\ufdd0', '9': '\ufdd1', x9: '\ufdd1', '160': '\ufdd2', xa0: '\ufdd2' };
const KEPT_REF = /&#(32|x20|9|x9|160|xa0);/gi;
const BR = '\ufdd3';
const PUT_BACK: Record<string, string> = { '\ufdd0': ' ', '\ufdd1': '\t', '\ufdd2': '\u00a0', [BR]: '\n' };

export function htmlToText(html: string): HtmlText {
  let href: string | undefined;
  let out = '';
  const re = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)\/?>|([^<]+)|</g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [whole, tag, attrs, text] = m;
    if (text !== undefined)
      out += decodeEntities(text.replace(HTML_SPACE, ' ').replace(KEPT_REF, (_, n: string) => KEPT[n.toLowerCase()] as string));
    else if (whole === '<') out += '<';
    else if (tag) {
      if (tag.toLowerCase() === 'br') out += BR;
      else if (BLOCK.test(tag) && !out.endsWith('\n') && out !== '') out += '\n';
      if (tag.toLowerCase() === 'a' && href === undefined && attrs) {
        const h = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
        const value = h?.[1] ?? h?.[2] ?? h?.[3];
        if (value) href = decodeEntities(value);
      }
    }
  }
  const text = out
    .split('\n')
    .map((l) => l.replace(/^[ \u00a0]+|[ \u00a0]+$/g, ''))
    .filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
    .replace(/[\ufdd0-\ufdd3]/g, (c) => PUT_BACK[c] as string);
  return href === undefined ? { text } : { text, href };
}
