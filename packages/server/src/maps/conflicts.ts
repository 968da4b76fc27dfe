// Rebasing support: which records (and fields) a batch of operations changed, so that a batch
// based on an older version can be checked against the batches committed since.
// Keys: `t:<id>` a whole topic (created or deleted), `t:<id>␟<field>` one field of it (␟ = U+001F,
// which no id contains); likewise `r:` relationships, `s:` summaries, `b:` boundaries; `d␟<field>`
// document fields; `*` everything
// (a restore). Two batches conflict when one changed a field the other changed, or a record the
// other created, deleted or changed in any field.

import type { Diff, RecordChanges } from '@arbor/core';

export const EVERYTHING = '*';
const SEP = '\u001f';

type Keyed = { readonly id: string };

function recordKeys(prefix: string, changes: RecordChanges<Keyed>, out: Set<string>): void {
  for (const r of changes.added) out.add(`${prefix}:${r.id}`);
  for (const r of changes.removed) out.add(`${prefix}:${r.id}`);
  for (const [before, after] of changes.updated) {
    const b = before as unknown as Record<string, unknown>;
    const a = after as unknown as Record<string, unknown>;
    for (const field of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (b[field] !== a[field] && JSON.stringify(b[field]) !== JSON.stringify(a[field])) out.add(`${prefix}:${after.id}${SEP}${field}`);
    }
  }
}

/** The keys of everything a diff changed. */
export function touchedKeys(diff: Diff): string[] {
  const out = new Set<string>();
  recordKeys('t', diff.topics as RecordChanges<Keyed>, out);
  recordKeys('r', diff.relationships as RecordChanges<Keyed>, out);
  recordKeys('s', diff.summaries as RecordChanges<Keyed>, out);
  recordKeys('b', diff.boundaries as RecordChanges<Keyed>, out);
  if (diff.doc) for (const field of Object.keys(diff.doc.after)) out.add(`d${SEP}${field}`);
  return [...out];
}

/** The record part of a field key: `t:abc␟text` → `t:abc`. */
function recordOf(key: string): string {
  const i = key.indexOf(SEP);
  return i < 0 ? key : key.slice(0, i);
}

const isFieldKey = (key: string) => key.includes(SEP);

/**
 * Index of keys changed by committed batches, answering whether a new batch overlaps them.
 */
export class TouchedIndex {
  private readonly fields = new Set<string>();
  /** Records touched in any way (whole-record keys and records of field keys). */
  private readonly records = new Set<string>();
  /** Records created or deleted. */
  private readonly wholeRecords = new Set<string>();
  private everything = false;

  add(keys: Iterable<string>): void {
    for (const k of keys) {
      if (k === EVERYTHING) this.everything = true;
      else if (isFieldKey(k)) {
        this.fields.add(k);
        this.records.add(recordOf(k));
      } else {
        this.wholeRecords.add(k);
        this.records.add(k);
      }
    }
  }

  /** The first key of `keys` that conflicts with the committed ones, or undefined. */
  conflict(keys: Iterable<string>): string | undefined {
    for (const k of keys) {
      if (this.everything || k === EVERYTHING) return k;
      if (isFieldKey(k)) {
        if (this.fields.has(k) || this.wholeRecords.has(recordOf(k))) return k;
      } else if (this.records.has(k)) return k;
    }
    return undefined;
  }
}
