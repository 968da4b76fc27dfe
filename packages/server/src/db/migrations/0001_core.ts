// Accounts, sessions, folders, maps with their op log and snapshots, share links, login throttling.

import type { Migration } from './types.ts';
import { timeType } from './types.ts';

export const migration: Migration = {
  id: '0001_core',
  async up(db, dialect) {
    const time = timeType(dialect);
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('expires_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('folders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('parent_id', 'text', (c) => c.references('folders.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('folders_owner').on('folders').columns(['owner_id', 'parent_id']).execute();

    await db.schema
      .createTable('maps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('folder_id', 'text', (c) => c.references('folders.id').onDelete('set null'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('snapshot_version', 'integer', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('starred', 'integer', (c) => c.notNull())
      .addColumn('trashed_at', time)
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('opened_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('maps_owner_folder').on('maps').columns(['owner_id', 'folder_id']).execute();
    await db.schema.createIndex('maps_owner_opened').on('maps').columns(['owner_id', 'opened_at']).execute();

    await db.schema
      .createTable('map_snapshots')
      .addColumn('map_id', 'text', (c) => c.notNull().references('maps.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .addPrimaryKeyConstraint('map_snapshots_pk', ['map_id', 'version'])
      .execute();

    await db.schema
      .createTable('map_ops')
      .addColumn('map_id', 'text', (c) => c.notNull().references('maps.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ops', 'text', (c) => c.notNull())
      .addColumn('touched', 'text', (c) => c.notNull())
      .addColumn('author', 'text')
      .addColumn('created_at', time, (c) => c.notNull())
      .addPrimaryKeyConstraint('map_ops_pk', ['map_id', 'version'])
      .execute();

    await db.schema
      .createTable('shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('map_id', 'text', (c) => c.notNull().references('maps.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('expires_at', time)
      .addColumn('revoked_at', time)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('shares_map').on('shares').column('map_id').execute();

    await db.schema
      .createTable('login_attempts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', time, (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .execute();
  },
};
