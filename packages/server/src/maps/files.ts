// My files: maps and folders in the database (rows only; the documents live in doc-store.ts).

import { DocBuilder, type MindDoc } from '@arbor/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { newRowId } from '../auth/index.ts';
import type { Database, FolderTable } from '../db/schema.ts';
import { ApiError, badRequest, notFound } from '../http/errors.ts';
import type { MapRow } from './access.ts';

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
  limit: number;
  offset: number;
}

export async function listMaps(
  db: Kysely<Database>,
  ownerId: string,
  query: MapListQuery,
): Promise<{ items: MapSummary[]; total: number }> {
  let base = db.selectFrom('maps').where('owner_id', '=', ownerId);
  base = query.view === 'trash' ? base.where('trashed_at', 'is not', null) : base.where('trashed_at', 'is', null);
  if (query.view === 'starred') base = base.where('starred', '=', 1);
  if (query.view === 'all' && query.folder !== undefined) {
    base = query.folder === 'root' ? base.where('folder_id', 'is', null) : base.where('folder_id', '=', query.folder);
  }
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  let q = base.selectAll();
  if (query.view === 'recent') q = q.orderBy('opened_at', 'desc').orderBy('updated_at', 'desc');
  else if (query.view === 'trash') q = q.orderBy('trashed_at', 'desc');
  else q = q.orderBy('updated_at', 'desc');
  const rows = await q.orderBy('id').limit(query.limit).offset(query.offset).execute();
  return { items: rows.map(mapSummary), total: Number(totalRow?.n ?? 0) };
}

export function validateTitle(title: string): string {
  const t = title.trim();
  if (!t) throw badRequest('title must not be blank');
  return t.slice(0, 500);
}
