// The template library as one service per database handle, shared by the API routes and the
// server-rendered pages: template details, view counting (one per visitor per day), and the
// caches (SVG previews, rendered pages) keyed by each template's page_version so that a change —
// here or in another server process — is never served stale.

import { createHash } from 'node:crypto';
import type { MindDoc } from '@arbor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db/schema.ts';
import { type CategoryNode, type CategoryTree, categoryTree } from './categories.ts';
import { type CitationLink, linkCitations } from './citations.ts';
import { renderPreviewSvg } from './preview.ts';
import { FILE_ID, parseJsonArray } from './record.ts';
import { listItem, relatedTemplates, type TemplateListItem } from './search.ts';
import { type Counters, countersOf, countView, dayOf, pruneViews, type TemplateRow, templateByFileId } from './store.ts';

export const VISITOR_COOKIE = 'arbor_vid';
const VISITOR_ID = /^[0-9a-f]{32}$/;
const SEEN_VIEWS_LIMIT = 200_000;
const CACHE_LIMIT = 500;

export interface TemplateDetail extends TemplateListItem {
  id: number;
  mapId: string | null;
  ownerId: string;
  /** Root first, ending with the primary category. */
  categoryPath: { slug: string; name: string }[];
  tags: string[];
  citations: string[];
  /** The citations resolved: full names, links to the laws' templates and articles, repeals (引用法条). */
  references: CitationLink[];
  topicCount: number;
  updatedAt: number;
  pageVersion: number;
  doc: MindDoc;
  related: TemplateListItem[];
}

/** A small insertion-ordered cache that forgets its oldest entries. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

export class TemplateLibrary {
  /** Rendered pages by `${fileId}@${pageVersion}` (the pages plugin fills it). */
  readonly pages = new BoundedCache<unknown>(CACHE_LIMIT);
  private readonly details = new BoundedCache<TemplateDetail>(CACHE_LIMIT);
  private readonly previews = new BoundedCache<string>(CACHE_LIMIT);
  private readonly seenViews = new Set<string>();
  private seenDay = 0;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    private readonly secret: string,
  ) {}

  categories(): Promise<CategoryTree> {
    return categoryTree(this.db);
  }

  /** Live counters and page version; undefined when the template is gone. */
  counters(templateId: number): Promise<Counters | undefined> {
    return countersOf(this.db, templateId);
  }

  /** Id, fileId and page version of a template, or undefined (a malformed fileId is just unknown). */
  async locate(fileId: string): Promise<{ id: number; pageVersion: number; counters: Counters } | undefined> {
    if (!FILE_ID.test(fileId)) return undefined;
    const row = await this.db
      .selectFrom('templates')
      .select(['id', 'views', 'uses', 'favorites', 'page_version'])
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      pageVersion: row.page_version,
      counters: { views: row.views, uses: row.uses, favorites: row.favorites, pageVersion: row.page_version },
    };
  }

  /** Everything a template page shows, cached per page version (counters are read separately). */
  async detail(fileId: string, pageVersion?: number): Promise<TemplateDetail | undefined> {
    if (!FILE_ID.test(fileId)) return undefined;
    if (pageVersion !== undefined) {
      const cached = this.details.get(fileId);
      if (cached && cached.pageVersion === pageVersion) return cached;
    }
    const row = await templateByFileId(this.db, fileId);
    if (!row) return undefined;
    const detail = await this.buildDetail(row);
    this.details.set(fileId, detail);
    return detail;
  }

  private async buildDetail(row: TemplateRow & { doc: string }): Promise<TemplateDetail> {
    const categories = await this.categories();
    const author = await this.db.selectFrom('users').select('name').where('id', '=', row.owner_id).executeTakeFirst();
    const related = await relatedTemplates(this.db, row.id, categories);
    const item = listItem({ ...row, author: author?.name ?? '' }, categories);
    const citations = parseJsonArray(row.citations);
    return {
      ...item,
      id: row.id,
      mapId: row.map_id,
      ownerId: row.owner_id,
      categoryPath: categories.path(row.category_slug).map((c: CategoryNode) => ({ slug: c.slug, name: c.name })),
      tags: parseJsonArray(row.tags),
      citations,
      references: await linkCitations(this.db, citations),
      topicCount: row.topic_count,
      updatedAt: row.updated_at,
      pageVersion: row.page_version,
      doc: JSON.parse(row.doc) as MindDoc,
      related,
    };
  }

  /** The preview SVG of a template at a page version, rendered once. */
  preview(detail: TemplateDetail): string {
    const key = `${detail.fileId}@${detail.pageVersion}`;
    let svg = this.previews.get(key);
    if (svg === undefined) {
      svg = renderPreviewSvg(detail.doc);
      this.previews.set(key, svg);
    }
    return svg;
  }

  /**
   * Who is viewing: the user, else a visitor cookie (set on the first visit from a hash of the
   * address and browser, so a visitor without cookies still counts once a day).
   */
  visitor(request: FastifyRequest, reply: FastifyReply): string {
    if (request.user) return `u:${request.user.id}`;
    const cookie = request.cookies?.[VISITOR_COOKIE];
    if (cookie && VISITOR_ID.test(cookie)) return `v:${cookie}`;
    const hash = createHash('sha256')
      .update(`${this.secret}|${request.ip}|${request.headers['user-agent'] ?? ''}`)
      .digest('hex')
      .slice(0, 32);
    reply.setCookie(VISITOR_COOKIE, hash, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400 });
    return `v:${hash}`;
  }

  /** Counts a view once per visitor per day; repeated views skip the database. */
  async countView(templateId: number, visitor: string, now = Date.now()): Promise<boolean> {
    const day = dayOf(now);
    if (day !== this.seenDay) {
      const firstOfDay = this.seenDay !== 0;
      this.seenViews.clear();
      this.seenDay = day;
      if (firstOfDay) await pruneViews(this.db, day);
    }
    const key = `${templateId}|${visitor}`;
    if (this.seenViews.has(key)) return false;
    if (this.seenViews.size >= SEEN_VIEWS_LIMIT) this.seenViews.clear();
    this.seenViews.add(key);
    return countView(this.db, templateId, visitor, day);
  }
}

const libraries = new WeakMap<Kysely<Database>, TemplateLibrary>();

/** The one library service of a database handle. */
export function templateLibrary(db: Kysely<Database>, dialect: Dialect, secret: string): TemplateLibrary {
  let lib = libraries.get(db);
  if (!lib) {
    lib = new TemplateLibrary(db, dialect, secret);
    libraries.set(db, lib);
  }
  return lib;
}
