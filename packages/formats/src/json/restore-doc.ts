// A MindDoc read from JSON goes through core's `restore()` (migration, defaults, repair of
// orphans, cycles and dangling references). Before that, a cheap pass refuses documents nested
// beyond the depth limit, which restore() would otherwise accept and later code could not walk.

import { DocFormatError, type MindDoc, type RepairKind, restore, SCHEMA_VERSION } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { ReportBuilder } from '../types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How each kind of repair reads in the import report. */
const REPAIRED: Partial<Record<RepairKind, string>> = {
  migrated: 'upgraded from an older Arbor version',
  'invalid-field': 'invalid fields dropped',
  'unknown-field': 'unknown fields dropped',
  'invalid-record': 'invalid records dropped',
  'duplicate-id': 'duplicate ids renamed',
  'missing-root': 'missing central topic replaced',
  orphan: 'topics without a parent attached to the central topic',
  cycle: 'parent cycles broken',
  'extra-root': 'extra top-level topics attached to the central topic',
  'dangling-relationship': 'relationships to missing topics dropped',
  'dangling-summary': 'summaries over missing topics dropped',
  'dangling-boundary': 'boundaries around missing topics dropped',
  'summary-range': 'summary ranges corrected',
  'boundary-range': 'boundary ranges corrected',
  'unknown-structure': 'unknown structures replaced by the default',
  'unknown-theme': 'unknown themes replaced by the default',
};
/** Repairs that only fill in what an older or minimal writer left out: not worth reporting. */
const SILENT = new Set<RepairKind>(['default', 'index', 'id-mismatch', 'root-parent', 'summary-topic']);

/** Refuses a topic record set whose parent chains run deeper than the limit (cycles are restore()'s). */
function checkDepth(topics: unknown, format: string): void {
  if (!isObj(topics)) return;
  const parentOf = new Map<string, string | null>();
  for (const [key, v] of Object.entries(topics))
    if (isObj(v)) parentOf.set(typeof v.id === 'string' ? v.id : key, typeof v.parentId === 'string' ? v.parentId : null);
  const depth = new Map<string, number>();
  for (const start of parentOf.keys()) {
    if (depth.has(start)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let base = 0;
    for (let cur: string | null | undefined = start; cur !== null && cur !== undefined && !onPath.has(cur); cur = parentOf.get(cur)) {
      const known = depth.get(cur);
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      path.push(cur);
      onPath.add(cur);
    }
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i] as string, base + (path.length - 1 - i));
    if (base + path.length > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the map is nested more than ${LIMITS.maxDepth} levels deep`, format);
  }
}

export function restoreDoc(raw: unknown, report: ReportBuilder, format: string): MindDoc {
  if (!isObj(raw) || !isObj(raw.topics))
    throw new ImportError('malformed', 'this JSON is not an Arbor map: it has no "topics" records', format);
  if (typeof raw.schema === 'number' && raw.schema > SCHEMA_VERSION)
    throw new ImportError(
      'unsupported',
      `the map was written by a newer Arbor (schema ${raw.schema}; this version reads ${SCHEMA_VERSION})`,
      format,
    );
  if (Object.keys(raw.topics).length > LIMITS.maxTopics)
    throw new ImportError('too-large', `the map has more than ${LIMITS.maxTopics} topics`, format);
  checkDepth(raw.topics, format);
  let restored: ReturnType<typeof restore>;
  try {
    restored = restore(raw);
  } catch (err) {
    if (err instanceof DocFormatError)
      throw new ImportError(
        'malformed',
        `this JSON is not a valid Arbor map: ${err.message}${err.path ? ` (at ${err.path})` : ''}`,
        format,
      );
    throw err;
  }
  for (const r of restored.repairs) {
    if (SILENT.has(r.kind)) continue;
    const what = REPAIRED[r.kind];
    report.add(r.kind, (n) => (what ? `${n} ${what}` : n === 1 ? r.message : `${n} repairs: ${r.message}, …`));
  }
  return restored.doc;
}
