// restore(), step 1: read each collection of a serialized document into plain mutable records,
// keeping only the fields the schema knows with values of the right type.

import { keyedRecords } from './migrate.ts';
import type { ReportRepair } from './repairs.ts';
import { conforms, isPlainObject, joinPath, type Spec, sanitizeValue, type ValidationIssue } from './spec.ts';

export type RawRecord = Record<string, unknown> & { id: string };

/**
 * Fields of `raw` that match `spec`; problems are reported, required fields may be missing.
 * `path` names the record in reports (a function, so it is only built when something is wrong);
 * fields in `skip` are left out.
 */
export function sanitizeRecord(
  spec: Spec & { kind: 'object' },
  raw: Record<string, unknown>,
  path: string | (() => string),
  report: ReportRepair,
  id?: string,
  skip?: string,
): Record<string, unknown> {
  let dropped: ValidationIssue[] | null = null;
  const out: Record<string, unknown> = {};
  for (const k in raw) {
    if (!Object.hasOwn(raw, k) || k === skip) continue;
    const v = raw[k];
    if (v === undefined) continue;
    const f = Object.hasOwn(spec.fields, k) ? spec.fields[k] : undefined;
    if (f && conforms(f.spec, v)) {
      out[k] = v;
      continue;
    }
    dropped ??= [];
    const at = joinPath(typeof path === 'string' ? path : path(), k);
    if (!f) dropped.push({ path: at, message: 'is not a known field', repairable: true });
    else {
      const s = sanitizeValue(f.spec, v, at, dropped);
      if (s !== undefined) out[k] = s;
    }
  }
  if (dropped) {
    for (const d of dropped) {
      const unknown = d.message === 'is not a known field';
      report(unknown ? 'unknown-field' : 'invalid-field', `${d.path} ${d.message}; dropped`, id);
    }
  }
  return out;
}

/**
 * The records of one collection, keyed by id. Arrays are accepted (renaming repeated ids); the
 * key wins over a differing `id` field; entries that are not objects or have an empty key go.
 */
export function readCollection(
  value: unknown,
  name: string,
  spec: Spec & { kind: 'object' },
  report: ReportRepair,
): Map<string, RawRecord> {
  const out = new Map<string, RawRecord>();
  if (value === undefined || value === null) {
    if (name !== 'topics') report('default', `${name} was missing; it is empty now`);
    return out;
  }
  const keyed = keyedRecords(value, name, report);
  if (!isPlainObject(keyed)) {
    report('invalid-field', `${name} must be an object keyed by id; dropped`);
    return out;
  }
  for (const key in keyed) {
    if (!Object.hasOwn(keyed, key)) continue;
    const raw = keyed[key];
    if (key === '' || !isPlainObject(raw)) {
      report('invalid-record', `${joinPath(name, key)} is not a record${key === '' ? ' (empty id)' : ''}; dropped`, key || undefined);
      continue;
    }
    if (raw.id !== undefined && raw.id !== key) {
      report('id-mismatch', `${joinPath(name, key)}.id was ${JSON.stringify(raw.id)}; the key ${JSON.stringify(key)} is its id`, key);
    }
    const rec = sanitizeRecord(spec, raw, () => joinPath(name, key), report, key, 'id') as RawRecord;
    rec.id = key;
    out.set(key, rec);
  }
  return out;
}

/** Drops records missing a required field (after sanitizing), reporting each. */
export function requireFields(
  records: Map<string, RawRecord>,
  name: string,
  fields: readonly string[],
  report: ReportRepair,
  kind: 'dangling-relationship' | 'dangling-summary' | 'dangling-boundary',
): void {
  for (const [id, r] of records) {
    const missing = fields.filter((f) => r[f] === undefined);
    if (missing.length === 0) continue;
    records.delete(id);
    report(kind, `${joinPath(name, id)} has no valid ${missing.join(', ')}; dropped`, id);
  }
}
