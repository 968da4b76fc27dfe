// FreeMind / Freeplane `.mm` reader: the nested `node` tree with rich text, notes and details,
// icons, links (internal `#ID` links become topic links), folding, sides, attributes and tags,
// clouds, arrow links, Freeplane summary and free nodes.

import type { MindDoc, Topic, TopicFields, TopicId, TopicStyle } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { freemindIconToArbor } from '../markers.ts';
import { baseName, checkInputSize } from '../text/decode.ts';
import type { ImportResult, ParseOptions } from '../types.ts';
import { ReportBuilder } from '../types.ts';
import type { XmlElement } from '../xml.ts';
import { childElements, textContent } from '../xml.ts';
import { xhtmlToText } from './xhtml.ts';
import { parseXmlDescribed } from './xml-error.ts';

const FORMAT = 'freemind';

interface PendingArrow {
  from: TopicId;
  to: string;
  el: XmlElement;
}

const hookNames = (el: XmlElement): Set<string> => new Set(childElements(el, 'hook').map((h) => h.attrs.NAME ?? ''));

/** Text of a `richcontent` element: an XHTML document, or plain text in newer Freeplane files. */
function richText(el: XmlElement): { text: string; images: string[]; links: string[] } {
  const html = childElements(el).find((c) => c.name.toLowerCase().endsWith('html'));
  if (html) return xhtmlToText(html);
  return { text: textContent(el).trim(), images: [], links: [] };
}

function styleOf(node: XmlElement): TopicStyle | undefined {
  const font = childElements(node, 'font')[0];
  const style: TopicStyle = {};
  if (node.attrs.COLOR) style.color = node.attrs.COLOR;
  if (node.attrs.BACKGROUND_COLOR) style.fill = node.attrs.BACKGROUND_COLOR;
  if (font?.attrs.BOLD === 'true') style.bold = true;
  if (font?.attrs.ITALIC === 'true') style.italic = true;
  const size = Number(font?.attrs.SIZE);
  if (size > 0 && size < 200) style.fontSize = size;
  return Object.keys(style).length ? style : undefined;
}

/** The Arbor fields of one `node` element (children and cross references handled elsewhere). */
function topicFields(node: XmlElement, isRootChild: boolean, report: ReportBuilder): TopicFields {
  let text = (node.attrs.TEXT ?? node.attrs.LOCALIZED_TEXT ?? '').trim();
  let href = node.attrs.LINK || undefined;
  let image: string | undefined;
  const noteParts: string[] = [];
  for (const rc of childElements(node, 'richcontent')) {
    const type = (rc.attrs.TYPE ?? '').toUpperCase();
    const rich = richText(rc);
    if (type === 'NODE') {
      text = rich.text;
      image ??= rich.images[0];
      href ??= rich.links[0];
    } else if ((type === 'DETAILS' || type === 'NOTE') && rich.text) noteParts.push(rich.text);
  }
  const markers: string[] = [];
  for (const icon of childElements(node, 'icon')) {
    const m = freemindIconToArbor(icon.attrs.BUILTIN ?? '');
    if (m && !markers.includes(m)) markers.push(m);
    else if (!m) report.add('icon-dropped', (n) => `${n} FreeMind icons without an Arbor marker not carried over`);
  }
  const labels: string[] = [];
  for (const a of childElements(node, 'attribute')) {
    const name = a.attrs.NAME ?? '';
    const value = a.attrs.VALUE ?? '';
    labels.push(value === '' ? name : `${name}: ${value}`);
  }
  for (const tag of (node.attrs.TAGS ?? '').split('\n')) if (tag.trim()) labels.push(tag.trim());
  for (const hook of childElements(node, 'hook')) if (hook.attrs.NAME === 'ExternalObject' && hook.attrs.URI) image ??= hook.attrs.URI;
  if (image && !/^(https?:|data:)/i.test(image))
    report.add('image-external', (n) => `${n} images refer to files outside the map and may not show`);
  const position = node.attrs.POSITION;
  return {
    text,
    note: noteParts.length ? noteParts.join('\n\n') : undefined,
    href,
    image: image ? { src: image } : undefined,
    markers: markers.length ? markers : undefined,
    labels: labels.length ? labels : undefined,
    folded: node.attrs.FOLDED === 'true' ? true : undefined,
    side: isRootChild && (position === 'left' || position === 'right') ? position : undefined,
    style: styleOf(node),
  };
}

export function parseFreemind(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  checkInputSize(bytes, FORMAT);
  const { root: map, errors } = parseXmlDescribed(bytes, { format: FORMAT, lenient: options.lenient });
  if (map.name !== 'map')
    throw new ImportError('malformed', `this is not a FreeMind map: the root element is <${map.name}>, not <map>`, FORMAT);
  const rootNode = childElements(map, 'node')[0];
  if (!rootNode) throw new ImportError('malformed', 'the FreeMind map has no root node', FORMAT);
  const report = new ReportBuilder();
  if (errors.length)
    report.add(
      'xml-recovered',
      () => `the XML was damaged and was read leniently (${errors.length} problem(s), first: ${errors[0]})`,
      errors.length,
    );

  const rootFields = topicFields(rootNode, false, report);
  const title = rootFields.text || baseName(options.fileName);
  const b = new DocBuilder({ title, rootText: title, id: 'doc', idPrefix: 'mm' });
  const byMmId = new Map<string, TopicId>();
  const arrows: PendingArrow[] = [];
  let count = 0;
  const stack: { el: XmlElement; id: TopicId; depth: number }[] = [{ el: rootNode, id: b.rootId, depth: 0 }];
  while (stack.length) {
    const { el, id, depth } = stack.pop() as { el: XmlElement; id: TopicId; depth: number };
    if (depth > LIMITS.maxDepth) throw new ImportError('too-deep', `the map is nested more than ${LIMITS.maxDepth} levels deep`, FORMAT);
    if (++count > LIMITS.maxTopics) throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, FORMAT);
    if (el.attrs.ID) byMmId.set(el.attrs.ID, id);
    if (id === b.rootId) b.update(id, rootFields);
    for (const a of childElements(el, 'arrowlink')) if (a.attrs.DESTINATION) arrows.push({ from: id, to: a.attrs.DESTINATION, el: a });
    const kids = addChildren(b, el, id, report);
    if (childElements(el, 'cloud').length) {
      const parent = b.get(id)?.parentId;
      if (parent) b.addBoundary({ parentId: parent, fromId: id, toId: id, style: cloudStyle(childElements(el, 'cloud')[0] as XmlElement) });
      else report.add('cloud-dropped', (n) => `${n} clouds around the central topic not carried over`);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ ...(kids[i] as { el: XmlElement; id: TopicId }), depth: depth + 1 });
  }
  resolveLinks(b, byMmId, report);
  for (const { from, to, el } of arrows) {
    const target = byMmId.get(to);
    if (!target) {
      report.add('arrow-dropped', (n) => `${n} arrow links to missing nodes dropped`);
      continue;
    }
    const label = el.attrs.MIDDLE_LABEL || el.attrs.SOURCE_LABEL || el.attrs.TARGET_LABEL || undefined;
    const arrow = (v: string | undefined) => (v === undefined ? undefined : v.toUpperCase() !== 'NONE');
    const style = {
      color: el.attrs.COLOR || undefined,
      dashed: el.attrs.DASH ? true : undefined,
      arrowStart: arrow(el.attrs.STARTARROW),
      arrowEnd: arrow(el.attrs.ENDARROW),
    };
    const start = inclination(el.attrs.STARTINCLINATION);
    const end = inclination(el.attrs.ENDINCLINATION);
    b.addRelationship({ from, to: target, label, style, controlPoints: start && end ? [start, end] : undefined });
  }
  const doc: MindDoc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: report.build(), format: FORMAT };
}

/** `STARTINCLINATION="55;67;"` (FreeMind) or `"55.9 pt;67.4 pt;"` (Freeplane): a control point offset. */
function inclination(v: string | undefined): { x: number; y: number } | undefined {
  const m = /^\s*(-?[\d.]+)(?:\s*pt)?\s*;\s*(-?[\d.]+)/.exec(v ?? '');
  const x = Number(m?.[1]);
  const y = Number(m?.[2]);
  return m && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
}

function cloudStyle(cloud: XmlElement): { fill: string } | undefined {
  return cloud.attrs.COLOR ? { fill: cloud.attrs.COLOR } : undefined;
}

/**
 * Adds the `node` children of `el` in order. Freeplane summary nodes become summaries over the
 * siblings before them (from the last `FirstGroupNode` or the previous summary); free nodes
 * under the root become detached topics.
 */
function addChildren(b: DocBuilder, el: XmlElement, id: TopicId, report: ReportBuilder): { el: XmlElement; id: TopicId }[] {
  const out: { el: XmlElement; id: TopicId }[] = [];
  const isRoot = id === b.rootId;
  const ordinary: TopicId[] = []; // non-summary children so far
  let groupStart = 0; // index into `ordinary` where the current group begins
  let lastRange: { from: TopicId; to: TopicId } | undefined;
  let prevWasSummary = false;
  for (const child of childElements(el, 'node')) {
    const hooks = hookNames(child);
    const wanted = child.attrs.ID;
    if (hooks.has('SummaryNode')) {
      let range: { from: TopicId; to: TopicId } | undefined;
      if (prevWasSummary && lastRange)
        range = lastRange; // a summary of a summary: same range
      else if (ordinary.length > groupStart)
        range = { from: ordinary[groupStart] as TopicId, to: ordinary[ordinary.length - 1] as TopicId };
      if (range) {
        const { topicId } = b.addSummary(id, range.from, range.to, { ...topicFields(child, isRoot, report), id: wanted });
        out.push({ el: child, id: topicId });
        lastRange = range;
        groupStart = ordinary.length;
        prevWasSummary = true;
        continue;
      }
      report.add('summary-dropped', (n) => `${n} summary nodes without a group became ordinary topics`);
    }
    prevWasSummary = false;
    if (hooks.has('FirstGroupNode')) groupStart = ordinary.length;
    const detached = hooks.has('FreeNode') && isRoot ? true : undefined;
    const childId = b.add(id, { ...topicFields(child, isRoot, report), id: wanted, detached });
    if (!detached) ordinary.push(childId);
    out.push({ el: child, id: childId });
  }
  return out;
}

/** `#ID_…` links to nodes of this map become `#topic:<id>` links. */
function resolveLinks(b: DocBuilder, byMmId: Map<string, TopicId>, report: ReportBuilder): void {
  const visit = (id: TopicId) => {
    const t = b.get(id) as Topic;
    if (t.href?.startsWith('#')) {
      const target = byMmId.get(t.href.slice(1));
      if (target) b.update(id, { href: `#topic:${target}` });
      else report.add('link-dangling', (n) => `${n} links to missing nodes kept as they are`);
    }
  };
  const stack: TopicId[] = [b.rootId];
  while (stack.length) {
    const id = stack.pop() as TopicId;
    visit(id);
    for (const c of b.children(id)) stack.push(c);
  }
}
