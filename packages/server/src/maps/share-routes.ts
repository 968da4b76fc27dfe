// Share links: create (role view/edit, optional password and expiry), list, revoke, and open a
// shared map without an account. Later requests with the link send `x-share-token` (and
// `x-share-password`) — or `?share=&sharePassword=` for EventSource.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword, hashToken, newRowId, newToken } from '../auth/index.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { checkShare, findShareByToken, requireMapRole, type ShareRow, sharePasswordHeader } from './access.ts';
import { sendMapWithDoc } from './file-routes.ts';
import { mapSummary } from './files.ts';
import { idParam } from './schemas.ts';

interface CreateShareBody {
  role: 'view' | 'edit';
  password?: string;
  expiresAt?: number | null;
}

const shareSchema = {
  type: 'object',
  required: ['id', 'role', 'hasPassword', 'expiresAt', 'revokedAt', 'createdAt'],
  properties: {
    id: { type: 'string' },
    role: { type: 'string', enum: ['view', 'edit'] },
    hasPassword: { type: 'boolean' },
    expiresAt: { type: ['integer', 'null'] },
    revokedAt: { type: ['integer', 'null'] },
    createdAt: { type: 'integer' },
    token: { type: 'string' },
    url: { type: 'string' },
  },
} as const;

function shareJson(row: ShareRow) {
  return {
    id: row.id,
    role: row.role as 'view' | 'edit',
    hasPassword: row.password_hash !== null,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

const tokenParam = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 10, maxLength: 200 } },
} as const;

export default async function shareRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.post<{ Params: { id: string }; Body: CreateShareBody }>(
    '/api/maps/:id/shares',
    {
      schema: {
        summary: 'Create a share link (the token is shown only in this answer)',
        tags: ['sharing'],
        params: idParam,
        body: {
          type: 'object',
          required: ['role'],
          additionalProperties: false,
          properties: {
            role: { type: 'string', enum: ['view', 'edit'] },
            password: { type: 'string', minLength: 1, maxLength: 200 },
            expiresAt: { type: ['integer', 'null'], minimum: 0 },
          },
        },
        response: { 201: { type: 'object', required: ['share'], properties: { share: shareSchema } } },
      },
    },
    async (request, reply) => {
      const access = await requireMapRole(request, request.params.id, 'owner');
      const { role, password, expiresAt } = request.body;
      const now = Date.now();
      if (expiresAt !== undefined && expiresAt !== null && expiresAt <= now) throw badRequest('expiresAt must be in the future');
      const token = newToken();
      const row: ShareRow = {
        id: newRowId(),
        map_id: access.map.id,
        token_hash: hashToken(token),
        role,
        password_hash: password ? await hashPassword(password, app.config.scryptLogN) : null,
        expires_at: expiresAt ?? null,
        revoked_at: null,
        created_by: access.actor ?? access.map.owner_id,
        created_at: now,
      };
      await db.insertInto('shares').values(row).execute();
      return reply.status(201).send({ share: { ...shareJson(row), token, url: `/s/${token}` } });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/maps/:id/shares',
    {
      schema: {
        summary: 'The share links of a map (without tokens)',
        tags: ['sharing'],
        params: idParam,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: shareSchema } } } },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner');
      const rows = await db.selectFrom('shares').selectAll().where('map_id', '=', access.map.id).orderBy('created_at', 'desc').execute();
      return { items: rows.map(shareJson) };
    },
  );

  app.delete<{ Params: { id: string; shareId: string } }>(
    '/api/maps/:id/shares/:shareId',
    {
      schema: {
        summary: 'Revoke a share link',
        tags: ['sharing'],
        params: {
          type: 'object',
          required: ['id', 'shareId'],
          properties: { id: { type: 'string', maxLength: 64 }, shareId: { type: 'string', maxLength: 64 } },
        },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner');
      const res = await db
        .updateTable('shares')
        .set({ revoked_at: Date.now() })
        .where('id', '=', request.params.shareId)
        .where('map_id', '=', access.map.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        const exists = await db
          .selectFrom('shares')
          .select('id')
          .where('id', '=', request.params.shareId)
          .where('map_id', '=', access.map.id)
          .executeTakeFirst();
        if (!exists) throw notFound('share');
      }
      return { ok: true };
    },
  );

  const openShared = async (request: FastifyRequest, token: string, password: string | undefined) => {
    const share = await checkShare(db, await findShareByToken(db, token), password, request.ip);
    const map = await db.selectFrom('maps').selectAll().where('id', '=', share.map_id).executeTakeFirst();
    if (!map || map.trashed_at !== null) throw notFound('map');
    const { json, version } = await app.maps.read(map.id);
    return { share, map, json, version };
  };

  app.get<{ Params: { token: string } }>(
    '/api/shares/:token',
    {
      schema: {
        summary: 'Open a shared map without an account (password in x-share-password, or percent-encoded UTF-8 in x-share-password-utf8)',
        tags: ['sharing'],
        params: tokenParam,
      },
    },
    async (request, reply) => {
      const password = sharePasswordHeader(request);
      const r = await openShared(request, request.params.token, typeof password === 'string' ? password : undefined);
      return sendMapWithDoc(
        reply,
        { map: { ...mapSummary(r.map), version: r.version }, role: r.share.role, share: shareJson(r.share) },
        r.json,
      );
    },
  );

  app.post<{ Params: { token: string }; Body: { password?: string } }>(
    '/api/shares/:token/open',
    {
      schema: {
        summary: 'Open a shared map, password in the body',
        tags: ['sharing'],
        params: tokenParam,
        body: { type: 'object', additionalProperties: false, properties: { password: { type: 'string', maxLength: 200 } } },
      },
    },
    async (request, reply) => {
      const r = await openShared(request, request.params.token, request.body?.password);
      return sendMapWithDoc(
        reply,
        { map: { ...mapSummary(r.map), version: r.version }, role: r.share.role, share: shareJson(r.share) },
        r.json,
      );
    },
  );
}
