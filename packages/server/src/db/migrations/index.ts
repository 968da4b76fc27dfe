// The ordered list of migrations. Append new ones at the end; never reorder or rename.

import { migration as core } from './0001_core.ts';
import { migration as templates } from './0002_templates.ts';
import { migration as opBatchIds } from './0003_op_batch_ids.ts';
import { migration as opClientIds } from './0004_op_client_ids.ts';
import { migration as ai } from './0005_ai.ts';
import { migration as mapText } from './0006_map_text.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';
export { timeType } from './types.ts';

export const migrations: Migration[] = [core, templates, opBatchIds, opClientIds, ai, mapText];
