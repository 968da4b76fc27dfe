// The demo library, created on first start (when there are no templates): the category tree, 300+
// laws and regulations turned into maps by docmap (under 法律法规, and 资格考试 › 司法考试 for the
// exam's laws), and a handful of hand-made study templates — inserted in one transaction, with the
// related templates computed in one pass afterwards. Idempotent: it runs on every start.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';
import { ensureCategories } from '../templates/categories.ts';
import { type PreparedTemplate, prepareTemplate } from '../templates/record.ts';
import { rebuildAllRelated } from '../templates/related.ts';
import { insertTemplates } from '../templates/store.ts';
import { LAWS_DIR, type LawSource, listLawSources, loadLawTemplates } from './laws.ts';
import { outlineToDoc, STUDY_TEMPLATES } from './study-templates.ts';

/** The account the demo library is published under (it cannot log in: its hash is not a hash). */
export const LIBRARY_USER = { id: 'arbor-library', name: 'Arbor 模板库', email: 'library@arbor.invalid' } as const;

export interface SeedOptions {
  dialect?: Dialect | string;
  log?: (msg: string) => void;
  /** Folder of the law files (tests use a small one). */
  lawsDir?: string;
  /** Only the laws passing this filter (tests). */
  lawFilter?: (source: LawSource) => boolean;
}

export interface SeedResult {
  seeded: number;
  laws: number;
  ms: number;
}

interface Pending {
  prepared: PreparedTemplate;
  category: string;
  extra: string[];
}

/** Seeds the demo library unless templates exist already. */
export async function seedDemoLibrary(db: Kysely<Database>, options: SeedOptions | Dialect = {}): Promise<SeedResult> {
  const opts: SeedOptions = typeof options === 'string' ? { dialect: options } : options;
  const started = Date.now();
  await ensureCategories(db);
  if (await hasTemplates(db)) return { seeded: 0, laws: 0, ms: Date.now() - started };

  const sources = listLawSources(opts.lawsDir ?? LAWS_DIR).filter(opts.lawFilter ?? (() => true));
  const laws = await loadLawTemplates(sources, opts.lawsDir ?? LAWS_DIR);
  const pending: Pending[] = [];
  for (const s of STUDY_TEMPLATES) {
    const doc = outlineToDoc(s.title, s.outline, s.structure);
    if (s.references) doc.meta = { references: s.references };
    pending.push({
      prepared: prepareTemplate({ title: s.title, description: s.description, tags: s.tags, doc }),
      category: s.category,
      extra: [],
    });
  }
  for (const law of laws) {
    pending.push({
      prepared: prepareTemplate({ title: law.title, description: law.description, tags: law.tags, doc: law.doc }),
      category: law.source.category,
      extra: law.source.exam ? ['judicial-exam'] : [],
    });
  }
  const converted = Date.now();

  const inserted = await db.transaction().execute(async (trx) => {
    // Two processes starting together on one PostgreSQL: the second waits, then finds the library.
    if (opts.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7426102)`.execute(trx);
    if (await hasTemplates(trx)) return 0;
    await trx
      .insertInto('users')
      .values({ ...LIBRARY_USER, password_hash: '!', created_at: started, updated_at: started })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // Newest first in "new" order: the study templates, then the laws in folder order.
    const rows = pending.map((p, i) => ({
      ownerId: LIBRARY_USER.id,
      mapId: null,
      categorySlug: p.category,
      extraCategories: p.extra,
      prepared: p.prepared,
      now: started - i * 1000,
    }));
    return (await insertTemplates(trx, rows)).length;
  });
  if (inserted > 0) await rebuildAllRelated(db);
  const ms = Date.now() - started;
  opts.log?.(`demo library: ${inserted} templates (${laws.length} laws) in ${ms} ms (conversion ${converted - started} ms)`);
  return { seeded: inserted, laws: inserted > 0 ? laws.length : 0, ms };
}

async function hasTemplates(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('templates').select('id').limit(1).executeTakeFirst()) !== undefined;
}
