// My files: /api/maps (list, create, read, rename/move/star/visibility, trash, restore, delete
// for good, duplicate) and /api/folders.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { newRowId, requireUser } from '../auth/index.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { requireMapRole, resolveMapAccess } from './access.ts';
import {
  assertNoFolderCycle,
  assertOwnFolder,
  blankDoc,
  createMap,
  DEFAULT_MAP_TITLE,
  folderJson,
  listMaps,
  type MapListView,
  mapSummary,
  validateTitle,
} from './files.ts';
import { restoreDoc } from './restore-doc.ts';
import { docSchema, folderSchema, idParam, mapAnswerSchema, mapSummarySchema } from './schemas.ts';

interface CreateBody {
  title?: string;
  folderId?: string | null;
  templateFileId?: string;
  doc?: unknown;
  visibility?: 'private' | 'public';
}

interface PatchBody {
  title?: string;
  folderId?: string | null;
  starred?: boolean;
  visibility?: 'private' | 'public';
}

interface ListQuery {
  view?: MapListView;
  folder?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

const folderIdField = { type: ['string', 'null'], maxLength: 64 } as const;
const titleField = { type: 'string', minLength: 1, maxLength: 500 } as const;

export function sendMapWithDoc(reply: FastifyReply, body: Record<string, unknown>, docJson: string): FastifyReply {
  // The document is already JSON text (serialized inside the map's queue); splice it in unparsed.
  const head = JSON.stringify(body);
  return reply.type('application/json; charset=utf-8').send(`${head.slice(0, -1)},"doc":${docJson}}`);
}

export default async function fileRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.get<{ Querystring: ListQuery }>(
    '/api/maps',
    {
      schema: {
        summary: 'My maps: all (optionally one folder), recent, starred or trash',
        tags: ['files'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            view: { type: 'string', enum: ['all', 'recent', 'starred', 'trash'] },
            folder: { type: 'string', maxLength: 64 },
            q: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            offset: { type: 'integer', minimum: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'total'],
            properties: { items: { type: 'array', items: mapSummarySchema }, total: { type: 'integer' } },
          },
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const text = q.q?.trim() || undefined;
      // What was typed a moment ago is searchable now: stale texts of this user's maps are taken first.
      if (text) await app.contentIndex.catchUp(user.id);
      return listMaps(db, user.id, {
        view: q.view ?? 'all',
        folder: q.folder,
        q: text,
        dialect: app.dialect,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );

  app.post<{ Body: CreateBody }>(
    '/api/maps',
    {
      schema: {
        summary: 'Create a map: blank, from a template (templateFileId) or from a document (doc)',
        tags: ['files'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            title: titleField,
            folderId: folderIdField,
            templateFileId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
            doc: docSchema,
            visibility: { type: 'string', enum: ['private', 'public'] },
          },
        },
        response: { 201: mapAnswerSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      if (body.templateFileId !== undefined && body.doc !== undefined) throw badRequest('give templateFileId or doc, not both');
      await assertOwnFolder(db, user.id, body.folderId);
      let doc = body.doc !== undefined ? restoreDoc(body.doc) : undefined;
      let title = body.title !== undefined ? validateTitle(body.title) : undefined;
      if (body.templateFileId !== undefined) {
        const lookup = app.templateDocs.get;
        const found = lookup ? await lookup(body.templateFileId, user.id) : null;
        if (!found) throw notFound('template');
        doc = found.doc;
        title ??= found.title;
      }
      doc ??= blankDoc('new', title ?? DEFAULT_MAP_TITLE);
      const row = await createMap(db, { ownerId: user.id, doc, title, folderId: body.folderId ?? null, visibility: body.visibility });
      return reply.status(201).send({ map: mapSummary(row) });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/maps/:id',
    { schema: { summary: 'A map with its document and the caller’s role', tags: ['files'], params: idParam } },
    async (request, reply) => {
      const access = await resolveMapAccess(request, request.params.id, { allowTrashed: true });
      const { json, version } = await app.maps.read(access.map.id);
      if (access.role === 'owner') {
        await db.updateTable('maps').set({ opened_at: Date.now() }).where('id', '=', access.map.id).execute();
      }
      return sendMapWithDoc(reply, { map: { ...mapSummary(access.map), version }, role: access.role }, json);
    },
  );

  app.patch<{ Params: { id: string }; Body: PatchBody }>(
    '/api/maps/:id',
    {
      schema: {
        summary: 'Rename, move to a folder, star, or make public/private',
        tags: ['files'],
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            title: titleField,
            folderId: folderIdField,
            starred: { type: 'boolean' },
            visibility: { type: 'string', enum: ['private', 'public'] },
          },
        },
        response: { 200: mapAnswerSchema },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner');
      const body = request.body;
      const userId = access.map.owner_id;
      if (body.folderId !== undefined) await assertOwnFolder(db, userId, body.folderId);
      if (body.title !== undefined) {
        const title = validateTitle(body.title);
        // The title lives in the document too: change it as an operation so it is versioned and fanned out.
        const current = await db.selectFrom('maps').select('version').where('id', '=', access.map.id).executeTakeFirstOrThrow();
        await app.maps.submit(access.map.id, {
          baseVersion: current.version,
          ops: [{ type: 'doc.update', patch: { title } }],
          actor: access.actor,
        });
      }
      const set: Record<string, unknown> = {};
      if (body.folderId !== undefined) set.folder_id = body.folderId;
      if (body.starred !== undefined) set.starred = body.starred ? 1 : 0;
      if (body.visibility !== undefined) set.visibility = body.visibility;
      if (Object.keys(set).length) await db.updateTable('maps').set(set).where('id', '=', access.map.id).execute();
      const row = await db.selectFrom('maps').selectAll().where('id', '=', access.map.id).executeTakeFirstOrThrow();
      return { map: mapSummary(row) };
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { permanent?: boolean } }>(
    '/api/maps/:id',
    {
      schema: {
        summary: 'Move a map to the trash, or with ?permanent=true delete it for good',
        tags: ['files'],
        params: idParam,
        querystring: { type: 'object', additionalProperties: false, properties: { permanent: { type: 'boolean' } } },
      },
    },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner', { allowTrashed: true });
      const id = access.map.id;
      if (request.query.permanent) {
        await db.deleteFrom('maps').where('id', '=', id).execute();
        app.maps.evict(id);
        app.events.publish({ mapId: id, version: access.map.version, kind: 'deleted', actor: access.actor });
        return { ok: true, deleted: true };
      }
      await db.updateTable('maps').set({ trashed_at: Date.now() }).where('id', '=', id).where('trashed_at', 'is', null).execute();
      app.events.publish({ mapId: id, version: access.map.version, kind: 'deleted', actor: access.actor });
      return { ok: true, trashed: true };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/maps/:id/restore',
    { schema: { summary: 'Take a map out of the trash', tags: ['files'], params: idParam, response: { 200: mapAnswerSchema } } },
    async (request) => {
      const access = await requireMapRole(request, request.params.id, 'owner', { allowTrashed: true });
      await db.updateTable('maps').set({ trashed_at: null, updated_at: Date.now() }).where('id', '=', access.map.id).execute();
      const row = await db.selectFrom('maps').selectAll().where('id', '=', access.map.id).executeTakeFirstOrThrow();
      return { map: mapSummary(row) };
    },
  );

  app.delete(
    '/api/trash',
    { schema: { summary: 'Empty my trash (delete every trashed map for good)', tags: ['files'] } },
    async (request) => {
      const user = requireUser(request);
      const rows = await db.selectFrom('maps').select('id').where('owner_id', '=', user.id).where('trashed_at', 'is not', null).execute();
      if (rows.length) await db.deleteFrom('maps').where('owner_id', '=', user.id).where('trashed_at', 'is not', null).execute();
      for (const r of rows) app.maps.evict(r.id);
      return { ok: true, deleted: rows.length };
    },
  );

  app.post<{ Params: { id: string }; Body: { title?: string; folderId?: string | null } }>(
    '/api/maps/:id/duplicate',
    {
      schema: {
        summary: 'Copy a map I can read into my files',
        tags: ['files'],
        params: idParam,
        body: { type: 'object', additionalProperties: false, properties: { title: titleField, folderId: folderIdField } },
        response: { 201: mapAnswerSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const access = await requireMapRole(request, request.params.id, 'view');
      await assertOwnFolder(db, user.id, request.body?.folderId);
      const { doc } = await app.maps.read(access.map.id);
      const title = request.body?.title !== undefined ? validateTitle(request.body.title) : `${access.map.title} 副本`;
      const folderId =
        request.body?.folderId !== undefined ? request.body.folderId : access.map.owner_id === user.id ? access.map.folder_id : null;
      const row = await createMap(db, { ownerId: user.id, doc: { ...doc, title }, title, folderId });
      return reply.status(201).send({ map: mapSummary(row) });
    },
  );

  // Folders.
  app.get(
    '/api/folders',
    {
      schema: {
        summary: 'My folders (a flat list; parentId builds the tree)',
        tags: ['files'],
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: folderSchema } } } },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await db.selectFrom('folders').selectAll().where('owner_id', '=', user.id).orderBy('name').execute();
      return { items: rows.map(folderJson) };
    },
  );

  app.post<{ Body: { name: string; parentId?: string | null } }>(
    '/api/folders',
    {
      schema: {
        summary: 'Create a folder',
        tags: ['files'],
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, parentId: folderIdField },
        },
        response: { 201: { type: 'object', properties: { folder: folderSchema } } },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const name = request.body.name.trim();
      if (!name) throw badRequest('name must not be blank');
      await assertOwnFolder(db, user.id, request.body.parentId);
      const now = Date.now();
      const row = { id: newRowId(), owner_id: user.id, parent_id: request.body.parentId ?? null, name, created_at: now, updated_at: now };
      await db.insertInto('folders').values(row).execute();
      return reply.status(201).send({ folder: folderJson(row) });
    },
  );

  app.patch<{ Params: { id: string }; Body: { name?: string; parentId?: string | null } }>(
    '/api/folders/:id',
    {
      schema: {
        summary: 'Rename or move a folder',
        tags: ['files'],
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, parentId: folderIdField },
        },
        response: { 200: { type: 'object', properties: { folder: folderSchema } } },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const id = request.params.id;
      await assertOwnFolder(db, user.id, id);
      const set: { name?: string; parent_id?: string | null; updated_at: number } = { updated_at: Date.now() };
      if (request.body.name !== undefined) {
        set.name = request.body.name.trim();
        if (!set.name) throw badRequest('name must not be blank');
      }
      if (request.body.parentId !== undefined) {
        await assertOwnFolder(db, user.id, request.body.parentId);
        await assertNoFolderCycle(db, id, request.body.parentId);
        set.parent_id = request.body.parentId;
      }
      await db.updateTable('folders').set(set).where('id', '=', id).execute();
      const row = await db.selectFrom('folders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { folder: folderJson(row) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/folders/:id',
    { schema: { summary: 'Delete a folder and its sub-folders; their maps move to the top level', tags: ['files'], params: idParam } },
    async (request) => {
      const user = requireUser(request);
      const id = request.params.id;
      await assertOwnFolder(db, user.id, id);
      await db.transaction().execute(async (trx) => {
        // Collect the subtree first so maps are moved explicitly (not left to ON DELETE behaviour).
        const all = await trx.selectFrom('folders').select(['id', 'parent_id']).where('owner_id', '=', user.id).execute();
        const doomed = new Set([id]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const f of all)
            if (f.parent_id !== null && doomed.has(f.parent_id) && !doomed.has(f.id)) grew = doomed.add(f.id) !== undefined;
        }
        await trx
          .updateTable('maps')
          .set({ folder_id: null })
          .where('folder_id', 'in', [...doomed])
          .execute();
        await trx
          .deleteFrom('folders')
          .where('id', 'in', [...doomed])
          .execute();
      });
      return { ok: true };
    },
  );
}
