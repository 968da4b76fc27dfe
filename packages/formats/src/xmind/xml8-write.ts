// Sheets in the Zen JSON shape → XMind 8 `content.xml`, plus the manifest and meta XMind 8 expects.
// Written with an explicit stack of open/close steps, so deep maps cannot overflow the call stack.

import { escapeXml } from '../xml.ts';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  type XRange,
  type XRelationship,
  type XSheet,
  type XStyle,
  type XTopic,
} from './zen-types.ts';

const NS =
  'xmlns="urn:xmind:xmap:xmlns:content:2.0" xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:svg="http://www.w3.org/2000/svg" ' +
  'xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink"';

const a = (name: string, value: unknown): string => {
  const s = typeof value === 'number' ? String(value) : asString(value);
  return s === undefined ? '' : ` ${name}="${escapeXml(s)}"`;
};
const el = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;

/** Styles met while writing content.xml, written out as styles.xml. */
export class StyleSheet {
  private readonly entries: string[] = [];
  /** Registers a style and returns the ` style-id="…"` attribute for the element that uses it. */
  ref(style: XStyle | undefined, type: 'topic' | 'boundary' | 'relationship'): string {
    const props = asObject<Record<string, unknown>>(style?.properties);
    if (!props) return '';
    const attrs = Object.entries(props)
      .filter(([k, v]) => /^[A-Za-z][\w:-]*$/.test(k) && typeof v === 'string')
      .map(([k, v]) => a(k, v))
      .join('');
    if (!attrs) return '';
    const id = `style-${this.entries.length + 1}`;
    this.entries.push(`<style id="${id}" type="${type}"><${type}-properties${attrs}/></style>`);
    return ` style-id="${id}"`;
  }
  toXml(): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><xmap-styles xmlns="urn:xmind:xmap:xmlns:style:2.0" xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:svg="http://www.w3.org/2000/svg" version="2.0"><styles>${this.entries.join('')}</styles></xmap-styles>`;
  }
}

export function sheetsToContentXml(sheets: XSheet[], timestamp: number, styles: StyleSheet): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><xmap-content ${NS} timestamp="${timestamp}" version="2.0">`,
  ];
  for (const sheet of sheets) {
    out.push(`<sheet${a('id', sheet.id)} timestamp="${timestamp}">`);
    if (sheet.rootTopic) writeTopicTree(sheet.rootTopic, out, timestamp, styles);
    out.push(el('title', asString(sheet.title) ?? ''));
    const rels = asArray(sheet.relationships) as XRelationship[];
    if (rels.length) {
      out.push('<relationships>');
      for (const r of rels) out.push(relationship(r, timestamp, styles));
      out.push('</relationships>');
    }
    out.push('</sheet>');
  }
  out.push('</xmap-content>');
  return out.join('');
}

function writeTopicTree(root: XTopic, out: string[], timestamp: number, styles: StyleSheet): void {
  const stack: (XTopic | string)[] = [root];
  while (stack.length) {
    const item = stack.pop() as XTopic | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    out.push(openTopic(item, timestamp, styles));
    // Pushed in reverse: children groups, then what follows them, then the closing tag.
    stack.push(`${afterChildren(item, styles)}</topic>`);
    const groups = Object.entries(item.children ?? {}).filter(([, list]) => asArray(list).length);
    if (groups.length) {
      stack.push('</children>');
      for (let g = groups.length - 1; g >= 0; g--) {
        const [type, list] = groups[g] as [string, unknown];
        stack.push('</topics>');
        const topics = asArray(list) as XTopic[];
        for (let i = topics.length - 1; i >= 0; i--) stack.push(topics[i] as XTopic);
        stack.push(`<topics type="${escapeXml(type)}">`);
      }
      stack.push('<children>');
    }
  }
}

function openTopic(t: XTopic, timestamp: number, styles: StyleSheet): string {
  let s = `<topic${a('id', t.id)}${styles.ref(t.style, 'topic')}${a('structure-class', t.structureClass)}${a('branch', t.branch)}${a('xlink:href', t.href)} timestamp="${timestamp}">`;
  s += el('title', asString(t.title) ?? '');
  const img = asObject<NonNullable<XTopic['image']>>(t.image);
  if (img) s += `<xhtml:img${a('svg:height', asNumber(img.height))}${a('svg:width', asNumber(img.width))}${a('xhtml:src', img.src)}/>`;
  const markers = asArray(t.markers);
  if (markers.length) {
    s += '<marker-refs>';
    for (const m of markers) s += `<marker-ref${a('marker-id', asObject<{ markerId?: unknown }>(m)?.markerId)}/>`;
    s += '</marker-refs>';
  }
  const labels = asArray(t.labels);
  if (labels.length) s += `<labels>${labels.map((l) => el('label', asString(l) ?? '')).join('')}</labels>`;
  const plain = asString(t.notes?.plain?.content);
  if (plain) {
    const paragraphs = plain
      .split('\n')
      .map((line) => el('xhtml:p', line))
      .join('');
    // html first: readers that take the first child of <notes> (simple-mind-map) find paragraphs.
    s += `<notes><html>${paragraphs}</html>${el('plain', plain)}</notes>`;
  }
  const pos = t.position;
  if (pos) s += `<position${a('svg:x', asNumber(pos.x))}${a('svg:y', asNumber(pos.y))}/>`;
  return s;
}

function afterChildren(t: XTopic, styles: StyleSheet): string {
  let s = '';
  const boundaries = asArray(t.boundaries) as XRange[];
  if (boundaries.length) {
    s += '<boundaries>';
    for (const b of boundaries)
      s += `<boundary${a('id', b.id)}${a('range', b.range)}${styles.ref(b.style, 'boundary')}>${b.title ? el('title', asString(b.title) ?? '') : ''}</boundary>`;
    s += '</boundaries>';
  }
  const summaries = asArray(t.summaries) as XRange[];
  if (summaries.length) {
    s += '<summaries>';
    for (const sm of summaries) s += `<summary${a('id', sm.id)}${a('range', sm.range)}${a('topic-id', sm.topicId)}/>`;
    s += '</summaries>';
  }
  const extensions = asArray(t.extensions);
  if (extensions.length) {
    s += '<extensions>';
    for (const raw of extensions) {
      const x = asObject<{ provider?: unknown; content?: unknown }>(raw);
      const items = asArray(x?.content)
        .map((c) => asObject<{ name?: unknown; content?: unknown }>(c))
        .filter((c) => c && typeof c.name === 'string' && /^[A-Za-z][\w-]*$/.test(c.name));
      s += `<extension${a('provider', x?.provider)}><content>${items.map((c) => el(c?.name as string, String(c?.content ?? ''))).join('')}</content></extension>`;
    }
    s += '</extensions>';
  }
  return s;
}

function relationship(r: XRelationship, timestamp: number, styles: StyleSheet): string {
  let s = `<relationship${a('end1', r.end1Id)}${a('end2', r.end2Id)}${a('id', r.id)}${styles.ref(r.style, 'relationship')} timestamp="${timestamp}">`;
  if (r.title) s += el('title', asString(r.title) ?? '');
  const cps = r.controlPoints;
  if (cps?.['0'] && cps['1']) {
    s += '<control-points>';
    for (const i of ['0', '1'])
      s += `<control-point index="${i}"><position${a('svg:x', asNumber(cps[i]?.x))}${a('svg:y', asNumber(cps[i]?.y))}/></control-point>`;
    s += '</control-points>';
  }
  return `${s}</relationship>`;
}

const MEDIA_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml' };

export function manifestXml(paths: string[]): string {
  const entries = ['content.xml', 'styles.xml', 'META-INF/', 'META-INF/manifest.xml', 'meta.xml', ...paths].map((p) => {
    const ext = /\.(\w+)$/.exec(p)?.[1] ?? '';
    const media = p.endsWith('.xml') ? 'text/xml' : (MEDIA_TYPES[ext] ?? '');
    return `<file-entry${a('full-path', p)}${a('media-type', media)}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><manifest xmlns="urn:xmind:xmap:xmlns:manifest:1.0">${entries.join('')}</manifest>`;
}

export function metaXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?><meta xmlns="urn:xmind:xmap:xmlns:meta:2.0" version="2.0">' +
    '<Creator><Name>Arbor</Name><Version>0.1.0</Version></Creator></meta>'
  );
}
