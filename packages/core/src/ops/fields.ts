// Field checks shared by the operations: record fields against the document schema, op shapes,
// and patches where null/undefined clears a field.

import { checkValue, isPlainObject, type Spec, TOPIC_SPEC, type ValidationIssue } from '../schema/spec.ts';
import { OpError } from './types.ts';

/**
 * A copy of a JSON-like value without `undefined` object fields, so records survive a JSON round
 * trip unchanged (diffs travel as JSON). Primitives are returned as they are.
 */
export function cleanValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cleanValue) as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) if (Object.hasOwn(v, k) && v[k] !== undefined) out[k] = cleanValue(v[k]);
  return out as T;
}

/** Throws `invalid-op` unless `cond` holds. */
export function need(cond: unknown, message: string): asserts cond {
  if (!cond) throw new OpError('invalid-op', message);
}

export function needId(v: unknown, what: string): asserts v is string {
  need(typeof v === 'string' && v !== '', `${what} must be a non-empty string`);
}

export function needIdList(v: unknown, what: string): asserts v is readonly string[] {
  need(Array.isArray(v) && v.length > 0, `${what} must be a non-empty array of ids`);
  for (const id of v as unknown[]) needId(id, `every entry of ${what}`);
}

/** Refuses a value that does not match `spec` with the first problem, as `invalid-field`. */
export function checkField(spec: Spec, value: unknown, path: string): void {
  const issues: ValidationIssue[] = [];
  checkValue(spec, value, path, issues, 1);
  const first = issues[0];
  if (first) throw new OpError('invalid-field', `${first.path} ${first.message}`);
}

/** Topic fields that placement and summary.create set, never the caller's topic fields. */
const TOPIC_PLACED = new Set(['parentId', 'index', 'summaryId']);

/** Checks the content fields of a topic given to `topic.create` / `summary.create`. */
export function checkNewTopicFields(fields: Record<string, unknown>, path: string): void {
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'id' || k === 'children' || v === undefined) continue;
    if (TOPIC_PLACED.has(k)) throw new OpError('invalid-field', `${path}.${k} is set by the operation, not by the topic`);
    const f = Object.hasOwn(TOPIC_SPEC.fields, k) ? TOPIC_SPEC.fields[k] : undefined;
    if (!f) throw new OpError('invalid-field', `${path}.${k} is not a topic field`);
    checkField(f.spec, v, `${path}.${k}`);
  }
}

/**
 * The record with `patch` applied: each own key of the patch sets the field, or clears it when
 * the value is null/undefined. Returns `record` itself when nothing changes.
 */
export function patchRecord<T extends object>(
  record: T,
  patch: unknown,
  spec: Spec & { kind: 'object' },
  editable: ReadonlySet<string>,
  path: string,
): T {
  need(isPlainObject(patch), `${path} must be an object`);
  let out: Record<string, unknown> | null = null;
  const cur = record as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    const f = Object.hasOwn(spec.fields, k) ? spec.fields[k] : undefined;
    if (!f) throw new OpError('invalid-field', `${path}.${k} is not a known field`);
    if (!editable.has(k)) throw new OpError('invalid-field', `${path}.${k} cannot be changed by this operation`);
    if (v === null || v === undefined) {
      if (f.required) throw new OpError('invalid-field', `${path}.${k} cannot be cleared`);
      if (!Object.hasOwn(cur, k)) continue;
      out ??= { ...cur };
      delete out[k];
    } else {
      checkField(f.spec, v, `${path}.${k}`);
      if (cur[k] === v) continue;
      out ??= { ...cur };
      out[k] = typeof v === 'object' ? cleanValue(v) : v;
    }
  }
  return (out ?? record) as T;
}

/** The keys of a spec minus some. */
export function fieldsExcept(spec: Spec & { kind: 'object' }, ...keys: string[]): ReadonlySet<string> {
  const out = new Set(Object.keys(spec.fields));
  for (const k of keys) out.delete(k);
  return out;
}
