// Opens the database: SQLite (better-sqlite3, WAL, synchronous=FULL) in DATA_DIR by default,
// PostgreSQL (pg) when DATABASE_URL is set. Both behind one Kysely<Database>.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { ServerConfig } from '../config.ts';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';
import type { Database, Dialect } from './schema.ts';

export type { Database, Dialect } from './schema.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (bigint) columns hold millisecond times and counts that fit in a double: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connection settings for a URL; a URL without a user name falls back to PGUSER, USER, then `postgres`. */
export function pgConnection(url: string): pg.ClientConfig {
  try {
    const u = new URL(url);
    if (u.username === '') u.username = process.env.PGUSER || process.env.USER || 'postgres';
    return { connectionString: u.href };
  } catch {
    return { connectionString: url };
  }
}

export async function createDatabase(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'databaseSchema'> & Partial<Pick<ServerConfig, 'sqliteSync'>>,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databaseSchema);
  return openSqlite(config.dataDir, config.sqliteSync ?? 'full');
}

function openSqlite(dataDir: string, sync: 'full' | 'normal'): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(join(dataDir, 'arbor.sqlite'));
  file.pragma('journal_mode = WAL');
  // FULL: an acknowledged commit is fsynced to the WAL, so it survives kill -9 and power loss.
  // NORMAL (opt-in): the WAL write reaches the OS before the answer (survives kill -9), fsync happens at checkpoints.
  file.pragma(sync === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing is a large part of a small query's cost, so
 * statements are kept by their SQL text (queries are parameterized, so the set stays small).
 */
function withStatementCache(file: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = file.prepare.bind(file);
  return new Proxy(file, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sqlText: string) => {
        let stmt = cache.get(sqlText);
        if (!stmt) {
          stmt = prepare(sqlText);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          cache.set(sqlText, stmt);
        }
        return stmt;
      };
    },
  });
}

async function openPostgres(url: string, schema: string | undefined): Promise<DatabaseHandle> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid database schema name "${schema}"`);
  if (schema) {
    // Create the schema with a throwaway connection, then point every pooled connection at it.
    const client = new pg.Client(pgConnection(url));
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    ...pgConnection(url),
    max: 10,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Applies the migrations not yet recorded in the `migrations` table, in order, in one transaction
 * (serialized across processes by an advisory lock on PostgreSQL). Returns the ids applied.
 */
export async function runMigrations(handle: DatabaseHandle, list: Migration[] = allMigrations): Promise<string[]> {
  const { db, dialect } = handle;
  const ids = new Set<string>();
  for (const m of list) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  await db.schema
    .createTable('migrations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .execute();
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7426101)`.execute(trx);
    const done = new Set((await trx.selectFrom('migrations').select('id').execute()).map((r) => r.id));
    const applied: string[] = [];
    for (const m of list) {
      if (done.has(m.id)) continue;
      await m.up(trx, dialect);
      await trx.insertInto('migrations').values({ id: m.id, applied_at: Date.now() }).execute();
      applied.push(m.id);
    }
    return applied;
  });
}
