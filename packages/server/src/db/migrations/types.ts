import type { Kysely } from 'kysely';
import type { Dialect } from '../schema.ts';

/** One schema change. Migrations run in list order, each once, inside a transaction. */
export interface Migration {
  /** Ordered, unique, never renamed: `0001_core`, `0002_templates`, … */
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: a migration creates tables the Database type does not know yet
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** Column type for millisecond timestamps: bigint in PostgreSQL (parsed to number), integer in SQLite. */
export const timeType = (dialect: Dialect) => (dialect === 'postgres' ? 'bigint' : 'integer');
