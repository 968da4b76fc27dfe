// Fitting an undo/redo diff to the current document. Remote changes may have touched records since
// the step was recorded: an update then restores only the fields the step changed, keeping the
// remote edits to other fields; records already gone stay gone.

import type { Diff, DocFields, RecordChanges } from '../ops/types.ts';
import type { DocState } from '../store.ts';

/** Structural equality of JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `current` with the fields that differ between `from` and `to` set as in `to`. */
function mergeFields<T extends object>(current: T, from: T, to: T): T {
  const out = { ...current } as Record<string, unknown>;
  const f = from as unknown as Record<string, unknown>;
  const t = to as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(f), ...Object.keys(t)])) {
    if (sameValue(f[k], t[k])) continue;
    if (Object.hasOwn(t, k)) out[k] = t[k];
    else delete out[k];
  }
  return out as T;
}

function rebaseRecords<T extends { id: string }>(map: Map<string, T>, ch: RecordChanges<T>): RecordChanges<T> {
  const out: RecordChanges<T> = { added: [], updated: [], removed: [] };
  for (const r of ch.removed) {
    const cur = map.get(r.id);
    if (cur) out.removed.push(cur);
  }
  for (const [from, to] of ch.updated) {
    const cur = map.get(to.id);
    if (!cur) continue;
    const next = cur === from ? to : mergeFields(cur, from, to);
    if (!sameValue(cur, next)) out.updated.push([cur, next]);
  }
  for (const r of ch.added) {
    const cur = map.get(r.id);
    if (!cur) out.added.push(r);
    else if (!sameValue(cur, r)) out.updated.push([cur, r]);
  }
  return out;
}

/** The part of `diff` that still applies to `state`, with `before` values taken from the state. */
export function rebaseDiff(state: DocState, diff: Diff): Diff {
  const out: Diff = {
    topics: rebaseRecords(state.topics, diff.topics),
    relationships: rebaseRecords(state.relationships, diff.relationships),
    summaries: rebaseRecords(state.summaries, diff.summaries),
    boundaries: rebaseRecords(state.boundaries, diff.boundaries),
    doc: null,
  };
  if (diff.doc) {
    const cur: DocFields = { title: state.title, structure: state.structure, theme: state.theme, meta: state.meta ?? null };
    for (const key of Object.keys(diff.doc.after) as (keyof DocFields)[]) {
      const to = diff.doc.after[key];
      if (sameValue(cur[key], to)) continue;
      out.doc ??= { before: {}, after: {} };
      (out.doc.before as Record<string, unknown>)[key] = cur[key];
      (out.doc.after as Record<string, unknown>)[key] = to;
    }
  }
  return out;
}
