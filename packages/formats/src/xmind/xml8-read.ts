// XMind 8 `content.xml` → sheets in the Zen JSON shape, converted with an explicit stack.

import { ImportError } from '../errors.ts';
import { childElements, firstChild, localName, parseXml, textContent, type XmlElement } from '../xml.ts';
import { xhtmlToText } from './rich-text.ts';
import type { XPoint, XRange, XRelationship, XSheet, XStyle, XTopic } from './zen-types.ts';

/** Attribute by local name, whatever prefix the writer chose (`xhtml:src`, `src`). */
function attr(el: XmlElement, name: string): string | undefined {
  const direct = el.attrs[name];
  if (direct !== undefined) return direct;
  const suffix = `:${name}`;
  for (const k in el.attrs) if (k.endsWith(suffix)) return el.attrs[k];
  return undefined;
}

export interface Xml8Content {
  sheets: XSheet[];
  /** Well-formedness errors recovered from in lenient mode. */
  xmlErrors: string[];
}

/** styles.xml: style id → the attributes of its `*-properties` element. */
export function readXml8Styles(bytes: Uint8Array | undefined, format: string): Map<string, Record<string, string>> {
  const styles = new Map<string, Record<string, string>>();
  if (!bytes) return styles;
  const { root } = parseXml(bytes, { format, lenient: true });
  for (const group of childElements(root))
    for (const style of childElements(group, 'style')) {
      const id = attr(style, 'id');
      const props = childElements(style)[0];
      if (id && props) styles.set(id, { ...props.attrs });
    }
  return styles;
}

type Styles = Map<string, Record<string, string>>;

export function readXml8Content(bytes: Uint8Array, format: string, lenient: boolean, styles: Styles = new Map()): Xml8Content {
  const { root, errors } = parseXml(bytes, { format, lenient });
  const styleOf = (el: XmlElement) => {
    const properties = styles.get(attr(el, 'style-id') ?? '');
    return properties ? { properties } : undefined;
  };
  if (localName(root.name) !== 'xmap-content')
    throw new ImportError('malformed', `content.xml has a <${root.name}> root where XMind writes <xmap-content>`, format);
  const sheets: XSheet[] = [];
  for (const sheetEl of childElements(root, 'sheet')) {
    const topicEl = firstChild(sheetEl, 'topic');
    const sheet: XSheet = { id: attr(sheetEl, 'id'), title: titleOf(sheetEl) };
    if (topicEl) sheet.rootTopic = convertTree(topicEl, styleOf);
    const rels = firstChild(sheetEl, 'relationships');
    if (rels) sheet.relationships = childElements(rels, 'relationship').map((r) => ({ ...relationship(r), style: styleOf(r) }));
    sheets.push(sheet);
  }
  if (!sheets.length) throw new ImportError('malformed', 'content.xml holds no sheet', format);
  return { sheets, xmlErrors: errors };
}

function titleOf(el: XmlElement): string | undefined {
  const t = firstChild(el, 'title');
  return t ? textContent(t) : undefined;
}

function convertTree(rootEl: XmlElement, styleOf: (el: XmlElement) => XStyle | undefined): XTopic {
  const root: XTopic = {};
  const stack: [XmlElement, XTopic][] = [[rootEl, root]];
  while (stack.length) {
    const [el, topic] = stack.pop() as [XmlElement, XTopic];
    const parts = fillTopic(el, topic, styleOf);
    const children = parts.get('children');
    if (!children) continue;
    const groups: Record<string, XTopic[]> = {};
    for (const topicsEl of childElements(children, 'topics')) {
      const type = attr(topicsEl, 'type') ?? 'attached';
      if (!['attached', 'detached', 'callout', 'summary'].includes(type)) continue;
      const list = (groups[type] ??= []);
      for (const childEl of childElements(topicsEl, 'topic')) {
        const child: XTopic = {};
        list.push(child);
        stack.push([childEl, child]);
      }
    }
    topic.children = groups;
  }
  return root;
}

/** The first child element of each local name, found in one pass over the children. */
function partsOf(el: XmlElement): Map<string, XmlElement> {
  const parts = new Map<string, XmlElement>();
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const name = localName(c.name);
    if (!parts.has(name)) parts.set(name, c);
  }
  return parts;
}

/** Fills `t` from a `<topic>` element; returns the element's parts for the caller to reuse. */
function fillTopic(el: XmlElement, t: XTopic, styleOf: (el: XmlElement) => XStyle | undefined): Map<string, XmlElement> {
  const parts = partsOf(el);
  t.id = attr(el, 'id');
  const style = styleOf(el);
  if (style) t.style = style;
  const title = parts.get('title');
  t.title = title ? textContent(title) : undefined;
  const structure = attr(el, 'structure-class');
  if (structure) t.structureClass = structure;
  const branch = attr(el, 'branch');
  if (branch) t.branch = branch;
  const href = attr(el, 'href');
  if (href) t.href = href;

  const notes = parts.get('notes');
  if (notes) {
    const plainEl = firstChild(notes, 'plain');
    const htmlEl = firstChild(notes, 'html');
    const plain = plainEl ? textContent(plainEl) : '';
    t.notes = { plain: { content: plain.trim() ? plain : htmlEl ? xhtmlToText(htmlEl) : '' } };
  }
  const labels = parts.get('labels');
  if (labels) t.labels = childElements(labels, 'label').map(textContent);
  const markers = parts.get('marker-refs');
  if (markers) t.markers = childElements(markers, 'marker-ref').map((m) => ({ markerId: attr(m, 'marker-id') }));
  const img = parts.get('img');
  if (img) t.image = { src: attr(img, 'src'), width: attr(img, 'width'), height: attr(img, 'height') };
  const position = parts.get('position');
  if (position) t.position = { x: attr(position, 'x'), y: attr(position, 'y') };

  const boundaries = parts.get('boundaries');
  if (boundaries)
    t.boundaries = childElements(boundaries, 'boundary').map(
      (b): XRange => ({ id: attr(b, 'id'), range: attr(b, 'range'), title: titleOf(b), style: styleOf(b) }),
    );
  const summaries = parts.get('summaries');
  if (summaries)
    t.summaries = childElements(summaries, 'summary').map(
      (s): XRange => ({ id: attr(s, 'id'), range: attr(s, 'range'), topicId: attr(s, 'topic-id') }),
    );
  const extensions = parts.get('extensions');
  if (extensions)
    t.extensions = childElements(extensions, 'extension').map((x) => {
      const content = firstChild(x, 'content');
      return {
        provider: attr(x, 'provider'),
        content: content ? childElements(content).map((c) => ({ name: localName(c.name), content: textContent(c) })) : [],
      };
    });
  return parts;
}

function relationship(el: XmlElement): XRelationship {
  const r: XRelationship = { id: attr(el, 'id'), end1Id: attr(el, 'end1'), end2Id: attr(el, 'end2'), title: titleOf(el) };
  const cps = firstChild(el, 'control-points');
  if (cps) {
    const points: Record<string, XPoint> = {};
    for (const cp of childElements(cps, 'control-point')) {
      const pos = firstChild(cp, 'position');
      const index = attr(cp, 'index');
      if (pos && index !== undefined) points[index] = { x: attr(pos, 'x'), y: attr(pos, 'y') };
    }
    r.controlPoints = points;
  }
  return r;
}
