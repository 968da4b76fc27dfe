// validateDoc: checks a serialized document against the current schema and the document
// invariants, naming each problem by path. parseDocJson: text → repaired document, refusing
// malformed JSON and wrong shapes with a DocFormatError.

import type { MindDoc } from '../model.ts';
import { SCHEMA_VERSION } from '../model.ts';
import { stateFromDoc } from '../store.ts';
import { DocFormatError } from './errors.ts';
import { checkInvariants } from './invariants.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { migrate } from './migrate.ts';
import { type RestoreOptions, type RestoreResult, restore } from './restore.ts';
import {
  BOUNDARY_SPEC,
  checkValue,
  isPlainObject,
  META_SPEC,
  RELATIONSHIP_SPEC,
  type Spec,
  SUMMARY_SPEC,
  structureSpec,
  THEME_SPEC,
  TOPIC_SPEC,
  type ValidationIssue,
} from './spec.ts';

const DOC_SPEC: Spec & { kind: 'object' } = {
  kind: 'object',
  fields: {
    schema: { spec: { kind: 'number' }, required: true },
    id: { spec: { kind: 'string', nonEmpty: true }, required: true },
    title: { spec: { kind: 'string' }, required: true },
    rootId: { spec: { kind: 'string', nonEmpty: true }, required: true },
    topics: { spec: { kind: 'map', of: TOPIC_SPEC }, required: true },
    relationships: { spec: { kind: 'map', of: RELATIONSHIP_SPEC }, required: true },
    summaries: { spec: { kind: 'map', of: SUMMARY_SPEC }, required: true },
    boundaries: { spec: { kind: 'map', of: BOUNDARY_SPEC }, required: true },
    structure: { spec: structureSpec, required: true },
    theme: { spec: THEME_SPEC, required: true },
    meta: { spec: META_SPEC },
  },
};

/**
 * Every problem of a serialized document, first problem first (at most `limit`). Problems that
 * `restore()` repairs without guessing (missing fields, unknown names, orphans, cycles, dangling
 * references) are marked `repairable`; wrong types are not. An older schema version is migrated
 * first and reported as repairable.
 */
export function validateDoc(json: unknown, limit = 100): ValidationIssue[] {
  if (!isPlainObject(json)) return [{ path: '', message: 'must be a JSON object', repairable: false }];
  const issues: ValidationIssue[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = migrate(json, () => {});
  } catch (e) {
    if (e instanceof DocFormatError) return [{ path: e.path, message: e.message, repairable: false }];
    throw e;
  }
  if (json.schema === undefined)
    issues.push({ path: 'schema', message: `is missing (version 0; restore() migrates it to ${SCHEMA_VERSION})`, repairable: true });
  if (!isPlainObject(doc.topics)) {
    issues.push({
      path: 'topics',
      message: doc.topics === undefined ? 'is missing' : 'must be an object keyed by topic id',
      repairable: false,
    });
    return issues;
  }
  checkValue(DOC_SPEC, doc, '', issues, limit);
  if (issues.some((i) => !i.repairable) || issues.length >= limit) return issues;
  // The shape is right: check the document's structure on its in-memory form.
  const filled = { relationships: {}, summaries: {}, boundaries: {}, ...doc } as unknown as MindDoc;
  for (const v of checkInvariants(stateFromDoc(filled), limit - issues.length)) issues.push({ ...v, repairable: true });
  return issues;
}

/**
 * Reads a document from JSON text: refuses a syntax error (with its line and column) or a wrong
 * shape (the first problem's path and why) with DocFormatError, then restores the document.
 */
export function parseDocJson(text: string, options?: RestoreOptions): RestoreResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const p = findJsonSyntaxError(text) ?? { offset: 0, line: 1, column: 1, message: 'malformed JSON' };
    throw new DocFormatError(`malformed JSON at line ${p.line}, column ${p.column}: ${p.message}`, '', {
      offset: p.offset,
      line: p.line,
      column: p.column,
    });
  }
  const first = validateDoc(json).find((i) => !i.repairable);
  if (first) throw new DocFormatError(first.path ? `${first.path} ${first.message}` : `the document ${first.message}`, first.path);
  return restore(json, options);
}
