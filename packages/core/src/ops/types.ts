// Operations (DESIGN §2): every change to a document is one of these, named `domain.verb`.
// Ops carry every id they create, so replaying an op (server, live collaboration) is deterministic.

import type { Boundary, DocMeta, Relationship, StructureName, Summary, ThemeRef, Topic, TopicId, TopicPatch } from '../model.ts';

/** A topic to create, with its whole subtree. `summaryId` is set only through `summary.create`. */
export type NewTopic = Omit<TopicPatch, 'summaryId'> & {
  id: TopicId;
  children?: readonly NewTopic[];
};

/** A patch where `null` or `undefined` clears an optional field. */
export type Clearable<T> = { [K in keyof T]?: T[K] | null };

/** Fields of a topic that `topic.update` may change (structure fields go through `topic.move`). */
export type TopicUpdate = Clearable<Omit<TopicPatch, 'summaryId'>>;

/**
 * Where to put topics among the attached children of a parent. Give one of:
 * `index` (0-based position among the attached children, not counting moved topics),
 * `before` / `after` (a sibling id; `parentId` may then be omitted), or only `parentId` (append).
 */
export interface Placement {
  parentId?: TopicId;
  index?: number;
  before?: TopicId;
  after?: TopicId;
}

export interface TopicCreateOp extends Placement {
  type: 'topic.create';
  topic: NewTopic;
}
export interface TopicUpdateOp {
  type: 'topic.update';
  id: TopicId;
  patch: TopicUpdate;
}
/** Moves several topics at once; they keep their relative document order at the destination. */
export interface TopicMoveOp extends Placement {
  type: 'topic.move';
  ids: readonly TopicId[];
}
/** Deletes whole subtrees, with the summaries, boundaries and relationships that would dangle. */
export interface TopicDeleteOp {
  type: 'topic.delete';
  ids: readonly TopicId[];
}

export type RelationshipUpdate = Clearable<Omit<Relationship, 'id'>>;
export interface RelationshipCreateOp {
  type: 'relationship.create';
  relationship: Relationship;
}
export interface RelationshipUpdateOp {
  type: 'relationship.update';
  id: string;
  patch: RelationshipUpdate;
}
export interface RelationshipDeleteOp {
  type: 'relationship.delete';
  id: string;
}

export type SummaryUpdate = Clearable<Pick<Summary, 'fromId' | 'toId' | 'style'>>;
export interface SummaryCreateOp {
  type: 'summary.create';
  summary: Omit<Summary, 'topicId'>;
  /** The summary's own topic (its `id` becomes `summary.topicId`), placed under `summary.parentId`. */
  topic: NewTopic;
}
export interface SummaryUpdateOp {
  type: 'summary.update';
  id: string;
  patch: SummaryUpdate;
}
/** Deletes the summary together with its topic's subtree. */
export interface SummaryDeleteOp {
  type: 'summary.delete';
  id: string;
}

export type BoundaryUpdate = Clearable<Pick<Boundary, 'fromId' | 'toId' | 'label' | 'style'>>;
export interface BoundaryCreateOp {
  type: 'boundary.create';
  boundary: Boundary;
}
export interface BoundaryUpdateOp {
  type: 'boundary.update';
  id: string;
  patch: BoundaryUpdate;
}
export interface BoundaryDeleteOp {
  type: 'boundary.delete';
  id: string;
}

/** Document-level fields. In a diff, `meta: null` means "no meta". */
export interface DocFields {
  title: string;
  structure: StructureName;
  theme: ThemeRef;
  meta: DocMeta | null;
}
export interface DocUpdateOp {
  type: 'doc.update';
  patch: Clearable<DocFields>;
}

export type Op =
  | TopicCreateOp
  | TopicUpdateOp
  | TopicMoveOp
  | TopicDeleteOp
  | RelationshipCreateOp
  | RelationshipUpdateOp
  | RelationshipDeleteOp
  | SummaryCreateOp
  | SummaryUpdateOp
  | SummaryDeleteOp
  | BoundaryCreateOp
  | BoundaryUpdateOp
  | BoundaryDeleteOp
  | DocUpdateOp;

export type OpType = Op['type'];

export const OP_TYPES: readonly OpType[] = [
  'topic.create',
  'topic.update',
  'topic.move',
  'topic.delete',
  'relationship.create',
  'relationship.update',
  'relationship.delete',
  'summary.create',
  'summary.update',
  'summary.delete',
  'boundary.create',
  'boundary.update',
  'boundary.delete',
  'doc.update',
];

/** Changes to one record collection. `updated` pairs are [before, after]. */
export interface RecordChanges<T> {
  added: T[];
  updated: [T, T][];
  removed: T[];
}

/** The one currency for undo, saving, live collaboration and change events. JSON-serializable. */
export interface Diff {
  topics: RecordChanges<Topic>;
  relationships: RecordChanges<Relationship>;
  summaries: RecordChanges<Summary>;
  boundaries: RecordChanges<Boundary>;
  /** Changed document fields only; `before` and `after` have the same keys. */
  doc: { before: Partial<DocFields>; after: Partial<DocFields> } | null;
}

export type OpErrorCode =
  | 'invalid-op' // not an object, unknown type, missing or mistyped op fields
  | 'invalid-field' // a record field of the wrong type or an unknown field
  | 'unknown-topic'
  | 'unknown-relationship'
  | 'unknown-summary'
  | 'unknown-boundary'
  | 'duplicate-id'
  | 'root-protected' // deleting, moving or detaching the root
  | 'summary-topic' // moving or detaching a summary's own topic
  | 'cycle' // a move into the moved topic's own subtree
  | 'invalid-position' // before/after/index that does not fit the parent
  | 'invalid-range' // summary/boundary over topics that are not contiguous attached siblings
  | 'conflict'; // a diff that does not fit the current document

/** A refused operation or diff. Nothing was changed when this is thrown. */
export class OpError extends Error {
  override readonly name = 'OpError';
  constructor(
    readonly code: OpErrorCode,
    message: string,
  ) {
    super(message);
  }
}
