// Batch ids on the op log: a client that lost the answer to a save can send the same batch again
// and gets the version it already has, instead of the batch being applied twice.

import type { Migration } from './types.ts';

export const migration: Migration = {
  id: '0003_op_batch_ids',
  async up(db) {
    await db.schema.alterTable('map_ops').addColumn('batch_id', 'text').execute();
    // NULLs do not collide, so batches sent without an id are unaffected.
    await db.schema.createIndex('map_ops_batch').unique().on('map_ops').columns(['map_id', 'batch_id']).execute();
  },
};
