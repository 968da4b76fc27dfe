// My files: maps and folders in the database (rows only; the documents live in doc-store.ts).

import { DocBuilder, type MindDoc } from '@arbor/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { newRowId } from '../auth/index.ts';
import type { Database, Dialect, FolderTable } from '../db/schema.ts';
import { ApiError, badRequest, notFound } from '../http/errors.ts';
import type { MapRow } from './access.ts';
import { foldText, lineAround, writeMapText } from './content-index.ts';

export type FolderRow = Selectable<FolderTable>;

/** The JSON shape of a map in listings and answers. */
export interface MapSummary {
  id: string;
  title: string;
  ownerId: string;
  folderId: string | null;
  version: number;
  visibility: 'private' | 'public';
  starred: boolean;
  trashedAt: number | null;
  createdAt: number;
  updatedAt: number;
  openedAt: number;
  /** In search results: where the words were found (`content`: a line of the map's text that has them). */
  match?: { in: 'title' | 'content'; text?: string };
}

export function mapSummary(row: MapRow): MapSummary {
  return {
    id: row.id,
    title: row.title,
    ownerId: row.owner_id,
    folderId: row.folder_id,
    version: row.version,
    visibility: row.visibility === 'public' ? 'public' : 'private',
    starred: row.starred === 1,
    trashedAt: row.trashed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
  };
}

export function folderJson(row: FolderRow) {
  return { id: row.id, name: row.name, parentId: row.parent_id, createdAt: row.created_at, updatedAt: row.updated_at };
}

export const DEFAULT_MAP_TITLE = '未命名导图';
export const DEFAULT_ROOT_TEXT = '中心主题';

/** A new blank document: just a root topic. */
export function blankDoc(id: string, title: string): MindDoc {
  return new DocBuilder({ id, title, rootText: title === DEFAULT_MAP_TITLE ? DEFAULT_ROOT_TEXT : title }).build();
}

export interface NewMap {
  ownerId: string;
  doc: MindDoc;
  title?: string;
  folderId?: string | null;
  visibility?: 'private' | 'public';
}

/** Inserts a map row and its version-0 snapshot, in the caller's transaction. The doc's id becomes the map id. */
export async function insertMap(trx: Kysely<Database> | Transaction<Database>, input: NewMap): Promise<MapRow> {
  const id = newRowId();
  const now = Date.now();
  const title = (input.title ?? input.doc.title).trim().slice(0, 500) || DEFAULT_MAP_TITLE;
  const doc: MindDoc = { ...input.doc, id, title };
  const row: MapRow = {
    id,
    owner_id: input.ownerId,
    folder_id: input.folderId ?? null,
    title,
    version: 0,
    snapshot_version: 0,
    visibility: input.visibility ?? 'private',
    starred: 0,
    trashed_at: null,
    created_at: now,
    updated_at: now,
    opened_at: now,
  };
  await trx.insertInto('maps').values(row).execute();
  await trx
    .insertInto('map_snapshots')
    .values({ map_id: id, version: 0, doc: JSON.stringify(doc), created_at: now })
    .execute();
  await writeMapText(trx, id, 0, doc);
  return row;
}

/** Creates a map owned by `ownerId` from a document (template use, import, duplicate). */
export async function createMap(db: Kysely<Database>, input: NewMap): Promise<MapRow> {
  return db.transaction().execute((trx) => insertMap(trx, input));
}

/** 404 unless the folder exists and belongs to the user. `null` (top level) always passes. */
export async function assertOwnFolder(db: Kysely<Database>, userId: string, folderId: string | null | undefined): Promise<void> {
  if (folderId === null || folderId === undefined) return;
  const row = await db.selectFrom('folders').select('owner_id').where('id', '=', folderId).executeTakeFirst();
  if (!row || row.owner_id !== userId) throw notFound('folder');
}

/** 400 when moving folder `id` under `newParent` would put it inside itself. */
export async function assertNoFolderCycle(db: Kysely<Database>, id: string, newParent: string | null): Promise<void> {
  let cur = newParent;
  for (let guard = 0; cur !== null && guard < 1000; guard++) {
    if (cur === id) throw new ApiError(400, 'folder-cycle', '不能把文件夹移到它自己里面 (a folder cannot go inside itself)');
    const row = await db.selectFrom('folders').select('parent_id').where('id', '=', cur).executeTakeFirst();
    cur = row?.parent_id ?? null;
  }
}

export type MapListView = 'all' | 'recent' | 'starred' | 'trash';

export interface MapListQuery {
  view: MapListView;
  /** Only maps directly in this folder ('root' = top level); ignored by recent/starred/trash. */
  folder?: string;
  q?: string;
  /** Which database runs the query (the text window around a hit is read with its own function). */
  dialect?: Dialect;
  limit: number;
  offset: number;
}

/** At most this many words of a query are matched (each must appear in the title or the text). */
const MAX_TERMS = 8;
/** Characters read on each side of a hit in a map's text, for the line shown under a result. */
const WINDOW = 80;

/** A LIKE pattern that matches `term` anywhere, with LIKE's own characters escaped. */
const containing = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listMaps(
  db: Kysely<Database>,
  ownerId: string,
  query: MapListQuery,
): Promise<{ items: MapSummary[]; total: number }> {
  let base = db.selectFrom('maps').leftJoin('map_text', 'map_text.map_id', 'maps.id').where('maps.owner_id', '=', ownerId);
  base = query.view === 'trash' ? base.where('maps.trashed_at', 'is not', null) : base.where('maps.trashed_at', 'is', null);
  if (query.view === 'starred') base = base.where('maps.starred', '=', 1);
  if (query.view === 'all' && query.folder !== undefined) {
    base = query.folder === 'root' ? base.where('maps.folder_id', 'is', null) : base.where('maps.folder_id', '=', query.folder);
  }
  const phrase = query.q ? foldText(query.q.trim()) : '';
  const terms = [...new Set(phrase.split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
  const dialect = query.dialect ?? 'sqlite';
  for (const term of terms) {
    // A plain substring search in the text: much faster than LIKE on megabytes, and no wildcards.
    const inText = dialect === 'postgres' ? sql`strpos(map_text.folded, ${term}) > 0` : sql`instr(map_text.folded, ${term}) > 0`;
    base = base.where(sql<boolean>`(lower(maps.title) like ${containing(term)} escape '\\' or ${inText})`);
  }
  // The total rides along with the page (one scan of the texts, not two).
  let q = base.selectAll('maps').select(sql<number | string>`count(*) over ()`.as('total_count'));
  if (terms.length) {
    // Whole phrase in the title, then every word in the title, then the rest (found in the text).
    const titleHasAll = terms.map((t) => sql`lower(maps.title) like ${containing(t)} escape '\\'`);
    q = q
      .select(
        sql<number>`case when lower(maps.title) like ${containing(phrase)} escape '\\' then 0 when ${sql.join(titleHasAll, sql` and `)} then 1 else 2 end`.as(
          'rank',
        ),
      )
      .orderBy('rank');
  }
  if (query.view === 'recent') q = q.orderBy('maps.opened_at', 'desc').orderBy('maps.updated_at', 'desc');
  else if (query.view === 'trash') q = q.orderBy('maps.trashed_at', 'desc');
  else q = q.orderBy('maps.updated_at', 'desc');
  const rows = (await q.orderBy('maps.id').limit(query.limit).offset(query.offset).execute()) as (MapRow & {
    rank?: number;
    total_count: number | string;
  })[];
  let total = rows.length ? Number(rows[0]?.total_count) : 0;
  if (!rows.length && query.offset > 0) {
    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    total = Number(counted?.n ?? 0);
  }
  const items = rows.map(mapSummary);
  if (terms.length) await addMatches(db, dialect, rows, items, terms);
  return { items, total };
}

/** Says where each result matched; for text matches, the line of the map that has the first word. */
async function addMatches(
  db: Kysely<Database>,
  dialect: Dialect,
  rows: { id: string; title: string; rank?: number }[],
  items: MapSummary[],
  terms: string[],
) {
  // The line shown is around the first word that is not in the title (it must be in the text).
  const byTerm = new Map<string, string[]>();
  for (const r of rows) {
    if (Number(r.rank) !== 2) continue;
    const title = foldText(r.title);
    const term = terms.find((t) => !title.includes(t)) ?? (terms[0] as string);
    byTerm.set(term, [...(byTerm.get(term) ?? []), r.id]);
  }
  const lines = new Map<string, string>();
  for (const [term, ids] of byTerm) {
    // Only a window of text around the first hit is read, not whole texts.
    const pos = dialect === 'postgres' ? sql<number>`strpos(folded, ${term})` : sql<number>`instr(folded, ${term})`;
    const found = await db
      .selectFrom('map_text')
      .select((eb) => [
        'map_id',
        eb
          .fn<string>('substr', [
            'text',
            sql`case when ${pos} > ${WINDOW} then ${pos} - ${WINDOW} else 1 end`,
            sql.lit(2 * WINDOW + term.length),
          ])
          .as('around'),
        sql<number>`case when ${pos} > ${WINDOW} then ${WINDOW} else ${pos} - 1 end`.as('at'),
      ])
      .where('map_id', 'in', ids)
      .execute();
    for (const r of found) if (Number(r.at) >= 0) lines.set(r.map_id, lineAround(r.around, Number(r.at), term.length));
  }
  rows.forEach((r, i) => {
    const item = items[i] as MapSummary;
    const text = lines.get(r.id);
    item.match = Number(r.rank) === 2 ? { in: 'content', ...(text !== undefined ? { text } : {}) } : { in: 'title' };
  });
}

export function validateTitle(title: string): string {
  const t = title.trim();
  if (!t) throw badRequest('title must not be blank');
  return t.slice(0, 500);
}
