// Structural validation and repair of a MindDoc read from JSON: every field is type-checked,
// unknown or ill-typed fields are dropped, orphans and cycles are reattached to the root, and
// dangling relationships, summaries and boundaries are removed — each repair listed in the report.

import type { Boundary, DocMeta, ImageRef, MindDoc, Relationship, Summary, ThemeRef, Topic, TopicId, TopicStyle } from '@arbor/core';
import { asTopicId, isStructureName, SCHEMA_VERSION } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { ReportBuilder } from '../types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
const point = (v: unknown): { x: number; y: number } | undefined => {
  if (!isObj(v)) return undefined;
  const x = num(v.x);
  const y = num(v.y);
  return x === undefined || y === undefined ? undefined : { x, y };
};

/** Copies the defined entries of `o` into a fresh object (so `undefined` never appears in output). */
function defined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

const SHAPES = new Set(['rect', 'rounded', 'ellipse', 'underline', 'none', 'capsule', 'diamond']);

function topicStyle(v: unknown): TopicStyle | undefined {
  if (!isObj(v)) return undefined;
  const s = defined<TopicStyle>({
    fill: str(v.fill),
    color: str(v.color),
    borderColor: str(v.borderColor),
    borderWidth: num(v.borderWidth),
    shape: typeof v.shape === 'string' && SHAPES.has(v.shape) ? (v.shape as TopicStyle['shape']) : undefined,
    fontSize: num(v.fontSize),
    bold: bool(v.bold),
    italic: bool(v.italic),
    lineColor: str(v.lineColor),
  });
  return Object.keys(s).length ? s : undefined;
}

function imageRef(v: unknown): ImageRef | undefined {
  if (!isObj(v) || typeof v.src !== 'string') return undefined;
  return defined<ImageRef>({ src: v.src, width: num(v.width), height: num(v.height), alt: str(v.alt) });
}

function cleanTopic(key: string, v: Obj): Topic {
  const side = v.side === 'left' || v.side === 'right' ? v.side : undefined;
  const source = isObj(v.source) && num(v.source.start) !== undefined && num(v.source.end) !== undefined ? v.source : undefined;
  return defined<Topic>({
    id: asTopicId(str(v.id) ?? key),
    parentId: typeof v.parentId === 'string' ? asTopicId(v.parentId) : null,
    index: str(v.index) ?? 'a0',
    text: str(v.text) ?? '',
    note: str(v.note),
    href: str(v.href),
    image: imageRef(v.image),
    markers: strList(v.markers),
    labels: strList(v.labels),
    task: isObj(v.task) && typeof v.task.done === 'boolean' ? { done: v.task.done } : undefined,
    style: topicStyle(v.style),
    structure: isStructureName(v.structure) ? v.structure : undefined,
    folded: bool(v.folded),
    detached: bool(v.detached),
    position: point(v.position),
    side,
    summaryId: str(v.summaryId),
    source: source ? defined({ start: source.start as number, end: source.end as number, page: num(source.page) }) : undefined,
  });
}

/** Validates and repairs a parsed JSON value that claims to be a MindDoc. */
export function validateDoc(raw: unknown, report: ReportBuilder, format: string): MindDoc {
  if (!isObj(raw) || !isObj(raw.topics) || typeof raw.rootId !== 'string')
    throw new ImportError('malformed', 'this JSON is not an Arbor map: it needs "rootId" and "topics"', format);
  const schema = raw.schema === undefined ? SCHEMA_VERSION : num(raw.schema);
  if (schema === undefined || schema < 1)
    throw new ImportError('malformed', `the map has an invalid schema version ${JSON.stringify(raw.schema)}`, format);
  if (schema > SCHEMA_VERSION)
    throw new ImportError(
      'unsupported',
      `the map was written by a newer Arbor (schema ${schema}; this version reads ${SCHEMA_VERSION})`,
      format,
    );

  const topics = new Map<TopicId, Topic>();
  let dropped = 0;
  for (const [key, value] of Object.entries(raw.topics)) {
    if (!isObj(value)) {
      dropped++;
      continue;
    }
    if (topics.size >= LIMITS.maxTopics) throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, format);
    const t = cleanTopic(key, value);
    if (topics.has(t.id)) dropped++;
    else topics.set(t.id, t);
  }
  if (dropped) report.add('invalid-topic', (n) => `${n} invalid topic records dropped`, dropped);
  const rootId = asTopicId(raw.rootId);
  const root = topics.get(rootId);
  if (!root) throw new ImportError('malformed', `the map's root topic "${rootId}" is missing`, format);
  if (root.parentId !== null) topics.set(rootId, { ...root, parentId: null });

  reattachUnreachable(topics, rootId, report, format);
  const summaries = cleanSummaries(raw.summaries, topics, report);
  const boundaries = cleanBoundaries(raw.boundaries, topics, report);
  const relationships = cleanRelationships(raw.relationships, topics, report);
  // A topic that claims to belong to a summary that does not exist becomes an ordinary topic.
  for (const t of topics.values())
    if (t.summaryId !== undefined && summaries[t.summaryId]?.topicId !== t.id) {
      const { summaryId: _gone, ...rest } = t;
      topics.set(t.id, rest as Topic);
    }

  const theme: ThemeRef = isObj(raw.theme) && typeof raw.theme.name === 'string' ? { name: raw.theme.name } : { name: 'classic' };
  if (isObj(raw.theme) && isObj(raw.theme.overrides)) {
    const o: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.theme.overrides)) if (typeof v === 'string') o[k] = v;
    theme.overrides = o;
  }
  const doc: MindDoc = {
    schema: SCHEMA_VERSION,
    id: str(raw.id) ?? 'doc',
    title: str(raw.title) ?? (topics.get(rootId) as Topic).text,
    rootId,
    topics: Object.fromEntries(topics),
    relationships,
    summaries,
    boundaries,
    structure: isStructureName(raw.structure) ? raw.structure : 'mindmap',
    theme,
  };
  if (isObj(raw.meta)) {
    const meta = defined<DocMeta>({
      references: strList(raw.meta.references),
      sourceName: str(raw.meta.sourceName),
      description: str(raw.meta.description),
    });
    if (Object.keys(meta).length) doc.meta = meta;
  }
  return doc;
}

/**
 * Every topic must hang off the root through existing parents, without cycles, and no deeper than
 * the depth limit. Topics that do not are reattached to the root.
 */
function reattachUnreachable(topics: Map<TopicId, Topic>, rootId: TopicId, report: ReportBuilder, format: string): void {
  const kids = new Map<TopicId, TopicId[]>();
  for (const t of topics.values()) {
    if (t.id === rootId || t.parentId === null) continue;
    let list = kids.get(t.parentId);
    if (!list) kids.set(t.parentId, (list = []));
    list.push(t.id);
  }
  const reached = new Set<TopicId>([rootId]);
  let level: TopicId[] = [rootId];
  let depth = 0;
  while (level.length) {
    if (++depth > LIMITS.maxDepth) throw new ImportError('too-deep', `the map is nested more than ${LIMITS.maxDepth} levels deep`, format);
    const next: TopicId[] = [];
    for (const id of level)
      for (const c of kids.get(id) ?? [])
        if (!reached.has(c)) {
          reached.add(c);
          next.push(c);
        }
    level = next;
  }
  let moved = 0;
  for (const t of topics.values())
    if (!reached.has(t.id)) {
      topics.set(t.id, { ...t, parentId: rootId });
      moved++;
    }
  if (moved) report.add('orphan-topic', (n) => `${n} topics without a valid parent were attached to the central topic`, moved);
}

function records(v: unknown): Obj[] {
  return isObj(v) ? Object.values(v).filter(isObj) : [];
}

function cleanRelationships(v: unknown, topics: Map<TopicId, Topic>, report: ReportBuilder): Record<string, Relationship> {
  const out: Record<string, Relationship> = {};
  for (const r of records(v)) {
    const id = str(r.id);
    const from = str(r.from);
    const to = str(r.to);
    if (!id || !from || !to || !topics.has(asTopicId(from)) || !topics.has(asTopicId(to))) {
      report.add('dangling-relationship', (n) => `${n} relationships pointing at missing topics dropped`);
      continue;
    }
    const cp = Array.isArray(r.controlPoints) ? r.controlPoints.map(point) : [];
    const style = isObj(r.style)
      ? defined({
          color: str(r.style.color),
          dashed: bool(r.style.dashed),
          arrowStart: bool(r.style.arrowStart),
          arrowEnd: bool(r.style.arrowEnd),
        })
      : undefined;
    out[id] = defined<Relationship>({
      id,
      from: asTopicId(from),
      to: asTopicId(to),
      label: str(r.label),
      controlPoints: cp.length === 2 && cp[0] && cp[1] ? [cp[0], cp[1]] : undefined,
      style: style && Object.keys(style).length ? style : undefined,
    });
  }
  return out;
}

/** True when `a` and `b` are children of `parent`. */
const siblingsOf = (topics: Map<TopicId, Topic>, parent: TopicId, ...ids: TopicId[]) =>
  topics.has(parent) && ids.every((id) => topics.get(id)?.parentId === parent);

function cleanSummaries(v: unknown, topics: Map<TopicId, Topic>, report: ReportBuilder): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  for (const s of records(v)) {
    const [id, parentId, fromId, toId, topicId] = [s.id, s.parentId, s.fromId, s.toId, s.topicId].map(str);
    if (
      !id ||
      !parentId ||
      !fromId ||
      !toId ||
      !topicId ||
      !siblingsOf(topics, asTopicId(parentId), asTopicId(fromId), asTopicId(toId), asTopicId(topicId))
    ) {
      report.add('dangling-summary', (n) => `${n} summaries over missing topics dropped`);
      continue;
    }
    const color = isObj(s.style) ? str(s.style.color) : undefined;
    out[id] = defined<Summary>({
      id,
      parentId: asTopicId(parentId),
      fromId: asTopicId(fromId),
      toId: asTopicId(toId),
      topicId: asTopicId(topicId),
      style: color ? { color } : undefined,
    });
  }
  return out;
}

function cleanBoundaries(v: unknown, topics: Map<TopicId, Topic>, report: ReportBuilder): Record<string, Boundary> {
  const out: Record<string, Boundary> = {};
  for (const b of records(v)) {
    const [id, parentId, fromId, toId] = [b.id, b.parentId, b.fromId, b.toId].map(str);
    if (!id || !parentId || !fromId || !toId || !siblingsOf(topics, asTopicId(parentId), asTopicId(fromId), asTopicId(toId))) {
      report.add('dangling-boundary', (n) => `${n} boundaries around missing topics dropped`);
      continue;
    }
    const style = isObj(b.style) ? defined({ color: str(b.style.color), fill: str(b.style.fill) }) : undefined;
    out[id] = defined<Boundary>({
      id,
      parentId: asTopicId(parentId),
      fromId: asTopicId(fromId),
      toId: asTopicId(toId),
      label: str(b.label),
      style: style && Object.keys(style).length ? style : undefined,
    });
  }
  return out;
}
