// Template rows: insert, republish, look up, and the counters (views once per visitor per day,
// favourites, uses). Counters change with single atomic UPDATEs so concurrent processes agree.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PreparedTemplate } from './record.ts';
import { newFileId } from './record.ts';
import type { TemplateTable } from './tables.ts';

export type TemplateRow = Selectable<TemplateTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** Weights of the "hot" order. */
export const HOT_WEIGHT = { view: 1, use: 5, favorite: 3 } as const;

export interface NewTemplate {
  ownerId: string;
  mapId: string | null;
  categorySlug: string;
  /** More categories the template is listed under (e.g. 资格考试 › 司法考试 for a law). */
  extraCategories?: readonly string[];
  prepared: PreparedTemplate;
  now?: number;
  fileId?: string;
}

/** Inserts a template and its category memberships; returns its ids. */
export async function insertTemplate(trx: Db, t: NewTemplate): Promise<{ id: number; fileId: string }> {
  const now = t.now ?? Date.now();
  const fileId = t.fileId ?? newFileId();
  const row = await trx
    .insertInto('templates')
    .values({
      ...t.prepared.record,
      file_id: fileId,
      map_id: t.mapId,
      owner_id: t.ownerId,
      category_slug: t.categorySlug,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('template_contents')
    .values({ template_id: row.id, ...t.prepared.content })
    .execute();
  await setCategories(trx, row.id, [t.categorySlug, ...(t.extraCategories ?? [])]);
  return { id: row.id, fileId };
}

/** Inserts many templates with multi-row statements (the demo-library seed); returns their ids in order. */
export async function insertTemplates(trx: Db, items: readonly NewTemplate[], chunk = 40): Promise<{ id: number; fileId: string }[]> {
  const out: { id: number; fileId: string }[] = [];
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk).map((t) => ({ t, fileId: t.fileId ?? newFileId(), now: t.now ?? Date.now() }));
    const rows = await trx
      .insertInto('templates')
      .values(
        part.map(({ t, fileId, now }) => ({
          ...t.prepared.record,
          file_id: fileId,
          map_id: t.mapId,
          owner_id: t.ownerId,
          category_slug: t.categorySlug,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'file_id'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.file_id, r.id]));
    const memberships: { template_id: number; category_slug: string }[] = [];
    for (const { t, fileId } of part) {
      const id = idOf.get(fileId)!;
      out.push({ id, fileId });
      for (const slug of new Set([t.categorySlug, ...(t.extraCategories ?? [])]))
        memberships.push({ template_id: id, category_slug: slug });
    }
    await trx
      .insertInto('template_contents')
      .values(part.map(({ t, fileId }) => ({ template_id: idOf.get(fileId)!, ...t.prepared.content })))
      .execute();
    await trx.insertInto('template_categories').values(memberships).execute();
  }
  return out;
}

async function setCategories(trx: Db, templateId: number, slugs: readonly string[]): Promise<void> {
  await trx.deleteFrom('template_categories').where('template_id', '=', templateId).execute();
  const distinct = [...new Set(slugs)];
  await trx
    .insertInto('template_categories')
    .values(distinct.map((category_slug) => ({ template_id: templateId, category_slug })))
    .execute();
}

/** Replaces a template's content and category (republish); the counters and fileId stay. */
export async function updateTemplateContent(
  trx: Db,
  templateId: number,
  t: { categorySlug: string; prepared: PreparedTemplate; now?: number },
): Promise<void> {
  await trx
    .updateTable('templates')
    .set({
      ...t.prepared.record,
      category_slug: t.categorySlug,
      updated_at: t.now ?? Date.now(),
      page_version: sql<number>`page_version + 1`,
    })
    .where('id', '=', templateId)
    .execute();
  await trx.updateTable('template_contents').set(t.prepared.content).where('template_id', '=', templateId).execute();
  await setCategories(trx, templateId, [t.categorySlug]);
}

/** A template with its document (the other large columns are not read). */
export function templateByFileId(db: Db, fileId: string): Promise<(TemplateRow & { doc: string }) | undefined> {
  return db
    .selectFrom('templates')
    .innerJoin('template_contents', 'template_contents.template_id', 'templates.id')
    .selectAll('templates')
    .select('template_contents.doc')
    .where('templates.file_id', '=', fileId)
    .executeTakeFirst();
}

export function templateByMapId(db: Db, mapId: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('templates').selectAll().where('map_id', '=', mapId).executeTakeFirst();
}

/** Marks the pages of these templates as changed (related list or a neighbour's title changed). */
export async function bumpPageVersions(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('templates')
    .set({ page_version: sql<number>`page_version + 1` })
    .where('id', 'in', [...ids])
    .execute();
}

export interface Counters {
  views: number;
  uses: number;
  favorites: number;
  pageVersion: number;
}

/** The live counters and page version of one template (read on every page view). */
export async function countersOf(db: Db, templateId: number): Promise<Counters | undefined> {
  const row = await db
    .selectFrom('templates')
    .select(['views', 'uses', 'favorites', 'page_version'])
    .where('id', '=', templateId)
    .executeTakeFirst();
  return row && { views: row.views, uses: row.uses, favorites: row.favorites, pageVersion: row.page_version };
}

/** Days since the epoch, UTC. */
export const dayOf = (ms: number): number => Math.floor(ms / 86_400_000);

/** Counts a view unless this visitor was already counted today; returns whether it counted. */
export async function countView(db: Kysely<Database>, templateId: number, visitor: string, day: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('template_views')
      .values({ template_id: templateId, visitor, day })
      .onConflict((oc) => oc.columns(['template_id', 'day', 'visitor']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .updateTable('templates')
      .set({ views: sql<number>`views + 1`, hot: sql<number>`hot + ${HOT_WEIGHT.view}` })
      .where('id', '=', templateId)
      .execute();
    return true;
  });
}

/** Drops view records older than yesterday (they only serve the once-a-day rule). */
export async function pruneViews(db: Db, today: number): Promise<void> {
  await db
    .deleteFrom('template_views')
    .where('day', '<', today - 1)
    .execute();
}

export async function countUse(db: Db, templateId: number): Promise<void> {
  await db
    .updateTable('templates')
    .set({ uses: sql<number>`uses + 1`, hot: sql<number>`hot + ${HOT_WEIGHT.use}` })
    .where('id', '=', templateId)
    .execute();
}

export async function isFavorite(db: Db, templateId: number, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('template_favorites')
    .select('user_id')
    .where('template_id', '=', templateId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets (on = true/false) or toggles (on undefined) a favourite; answers the new state and count. */
export async function setFavorite(
  db: Kysely<Database>,
  templateId: number,
  userId: string,
  on: boolean | undefined,
): Promise<{ favorited: boolean; favorites: number }> {
  return db.transaction().execute(async (trx) => {
    const was = await isFavorite(trx, templateId, userId);
    const want = on ?? !was;
    if (want && !was) {
      const res = await trx
        .insertInto('template_favorites')
        .values({ template_id: templateId, user_id: userId, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['template_id', 'user_id']).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) await adjustFavorites(trx, templateId, 1);
    } else if (!want && was) {
      const res = await trx
        .deleteFrom('template_favorites')
        .where('template_id', '=', templateId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) > 0) await adjustFavorites(trx, templateId, -1);
    }
    const row = await trx.selectFrom('templates').select('favorites').where('id', '=', templateId).executeTakeFirstOrThrow();
    return { favorited: want, favorites: row.favorites };
  });
}

async function adjustFavorites(trx: Db, templateId: number, delta: 1 | -1): Promise<void> {
  await trx
    .updateTable('templates')
    .set({
      favorites: sql<number>`favorites + ${delta}`,
      hot: sql<number>`hot + ${delta * HOT_WEIGHT.favorite}`,
    })
    .where('id', '=', templateId)
    .execute();
}
