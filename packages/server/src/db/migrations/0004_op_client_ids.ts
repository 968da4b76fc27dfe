// Client ids on the op log: the tab that sent a batch. A batch based on a version older than the
// same tab's previous batches is not checked against those (the tab had them when it made the
// edit), and events replayed to a reconnecting tab still say which batches were its own.

import type { Migration } from './types.ts';

export const migration: Migration = {
  id: '0004_op_client_ids',
  async up(db) {
    await db.schema.alterTable('map_ops').addColumn('client_id', 'text').execute();
  },
};
