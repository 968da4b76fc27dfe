// restore(): the one entry for every load path (database, import, paste, network). Migrates the
// schema, fills defaults, and repairs orphans, cycles, duplicate ids, bad sibling indices and
// dangling references, reporting every repair. Throws DocFormatError only when nothing usable
// is there (not an object, no topics collection, a newer schema).

import type { Boundary, MindDoc, Relationship, StructureName, Summary, ThemeRef, Topic } from '../model.ts';
import { isStructureName, SCHEMA_VERSION } from '../model.ts';
import { getTheme } from '../render/themes.ts';
import { type DocState, stateFromDoc } from '../store.ts';
import { DocFormatError } from './errors.ts';
import { migrate } from './migrate.ts';
import { type Repair, type ReportRepair, repairCollector } from './repairs.ts';
import { type RawRecord, readCollection, requireFields, sanitizeRecord } from './restore-records.ts';
import { chooseRoot, connectToRoot, repairIndices } from './restore-tree.ts';
import { BOUNDARY_SPEC, isPlainObject, META_SPEC, RELATIONSHIP_SPEC, SUMMARY_SPEC, THEME_SPEC, TOPIC_SPEC } from './spec.ts';

export interface RestoreOptions {
  /** Whether a theme name is known (default: the built-in theme registry). */
  isKnownTheme?: (name: string) => boolean;
}

export interface RestoreResult {
  doc: MindDoc;
  /** Empty when the document needed no repair. */
  repairs: Repair[];
}

const DOC_FIELDS = new Set([
  'schema',
  'id',
  'title',
  'rootId',
  'topics',
  'relationships',
  'summaries',
  'boundaries',
  'structure',
  'theme',
  'meta',
]);

export function restore(json: unknown, options: RestoreOptions = {}): RestoreResult {
  if (!isPlainObject(json)) throw new DocFormatError('a document must be a JSON object', '');
  const { repairs, report } = repairCollector();
  const src = migrate(json, report);
  if (!isPlainObject(src.topics) && !Array.isArray(src.topics)) {
    throw new DocFormatError(src.topics === undefined ? 'topics is missing' : 'topics must be an object keyed by topic id', 'topics');
  }
  for (const k of Object.keys(src)) if (!DOC_FIELDS.has(k)) report('unknown-field', `${k} is not a document field; dropped`);

  const topics = readCollection(src.topics, 'topics', TOPIC_SPEC, report);
  let title: string | undefined = typeof src.title === 'string' ? src.title : undefined;
  const rootId = chooseRoot(topics, src.rootId, title ?? '', report);
  for (const [id, t] of topics) {
    if (typeof t.text !== 'string') {
      t.text = '';
      report('default', `${id} had no text; set to empty`, id);
    }
  }
  connectToRoot(topics, rootId, report);
  repairIndices(topics, rootId, report);
  const summaries = restoreSummaries(src.summaries, topics, report);
  const boundaries = restoreBoundaries(src.boundaries, topics, summaries, report);
  const relationships = readCollection(src.relationships, 'relationships', RELATIONSHIP_SPEC, report);
  requireFields(relationships, 'relationships', ['from', 'to'], report, 'dangling-relationship');
  for (const [id, r] of relationships) {
    const missing = [r.from, r.to].filter((t) => !topics.has(t as string));
    if (missing.length === 0) continue;
    relationships.delete(id);
    report('dangling-relationship', `relationship ${id} pointed to missing topic ${missing.join(', ')}; dropped`, id);
  }

  if (title === undefined) {
    title = (topics.get(rootId)?.text as string) ?? '';
    report('default', src.title === undefined ? 'title was missing; set to the root text' : 'title must be a string; set to the root text');
  }
  const doc: MindDoc = {
    schema: SCHEMA_VERSION,
    id: restoreId(src.id, report),
    title,
    rootId: rootId as Topic['id'],
    topics: Object.fromEntries(topics) as unknown as Record<string, Topic>,
    relationships: Object.fromEntries(relationships) as unknown as Record<string, Relationship>,
    summaries: Object.fromEntries(summaries) as unknown as Record<string, Summary>,
    boundaries: Object.fromEntries(boundaries) as unknown as Record<string, Boundary>,
    structure: restoreStructure(src.structure, report),
    theme: restoreTheme(src.theme, options.isKnownTheme ?? ((name) => getTheme(name) !== undefined), report),
  };
  if (src.meta !== undefined) {
    const meta = isPlainObject(src.meta) ? sanitizeRecord(META_SPEC, src.meta, 'meta', report) : undefined;
    if (!meta) report('invalid-field', 'meta must be an object; dropped');
    else if (Object.keys(meta).length > 0) doc.meta = meta;
  }
  return { doc, repairs };
}

/** `restore()` straight into the in-memory form. */
export function restoreState(json: unknown, options?: RestoreOptions): DocState {
  return stateFromDoc(restore(json, options).doc);
}

function restoreId(id: unknown, report: ReportRepair): string {
  if (typeof id === 'string' && id !== '') return id;
  report('default', id === undefined ? 'id was missing; set to "doc"' : 'id must be a non-empty string; set to "doc"');
  return 'doc';
}

function restoreStructure(s: unknown, report: ReportRepair): StructureName {
  if (isStructureName(s)) return s;
  if (typeof s === 'string') report('unknown-structure', `unknown structure ${JSON.stringify(s)}; using mindmap`);
  else report('default', s === undefined ? 'structure was missing; using mindmap' : 'structure must be a string; using mindmap');
  return 'mindmap';
}

function restoreTheme(theme: unknown, known: (name: string) => boolean, report: ReportRepair): ThemeRef {
  let ref: ThemeRef | undefined;
  if (typeof theme === 'string') {
    ref = { name: theme };
    report('invalid-field', 'theme was a bare name; now { name }');
  } else if (isPlainObject(theme)) {
    const t = sanitizeRecord(THEME_SPEC, theme, 'theme', report);
    if (typeof t.name === 'string') ref = t as unknown as ThemeRef;
  }
  if (!ref) {
    report('default', theme === undefined ? 'theme was missing; using classic' : 'theme has no valid name; using classic');
    return { name: 'classic' };
  }
  if (!known(ref.name)) {
    report('unknown-theme', `unknown theme ${JSON.stringify(ref.name)}; using classic`);
    return { ...ref, name: 'classic' };
  }
  return ref;
}

type TopicRec = RawRecord & { parentId?: string | null; index?: string; detached?: boolean; summaryId?: string };

/**
 * Narrows a range to its valid endpoints (both, one, or none) and puts them in order. Returns
 * false when no endpoint is an ordinary child of the parent.
 */
function fixRange(
  r: RawRecord & { parentId: string; fromId: string; toId: string },
  topics: Map<string, TopicRec>,
  ordinary: (id: string) => boolean,
  what: 'summary' | 'boundary',
  report: ReportRepair,
): boolean {
  const ok = (id: string) => ordinary(id) && topics.get(id)?.parentId === r.parentId;
  const kind = what === 'summary' ? 'summary-range' : 'boundary-range';
  const fromOk = ok(r.fromId);
  const toOk = ok(r.toId);
  if (!fromOk && !toOk) return false;
  if (!fromOk || !toOk) {
    const keep = fromOk ? r.fromId : r.toId;
    report(
      kind,
      `${what} ${r.id}: ${fromOk ? r.toId : r.fromId} is not an ordinary child of ${r.parentId}; the range is now ${keep}`,
      r.id,
    );
    r.fromId = keep;
    r.toId = keep;
  }
  const a = topics.get(r.fromId)?.index as string;
  const b = topics.get(r.toId)?.index as string;
  if (a > b) {
    report(kind, `${what} ${r.id}: the range ran backwards; swapped ${r.fromId} and ${r.toId}`, r.id);
    [r.fromId, r.toId] = [r.toId, r.fromId];
  }
  return true;
}

type RangeRec = RawRecord & { parentId: string; fromId: string; toId: string };

function restoreSummaries(value: unknown, topics: Map<string, TopicRec>, report: ReportRepair): Map<string, RawRecord> {
  const summaries = readCollection(value, 'summaries', SUMMARY_SPEC, report);
  requireFields(summaries, 'summaries', ['parentId', 'fromId', 'toId', 'topicId'], report, 'dangling-summary');
  // Which topic belongs to which summary: the summary's topicId decides, first come first served.
  const owner = new Map<string, string>();
  for (const [id, s] of summaries) {
    const topicId = s.topicId as string;
    const t = topics.get(topicId);
    let why: string | undefined;
    if (!topics.has(s.parentId as string)) why = `its parent ${s.parentId} does not exist`;
    else if (!t) why = `its topic ${topicId} does not exist`;
    else if (t.parentId !== s.parentId) why = `its topic ${topicId} is not a child of ${s.parentId}`;
    else if (owner.has(topicId)) why = `its topic ${topicId} belongs to summary ${owner.get(topicId)}`;
    if (why) {
      summaries.delete(id);
      report('dangling-summary', `summary ${id} dropped: ${why}`, id);
    } else owner.set(topicId, id);
  }
  const ordinary = (id: string) => {
    const t = topics.get(id);
    return t !== undefined && !t.detached && !owner.has(id);
  };
  for (const [id, s] of summaries) {
    if (fixRange(s as RangeRec, topics, ordinary, 'summary', report)) continue;
    summaries.delete(id);
    owner.delete(s.topicId as string);
    report(
      'dangling-summary',
      `summary ${id} dropped: neither end of its range is a child of ${s.parentId}; its topic stays as a plain topic`,
      id,
    );
  }
  for (const [id, t] of topics) {
    const own = owner.get(id);
    if (t.summaryId !== undefined && t.summaryId !== own) {
      report('summary-topic', `${id} named summary ${t.summaryId}, which does not own it; cleared`, id);
      delete t.summaryId;
    }
    if (own !== undefined) {
      if (t.summaryId !== own) report('summary-topic', `${id} is the topic of summary ${own}; linked`, id);
      t.summaryId = own;
      if (t.detached !== undefined) {
        delete t.detached;
        delete t.position;
        report('summary-topic', `${id} is a summary's topic and cannot float; attached`, id);
      }
    }
  }
  return summaries;
}

function restoreBoundaries(
  value: unknown,
  topics: Map<string, TopicRec>,
  summaries: Map<string, RawRecord>,
  report: ReportRepair,
): Map<string, RawRecord> {
  const boundaries = readCollection(value, 'boundaries', BOUNDARY_SPEC, report);
  requireFields(boundaries, 'boundaries', ['parentId', 'fromId', 'toId'], report, 'dangling-boundary');
  const summaryTopics = new Set([...summaries.values()].map((s) => s.topicId as string));
  const ordinary = (id: string) => {
    const t = topics.get(id);
    return t !== undefined && !t.detached && !summaryTopics.has(id);
  };
  for (const [id, b] of boundaries) {
    if (!topics.has(b.parentId as string)) {
      boundaries.delete(id);
      report('dangling-boundary', `boundary ${id} dropped: its parent ${b.parentId} does not exist`, id);
    } else if (!fixRange(b as RangeRec, topics, ordinary, 'boundary', report)) {
      boundaries.delete(id);
      report('dangling-boundary', `boundary ${id} dropped: neither end of its range is a child of ${b.parentId}`, id);
    }
  }
  return boundaries;
}
