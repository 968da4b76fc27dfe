// JSON API of the template library: categories, publish, search, details, favourite, use, download.

import '@arbor/formats/node';
import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../app.ts';
import { requireUser } from '../auth/index.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { requireMapRole } from '../maps/access.ts';
import { createMap, mapSummary } from '../maps/files.ts';
import { type ExportQuery, exportQuerySchema, sendExport } from '../maps/transfer-routes.ts';
import { categoryJson, ensureCategories } from './categories.ts';
import { type TemplateLibrary, templateLibrary } from './library.ts';
import { publishMap } from './publish.ts';
import { MAX_DESCRIPTION, MAX_TAG_LENGTH, MAX_TAGS } from './record.ts';
import { favoriteTemplates, MAX_PAGE, MAX_PAGE_SIZE, SORT_ORDERS, type SortOrder, searchTemplates, templateUrl } from './search.ts';
import { countUse, setFavorite } from './store.ts';

const fileIdParam = {
  type: 'object',
  required: ['fileId'],
  properties: { fileId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const listItemSchema = {
  type: 'object',
  properties: {
    fileId: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string' },
    categoryName: { type: 'string' },
    author: { type: 'string' },
    authorId: { type: 'string' },
    views: { type: 'integer' },
    uses: { type: 'integer' },
    favorites: { type: 'integer' },
    createdAt: { type: 'integer' },
    url: { type: 'string' },
  },
} as const;

const pageResponse = {
  200: {
    type: 'object',
    required: ['items', 'total'],
    properties: {
      items: { type: 'array', items: listItemSchema },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
    },
  },
} as const;

interface PublishBody {
  description?: string;
  category: string;
  tags?: string[];
}

interface SearchQuery {
  q?: string;
  category?: string;
  sort?: SortOrder;
  page?: number;
  pageSize?: number;
  author?: string;
}

/** The template or a 404 (the counters are fresh; the rest is cached per page version). */
export async function findTemplate(lib: TemplateLibrary, fileId: string) {
  const located = await lib.locate(fileId);
  const detail = located && (await lib.detail(fileId, located.pageVersion));
  if (!located || !detail) throw notFound('template');
  return { detail, counters: located.counters };
}

/** Copies a template into a user's files and counts the use. */
export async function useTemplate(app: FastifyInstance, lib: TemplateLibrary, fileId: string, userId: string) {
  const { detail } = await findTemplate(lib, fileId);
  const row = await createMap(app.db, { ownerId: userId, doc: detail.doc, title: detail.title });
  await countUse(app.db, detail.id);
  return row;
}

export default async function templateRoutes(app: FastifyInstance, _opts: RoutePluginOptions): Promise<void> {
  const db = app.db;
  await ensureCategories(db);
  const lib = templateLibrary(db, app.dialect, app.config.secret);

  // `POST /api/maps {templateFileId}` (maps/file-routes.ts) copies templates through this hook.
  app.templateDocs.get = async (fileId, _userId) => {
    const located = await lib.locate(fileId);
    const detail = located && (await lib.detail(fileId, located.pageVersion));
    if (!detail) return null;
    await countUse(db, detail.id);
    return { doc: detail.doc, title: detail.title };
  };

  app.get('/api/categories', { schema: { summary: 'The template categories as a tree', tags: ['templates'] } }, async () => {
    const tree = await lib.categories();
    return { categories: tree.roots.map(categoryJson) };
  });

  app.post<{ Params: { id: string }; Body: PublishBody }>(
    '/api/maps/:id/publish',
    {
      schema: {
        summary: 'Publish a map as a template (owner only); publishing again updates the template',
        tags: ['templates'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
        body: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          properties: {
            description: { type: 'string', maxLength: MAX_DESCRIPTION },
            category: { type: 'string', minLength: 1, maxLength: 64 },
            tags: { type: 'array', maxItems: MAX_TAGS, items: { type: 'string', maxLength: MAX_TAG_LENGTH } },
          },
        },
        response: {
          '2xx': { type: 'object', required: ['fileId', 'url'], properties: { fileId: { type: 'string' }, url: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const access = await requireMapRole(request, request.params.id, 'owner');
      if (access.map.trashed_at !== null) throw new ApiError(409, 'trashed', '回收站中的导图不能发布 (restore the map first)');
      const { doc } = await app.maps.read(access.map.id);
      const body = request.body;
      const result = await publishMap(db, {
        mapId: access.map.id,
        ownerId: user.id,
        doc,
        title: access.map.title,
        description: body.description ?? '',
        category: body.category,
        tags: body.tags ?? [],
      });
      return reply.status(result.created ? 201 : 200).send({ fileId: result.fileId, url: templateUrl(result.fileId) });
    },
  );

  app.get<{ Querystring: SearchQuery }>(
    '/api/templates',
    {
      schema: {
        summary: 'Search and list templates (q over title, description and outline; category subtree; author)',
        tags: ['templates'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 200 },
            category: { type: 'string', maxLength: 64 },
            sort: { type: 'string', enum: [...SORT_ORDERS] },
            page: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
            pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
            // A user id, or `me` for the signed-in user's own templates.
            author: { type: 'string', maxLength: 100 },
          },
        },
        response: pageResponse,
      },
    },
    async (request) => {
      const q = request.query;
      const ownerId = q.author === 'me' ? requireUser(request).id : q.author;
      const categories = await lib.categories();
      if (q.category && !categories.get(q.category)) throw new ApiError(400, 'unknown-category', `unknown category "${q.category}"`);
      return searchTemplates(
        db,
        app.dialect,
        {
          q: q.q,
          category: q.category,
          ownerId,
          sort: q.sort ?? (q.q ? 'relevance' : 'hot'),
          page: q.page ?? 1,
          pageSize: q.pageSize,
        },
        categories,
      );
    },
  );

  app.get<{ Querystring: { page?: number; pageSize?: number } }>(
    '/api/templates/favorites',
    {
      schema: {
        summary: "The signed-in user's favourite templates, the newest favourite first",
        tags: ['templates'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
            pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
          },
        },
        response: pageResponse,
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      return favoriteTemplates(db, user.id, { page: q.page ?? 1, pageSize: q.pageSize }, await lib.categories());
    },
  );

  app.get<{ Params: { fileId: string } }>(
    '/api/templates/:fileId',
    {
      schema: {
        summary: 'One template: details, outline document, citations, related templates (counts a view)',
        tags: ['templates'],
        params: fileIdParam,
      },
    },
    async (request, reply) => {
      const { detail, counters } = await findTemplate(lib, request.params.fileId);
      const counted = await lib.countView(detail.id, lib.visitor(request, reply));
      const { id: _id, pageVersion: _pv, mapId, ...rest } = detail;
      // The source map's id is the author's business only.
      const own = request.user?.id === detail.ownerId ? { mapId } : {};
      return { ...rest, ...own, views: counters.views + (counted ? 1 : 0), uses: counters.uses, favorites: counters.favorites };
    },
  );

  app.post<{ Params: { fileId: string }; Body: { on?: boolean } | undefined }>(
    '/api/templates/:fileId/favorite',
    {
      schema: {
        summary: 'Favourite or unfavourite a template ({on}; toggles without it)',
        tags: ['templates'],
        params: fileIdParam,
        body: { type: ['object', 'null'], additionalProperties: false, properties: { on: { type: 'boolean' } } },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { detail } = await findTemplate(lib, request.params.fileId);
      return setFavorite(db, detail.id, user.id, request.body?.on);
    },
  );

  app.post<{ Params: { fileId: string } }>(
    '/api/templates/:fileId/use',
    { schema: { summary: 'Copy a template into my files (counts a use)', tags: ['templates'], params: fileIdParam } },
    async (request, reply) => {
      const user = requireUser(request);
      const row = await useTemplate(app, lib, request.params.fileId, user.id);
      return reply.status(201).send({ id: row.id, map: mapSummary(row) });
    },
  );

  app.get<{ Params: { fileId: string }; Querystring: ExportQuery }>(
    '/api/templates/:fileId/download',
    {
      schema: {
        summary:
          'Download a template in any export format (json, xmind, mm, opml, markdown, text, svg, png, pdf, …). PDF only: pageSize fit (one page, default) | a4 | a3 (tiled pages), orientation auto (default) | portrait | landscape',
        tags: ['templates'],
        params: fileIdParam,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { detail } = await findTemplate(lib, request.params.fileId);
      return sendExport(reply, detail.title, detail.doc, request.query);
    },
  );

  app.get<{ Params: { fileId: string } }>(
    '/api/templates/:fileId/preview.svg',
    { schema: { summary: 'The SVG preview of a template', tags: ['templates'], params: fileIdParam } },
    async (request, reply) => {
      const { detail } = await findTemplate(lib, request.params.fileId);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(lib.preview(detail));
    },
  );
}
