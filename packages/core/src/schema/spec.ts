// A small declarative schema for the serialized document: one spec per record type, used by
// validateDoc (report), restore (drop what is wrong) and the operations (refuse what is wrong).

import { STRUCTURE_NAMES } from '../model.ts';

export type Spec =
  | { kind: 'string'; nonEmpty?: boolean }
  | { kind: 'number' } // finite
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[]; what: string }
  | { kind: 'nullable'; of: Spec }
  | { kind: 'array'; of: Spec }
  | { kind: 'tuple'; items: readonly Spec[] }
  | { kind: 'object'; fields: Readonly<Record<string, FieldSpec>> }
  | { kind: 'map'; of: Spec }; // an object with arbitrary keys

export interface FieldSpec {
  spec: Spec;
  required?: boolean;
}

/** A problem found at `path`. `repairable` problems are fixed by `restore()` without losing meaning. */
export interface ValidationIssue {
  path: string;
  message: string;
  repairable: boolean;
}

const string: Spec = { kind: 'string' };
const id: Spec = { kind: 'string', nonEmpty: true };
const number: Spec = { kind: 'number' };
const boolean: Spec = { kind: 'boolean' };
const opt = (spec: Spec): FieldSpec => ({ spec });
const req = (spec: Spec): FieldSpec => ({ spec, required: true });
const obj = (fields: Record<string, FieldSpec>): Spec & { kind: 'object' } => ({ kind: 'object', fields });
const point = obj({ x: req(number), y: req(number) });

export const structureSpec: Spec = { kind: 'enum', values: STRUCTURE_NAMES, what: 'structure' };

export const TOPIC_SPEC = obj({
  id: req(id),
  parentId: req({ kind: 'nullable', of: id }),
  index: req(string),
  text: req(string),
  note: opt(string),
  href: opt(string),
  image: opt(obj({ src: req(string), width: opt(number), height: opt(number), alt: opt(string) })),
  markers: opt({ kind: 'array', of: string }),
  labels: opt({ kind: 'array', of: string }),
  task: opt(obj({ done: req(boolean) })),
  style: opt(
    obj({
      fill: opt(string),
      color: opt(string),
      borderColor: opt(string),
      borderWidth: opt(number),
      shape: opt({ kind: 'enum', values: ['rect', 'rounded', 'ellipse', 'underline', 'none', 'capsule', 'diamond'], what: 'shape' }),
      fontSize: opt(number),
      bold: opt(boolean),
      italic: opt(boolean),
      lineColor: opt(string),
    }),
  ),
  structure: opt(structureSpec),
  folded: opt(boolean),
  detached: opt(boolean),
  position: opt(point),
  side: opt({ kind: 'enum', values: ['left', 'right'], what: 'side' }),
  summaryId: opt(id),
  source: opt(obj({ start: req(number), end: req(number), page: opt(number) })),
});

export const RELATIONSHIP_SPEC = obj({
  id: req(id),
  from: req(id),
  to: req(id),
  label: opt(string),
  controlPoints: opt({ kind: 'tuple', items: [point, point] }),
  style: opt(obj({ color: opt(string), dashed: opt(boolean), arrowStart: opt(boolean), arrowEnd: opt(boolean) })),
});

export const SUMMARY_SPEC = obj({
  id: req(id),
  parentId: req(id),
  fromId: req(id),
  toId: req(id),
  topicId: req(id),
  style: opt(obj({ color: opt(string) })),
});

export const BOUNDARY_SPEC = obj({
  id: req(id),
  parentId: req(id),
  fromId: req(id),
  toId: req(id),
  label: opt(string),
  style: opt(obj({ color: opt(string), fill: opt(string) })),
});

export const THEME_SPEC = obj({ name: req(id), overrides: opt({ kind: 'map', of: string }) });

export const META_SPEC = obj({
  references: opt({ kind: 'array', of: string }),
  sourceName: opt(string),
  description: opt(string),
  sourceText: opt(string),
});

const describe = (spec: Spec): string => {
  switch (spec.kind) {
    case 'string':
      return spec.nonEmpty ? 'a non-empty string' : 'a string';
    case 'number':
      return 'a finite number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'nullable':
      return `${describe(spec.of)} or null`;
    case 'array':
      return 'an array';
    case 'tuple':
      return `an array of ${spec.items.length}`;
    case 'object':
    case 'map':
      return 'an object';
  }
};

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Path segment: `a.b` for identifier-like keys, `a["x y"]` otherwise, `a[3]` for array positions. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/**
 * Checks `value` against `spec`, pushing problems to `issues` (stops adding once `limit` is reached).
 * Wrong types are not repairable; unknown fields and unknown enum names are.
 */
export function checkValue(spec: Spec, value: unknown, path: string, issues: ValidationIssue[], limit = Number.POSITIVE_INFINITY): void {
  if (issues.length >= limit || conforms(spec, value)) return;
  const fail = (message: string, repairable = false) => {
    if (issues.length < limit) issues.push({ path, message, repairable });
  };
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || (spec.nonEmpty && value === '')) fail(`must be ${describe(spec)}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(`must be ${describe(spec)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be ${describe(spec)}`);
      return;
    case 'enum':
      if (typeof value !== 'string') fail(`must be a string (${describe(spec)})`);
      else if (!spec.values.includes(value)) fail(`unknown ${spec.what} ${JSON.stringify(value)} (valid: ${spec.values.join(', ')})`, true);
      return;
    case 'nullable':
      if (value !== null) {
        const before = issues.length;
        checkValue(spec.of, value, path, issues, limit);
        if (issues.length > before) issues[issues.length - 1] = { path, message: `must be ${describe(spec)}`, repairable: false };
      }
      return;
    case 'array':
      if (!Array.isArray(value)) {
        fail(`must be ${describe(spec)}`);
        return;
      }
      for (let i = 0; i < value.length && issues.length < limit; i++) checkValue(spec.of, value[i], joinPath(path, i), issues, limit);
      return;
    case 'tuple':
      if (!Array.isArray(value) || value.length !== spec.items.length) {
        fail(`must be ${describe(spec)}`);
        return;
      }
      spec.items.forEach((s, i) => {
        checkValue(s, value[i], joinPath(path, i), issues, limit);
      });
      return;
    case 'map':
      if (!isPlainObject(value)) {
        fail(`must be ${describe(spec)}`);
        return;
      }
      for (const [k, v] of Object.entries(value)) checkValue(spec.of, v, joinPath(path, k), issues, limit);
      return;
    case 'object': {
      if (!isPlainObject(value)) {
        fail(`must be ${describe(spec)}`);
        return;
      }
      for (const [k, f] of Object.entries(spec.fields)) {
        if (!Object.hasOwn(value, k) || value[k] === undefined) {
          if (f.required && issues.length < limit) issues.push({ path: joinPath(path, k), message: 'is missing', repairable: true });
        } else checkValue(f.spec, value[k], joinPath(path, k), issues, limit);
      }
      for (const k of Object.keys(value)) {
        if (!Object.hasOwn(spec.fields, k) && issues.length < limit) {
          issues.push({ path: joinPath(path, k), message: 'is not a known field', repairable: true });
        }
      }
      return;
    }
  }
}

const REQUIRED = new WeakMap<Spec, number>();
function requiredCount(spec: Spec & { kind: 'object' }): number {
  let n = REQUIRED.get(spec);
  if (n === undefined) {
    n = Object.values(spec.fields).filter((f) => f.required).length;
    REQUIRED.set(spec, n);
  }
  return n;
}

/** True when `value` matches `spec` exactly (no unknown fields); allocation-free fast path. */
export function conforms(spec: Spec, value: unknown): boolean {
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' && !(spec.nonEmpty && value === '');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'nullable':
      return value === null || conforms(spec.of, value);
    case 'array':
      if (!Array.isArray(value)) return false;
      for (const v of value) if (!conforms(spec.of, v)) return false;
      return true;
    case 'tuple':
      if (!Array.isArray(value) || value.length !== spec.items.length) return false;
      for (let i = 0; i < value.length; i++) if (!conforms(spec.items[i] as Spec, value[i])) return false;
      return true;
    case 'map':
      if (!isPlainObject(value)) return false;
      for (const k in value) if (Object.hasOwn(value, k) && !conforms(spec.of, value[k])) return false;
      return true;
    case 'object': {
      if (!isPlainObject(value)) return false;
      let present = 0;
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        const f = Object.hasOwn(spec.fields, k) ? spec.fields[k] : undefined;
        const v = value[k];
        if (!f || (v !== undefined && !conforms(f.spec, v))) return false;
        if (f.required && v !== undefined) present++;
      }
      return present === requiredCount(spec);
    }
  }
}

/** A value conforming to `spec` (invalid parts dropped), or `undefined` when nothing valid is left. */
export function sanitizeValue(spec: Spec, value: unknown, path: string, dropped: ValidationIssue[]): unknown {
  if (conforms(spec, value)) return value;
  switch (spec.kind) {
    case 'array': {
      if (!Array.isArray(value)) break;
      const out: unknown[] = [];
      value.forEach((v, i) => {
        const s = sanitizeValue(spec.of, v, joinPath(path, i), dropped);
        if (s !== undefined) out.push(s);
      });
      return out;
    }
    case 'map': {
      if (!isPlainObject(value)) break;
      const out: [string, unknown][] = [];
      for (const [k, v] of Object.entries(value)) {
        const s = sanitizeValue(spec.of, v, joinPath(path, k), dropped);
        if (s !== undefined) out.push([k, s]);
      }
      return Object.fromEntries(out);
    }
    case 'object': {
      if (!isPlainObject(value)) break;
      const out: [string, unknown][] = [];
      for (const [k, v] of Object.entries(value)) {
        const f = Object.hasOwn(spec.fields, k) ? spec.fields[k] : undefined;
        if (!f) {
          dropped.push({ path: joinPath(path, k), message: 'is not a known field', repairable: true });
          continue;
        }
        if (v === undefined) continue;
        const s = sanitizeValue(f.spec, v, joinPath(path, k), dropped);
        if (s !== undefined) out.push([k, s]);
      }
      for (const [k, f] of Object.entries(spec.fields)) {
        if (f.required && !out.some(([key]) => key === k)) {
          dropped.push({ path: joinPath(path, k), message: 'is missing', repairable: false });
          return undefined;
        }
      }
      return Object.fromEntries(out);
    }
    default: {
      const issues: ValidationIssue[] = [];
      checkValue(spec, value, path, issues, 1);
      if (issues.length === 0) return value;
      dropped.push(issues[0] as ValidationIssue);
      return undefined;
    }
  }
  const issues: ValidationIssue[] = [];
  checkValue(spec, value, path, issues, 1);
  dropped.push(issues[0] ?? { path, message: 'is invalid', repairable: false });
  return undefined;
}
