// One XMind sheet (Zen JSON shape, also produced from XMind 8 XML) → an Arbor MindDoc.
// The tree is walked with an explicit stack, so a hostile file cannot overflow the call stack.

import { DocBuilder, type ImageRef, type MindDoc, type Point, type TopicFields, type TopicId } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { xmindMarkerToArbor } from '../markers.ts';
import type { ReportBuilder } from '../types.ts';
import type { ZipArchive } from '../zip.ts';
import { imageMime, intrinsicSize, toDataUrl } from './media.ts';
import { htmlToText, paragraphsToText, tidyText } from './rich-text.ts';
import { isFloatingDefault, structureFromXmind } from './structures.ts';
import { styleFromXmind, xmindColour } from './styles.ts';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  parseRange,
  type XPoint,
  type XRange,
  type XRelationship,
  type XSheet,
  type XTopic,
} from './zen-types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface BuildContext {
  format: string;
  report: ReportBuilder;
  /** Archive entries by path, for images. */
  files: Pick<ZipArchive, 'get' | 'has'>;
  /** Archive paths that the map refers to but the archive lacks (collected across sheets). */
  missing: Set<string>;
  /** Running topic count across sheets, bounded by LIMITS.maxTopics. */
  topicCount: { n: number };
}

type Pending = [topic: XTopic, id: TopicId];

export function sheetToDoc(sheet: XSheet, sheetIndex: number, ctx: BuildContext): MindDoc {
  const root = asObject<XTopic>(sheet.rootTopic);
  if (!root) throw new ImportError('malformed', `sheet ${sheetIndex + 1} has no central topic`, ctx.format);
  const rootText = asString(root.title) ?? '';
  const builder = new DocBuilder({
    id: `sheet-${sheetIndex + 1}`,
    // The sheet's own name, as XMind shows it on the tab; the central topic when it has none.
    title: asString(sheet.title) || rootText || `Sheet ${sheetIndex + 1}`,
    rootText,
  });
  const w = new SheetWalker(builder, ctx);
  const rootStructure = structureFromXmind(asString(root.structureClass));
  if (rootStructure) builder.structure = rootStructure;
  const { structure: _ignored, ...rootFields } = w.fields(root);
  builder.update(builder.rootId, rootFields);
  w.register(root, builder.rootId);

  const stack: Pending[] = [[root, builder.rootId]];
  while (stack.length) {
    const [topic, id] = stack.pop() as Pending;
    w.addChildren(topic, id, stack);
  }
  w.assignSides(root);
  w.resolveLinks();
  w.addRelationships(asArray(sheet.relationships));
  if (asObject<{ visibility?: unknown }>(sheet.legend)?.visibility === 'visible')
    ctx.report.add('legend-dropped', (n) => `${n} sheet legend${n > 1 ? 's' : ''} dropped (Arbor shows no legend)`);
  return builder.build();
}

class SheetWalker {
  /** XMind topic id → Arbor id. */
  private readonly ids = new Map<string, TopicId>();
  private readonly links: [TopicId, string][] = [];
  /** XMind boundary id → the topic that stands for it when a relationship ends on the boundary. */
  private readonly boundaryAnchors = new Map<string, TopicId>();

  constructor(
    private readonly b: DocBuilder,
    private readonly ctx: BuildContext,
  ) {}

  register(topic: XTopic, id: TopicId): void {
    const src = asString(topic.id);
    if (src !== undefined && !this.ids.has(src)) this.ids.set(src, id);
    const href = asString(topic.href);
    if (href) this.applyHref(href, id);
  }

  private add(parent: TopicId, topic: XTopic, extra?: TopicFields): TopicId {
    if (++this.ctx.topicCount.n > LIMITS.maxTopics)
      throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, this.ctx.format);
    const id = this.b.add(parent, extra ? Object.assign(this.fields(topic), extra) : this.fields(topic));
    this.register(topic, id);
    return id;
  }

  /** Adds every child of `topic` (attached, callouts, floating, summaries) and its boundaries. */
  addChildren(topic: XTopic, id: TopicId, stack: Pending[]): void {
    const children = asObject<NonNullable<XTopic['children']>>(topic.children) ?? NO_CHILDREN;
    const attached: TopicId[] = [];
    for (const c of topicsOf(children.attached)) {
      const cid = this.add(id, c);
      attached.push(cid);
      stack.push([c, cid]);
    }
    const callouts = topicsOf(children.callout);
    for (const c of callouts) stack.push([c, this.add(id, c)]);
    if (callouts.length)
      this.ctx.report.add(
        'callout-converted',
        (n) => `${n} callout${n > 1 ? 's' : ''} turned into ordinary subtopic${n > 1 ? 's' : ''} (Arbor has no callouts)`,
        callouts.length,
      );
    for (const c of topicsOf(children.detached)) {
      const pos = point(c.position);
      stack.push([c, this.add(this.b.rootId, c, { detached: true, position: pos ?? { x: 0, y: 0 } })]);
    }
    if (topic.summaries !== undefined || children.summary !== undefined)
      this.addSummaries(topic, id, attached, topicsOf(children.summary), stack);
    if (topic.boundaries !== undefined) this.addBoundaries(topic, id, attached);
  }

  private addSummaries(topic: XTopic, id: TopicId, attached: TopicId[], summaryTopics: XTopic[], stack: Pending[]): void {
    const unused = new Set(summaryTopics);
    for (const s of asArray(topic.summaries)) {
      const summary = asObject<XRange>(s);
      const range = parseRange(summary?.range);
      const label = summaryTopics.find((t) => t.id !== undefined && t.id === summary?.topicId);
      if (!summary || !range || range[1] >= attached.length) {
        this.ctx.report.add('summary-invalid', (n) => `${n} summar${n > 1 ? 'ies' : 'y'} with an invalid range dropped`);
        continue;
      }
      const fields = label ? this.fields(label) : { text: asString(summary.title) ?? '' };
      const { topicId } = this.b.addSummary(id, attached[range[0]] as TopicId, attached[range[1]] as TopicId, fields);
      if (++this.ctx.topicCount.n > LIMITS.maxTopics)
        throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, this.ctx.format);
      if (label) {
        unused.delete(label);
        this.register(label, topicId);
        stack.push([label, topicId]);
      }
    }
    // A summary topic whose summary record is gone still carries text: keep it as a subtopic.
    for (const t of unused) {
      stack.push([t, this.add(id, t)]);
      this.ctx.report.add('summary-orphan', (n) => `${n} summary topic${n > 1 ? 's' : ''} without a range kept as subtopics`);
    }
  }

  private addBoundaries(topic: XTopic, id: TopicId, attached: TopicId[]): void {
    for (const raw of asArray(topic.boundaries)) {
      const boundary = asObject<XRange>(raw);
      if (!boundary) continue;
      const props = asObject<Record<string, unknown>>(boundary.style?.properties);
      const style = { color: xmindColour(props?.['line-color']), fill: xmindColour(props?.['svg:fill']) };
      const label = asString(boundary.title) || undefined;
      const styled = style.color || style.fill ? { style: stripEmpty(style) } : {};
      if (boundary.range === 'master') {
        // Around the topic itself: a one-topic range over its parent's children.
        const self = this.b.get(id);
        if (!self?.parentId) {
          this.ctx.report.add('boundary-dropped', (n) => `${n} boundar${n > 1 ? 'ies' : 'y'} around the central topic dropped`);
          continue;
        }
        this.b.addBoundary({ parentId: self.parentId, fromId: id, toId: id, label, ...styled });
        this.anchor(boundary, id);
        continue;
      }
      const range = parseRange(boundary.range);
      if (!range || range[1] >= attached.length) {
        this.ctx.report.add('boundary-invalid', (n) => `${n} boundar${n > 1 ? 'ies' : 'y'} with an invalid range dropped`);
        continue;
      }
      this.b.addBoundary({ parentId: id, fromId: attached[range[0]] as TopicId, toId: attached[range[1]] as TopicId, label, ...styled });
      this.anchor(boundary, range[0] === range[1] ? (attached[range[0]] as TopicId) : id);
    }
  }

  private anchor(boundary: XRange, topic: TopicId): void {
    const src = asString(boundary.id);
    if (src) this.boundaryAnchors.set(src, topic);
  }

  /** A relationship end: a topic, or a boundary (Arbor draws relationships between topics only). */
  private end(ref: unknown): TopicId | undefined {
    const key = asString(ref) ?? '';
    const topic = this.ids.get(key);
    if (topic) return topic;
    const anchor = this.boundaryAnchors.get(key);
    if (anchor)
      this.ctx.report.add(
        'relationship-boundary',
        (n) => `${n} relationship end${n > 1 ? 's' : ''} on boundaries moved to the framed topic (Arbor links topics only)`,
      );
    return anchor;
  }

  /** The record fields of one topic, without its position in the tree. */
  fields(t: XTopic): TopicFields {
    const f: Mutable<TopicFields> = { text: asString(t.title) ?? '' };
    const note = noteText(t);
    if (note) f.note = note;
    // Most topics carry none of these: test before allocating.
    if (t.labels !== undefined) {
      const labels = asArray(t.labels).filter((l): l is string => typeof l === 'string' && l !== '');
      if (labels.length) f.labels = labels;
    }
    if (t.markers !== undefined) {
      const markers = this.markers(t.markers);
      if (markers.length) f.markers = markers;
    }
    if (t.image !== undefined) {
      const image = this.image(t.image);
      if (image) f.image = image;
    }
    const structureClass = asString(t.structureClass);
    const structure = isFloatingDefault(structureClass) ? undefined : structureFromXmind(structureClass);
    if (structure) f.structure = structure;
    else if (structureClass && !isFloatingDefault(structureClass))
      this.ctx.report.add(
        'structure-unsupported',
        (n) => `${n} branch${n > 1 ? 'es' : ''} with a structure Arbor cannot lay out (matrix, spreadsheet) shown as mind map`,
      );
    if (t.branch === 'folded') f.folded = true;
    if (t.style !== undefined) {
      const style = styleFromXmind(asObject<Record<string, unknown>>(t.style?.properties));
      if (style) f.style = style;
    }
    return f;
  }

  private markers(raw: unknown): string[] {
    const out: string[] = [];
    for (const m of asArray(raw)) {
      const id = asString(asObject<{ markerId?: unknown }>(m)?.markerId);
      if (!id) continue;
      const mapped = xmindMarkerToArbor(id);
      if (mapped && !out.includes(mapped)) out.push(mapped);
      else if (!mapped) this.ctx.report.add('marker-unknown', (n) => `${n} custom marker${n > 1 ? 's' : ''} Arbor cannot show dropped`);
    }
    return out;
  }

  private image(raw: unknown): ImageRef | undefined {
    const img = asObject<NonNullable<XTopic['image']>>(raw);
    const src = asString(img?.src);
    if (!img || !src) return undefined;
    let ref: ImageRef | undefined;
    if (/^https?:\/\//i.test(src)) ref = { src };
    else if (src.startsWith('xap:')) {
      const path = src.slice(4).replace(/^\/+/, '');
      const bytes = this.ctx.files.get(path);
      if (!bytes) {
        this.ctx.missing.add(path);
        return undefined;
      }
      const mime = imageMime(bytes, path);
      if (!mime) {
        this.ctx.report.add('image-unsupported', (n) => `${n} image${n > 1 ? 's' : ''} of an unknown kind dropped`);
        return undefined;
      }
      ref = { src: toDataUrl(bytes, mime), ...intrinsicSize(bytes) };
    } else {
      this.ctx.report.add('image-unsupported', (n) => `${n} image${n > 1 ? 's' : ''} of an unknown kind dropped`);
      return undefined;
    }
    const width = asNumber(img.width);
    const height = asNumber(img.height);
    if (width && width > 0) ref.width = width;
    if (height && height > 0) ref.height = height;
    return ref;
  }

  private applyHref(href: string, id: TopicId): void {
    const report = this.ctx.report;
    if (/^(?:https?:\/\/|mailto:)/i.test(href)) this.b.update(id, { href });
    else if (href.startsWith('xmind:#')) this.links.push([id, href.slice(7)]);
    else if (href.startsWith('xap:'))
      report.add('attachment-dropped', (n) => `${n} attached file${n > 1 ? 's' : ''} dropped (Arbor links only to web pages and topics)`);
    else report.add('link-dropped', (n) => `${n} link${n > 1 ? 's' : ''} to local files or other maps dropped`);
  }

  resolveLinks(): void {
    for (const [id, target] of this.links) {
      const to = this.ids.get(target);
      if (to) this.b.update(id, { href: `#topic:${to}` });
      else this.ctx.report.add('link-target-missing', (n) => `${n} link${n > 1 ? 's' : ''} to topics outside this sheet dropped`);
    }
  }

  /** XMind's unbalanced map puts the first `right-number` main topics on the right. */
  assignSides(root: XTopic): void {
    if (this.b.structure !== 'mindmap') return;
    let right: number | undefined;
    for (const ext of asArray(root.extensions)) {
      const e = asObject<{ provider?: unknown; content?: unknown }>(ext);
      if (e?.provider !== 'org.xmind.ui.map.unbalanced') continue;
      for (const c of asArray(e.content)) {
        const item = asObject<{ name?: unknown; content?: unknown }>(c);
        if (item?.name === 'right-number') right = asNumber(item.content);
      }
    }
    if (right === undefined || right < 0) return;
    const main = this.b.children(this.b.rootId).filter((c) => {
      const t = this.b.get(c);
      return t && !t.detached && t.summaryId === undefined;
    });
    for (const [i, c] of main.entries()) this.b.update(c, { side: i < (right as number) ? 'right' : 'left' });
  }

  addRelationships(list: unknown[]): void {
    for (const raw of list) {
      const r = asObject<XRelationship>(raw);
      const from = this.end(r?.end1Id);
      const to = this.end(r?.end2Id);
      if (!r || !from || !to) {
        this.ctx.report.add('relationship-dangling', (n) => `${n} relationship${n > 1 ? 's' : ''} to missing topics dropped`);
        continue;
      }
      const cp = asObject<Record<string, XPoint>>(r.controlPoints);
      const p0 = point(cp?.['0']);
      const p1 = point(cp?.['1']);
      const props = asObject<Record<string, unknown>>(r.style?.properties);
      const color = xmindColour(props?.['line-color']);
      const pattern = asString(props?.['line-pattern']);
      const dashed = pattern === 'dash' || pattern === 'dot' || pattern === 'dash-dot' || undefined;
      this.b.addRelationship({
        from,
        to,
        label: asString(r.title) || undefined,
        controlPoints: p0 && p1 ? [p0, p1] : undefined,
        style: color || dashed ? stripEmpty({ color, dashed }) : undefined,
      });
    }
  }
}

const NONE: XTopic[] = [];
const NO_CHILDREN: NonNullable<XTopic['children']> = {};
function topicsOf(v: unknown): XTopic[] {
  return v === undefined ? NONE : asArray(v).filter((t): t is XTopic => asObject(t) !== undefined);
}

function point(p: unknown): Point | undefined {
  const o = asObject<XPoint>(p);
  const x = asNumber(o?.x);
  const y = asNumber(o?.y);
  return x !== undefined && y !== undefined ? { x, y } : undefined;
}

function noteText(t: XTopic): string | undefined {
  const notes = asObject<NonNullable<XTopic['notes']>>(t.notes);
  if (!notes) return undefined;
  const plain = asString(asObject<{ content?: unknown }>(notes.plain)?.content);
  // Plain is what the user typed: only line ends and the trailing newlines XMind adds change.
  if (plain?.trim()) return plain.replace(/\r\n?/g, '\n').trimEnd();
  const real = asString(asObject<{ content?: unknown }>(notes.realHTML)?.content);
  if (real) return htmlToText(real) || undefined;
  const html = asObject<{ content?: unknown }>(notes.html)?.content;
  if (typeof html === 'string') return htmlToText(html) || undefined;
  if (html !== undefined) return paragraphsToText(html) || undefined;
  const ops = asArray(asObject<{ ops?: unknown }>(notes.ops)?.ops);
  const text = ops.map((op) => asString(asObject<{ insert?: unknown }>(op)?.insert) ?? '').join('');
  return tidyText(text) || undefined;
}

function stripEmpty<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
