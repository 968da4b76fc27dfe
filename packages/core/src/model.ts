// The Arbor document model (DESIGN §2): flat, immutable records keyed by id.
// `MindDoc` is the serialized shape (JSON on disk and on the wire);
// `DocState` (see store.ts) holds the same records in Maps for O(1) operations.

export type TopicId = string & { readonly brand: 'TopicId' };
export const asTopicId = (id: string): TopicId => id as TopicId;

/** Current schema version of the serialized document; `restore()` migrates older ones. */
export const SCHEMA_VERSION = 1;

export const STRUCTURE_NAMES = [
  'mindmap', // balanced on both sides of the root
  'mindmap-right', // mind map with every branch on the right
  'mindmap-left', // mind map with every branch on the left
  'logic-right',
  'logic-left',
  'org-down',
  'org-up',
  'tree', // catalog / 目录组织图: children stacked below, indented
  'timeline-horizontal',
  'timeline-vertical',
  'fishbone-left', // head on the left, bones open to the right
  'fishbone-right', // head on the right (classic Ishikawa)
  'brace',
] as const;
export type StructureName = (typeof STRUCTURE_NAMES)[number];

export const isStructureName = (s: unknown): s is StructureName =>
  typeof s === 'string' && (STRUCTURE_NAMES as readonly string[]).includes(s);

export type TopicShape = 'rect' | 'rounded' | 'ellipse' | 'underline' | 'none' | 'capsule' | 'diamond';

export interface TopicStyle {
  fill?: string; // CSS colour
  color?: string; // text colour
  borderColor?: string;
  borderWidth?: number;
  shape?: TopicShape;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  lineColor?: string; // connector to children
}

export interface ImageRef {
  /** A data: URL, an http(s) URL, or a resource path inside an imported archive. */
  src: string;
  width?: number;
  height?: number;
  alt?: string;
}

/** Where a generated topic came from: offsets in the extracted document text, and a page for PDFs. */
export interface SourceSpan {
  start: number;
  end: number;
  page?: number;
}

export interface Topic {
  readonly id: TopicId;
  readonly parentId: TopicId | null;
  /** Fractional index among siblings; siblings sort by plain string comparison. */
  readonly index: string;
  readonly text: string;
  readonly note?: string;
  /** Plain http(s)/mailto URL, or `#topic:<id>` for a link to another topic. */
  readonly href?: string;
  readonly image?: ImageRef;
  /** Marker ids, e.g. `priority-1`, `task-50`, `flag-red` (see markers.ts). */
  readonly markers?: readonly string[];
  readonly labels?: readonly string[];
  readonly task?: { readonly done: boolean };
  readonly style?: TopicStyle;
  /** Per-branch structure override. */
  readonly structure?: StructureName;
  readonly folded?: boolean;
  /** A floating topic: a child of the root in the record store, placed freely at `position`. */
  readonly detached?: boolean;
  /** For detached topics: centre relative to the root's centre. */
  readonly position?: { readonly x: number; readonly y: number };
  /** For children of the root in a mind map: which side to place the branch on. */
  readonly side?: 'left' | 'right';
  /** Set on the topic that a Summary owns; such topics are not ordinary children. */
  readonly summaryId?: string;
  readonly source?: SourceSpan;
}

export interface Point {
  x: number;
  y: number;
}

export interface Relationship {
  readonly id: string;
  readonly from: TopicId;
  readonly to: TopicId;
  readonly label?: string;
  /** Control points relative to the centres of `from` and `to`. */
  readonly controlPoints?: readonly [Point, Point];
  readonly style?: { readonly color?: string; readonly dashed?: boolean; readonly arrowStart?: boolean; readonly arrowEnd?: boolean };
}

/** A brace over a contiguous range of siblings (`fromId` … `toId`, inclusive), with its own topic. */
export interface Summary {
  readonly id: string;
  readonly parentId: TopicId;
  readonly fromId: TopicId;
  readonly toId: TopicId;
  /** The summary's own topic: `parentId` = the range's parent, `summaryId` = this summary's id. */
  readonly topicId: TopicId;
  readonly style?: { readonly color?: string };
}

/** A frame around a contiguous range of siblings (or, with fromId = toId, one branch). */
export interface Boundary {
  readonly id: string;
  readonly parentId: TopicId;
  readonly fromId: TopicId;
  readonly toId: TopicId;
  readonly label?: string;
  readonly style?: { readonly color?: string; readonly fill?: string };
}

export interface ThemeRef {
  /** Built-in theme name (see themes.ts). */
  name: string;
  /** Rainbow branch colours etc. may be overridden per document. */
  overrides?: Record<string, string>;
}

export interface DocMeta {
  /** Citations collected from a source document (引用法条), in order, without duplicates. */
  references?: string[];
  /** Name of the file or the kind of source a document was made from. */
  sourceName?: string;
  /** Free-form description, e.g. a template's summary. */
  description?: string;
  /** The text a document was made from: every topic's `source` span points into it (the source view shows it). */
  sourceText?: string;
}

export interface MindDoc {
  schema: number;
  id: string;
  title: string;
  rootId: TopicId;
  topics: Record<string, Topic>;
  relationships: Record<string, Relationship>;
  summaries: Record<string, Summary>;
  boundaries: Record<string, Boundary>;
  structure: StructureName;
  theme: ThemeRef;
  meta?: DocMeta;
}

/** The mutable-record fields of a topic that `topic.update` may change. */
export type TopicPatch = Partial<Omit<Topic, 'id' | 'parentId' | 'index'>>;
