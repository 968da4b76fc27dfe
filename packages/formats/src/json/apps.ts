// JSON written by other web mind-map apps: simple-mind-map (`.smm`, "export full data" or a bare
// node tree) and Mind Elixir (`nodeData`). Trees are walked iteratively with a depth limit.

import type { MindDoc, StructureName, TopicId } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { taskMarkerForPercent } from '../markers.ts';
import { htmlToText, looksLikeHtml } from '../text/html.ts';
import type { ReportBuilder } from '../types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const isSimpleMindMap = (v: unknown): boolean =>
  isObj(v) && ((isObj(v.root) && isObj(v.root.data)) || (isObj(v.data) && Array.isArray(v.children) && 'text' in v.data));
export const isMindElixir = (v: unknown): boolean => isObj(v) && isObj(v.nodeData) && 'topic' in v.nodeData;

/** Visits a nested tree breadth-unaware but depth-bounded: `visit` returns the node's children. */
function walk<T>(root: T, rootId: TopicId, format: string, visit: (node: T, id: TopicId) => { node: T; id: TopicId }[] | undefined): void {
  const stack: { node: T; id: TopicId; depth: number }[] = [{ node: root, id: rootId, depth: 0 }];
  let count = 0;
  while (stack.length) {
    const cur = stack.pop() as { node: T; id: TopicId; depth: number };
    if (cur.depth > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the map is nested more than ${LIMITS.maxDepth} levels deep`, format);
    if (++count > LIMITS.maxTopics) throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, format);
    const kids = visit(cur.node, cur.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ ...(kids[i] as { node: T; id: TopicId }), depth: cur.depth + 1 });
  }
}

// ---------------------------------------------------------------- simple-mind-map

const SMM_LAYOUTS: Record<string, StructureName> = {
  logicalStructure: 'logic-right',
  logicalStructureLeft: 'logic-left',
  mindMap: 'mindmap',
  organizationStructure: 'org-down',
  catalogOrganization: 'tree',
  timeline: 'timeline-horizontal',
  timeline2: 'timeline-horizontal',
  verticalTimeline: 'timeline-vertical',
  fishbone: 'fishbone-left',
};

interface SmmText {
  text: string;
  href?: string;
}

function smmText(data: Obj): SmmText {
  const raw = str(data.text) ?? '';
  if (data.richText === true || looksLikeHtml(raw)) return htmlToText(raw);
  return { text: raw };
}

/** simple-mind-map icons are `<family>_<n>`; priorities and progress have Arbor counterparts. */
function smmMarker(icon: string): string | undefined {
  const m = /^(priority|progress)_(\d+)$/.exec(icon);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (m[1] === 'priority') return n >= 1 && n <= 9 ? `priority-${n}` : undefined;
  return n >= 1 && n <= 8 ? taskMarkerForPercent((n / 8) * 100) : undefined;
}

export function parseSimpleMindMap(value: Obj, report: ReportBuilder, format: string, fallbackTitle: string): MindDoc {
  const rootNode = isObj(value.root) ? value.root : value;
  const rootData = isObj(rootNode.data) ? rootNode.data : {};
  const rootText = smmText(rootData).text || fallbackTitle;
  const b = new DocBuilder({ title: rootText, rootText, structure: SMM_LAYOUTS[str(value.layout) ?? ''] ?? 'logic-right' });
  // Generalizations are applied after the tree exists, since they refer to ranges of siblings.
  const pending: { parent: TopicId | null; id: TopicId; data: Obj; gen: Obj }[] = [];
  let droppedIcons = 0;
  walk(rootNode, b.rootId, format, (node, id) => {
    const data = isObj(node.data) ? node.data : {};
    const { text, href } = smmText(data);
    const markers = list(data.icon)
      .map((i) => smmMarker(String(i)))
      .filter((m): m is string => m !== undefined);
    droppedIcons += list(data.icon).length - markers.length;
    const labels = list(data.tag)
      .map((t) => (isObj(t) ? str(t.text) : str(t)))
      .filter((t): t is string => !!t);
    const img = str(data.image);
    const size = isObj(data.imageSize) ? data.imageSize : {};
    b.update(id, {
      text,
      href: str(data.hyperlink) ?? href,
      note: str(data.note) || undefined,
      markers: markers.length ? markers : undefined,
      labels: labels.length ? labels : undefined,
      image: img ? { src: img, width: Number(size.width) || undefined, height: Number(size.height) || undefined } : undefined,
      folded: data.expand === false ? true : undefined,
    });
    const gens = Array.isArray(data.generalization) ? data.generalization : data.generalization ? [data.generalization] : [];
    for (const gen of gens) if (isObj(gen)) pending.push({ parent: b.get(id)?.parentId ?? null, id, data, gen });
    return list(node.children)
      .filter(isObj)
      .map((child) => ({ node: child, id: b.add(id, { text: '' }) }));
  });
  if (droppedIcons) report.add('icon-dropped', (n) => `${n} simple-mind-map icons without an Arbor marker dropped`, droppedIcons);
  for (const { parent, id, gen } of pending) {
    const text = htmlToText(str(gen.text) ?? '').text;
    const range = list(gen.range).map(Number);
    const kids = b.children(id);
    if (range.length === 2 && kids.length) {
      // A generalization with a range summarizes some of this node's children.
      const from = kids[Math.max(0, Math.min(range[0] as number, kids.length - 1))] as TopicId;
      const to = kids[Math.max(0, Math.min(range[1] as number, kids.length - 1))] as TopicId;
      b.addSummary(id, from, to, { text });
    } else if (parent !== null) b.addSummary(parent, id, id, { text });
    else report.add('summary-dropped', (n) => `${n} summaries on the central topic dropped`);
  }
  return b.build();
}

// ---------------------------------------------------------------- Mind Elixir

export function parseMindElixir(value: Obj, report: ReportBuilder, format: string, fallbackTitle: string): MindDoc {
  const rootNode = value.nodeData as Obj;
  const rootText = str(rootNode.topic) || fallbackTitle;
  const direction = value.direction;
  const b = new DocBuilder({
    title: rootText,
    rootText,
    structure: direction === 0 ? 'mindmap-left' : direction === 1 ? 'mindmap-right' : 'mindmap',
    idPrefix: 'me',
  });
  const byElixirId = new Map<string, TopicId>();
  let droppedIcons = 0;
  walk(rootNode, b.rootId, format, (node, id) => {
    const elixirId = str(node.id);
    if (elixirId) byElixirId.set(elixirId, id);
    const icons = list(node.icons);
    droppedIcons += icons.length;
    const tags = list(node.tags)
      .map(str)
      .filter((t): t is string => !!t);
    const style = isObj(node.style) ? node.style : {};
    const image = isObj(node.image) && str(node.image.url) ? node.image : undefined;
    b.update(id, {
      text: str(node.topic) ?? '',
      href: str(node.hyperLink),
      note: str(node.note),
      labels: tags.length ? tags : undefined,
      folded: node.expanded === false ? true : undefined,
      side: node.direction === 0 ? 'left' : node.direction === 1 ? 'right' : undefined,
      image: image
        ? { src: str(image.url) as string, width: Number(image.width) || undefined, height: Number(image.height) || undefined }
        : undefined,
      style:
        str(style.color) || str(style.background) || str(style.fontSize)
          ? {
              color: str(style.color),
              fill: str(style.background),
              fontSize: Number.parseFloat(str(style.fontSize) ?? '') || undefined,
              bold: style.fontWeight === 'bold' ? true : undefined,
            }
          : undefined,
    });
    return list(node.children)
      .filter(isObj)
      .map((child) => ({ node: child, id: b.add(id, { text: '' }) }));
  });
  if (droppedIcons) report.add('icon-dropped', (n) => `${n} Mind Elixir icons (emoji) not carried over`, droppedIcons);
  for (const s of list(value.summaries).filter(isObj)) {
    const parent = byElixirId.get(str(s.parent) ?? '');
    const kids = parent ? b.children(parent) : [];
    const start = Number(s.start);
    const end = Number(s.end);
    if (!parent || !(start >= 0 && end >= start && end < kids.length)) {
      report.add('summary-dropped', (n) => `${n} summaries over missing topics dropped`);
      continue;
    }
    b.addSummary(parent, kids[start] as TopicId, kids[end] as TopicId, { text: str(s.label) ?? '' });
  }
  for (const a of list(value.arrows).filter(isObj)) {
    const from = byElixirId.get(str(a.from) ?? '');
    const to = byElixirId.get(str(a.to) ?? '');
    if (!from || !to) {
      report.add('relationship-dropped', (n) => `${n} arrows between missing topics dropped`);
      continue;
    }
    b.addRelationship({
      from,
      to,
      label: str(a.label) || undefined,
      style: a.bidirectional === true ? { arrowStart: true, arrowEnd: true } : undefined,
    });
  }
  return b.build();
}
