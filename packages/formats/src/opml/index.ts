// OPML outlines: `text` (HTML in it turned to plain text) and `_note`, nesting, links (`url`,
// `htmlUrl`), `category` → labels, and folding from the head's `expansionState`. Several
// top-level outlines (feed lists included) hang under a root named from the head title.

import type { MindDoc, Topic, TopicFields, TopicId } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { parseXmlDescribed } from '../freemind/xml-error.ts';
import { LIMITS } from '../limits.ts';
import { baseName, checkInputSize, encodeText } from '../text/decode.ts';
import { htmlToText, looksLikeHtml } from '../text/html.ts';
import { DEFAULT_ROOT_TEXT } from '../text/index.ts';
import { walkOutline } from '../text/outline.ts';
import type { FormatModule, ImportResult, ParseOptions } from '../types.ts';
import { ReportBuilder } from '../types.ts';
import type { XmlElement } from '../xml.ts';
import { childElements, escapeXml, firstChild, textContent } from '../xml.ts';

const FORMAT = 'opml';

function outlineFields(el: XmlElement): TopicFields {
  const a = el.attrs;
  let text = a.text ?? a.title ?? '';
  let href = a.url || a.htmlUrl || a.xmlUrl || undefined;
  if (looksLikeHtml(text)) {
    const rich = htmlToText(text);
    text = rich.text;
    href ??= rich.href;
  }
  const labels = (a.category ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return { text, note: a._note || undefined, href, labels: labels.length ? labels : undefined };
}

export function parseOpml(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  checkInputSize(bytes, FORMAT);
  const { root: opml, errors } = parseXmlDescribed(bytes, { format: FORMAT, lenient: options.lenient });
  if (opml.name !== 'opml')
    throw new ImportError('malformed', `this is not an OPML file: the root element is <${opml.name}>, not <opml>`, FORMAT);
  const report = new ReportBuilder();
  if (errors.length)
    report.add('xml-recovered', () => `the XML was damaged and was read leniently (first problem: ${errors[0]})`, errors.length);
  const head = firstChild(opml, 'head');
  const body = firstChild(opml, 'body');
  if (!body) throw new ImportError('malformed', 'the OPML file has no <body>', FORMAT);
  const headTitle = head ? textContent(firstChild(head, 'title') ?? { name: 'title', attrs: {}, children: [] }).trim() : '';
  const tops = childElements(body, 'outline');
  const single = tops.length === 1 ? (tops[0] as XmlElement) : undefined;
  const title = headTitle || baseName(options.fileName) || DEFAULT_ROOT_TEXT;
  const b = new DocBuilder({ title, rootText: title, idPrefix: 'o' });
  // Frames with a null parent stand for the single top outline, which becomes the root itself.
  type Frame = { el: XmlElement; parent: TopicId | null; depth: number };
  const work: Frame[] = single ? [{ el: single, parent: null, depth: 0 }] : [];
  for (let i = tops.length - 1; !single && i >= 0; i--) work.push({ el: tops[i] as XmlElement, parent: b.rootId, depth: 1 });
  let count = 0;
  while (work.length) {
    const { el, parent, depth } = work.pop() as Frame;
    if (depth > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the outline is nested more than ${LIMITS.maxDepth} levels deep`, FORMAT);
    if (++count > LIMITS.maxTopics) throw new ImportError('too-large', `the outline has more than ${LIMITS.maxTopics} entries`, FORMAT);
    let id = b.rootId;
    if (parent === null) b.update(b.rootId, outlineFields(el));
    else id = b.add(parent, outlineFields(el));
    const kids = childElements(el, 'outline');
    for (let i = kids.length - 1; i >= 0; i--) work.push({ el: kids[i] as XmlElement, parent: id, depth: depth + 1 });
  }
  applyExpansionState(b, head, single !== undefined);
  const doc: MindDoc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: report.build(), format: FORMAT };
}

/**
 * `expansionState` lists the 1-based numbers of the expanded lines, counting only visible lines.
 * Topics with children that are not listed are folded. Without the element, nothing is folded.
 */
function applyExpansionState(b: DocBuilder, head: XmlElement | undefined, rootIsOutline: boolean): void {
  const el = head ? firstChild(head, 'expansionState') : undefined;
  if (!el) return;
  const expanded = new Set(
    textContent(el)
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0),
  );
  let line = 0;
  // Depth-first: lines are counted only while visible; hidden topics with children stay folded,
  // as they show when their ancestor is unfolded in an outliner.
  const stack: { id: TopicId; hidden: boolean }[] = (rootIsOutline ? [b.rootId] : [...b.children(b.rootId)].reverse()).map((id) => ({
    id,
    hidden: false,
  }));
  while (stack.length) {
    const { id, hidden } = stack.pop() as { id: TopicId; hidden: boolean };
    if (!hidden) line++;
    const kids = b.children(id);
    if (!kids.length) continue;
    const open = !hidden && expanded.has(line);
    if (!open) b.update(id, { folded: true });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as TopicId, hidden: !open });
  }
}

const attr = (s: string): string => escapeXml(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * Text that a reader would take for HTML is written as HTML, so that it reads back unchanged:
 * line breaks as `<br>`, and spaces as character references, which HTML does not collapse.
 */
const outlineText = (text: string): string =>
  looksLikeHtml(text)
    ? `<span>${escapeXml(text)
        .replace(/[ \t\u00a0]/g, (c) => `&#${c.charCodeAt(0)};`)
        .replace(/\r?\n/g, '<br>')}</span>`
    : text;

function outlineAttrs(t: Topic): string {
  let s = ` text="${attr(outlineText(t.text))}"`;
  if (t.note) s += ` _note="${attr(t.note)}"`;
  if (t.href) s += ` type="link" url="${attr(t.href)}"`;
  if (t.labels?.length) s += ` category="${attr(t.labels.join(','))}"`;
  return s;
}

export function serializeOpml(doc: MindDoc): Uint8Array {
  const lines: string[] = [];
  const expanded: number[] = [];
  let line = 0;
  let hiddenBelow = Number.POSITIVE_INFINITY; // depth under which lines are inside a folded topic
  const hasKids = new Set<string>();
  for (const t of Object.values(doc.topics)) if (t.parentId !== null && t.summaryId === undefined) hasKids.add(t.parentId);
  walkOutline(doc, {
    enter(t, depth) {
      if (depth <= hiddenBelow) hiddenBelow = Number.POSITIVE_INFINITY;
      if (depth < hiddenBelow) {
        line++;
        if (hasKids.has(t.id)) {
          if (t.folded) hiddenBelow = depth;
          else expanded.push(line);
        }
      }
      lines.push(`${'  '.repeat(depth + 2)}<outline${outlineAttrs(t)}${hasKids.has(t.id) ? '>' : '/>'}`);
    },
    exit(t, depth) {
      if (hasKids.has(t.id)) lines.push(`${'  '.repeat(depth + 2)}</outline>`);
    },
  });
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(doc.title)}</title>`,
    `    <expansionState>${expanded.join(',')}</expansionState>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
  ];
  return encodeText(`${out.join('\n')}\n`);
}

const head = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 2048));

export const opmlFormat: FormatModule = {
  name: 'opml',
  extensions: ['opml'],
  mimeType: 'text/x-opml',
  detect: (bytes, fileName) => /\.opml$/i.test(fileName ?? '') || /<opml[\s>]/.test(head(bytes)),
  parse: parseOpml,
  serialize: serializeOpml,
};
