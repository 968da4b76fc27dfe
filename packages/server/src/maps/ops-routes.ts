// Saving and history: POST /api/maps/:id/ops, the version list, one version, restoring one,
// and the live event stream (Server-Sent Events) of a map.

import type { Op } from '@arbor/core';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../http/errors.ts';
import { requireMapRole, resolveMapAccess } from './access.ts';
import type { MapEvent } from './events.ts';
import { idParam, opsBodySchema } from './schemas.ts';

interface OpsBody {
  baseVersion: number;
  ops: Op[];
  clientId?: string;
  batchId?: string;
}

const versionParams = {
  type: 'object',
  required: ['id', 'v'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 }, v: { type: 'integer', minimum: 0 } },
} as const;

/** Events replayed to a client that reconnects with ?since=; further behind, it is told to reload. */
const MAX_CATCH_UP = 500;
const KEEPALIVE_MS = 25_000;

export default async function opsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.post<{ Params: { id: string }; Body: OpsBody }>(
    '/api/maps/:id/ops',
    {
      schema: {
        summary: 'Save a batch of operations based on baseVersion; answers once durable',
        description:
          'Batches based on an older version are rebased when they touch other records/fields than the batches committed since; otherwise 409 {error:{code:"conflict"}, version}.',
        tags: ['saving'],
        params: idParam,
        body: opsBodySchema,
        response: {
          200: {
            type: 'object',
            required: ['version'],
            properties: {
              version: { type: 'integer' },
              rebased: { type: 'boolean' },
              duplicate: { type: 'boolean' },
              unchanged: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'edit');
      const { baseVersion, ops, clientId, batchId } = request.body;
      return app.maps.submit(access.map.id, {
        baseVersion,
        ops,
        actor: access.actor,
        ...(clientId ? { clientId } : {}),
        ...(batchId ? { batchId } : {}),
      });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { before?: number; limit?: number } }>(
    '/api/maps/:id/versions',
    {
      schema: {
        summary: 'History: saved versions, newest first',
        tags: ['history'],
        params: idParam,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { before: { type: 'integer', minimum: 0 }, limit: { type: 'integer', minimum: 1, maximum: 500 } },
        },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'view', { allowTrashed: true });
      const limit = request.query.limit ?? 100;
      let q = db
        .selectFrom('map_ops')
        .leftJoin('users', 'users.id', 'map_ops.author')
        .select(['map_ops.version', 'map_ops.kind', 'map_ops.ops', 'map_ops.author', 'map_ops.created_at', 'users.name'])
        .where('map_ops.map_id', '=', access.map.id);
      if (request.query.before !== undefined) q = q.where('map_ops.version', '<', request.query.before);
      const rows = await q.orderBy('map_ops.version', 'desc').limit(limit).execute();
      const items = rows.map((r) => {
        const parsed = JSON.parse(r.ops) as unknown;
        return {
          version: r.version,
          kind: r.kind,
          createdAt: r.created_at,
          author: authorJson(r.author, r.name),
          ...(r.kind === 'restore'
            ? { restoredFrom: (parsed as { restoredFrom: number }).restoredFrom }
            : { opCount: (parsed as unknown[]).length }),
        };
      });
      const reachedStart = rows.length < limit;
      if (reachedStart) {
        items.push({
          version: 0,
          kind: 'create',
          createdAt: access.map.created_at,
          author: authorJson(access.map.owner_id, null),
          opCount: 0,
        });
      }
      return { items, version: access.map.version };
    },
  );

  app.get<{ Params: { id: string; v: number } }>(
    '/api/maps/:id/versions/:v',
    { schema: { summary: 'The document as it was at one version', tags: ['history'], params: versionParams } },
    async (request, reply) => {
      const access = await requireMapRole(request, request.params.id, 'view', { allowTrashed: true });
      if (request.params.v > access.map.version) throw notFound(`version ${request.params.v}`);
      const doc = await app.maps.docAt(access.map.id, request.params.v);
      return reply.send({ version: request.params.v, doc });
    },
  );

  app.post<{ Params: { id: string; v: number } }>(
    '/api/maps/:id/versions/:v/restore',
    {
      schema: {
        summary: 'Make an old version the current one (as a new version)',
        tags: ['history'],
        params: versionParams,
        response: { 200: { type: 'object', required: ['version'], properties: { version: { type: 'integer' } } } },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'edit');
      return app.maps.restoreVersion(access.map.id, request.params.v, access.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { since?: number } }>(
    '/api/maps/:id/events',
    {
      schema: {
        summary: 'Live changes of a map as Server-Sent Events (event: ops | reset | meta | deleted)',
        tags: ['live'],
        params: idParam,
        querystring: {
          type: 'object',
          properties: { since: { type: 'integer', minimum: 0 }, share: { type: 'string' }, sharePassword: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const access = await resolveMapAccess(request, request.params.id);
      const mapId = access.map.id;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (ev: MapEvent) => {
        const { mapId: _m, ...data } = ev;
        res.write(`id: ${ev.version}\nevent: ${ev.kind}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      // Subscribe first, then replay what the client missed, so nothing falls in between.
      const buffered: MapEvent[] = [];
      let live = false;
      let lastSent = request.query.since ?? access.map.version;
      const unsubscribe = app.events.subscribe(mapId, (ev) => {
        if (!live) buffered.push(ev);
        else if (ev.kind !== 'ops' || ev.version > lastSent) {
          lastSent = Math.max(lastSent, ev.version);
          send(ev);
        }
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
      const stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      res.on('close', stop);
      res.write(`event: hello\ndata: ${JSON.stringify({ version: access.map.version, role: access.role })}\n\n`);
      const since = request.query.since;
      if (since !== undefined && since < access.map.version) {
        const rows = await db
          .selectFrom('map_ops')
          .select(['version', 'kind', 'ops', 'author', 'client_id'])
          .where('map_id', '=', mapId)
          .where('version', '>', since)
          .orderBy('version')
          .limit(MAX_CATCH_UP + 1)
          .execute();
        if (rows.length > MAX_CATCH_UP || rows.some((r) => r.kind !== 'ops')) {
          send({ mapId, version: access.map.version, kind: 'reset', actor: null });
        } else {
          for (const r of rows) {
            const clientId = r.client_id ? { clientId: r.client_id } : {};
            send({ mapId, version: r.version, kind: 'ops', ops: JSON.parse(r.ops) as unknown[], actor: r.author, ...clientId });
          }
        }
        lastSent = Math.max(lastSent, rows.at(-1)?.version ?? since);
      }
      live = true;
      for (const ev of buffered) {
        if (ev.kind !== 'ops' || ev.version > lastSent) {
          lastSent = Math.max(lastSent, ev.version);
          send(ev);
        }
      }
    },
  );
}

function authorJson(author: string | null, name: string | null) {
  if (author === null) return null;
  if (author.startsWith('share:')) return { kind: 'share', id: author.slice(6), name: '分享链接访客' };
  return { kind: 'user', id: author, name: name ?? '' };
}
