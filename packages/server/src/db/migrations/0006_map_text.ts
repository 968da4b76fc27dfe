// The text of each map for "search by content" in My files: every topic's text, note and labels,
// kept beside the map row (not in it, so listings stay small) and refreshed after edits.

import type { Migration } from './types.ts';

export const migration: Migration = {
  id: '0006_map_text',
  async up(db) {
    await db.schema
      .createTable('map_text')
      .addColumn('map_id', 'text', (c) => c.primaryKey().references('maps.id').onDelete('cascade'))
      // The map version the text was taken at: older than maps.version means stale.
      .addColumn('version', 'integer', (c) => c.notNull())
      // Lower-cased in JavaScript (full Unicode, the same on both databases), for matching. Before
      // `text`: SQLite then reaches it without walking the overflow pages of the text as written.
      .addColumn('folded', 'text', (c) => c.notNull())
      // As written, for the line shown under a result.
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
  },
};
