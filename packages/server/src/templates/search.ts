// Listing and searching templates: full-text over jieba tokens (FTS5 bm25 in SQLite, ts_rank over
// a weighted tsvector in PostgreSQL), filtered by category subtree or author, sorted by relevance,
// hot or new, paginated.
//
// A query is read as people mean it (see search/query.ts): every segment must be present as a whole
// phrase, written as typed or with its abbreviation spelled out (社保 → 社会保险). The full-text
// index picks the candidates; the phrase test in SQL keeps only the templates that really contain
// what was asked, so 时间管理 no longer lists every law that says 时间 somewhere and 管理 elsewhere.
// By relevance, templates whose title holds more of the segments come first (社保 finds
// 中华人民共和国社会保险法 before regulations that mention 社保 in one article), then bm25/ts_rank.

import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';
import { ftsMatch, type ParsedQuery, parseQuery, type QueryVariant, tsQuery } from '../search/query.ts';
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
  /** Spelled-out abbreviations that were searched too (社保 → 社会保险). */
  expansions?: string[];
  /** Templates that hold the query's words but not the phrase (left out); set when nothing matched. */
  partialMatches?: number;
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

/** `column` contains `phrase` (compared lowercased when the phrase has Latin letters). */
function contains(dialect: Dialect, column: string, phrase: string): RawBuilder<boolean> {
  const col = /[a-z]/.test(phrase) ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return dialect === 'sqlite' ? sql<boolean>`instr(${col}, ${phrase}) > 0` : sql<boolean>`strpos(${col}, ${phrase}) > 0`;
}

const anyOf = (parts: RawBuilder<boolean>[]): RawBuilder<boolean> => sql<boolean>`(${sql.join(parts, sql` OR `)})`;
const allOf = (parts: RawBuilder<boolean>[]): RawBuilder<boolean> => sql<boolean>`(${sql.join(parts, sql` AND `)})`;

/** A variant is present: its phrase anywhere in the template, or all its words in the title. */
function variantPresent(dialect: Dialect, v: QueryVariant): RawBuilder<boolean> {
  const phrase = anyOf(['t.title', 't.description', 't.tags', 'c.outline_text'].map((col) => contains(dialect, col, v.phrase)));
  if (v.tokens.length < 2) return phrase;
  return anyOf([phrase, allOf(v.tokens.map((w) => contains(dialect, 't.title', w)))]);
}

/** Every segment present (the good matches). */
function allSegmentsPresent(dialect: Dialect, query: ParsedQuery): RawBuilder<boolean> {
  return allOf(query.segments.map((s) => anyOf(s.variants.map((v) => variantPresent(dialect, v)))));
}

/** A title's length when it holds a segment (shorter: more nearly just the phrase), else 0. */
function titleLength(dialect: Dialect, query: ParsedQuery): RawBuilder<number> {
  const any = anyOf(query.segments.flatMap((s) => s.variants.map((v) => contains(dialect, 't.title', v.phrase))));
  return sql<number>`(CASE WHEN ${any} THEN length(${sql.ref('t.title')}) ELSE 0 END)`;
}

/** How many segments the title holds as a phrase; the typed form counts a little more than an expansion. */
function titleHits(dialect: Dialect, query: ParsedQuery): RawBuilder<number> {
  const cases = query.segments.map((s) => {
    const typed = s.variants.filter((v) => !v.expanded).map((v) => contains(dialect, 't.title', v.phrase));
    const expanded = s.variants.filter((v) => v.expanded).map((v) => contains(dialect, 't.title', v.phrase));
    return sql<number>`(CASE WHEN ${typed.length ? anyOf(typed) : sql`1 = 0`} THEN 3 WHEN ${
      expanded.length ? anyOf(expanded) : sql`1 = 0`
    } THEN 2 ELSE 0 END)`;
  });
  return sql<number>`(${sql.join(cases, sql` + `)})`;
}

/** Full-text candidates joined with their authors and contents; `scored` adds the relevance. */
function textQuery(db: Kysely<Database>, dialect: Dialect, query: ParsedQuery, scored: boolean): AnyQuery {
  if (dialect === 'sqlite') {
    const match = ftsMatch(query);
    // bm25 is lower-is-better; the title column weighs 8 times the body.
    const hits = scored
      ? sql<{
          id: number;
          score: number;
        }>`(SELECT rowid AS id, -bm25(templates_fts, 8.0, 1.0) AS score FROM templates_fts WHERE templates_fts MATCH ${match})`
      : sql<{ id: number; score: number }>`(SELECT rowid AS id, 0 AS score FROM templates_fts WHERE templates_fts MATCH ${match})`;
    const q = db
      .selectFrom(hits.as('m'))
      .innerJoin('templates as t', 't.id', 'm.id')
      .innerJoin('users as u', 'u.id', 't.owner_id')
      .innerJoin('template_contents as c', 'c.template_id', 't.id');
    return scored
      ? q.select(['m.score as score', titleHits(dialect, query).as('title_hits'), titleLength(dialect, query).as('title_len')])
      : q.select(sql<number>`0`.as('score'));
  }
  const tsq = tsQuery(query);
  const q = db
    .selectFrom('template_contents as c')
    .innerJoin('templates as t', 't.id', 'c.template_id')
    .innerJoin('users as u', 'u.id', 't.owner_id')
    .where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${tsq})`);
  return scored
    ? q.select([
        sql<number>`ts_rank(c.search_vector, to_tsquery('simple', ${tsq}))`.as('score'),
        titleHits(dialect, query).as('title_hits'),
        titleLength(dialect, query).as('title_len'),
      ])
    : q.select(sql<number>`0`.as('score'));
}

/** Every template (no query) joined with its author. */
function plainQuery(db: Kysely<Database>): AnyQuery {
  return db.selectFrom('templates as t').innerJoin('users as u', 'u.id', 't.owner_id').select(sql<number>`0`.as('score'));
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

const count = (q: AnyQuery) =>
  q.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst() as Promise<{ n: number } | undefined>;

/** One page of templates for a query; the total counts every match. */
export async function searchTemplates(
  db: Kysely<Database>,
  dialect: Dialect,
  query: TemplateQuery,
  categories: CategoryTree,
): Promise<TemplatePage> {
  const pageSize = Math.min(Math.max(1, query.pageSize ?? PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.min(Math.max(1, Math.floor(query.page)), MAX_PAGE);
  const parsed = parseQuery(query.q ?? '');
  const hasText = parsed.segments.length > 0;
  const sort = query.sort === 'relevance' && !hasText ? 'hot' : query.sort;
  const good = hasText ? allSegmentsPresent(dialect, parsed) : undefined;
  const base = (scored: boolean) => filtered(hasText ? textQuery(db, dialect, parsed, scored) : plainQuery(db), query, categories);
  const listed = base(sort === 'relevance');
  const counted = base(false);
  const empty: TemplatePage = { items: [], total: 0, page, pageSize };
  if (!listed || !counted) return empty;
  let rows = (good ? listed.where(good) : listed).select([...LIST_COLUMNS]);
  if (sort === 'relevance')
    rows = rows
      .orderBy('title_hits', 'desc')
      // Among titles holding the phrase, the one that is most nearly just the phrase (刑法 before 刑法修正案（八）).
      .orderBy('title_len')
      .orderBy('score', 'desc')
      .orderBy('t.hot', 'desc')
      .orderBy('t.id', 'desc');
  else if (sort === 'hot') rows = rows.orderBy('t.hot', 'desc').orderBy('t.id', 'desc');
  else rows = rows.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc');
  const [list, total] = await Promise.all([
    rows
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute() as Promise<ListRow[]>,
    count(good ? counted.where(good) : counted),
  ]);
  const result: TemplatePage = { items: list.map((r) => listItem(r, categories)), total: Number(total?.n ?? 0), page, pageSize };
  if (parsed.expansions.length) result.expansions = parsed.expansions;
  if (hasText && result.total === 0) result.partialMatches = Number((await count(counted))?.n ?? 0);
  return result;
}

/** One page of a user's favourite templates, the newest favourite first. */
export async function favoriteTemplates(
  db: Kysely<Database>,
  userId: string,
  paging: { page: number; pageSize?: number },
  categories: CategoryTree,
): Promise<TemplatePage> {
  const pageSize = Math.min(Math.max(1, paging.pageSize ?? PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.min(Math.max(1, Math.floor(paging.page)), MAX_PAGE);
  const base = db
    .selectFrom('template_favorites as f')
    .innerJoin('templates as t', 't.id', 'f.template_id')
    .innerJoin('users as u', 'u.id', 't.owner_id')
    .where('f.user_id', '=', userId);
  const [rows, total] = await Promise.all([
    base
      .select([...LIST_COLUMNS])
      .orderBy('f.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map((r) => listItem(r, categories)), total: Number(total?.n ?? 0), page, pageSize };
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
