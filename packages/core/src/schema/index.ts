// Schema of the serialized document: validation, migrations, restore (load-time repair) and the
// invariants every in-memory document keeps.
export { DocFormatError } from './errors.ts';
export { checkInvariants, type InvariantViolation } from './invariants.ts';
export { findJsonSyntaxError, type JsonSyntaxProblem } from './json-syntax.ts';
export { MIGRATIONS, type Migration, migrate, schemaVersionOf } from './migrate.ts';
export type { Repair, RepairKind } from './repairs.ts';
export { type RestoreOptions, type RestoreResult, restore, restoreState } from './restore.ts';
export { BOUNDARY_SPEC, RELATIONSHIP_SPEC, type Spec, SUMMARY_SPEC, TOPIC_SPEC, type ValidationIssue } from './spec.ts';
export { parseDocJson, validateDoc } from './validate.ts';
