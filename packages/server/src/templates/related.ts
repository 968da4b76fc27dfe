// Related templates (相关模板): the top RELATED_LIMIT neighbours of every template by TF-IDF cosine,
// stored in template_related. Publishing refreshes incrementally — the new template's own row, plus
// the lists of the neighbours it now belongs in (or fell out of) — instead of recomputing everything.
// The term index lives in memory per database handle and catches up with rows other server
// processes changed (by updated_at) before each use; the database stays the source of truth.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { byScore, mergeNeighbour, type Neighbour, SimilarityIndex } from '../search/similarity.ts';
import { termsOfRow } from './record.ts';
import { bumpPageVersions } from './store.ts';
import './tables.ts';

export const RELATED_LIMIT = 8;
/** How many of the best-scoring candidates get their own lists checked after a publish. */
const NEIGHBOURS_TO_UPDATE = 64;
const LOAD_BATCH = 2000;

interface IndexState {
  index: SimilarityIndex;
  /** Largest updated_at seen. */
  syncedUntil: number;
  loading: Promise<void> | null;
}

const states = new WeakMap<Kysely<Database>, IndexState>();

type Db = Kysely<Database> | Transaction<Database>;

async function loadRows(db: Db, state: IndexState, since: number): Promise<void> {
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('templates')
      .innerJoin('template_contents', 'template_contents.template_id', 'templates.id')
      .select(['templates.id', 'template_contents.search_title', 'template_contents.search_body', 'templates.updated_at'])
      .where('templates.updated_at', '>=', since)
      .where('templates.id', '>', lastId)
      .orderBy('templates.id')
      .limit(LOAD_BATCH)
      .execute();
    for (const r of rows) {
      state.index.upsert(String(r.id), termsOfRow(r));
      if (r.updated_at > state.syncedUntil) state.syncedUntil = r.updated_at;
    }
    if (rows.length < LOAD_BATCH) break;
    lastId = rows[rows.length - 1]!.id;
  }
}

/** The similarity index of every template, brought up to date with the database. */
export async function similarityIndex(db: Kysely<Database>): Promise<SimilarityIndex> {
  let state = states.get(db);
  if (!state) {
    state = { index: new SimilarityIndex(), syncedUntil: 0, loading: null };
    states.set(db, state);
  }
  const s = state;
  while (s.loading) await s.loading;
  s.loading = (async () => {
    await loadRows(db, s, s.syncedUntil);
    // Deleted templates: the row count tells; a rare full reload is cheap enough.
    const count = await db
      .selectFrom('templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(count.n) !== s.index.size) {
      const fresh: IndexState = { index: new SimilarityIndex(), syncedUntil: 0, loading: null };
      await loadRows(db, fresh, 0);
      s.index = fresh.index;
      s.syncedUntil = fresh.syncedUntil;
    }
  })();
  try {
    await s.loading;
  } finally {
    s.loading = null;
  }
  return s.index;
}

/** Forgets the in-memory index (tests, or after bulk changes made outside this module). */
export function dropSimilarityIndex(db: Kysely<Database>): void {
  states.delete(db);
}

async function writeList(trx: Db, templateId: number, list: readonly Neighbour[]): Promise<void> {
  await trx.deleteFrom('template_related').where('template_id', '=', templateId).execute();
  if (list.length === 0) return;
  await trx
    .insertInto('template_related')
    .values(list.map((n) => ({ template_id: templateId, related_id: Number(n.key), score: n.score })))
    .execute();
}

async function readLists(trx: Db, ids: readonly number[]): Promise<Map<number, Neighbour[]>> {
  const lists = new Map<number, Neighbour[]>();
  for (const id of ids) lists.set(id, []);
  if (ids.length === 0) return lists;
  const rows = await trx
    .selectFrom('template_related')
    .select(['template_id', 'related_id', 'score'])
    .where('template_id', 'in', [...ids])
    .execute();
  for (const r of rows) lists.get(r.template_id)?.push({ key: String(r.related_id), score: r.score });
  for (const list of lists.values()) list.sort(byScore);
  return lists;
}

/**
 * After a template was inserted or its content changed (row already written): recomputes its
 * related list and updates the lists of the neighbours it entered or left. Returns the ids of every
 * template whose list changed (for cache invalidation).
 */
export async function refreshRelated(db: Kysely<Database>, templateId: number): Promise<number[]> {
  const index = await similarityIndex(db);
  const key = String(templateId);
  const scored: Neighbour[] = [];
  const own = index.neighbours(key, RELATED_LIMIT, scored);
  const scoreOf = new Map(scored.map((n) => [Number(n.key), n.score]));
  const changed = new Set<number>([templateId]);

  await db.transaction().execute(async (trx) => {
    await writeList(trx, templateId, own);
    const previouslyListing = (
      await trx.selectFrom('template_related').select('template_id').where('related_id', '=', templateId).execute()
    ).map((r) => r.template_id);
    const best = scored.slice(0, NEIGHBOURS_TO_UPDATE).map((n) => Number(n.key));
    const ids = [...new Set([...best, ...previouslyListing])].filter((id) => id !== templateId);
    const lists = await readLists(trx, ids);
    for (const id of ids) {
      const list = lists.get(id) ?? [];
      const score = scoreOf.get(id);
      let next: Neighbour[] | null;
      if (score === undefined) {
        // No shared term any more: the old entry is wrong, recompute that list in full.
        next = index.neighbours(String(id), RELATED_LIMIT);
      } else {
        next = mergeNeighbour(list, { key, score }, RELATED_LIMIT);
      }
      if (next) {
        await writeList(trx, id, next);
        changed.add(id);
      }
    }
    // Its own page shows the new list; pages listing it show its title and description.
    await bumpPageVersions(trx, [...new Set([...changed, ...previouslyListing])]);
  });
  return [...changed];
}

/** Recomputes every template's related list in one pass (the demo-library seed, and repairs). */
export async function rebuildAllRelated(db: Kysely<Database>): Promise<void> {
  dropSimilarityIndex(db);
  const index = await similarityIndex(db);
  const ids = (await db.selectFrom('templates').select('id').execute()).map((r) => r.id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('template_related').execute();
    let batch: { template_id: number; related_id: number; score: number }[] = [];
    for (const id of ids) {
      for (const n of index.neighbours(String(id), RELATED_LIMIT))
        batch.push({ template_id: id, related_id: Number(n.key), score: n.score });
      if (batch.length >= 800) {
        await trx.insertInto('template_related').values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await trx.insertInto('template_related').values(batch).execute();
  });
}
