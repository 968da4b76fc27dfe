// Schema migrations. Each step upgrades a serialized document by one version and reports what it
// did; restore() runs them in order from the document's version to SCHEMA_VERSION.

import { keysBetween } from '../fractional-index.ts';
import { SCHEMA_VERSION } from '../model.ts';
import { DocFormatError } from './errors.ts';
import type { ReportRepair } from './repairs.ts';
import { isPlainObject } from './spec.ts';

type Json = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  description: string;
  up(doc: Json, report: ReportRepair): Json;
}

/**
 * Records given as an array (or an object) become an object keyed by id; a repeated id gets a
 * fresh one. Entries that are not objects are left for restore() to drop.
 */
export function keyedRecords(value: unknown, what: string, report: ReportRepair): Json {
  if (!Array.isArray(value)) return value as Json;
  const out: [string, unknown][] = [];
  const used = new Set<string>();
  value.forEach((r, i) => {
    let id = isPlainObject(r) && typeof r.id === 'string' && r.id !== '' ? r.id : `${what}-${i + 1}`;
    if (used.has(id)) {
      const base = id;
      let n = 2;
      while (used.has(`${base}~${n}`)) n++;
      id = `${base}~${n}`;
      report('duplicate-id', `${what} id ${base} was used twice; the second one is now ${id}`, id);
    }
    used.add(id);
    out.push([id, isPlainObject(r) ? { ...r, id } : r]);
  });
  return Object.fromEntries(out);
}

/**
 * Version 0: the prototype format, without a `schema` field. Collections could be arrays, topic
 * text was called `title`, sibling order was a number, and relationships were called `relations`.
 */
const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'keyed collections, topic text, fractional sibling indices',
  up(doc, report) {
    const out: Json = { ...doc, schema: 1 };
    if (out.relationships === undefined && out.relations !== undefined) out.relationships = out.relations;
    delete out.relations;
    for (const c of ['topics', 'relationships', 'summaries', 'boundaries']) {
      if (out[c] !== undefined) out[c] = keyedRecords(out[c], c === 'topics' ? 'topic' : c.slice(0, -1), report);
    }
    if (isPlainObject(out.topics)) {
      // Entries, not assignments: an id such as "__proto__" must stay an ordinary key.
      const topics: [string, unknown][] = [];
      const numbered = new Map<unknown, [number, Json][]>();
      for (const [k, raw] of Object.entries(out.topics)) {
        if (!isPlainObject(raw)) {
          topics.push([k, raw]);
          continue;
        }
        const t: Json = { ...raw };
        if (t.text === undefined && typeof t.title === 'string') {
          t.text = t.title;
          delete t.title;
        }
        if (typeof t.index === 'number' && Number.isFinite(t.index)) {
          let list = numbered.get(t.parentId);
          if (!list) numbered.set(t.parentId, (list = []));
          list.push([t.index, t]);
        }
        topics.push([k, t]);
      }
      for (const list of numbered.values()) {
        list.sort((a, b) => a[0] - b[0]);
        const keys = keysBetween(null, null, list.length);
        list.forEach(([, t], i) => {
          t.index = keys[i];
        });
      }
      out.topics = Object.fromEntries(topics);
    }
    report('migrated', 'upgraded a version-0 document (no schema field) to version 1');
    return out;
  },
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** The schema version a serialized document declares (0 when it has none). */
export function schemaVersionOf(doc: Json): number {
  const v = doc.schema;
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DocFormatError('schema must be a whole version number', 'schema');
  if (v > SCHEMA_VERSION) {
    throw new DocFormatError(`schema version ${v} is newer than this program supports (${SCHEMA_VERSION}); update Arbor`, 'schema');
  }
  return v;
}

/** Upgrades `doc` to SCHEMA_VERSION (returns a new object; the input is not modified). */
export function migrate(doc: Json, report: ReportRepair): Json {
  let version = schemaVersionOf(doc);
  let out = doc;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new DocFormatError(`no migration from schema version ${version}`, 'schema');
    out = step.up(out, report);
    version = step.to;
  }
  return out;
}
