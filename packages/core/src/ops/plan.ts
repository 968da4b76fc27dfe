// What an op handler hands back: the changes it validated (nothing written yet), and the parents
// whose summary/boundary ranges must be re-checked once those changes are in.

import type { TopicId } from '../model.ts';
import type { DocState } from '../store.ts';
import { ChangeSet } from './changes.ts';

export interface Plan {
  changes: ChangeSet;
  rangeParents: Set<TopicId>;
  /** Topics that changed place; a range narrowed after the change prefers members that stayed. */
  moved: Set<TopicId>;
}

export const newPlan = (): Plan => ({ changes: new ChangeSet(), rangeParents: new Set(), moved: new Set() });

export type OpHandler<O> = (state: DocState, op: O) => Plan;
