// DocBuilder: the one way importers (formats, docmap, AI) assemble a document in a single pass,
// with deterministic ids and balanced fractional indices.

import { keysBetween } from './fractional-index.ts';
import type { Boundary, DocMeta, MindDoc, Relationship, StructureName, Summary, ThemeRef, Topic, TopicId, TopicPatch } from './model.ts';
import { asTopicId, SCHEMA_VERSION } from './model.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type TopicFields = TopicPatch & { id?: string };

export interface DocBuilderOptions {
  id?: string;
  title?: string;
  rootText?: string;
  structure?: StructureName;
  theme?: ThemeRef;
  /** Prefix of generated ids (default `t`); ids are `${prefix}${n}` in creation order. */
  idPrefix?: string;
}

export class DocBuilder {
  readonly rootId: TopicId;
  private readonly topics = new Map<TopicId, Mutable<Topic>>();
  private readonly childOrder = new Map<TopicId, TopicId[]>();
  private readonly relationships: Record<string, Relationship> = {};
  private readonly summaries: Record<string, Summary> = {};
  private readonly boundaries: Record<string, Boundary> = {};
  private counter = 0;
  private readonly prefix: string;
  title: string;
  structure: StructureName;
  theme: ThemeRef;
  meta: DocMeta | undefined;
  readonly id: string;

  constructor(opts: DocBuilderOptions = {}) {
    this.prefix = opts.idPrefix ?? 't';
    this.id = opts.id ?? 'doc';
    this.title = opts.title ?? opts.rootText ?? '';
    this.structure = opts.structure ?? 'mindmap';
    this.theme = opts.theme ?? { name: 'classic' };
    this.rootId = this.nextId();
    this.topics.set(this.rootId, { id: this.rootId, parentId: null, index: 'a0', text: opts.rootText ?? opts.title ?? '' });
  }

  private nextId(wanted?: string): TopicId {
    if (wanted !== undefined && wanted !== '' && !this.topics.has(asTopicId(wanted))) return asTopicId(wanted);
    let id: TopicId;
    do id = asTopicId(`${this.prefix}${++this.counter}`);
    while (this.topics.has(id));
    return id;
  }

  has(id: string): boolean {
    return this.topics.has(asTopicId(id));
  }

  get(id: TopicId): Readonly<Topic> | undefined {
    return this.topics.get(id);
  }

  /** Appends a topic as the last child of `parentId`; returns its id. */
  add(parentId: TopicId, fields: TopicFields): TopicId {
    if (!this.topics.has(parentId)) throw new Error(`DocBuilder: unknown parent ${parentId}`);
    const { id: wanted, ...rest } = fields;
    const id = this.nextId(wanted);
    this.topics.set(id, { text: '', ...stripUndefined(rest), id, parentId, index: '' });
    let list = this.childOrder.get(parentId);
    if (!list) this.childOrder.set(parentId, (list = []));
    list.push(id);
    return id;
  }

  /** Changes fields of a topic already added (the root included). */
  update(id: TopicId, patch: TopicPatch): void {
    const t = this.topics.get(id);
    if (!t) throw new Error(`DocBuilder: unknown topic ${id}`);
    Object.assign(t, stripUndefined(patch));
  }

  children(id: TopicId): readonly TopicId[] {
    return this.childOrder.get(id) ?? [];
  }

  get size(): number {
    return this.topics.size;
  }

  addRelationship(r: Omit<Relationship, 'id'> & { id?: string }): string {
    const id = r.id ?? `r${Object.keys(this.relationships).length + 1}`;
    this.relationships[id] = { ...stripUndefined(r), id } as Relationship;
    return id;
  }

  /** A summary over children `fromId`…`toId` of `parentId`; its topic is created here. */
  addSummary(parentId: TopicId, fromId: TopicId, toId: TopicId, topic: TopicFields, id?: string): { summaryId: string; topicId: TopicId } {
    const summaryId = id ?? `s${Object.keys(this.summaries).length + 1}`;
    const topicId = this.add(parentId, { ...topic, summaryId });
    this.summaries[summaryId] = { id: summaryId, parentId, fromId, toId, topicId };
    return { summaryId, topicId };
  }

  addBoundary(b: Omit<Boundary, 'id'> & { id?: string }): string {
    const id = b.id ?? `b${Object.keys(this.boundaries).length + 1}`;
    this.boundaries[id] = { ...stripUndefined(b), id } as Boundary;
    return id;
  }

  build(): MindDoc {
    for (const [, list] of this.childOrder) {
      const keys = keysBetween(null, null, list.length);
      list.forEach((cid, i) => {
        const t = this.topics.get(cid);
        if (t) t.index = keys[i] ?? 'a0';
      });
    }
    const topics: Record<string, Topic> = {};
    for (const [id, t] of this.topics) topics[id] = t;
    const doc: MindDoc = {
      schema: SCHEMA_VERSION,
      id: this.id,
      title: this.title,
      rootId: this.rootId,
      topics,
      relationships: this.relationships,
      summaries: this.summaries,
      boundaries: this.boundaries,
      structure: this.structure,
      theme: this.theme,
    };
    if (this.meta) doc.meta = this.meta;
    return doc;
  }
}

function stripUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
