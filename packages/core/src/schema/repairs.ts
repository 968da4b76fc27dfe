// What restore() changed, one entry per repair, so a person can be told what was fixed.

export type RepairKind =
  | 'migrated' // an older schema version was upgraded
  | 'default' // a missing field was filled with its default
  | 'invalid-field' // a field of the wrong type was dropped or replaced
  | 'unknown-field' // a field the schema does not know was dropped
  | 'invalid-record' // a record that is not an object (or has no usable id) was dropped
  | 'id-mismatch' // a record's id differed from its key; the key wins
  | 'duplicate-id' // a second record with the same id was renamed
  | 'missing-root' // rootId named no topic; another topic (or a new one) became the root
  | 'root-parent' // the root had a parent; it was cleared
  | 'extra-root' // another topic without a parent was attached to the root
  | 'orphan' // a topic whose parent is missing was attached to the root
  | 'cycle' // a parent cycle was broken by attaching one of its topics to the root
  | 'index' // an invalid or duplicate sibling index was reassigned
  | 'unknown-structure'
  | 'unknown-theme'
  | 'dangling-relationship' // a relationship to a missing topic was dropped
  | 'dangling-summary' // a summary that could not be fixed was dropped
  | 'summary-range' // a summary's range was narrowed or reordered
  | 'summary-topic' // a summary's topic link was fixed
  | 'dangling-boundary'
  | 'boundary-range';

export interface Repair {
  kind: RepairKind;
  /** The record concerned (topic, relationship, summary or boundary id), when there is one. */
  id?: string;
  message: string;
}

export type ReportRepair = (kind: RepairKind, message: string, id?: string) => void;

export function repairCollector(): { repairs: Repair[]; report: ReportRepair } {
  const repairs: Repair[] = [];
  return {
    repairs,
    report: (kind, message, id) => {
      repairs.push(id === undefined ? { kind, message } : { kind, id, message });
    },
  };
}
