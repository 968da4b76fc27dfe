// The template library: categories (a tree), published templates with their counters, their
// content (kept in a table of its own so that listing, sorting and counting never read documents),
// category membership, related templates, per-day views, favourites, and the full-text index
// (FTS5 over pre-tokenized jieba tokens in SQLite, a generated tsvector with GIN in PostgreSQL).

import { sql } from 'kysely';
import type { Migration } from './types.ts';
import { timeType } from './types.ts';

export const migration: Migration = {
  id: '0002_templates',
  async up(db, dialect) {
    const time = timeType(dialect);
    await db.schema
      .createTable('categories')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('parent_slug', 'text', (c) => c.references('categories.slug').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();

    let table = db.schema.createTable('templates');
    table =
      dialect === 'postgres'
        ? table.addColumn('id', 'serial', (c) => c.primaryKey())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    await table
      .addColumn('file_id', 'text', (c) => c.notNull().unique())
      // The map it was published from (null for the demo library); republishing updates the row.
      .addColumn('map_id', 'text', (c) => c.unique().references('maps.id').onDelete('set null'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category_slug', 'text', (c) => c.notNull().references('categories.slug'))
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('citations', 'text', (c) => c.notNull())
      .addColumn('topic_count', 'integer', (c) => c.notNull())
      .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('favorites', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('hot', 'integer', (c) => c.notNull().defaultTo(0))
      // Bumped whenever something its page shows changes (content, related list): the page cache key.
      .addColumn('page_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('templates_owner').on('templates').columns(['owner_id', 'created_at']).execute();
    await db.schema.createIndex('templates_hot').on('templates').columns(['hot', 'id']).execute();
    await db.schema.createIndex('templates_created').on('templates').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('templates_updated').on('templates').column('updated_at').execute();

    await db.schema
      .createTable('template_contents')
      .addColumn('template_id', 'integer', (c) => c.primaryKey().references('templates.id').onDelete('cascade'))
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('outline_text', 'text', (c) => c.notNull())
      .addColumn('search_title', 'text', (c) => c.notNull())
      .addColumn('search_body', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('template_categories')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('category_slug', 'text', (c) => c.notNull().references('categories.slug').onDelete('cascade'))
      .addPrimaryKeyConstraint('template_categories_pk', ['template_id', 'category_slug'])
      .execute();
    await db.schema.createIndex('template_categories_slug').on('template_categories').columns(['category_slug', 'template_id']).execute();

    await db.schema
      .createTable('template_related')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('related_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('score', 'real', (c) => c.notNull())
      .addPrimaryKeyConstraint('template_related_pk', ['template_id', 'related_id'])
      .execute();
    await db.schema.createIndex('template_related_back').on('template_related').column('related_id').execute();

    await db.schema
      .createTable('template_views')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('visitor', 'text', (c) => c.notNull())
      // Days since the epoch (UTC): one view per visitor per day.
      .addColumn('day', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('template_views_pk', ['template_id', 'day', 'visitor'])
      .execute();

    await db.schema
      .createTable('template_favorites')
      .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', time, (c) => c.notNull())
      .addPrimaryKeyConstraint('template_favorites_pk', ['template_id', 'user_id'])
      .execute();
    await db.schema.createIndex('template_favorites_user').on('template_favorites').columns(['user_id', 'created_at']).execute();

    if (dialect === 'postgres') {
      await sql`ALTER TABLE template_contents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, search_title), 'A') ||
        setweight(to_tsvector('simple'::regconfig, search_body), 'B')) STORED`.execute(db);
      await sql`CREATE INDEX template_contents_search ON template_contents USING gin (search_vector)`.execute(db);
    } else {
      // External-content FTS5 over the token columns, kept in step by triggers.
      await sql`CREATE VIRTUAL TABLE templates_fts USING fts5(
        search_title, search_body, content='template_contents', content_rowid='template_id', tokenize='unicode61 remove_diacritics 0')`.execute(
        db,
      );
      await sql`CREATE TRIGGER templates_fts_insert AFTER INSERT ON template_contents BEGIN
        INSERT INTO templates_fts(rowid, search_title, search_body) VALUES (new.template_id, new.search_title, new.search_body);
      END`.execute(db);
      await sql`CREATE TRIGGER templates_fts_delete AFTER DELETE ON template_contents BEGIN
        INSERT INTO templates_fts(templates_fts, rowid, search_title, search_body) VALUES ('delete', old.template_id, old.search_title, old.search_body);
      END`.execute(db);
      await sql`CREATE TRIGGER templates_fts_update AFTER UPDATE OF search_title, search_body ON template_contents BEGIN
        INSERT INTO templates_fts(templates_fts, rowid, search_title, search_body) VALUES ('delete', old.template_id, old.search_title, old.search_body);
        INSERT INTO templates_fts(rowid, search_title, search_body) VALUES (new.template_id, new.search_title, new.search_body);
      END`.execute(db);
    }
  },
};
