// Listing and searching templates: full-text over jieba tokens (FTS5 bm25 in SQLite, ts_rank over
// a weighted tsvector in PostgreSQL), filtered by category subtree or author, sorted by relevance,
// hot or new, paginated. Every query term must match; when none does, any term may.

import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';
import { tokenizeQuery } from '../search/tokenize.ts';
import type { CategoryTree } from './categories.ts';
import './tables.ts';

export const SORT_ORDERS = ['relevance', 'hot', 'new'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** Deep pages cost a scan and nobody reads them. */
export const MAX_PAGE = 500;

export interface TemplateQuery {
  q?: string;
  /** A category slug; its whole subtree is searched. */
  category?: string;
  ownerId?: string;
  sort: SortOrder;
  page: number;
  pageSize?: number;
}

export interface TemplateListItem {
  fileId: string;
  title: string;
  description: string;
  /** Category slug (primary). */
  category: string;
  categoryName: string;
  author: string;
  authorId: string;
  views: number;
  uses: number;
  favorites: number;
  createdAt: number;
  url: string;
}

export interface TemplatePage {
  items: TemplateListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export const templateUrl = (fileId: string): string => `/templates/${fileId}`;

interface ListRow {
  file_id: string;
  title: string;
  description: string;
  category_slug: string;
  owner_id: string;
  author: string;
  views: number;
  uses: number;
  favorites: number;
  created_at: number;
}

export function listItem(r: ListRow, categories: CategoryTree): TemplateListItem {
  return {
    fileId: r.file_id,
    title: r.title,
    description: r.description,
    category: r.category_slug,
    categoryName: categories.get(r.category_slug)?.name ?? r.category_slug,
    author: r.author,
    authorId: r.owner_id,
    views: Number(r.views),
    uses: Number(r.uses),
    favorites: Number(r.favorites),
    createdAt: Number(r.created_at),
    url: templateUrl(r.file_id),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the builder's row type differs per dialect branch
type AnyQuery = SelectQueryBuilder<any, any, any>;

const LIST_COLUMNS = [
  't.file_id',
  't.title',
  't.description',
  't.category_slug',
  't.owner_id',
  'u.name as author',
  't.views',
  't.uses',
  't.favorites',
  't.created_at',
] as const;

function ftsExpression(tokens: readonly string[], any: boolean): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(any ? ' OR ' : ' ');
}

function tsQueryText(tokens: readonly string[], any: boolean): string {
  // Tokens hold letters and digits only (see tokenize.ts); quoting keeps to_tsquery literal anyway.
  return tokens.map((t) => `'${t.replaceAll("'", "''").replaceAll('\\', '')}'`).join(any ? ' | ' : ' & ');
}

/** The matching templates joined with their authors; `scored` adds the relevance (costly: counts skip it). */
function baseQuery(db: Kysely<Database>, dialect: Dialect, tokens: readonly string[], any: boolean, scored: boolean): AnyQuery {
  if (tokens.length === 0) {
    return db.selectFrom('templates as t').innerJoin('users as u', 'u.id', 't.owner_id').select(sql<number>`0`.as('score'));
  }
  if (dialect === 'sqlite') {
    const match = ftsExpression(tokens, any);
    // bm25 is lower-is-better; the title column weighs 8 times the body.
    const hits = scored
      ? sql<{
          id: number;
          score: number;
        }>`(SELECT rowid AS id, -bm25(templates_fts, 8.0, 1.0) AS score FROM templates_fts WHERE templates_fts MATCH ${match})`
      : sql<{ id: number; score: number }>`(SELECT rowid AS id, 0 AS score FROM templates_fts WHERE templates_fts MATCH ${match})`;
    return db
      .selectFrom(hits.as('m'))
      .innerJoin('templates as t', 't.id', 'm.id')
      .innerJoin('users as u', 'u.id', 't.owner_id')
      .select('m.score as score');
  }
  const tsq = tsQueryText(tokens, any);
  const q = db
    .selectFrom('template_contents as c')
    .innerJoin('templates as t', 't.id', 'c.template_id')
    .innerJoin('users as u', 'u.id', 't.owner_id')
    .where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${tsq})`);
  return scored
    ? q.select(sql<number>`ts_rank(c.search_vector, to_tsquery('simple', ${tsq}))`.as('score'))
    : q.select(sql<number>`0`.as('score'));
}

function filtered(q: AnyQuery, query: TemplateQuery, categories: CategoryTree): AnyQuery | null {
  if (query.category !== undefined && query.category !== '') {
    const slugs = categories.subtree(query.category);
    if (slugs.length === 0) return null;
    q = q.where('t.id', 'in', (eb: Kysely<Database>) =>
      eb.selectFrom('template_categories').select('template_id').where('category_slug', 'in', slugs),
    );
  }
  if (query.ownerId !== undefined) q = q.where('t.owner_id', '=', query.ownerId);
  return q;
}

async function run(
  db: Kysely<Database>,
  dialect: Dialect,
  query: TemplateQuery,
  categories: CategoryTree,
  tokens: readonly string[],
  any: boolean,
): Promise<TemplatePage> {
  const pageSize = Math.min(Math.max(1, query.pageSize ?? PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.min(Math.max(1, Math.floor(query.page)), MAX_PAGE);
  const sort = query.sort === 'relevance' && tokens.length === 0 ? 'hot' : query.sort;
  const q = filtered(baseQuery(db, dialect, tokens, any, sort === 'relevance'), query, categories);
  const counting = filtered(baseQuery(db, dialect, tokens, any, false), query, categories);
  if (!q || !counting) return { items: [], total: 0, page, pageSize };
  let rows = q.select([...LIST_COLUMNS]);
  if (sort === 'relevance') rows = rows.orderBy('score', 'desc').orderBy('t.hot', 'desc').orderBy('t.id', 'desc');
  else if (sort === 'hot') rows = rows.orderBy('t.hot', 'desc').orderBy('t.id', 'desc');
  else rows = rows.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc');
  const [list, count] = await Promise.all([
    rows
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute() as Promise<ListRow[]>,
    counting.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst() as Promise<{ n: number } | undefined>,
  ]);
  return { items: list.map((r) => listItem(r, categories)), total: Number(count?.n ?? 0), page, pageSize };
}

/** One page of templates for a query; the total counts every match. */
export async function searchTemplates(
  db: Kysely<Database>,
  dialect: Dialect,
  query: TemplateQuery,
  categories: CategoryTree,
): Promise<TemplatePage> {
  const tokens = tokenizeQuery(query.q ?? '');
  const all = await run(db, dialect, query, categories, tokens, false);
  if (all.total > 0 || tokens.length < 2) return all;
  return run(db, dialect, query, categories, tokens, true);
}

/** The related templates of one template, best first. */
export async function relatedTemplates(db: Kysely<Database>, templateId: number, categories: CategoryTree): Promise<TemplateListItem[]> {
  const rows = await db
    .selectFrom('template_related as r')
    .innerJoin('templates as t', 't.id', 'r.related_id')
    .innerJoin('users as u', 'u.id', 't.owner_id')
    .select([...LIST_COLUMNS])
    .where('r.template_id', '=', templateId)
    .orderBy('r.score', 'desc')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => listItem(r, categories));
}
