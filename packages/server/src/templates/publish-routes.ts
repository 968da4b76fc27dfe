// What the editor's 发布为模板 dialog reads before publishing: the template this map was published as
// (category, tags, description, page link), so publishing again starts from what is there.
// Publishing itself is `POST /api/maps/:id/publish` in routes.ts.

import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../app.ts';
import { requireMapRole } from '../maps/access.ts';
import { templateUrl } from './search.ts';
import { templateByMapId } from './store.ts';

export default async function publishRoutes(app: FastifyInstance, _opts: RoutePluginOptions): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/maps/:id/publish',
    {
      schema: {
        summary: 'The template this map was published as (owner only); `template: null` when it never was',
        tags: ['templates'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
        response: {
          200: {
            type: 'object',
            required: ['template'],
            properties: {
              template: {
                type: ['object', 'null'],
                required: ['fileId', 'url', 'category', 'tags', 'description', 'updatedAt'],
                properties: {
                  fileId: { type: 'string' },
                  url: { type: 'string' },
                  category: { type: 'string' },
                  tags: { type: 'array', items: { type: 'string' } },
                  description: { type: 'string' },
                  updatedAt: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner');
      const row = await templateByMapId(app.db, access.map.id);
      if (!row) return { template: null };
      let tags: string[] = [];
      try {
        const parsed = JSON.parse(row.tags) as unknown;
        if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
      } catch {
        // A damaged tag list reads as none; publishing again writes a good one.
      }
      return {
        template: {
          fileId: row.file_id,
          url: templateUrl(row.file_id),
          category: row.category_slug,
          tags,
          description: row.description,
          updatedAt: row.updated_at,
        },
      };
    },
  );
}
