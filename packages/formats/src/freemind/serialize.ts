// FreeMind `.mm` writer (FreeMind 1.0.1 dialect). What FreeMind cannot hold natively but Freeplane
// can — summaries, free nodes, arrow labels — is written the Freeplane way, which FreeMind
// ignores; markers without a FreeMind icon and boundaries over several siblings are left out.

import type { MindDoc, Relationship, Topic, TopicId } from '@arbor/core';
import { childrenByParent } from '@arbor/core';
import { arborMarkerToFreemindIcon } from '../markers.ts';
import { encodeText } from '../text/decode.ts';
import { escapeXml } from '../xml.ts';

/** Attribute values keep line breaks and tabs as character references. */
const attr = (s: string): string => escapeXml(s).replace(/\n/g, '&#xa;').replace(/\r/g, '&#xd;').replace(/\t/g, '&#x9;');

/** A FreeMind id is an XML name; Arbor ids that are not are given a derived one. */
function mmIds(doc: MindDoc): Map<TopicId, string> {
  const ids = new Map<TopicId, string>();
  const used = new Set<string>();
  let n = 0;
  for (const id of Object.keys(doc.topics) as TopicId[]) {
    let out: string = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id) ? id : `ID_${++n}`;
    while (used.has(out)) out = `ID_${++n}`;
    used.add(out);
    ids.set(id, out);
  }
  return ids;
}

function noteHtml(note: string): string {
  const paras = note.split(/\r\n|\r|\n/).map((line) => (line.trim() === '' ? '<p></p>' : `<p>${escapeXml(line)}</p>`));
  return `<richcontent TYPE="NOTE"><html><head></head><body>${paras.join('')}</body></html></richcontent>`;
}

function labelAttribute(label: string): string {
  const i = label.indexOf(': ');
  const [name, value] = i > 0 ? [label.slice(0, i), label.slice(i + 2)] : [label, ''];
  return `<attribute NAME="${attr(name)}" VALUE="${attr(value)}"/>`;
}

function arrowlink(r: Relationship, ids: Map<TopicId, string>): string {
  const style = r.style ?? {};
  let out = `<arrowlink DESTINATION="${attr(ids.get(r.to) ?? '')}"`;
  if (style.color) out += ` COLOR="${attr(style.color)}"`;
  if (style.dashed) out += ' DASH="3 3"';
  if (r.label) out += ` MIDDLE_LABEL="${attr(r.label)}"`;
  if (r.controlPoints) {
    const [a, b] = r.controlPoints;
    out += ` STARTINCLINATION="${Math.round(a.x)};${Math.round(a.y)};" ENDINCLINATION="${Math.round(b.x)};${Math.round(b.y)};"`;
  }
  out += ` STARTARROW="${style.arrowStart ? 'Default' : 'None'}" ENDARROW="${style.arrowEnd === false ? 'None' : 'Default'}"/>`;
  return out;
}

export function serializeFreemind(doc: MindDoc): Uint8Array {
  const ids = mmIds(doc);
  const byParent = childrenByParent(doc);
  const arrowsFrom = new Map<TopicId, Relationship[]>();
  for (const r of Object.values(doc.relationships)) {
    if (!doc.topics[r.from] || !doc.topics[r.to]) continue;
    const list = arrowsFrom.get(r.from) ?? [];
    list.push(r);
    arrowsFrom.set(r.from, list);
  }
  const clouded = new Set<TopicId>();
  for (const bd of Object.values(doc.boundaries)) if (bd.fromId === bd.toId) clouded.add(bd.fromId);
  // Summary topics are written after the last topic of their range; the first gets a group hook.
  const summariesAfter = new Map<TopicId, Topic[]>();
  const groupStarts = new Set<TopicId>();
  for (const s of Object.values(doc.summaries)) {
    const topic = doc.topics[s.topicId];
    if (!topic) continue;
    const list = summariesAfter.get(s.toId) ?? [];
    list.push(topic);
    summariesAfter.set(s.toId, list);
    groupStarts.add(s.fromId);
  }

  const out: string[] = [
    '<map version="1.0.1">',
    '<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->',
  ];
  const open = (t: Topic, depth: number) => {
    let tag = `<node ID="${attr(ids.get(t.id) ?? '')}" TEXT="${attr(t.text)}"`;
    if (t.folded) tag += ' FOLDED="true"';
    if (depth === 1 && t.side) tag += ` POSITION="${t.side}"`;
    if (t.href) {
      const internal = /^#topic:(.+)$/.exec(t.href);
      const target = internal ? ids.get(internal[1] as TopicId) : undefined;
      tag += ` LINK="${attr(target ? `#${target}` : t.href)}"`;
    }
    if (t.style?.color) tag += ` COLOR="${attr(t.style.color)}"`;
    if (t.style?.fill) tag += ` BACKGROUND_COLOR="${attr(t.style.fill)}"`;
    out.push(`${tag}>`);
    if (t.style?.bold || t.style?.italic || t.style?.fontSize)
      out.push(
        `<font NAME="SansSerif" SIZE="${Math.round(t.style.fontSize ?? 12)}"${t.style.bold ? ' BOLD="true"' : ''}${t.style.italic ? ' ITALIC="true"' : ''}/>`,
      );
    if (clouded.has(t.id)) out.push('<cloud/>');
    for (const m of t.markers ?? []) {
      const icon = arborMarkerToFreemindIcon(m);
      if (icon) out.push(`<icon BUILTIN="${attr(icon)}"/>`);
    }
    if (t.image) out.push(`<hook NAME="ExternalObject" URI="${attr(t.image.src)}"/>`);
    if (t.detached) out.push('<hook NAME="FreeNode"/>');
    if (t.summaryId !== undefined) out.push('<hook NAME="SummaryNode"/>');
    if (groupStarts.has(t.id)) out.push('<hook NAME="FirstGroupNode"/>');
    for (const l of t.labels ?? []) out.push(labelAttribute(l));
    for (const r of arrowsFrom.get(t.id) ?? []) out.push(arrowlink(r, ids));
    if (t.note) out.push(noteHtml(t.note));
  };
  // Iterative depth-first writing; frames either open a topic or close it.
  const root = doc.topics[doc.rootId];
  const stack: { t: Topic; depth: number; close: boolean }[] = root ? [{ t: root, depth: 0, close: false }] : [];
  while (stack.length) {
    const { t, depth, close } = stack.pop() as { t: Topic; depth: number; close: boolean };
    if (close) {
      out.push('</node>');
      continue;
    }
    open(t, depth);
    stack.push({ t, depth, close: true });
    const kids = orderedChildren(byParent.get(t.id) ?? [], summariesAfter);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ t: kids[i] as Topic, depth: depth + 1, close: false });
  }
  out.push('</map>');
  return encodeText(`${out.join('\n')}\n`);
}

/** Ordinary children in order, each followed by the summaries that end at it, then detached ones. */
function orderedChildren(kids: readonly Topic[], summariesAfter: Map<TopicId, Topic[]>): Topic[] {
  const out: Topic[] = [];
  for (const k of kids) {
    if (k.summaryId !== undefined || k.detached) continue;
    out.push(k);
    for (const s of summariesAfter.get(k.id) ?? []) if (s.parentId === k.parentId) out.push(s);
  }
  for (const k of kids) if (k.detached && k.summaryId === undefined) out.push(k);
  return out;
}
