// AI: each user's own provider settings (the API key encrypted with the server SECRET) and a usage
// log (one row per AI request: tokens, outcome), which rate limits and daily budgets count.

import type { Migration } from './types.ts';
import { timeType } from './types.ts';

export const migration: Migration = {
  id: '0005_ai',
  async up(db, dialect) {
    const time = timeType(dialect);
    await db.schema
      .createTable('ai_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('preset', 'text')
      .addColumn('base_url', 'text')
      .addColumn('model', 'text')
      .addColumn('key_cipher', 'text')
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    let usage = db.schema.createTable('ai_usage');
    usage =
      dialect === 'postgres'
        ? usage.addColumn('id', 'bigserial', (c) => c.primaryKey())
        : usage.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    await usage
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('flow', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('started_at', time, (c) => c.notNull())
      .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
      // running | ok | <error code>
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ai_usage_user_time').on('ai_usage').columns(['user_id', 'started_at']).execute();
  },
};
