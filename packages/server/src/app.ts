// Builds the Fastify application: database + migrations, decorations, session hook, error
// handling, and every route plugin.
//
// Route plugin contract (shared with src/templates/routes.ts, src/pages/routes.ts, web-app.ts and
// ai/routes.ts, loaded through LATE_PLUGINS):
//   export default async function routes(app: FastifyInstance, opts: { db: Kysely<Database>; config: ServerConfig }) { … }
// Inside, `app.db`, `app.dialect`, `app.config`, `app.maps` (documents: `app.maps.read(mapId)`)
// and `request.user` are available; `requireMapRole(request, mapId, 'owner')` from
// '../maps/access.ts' checks map permissions, `createMap(db, {ownerId, doc, title})` from
// '../maps/files.ts' adds a map to someone's files. The templates plugin sets
// `app.templateDocs.get = async (fileId, userId) => ({doc, title}) | null` so that
// `POST /api/maps {templateFileId}` can copy a template. Call
// `requireUser(request)` from '../auth/index.ts' to insist on a login and throw `ApiError` from
// '../http/errors.ts' for error answers ({"error": {"code", "message"}}).
// Demo data: src/seed/index.ts exporting `seedDemoLibrary(db, { dialect, config, log })` runs after
// the migrations when `config.seedDemo` is on; it must be idempotent (it runs on every start).

import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { installSessionHook } from './auth/index.ts';
import authRoutes from './auth/routes.ts';
import type { ServerConfig } from './config.ts';
import { createDatabase, type DatabaseHandle, runMigrations } from './db/index.ts';
import type { Database } from './db/schema.ts';
import { answerClientError, installErrorHandling, sendError, toApiError } from './http/errors.ts';
import { startMaintenance } from './http/maintenance.ts';
import './http/fastify-types.ts';
import { buildOpenApi, collectRoutes } from './http/openapi.ts';
import { installValidation } from './http/validation.ts';
import { ContentIndex } from './maps/content-index.ts';
import { MapDocuments } from './maps/doc-store.ts';
import { EventHub } from './maps/events.ts';
import fileRoutes from './maps/file-routes.ts';
import opsRoutes from './maps/ops-routes.ts';
import shareRoutes from './maps/share-routes.ts';
import { createTemplateDocs } from './maps/template-docs.ts';
import thumbnailRoutes from './maps/thumbnail-routes.ts';
import transferRoutes from './maps/transfer-routes.ts';

export interface RoutePluginOptions {
  db: Kysely<Database>;
  config: ServerConfig;
}

/** Largest uploaded file (imports); JSON bodies are limited by config.bodyLimit. */
const UPLOAD_LIMIT = 16 * 1024 * 1024;

/**
 * The route plugins that live in their own folders, loaded when the app is built (a string literal
 * each, so that a bundler includes them: the CLI's bundle runs the server too, ADR 0016).
 */
const LATE_PLUGINS: (() => Promise<{ default?: FastifyPluginAsync<RoutePluginOptions> }>)[] = [
  () => import('./templates/routes.ts'),
  () => import('./templates/publish-routes.ts'),
  () => import('./pages/routes.ts'),
  () => import('./web-app.ts'),
  () => import('./ai/routes.ts'),
];

export interface BuildAppOptions {
  /** Use an already open database instead of opening one from the config (tests). */
  database?: DatabaseHandle;
}

export async function buildApp(config: ServerConfig, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const handle = options.database ?? (await createDatabase(config));
  await runMigrations(handle);
  if (config.seedDemo) await seedIfPresent(handle, config);

  const app = Fastify({
    logger: config.logger ? { level: 'info' } : false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Ids and tokens are short; refuse absurd URLs early.
    routerOptions: { maxParamLength: 200 },
    // Bad URLs and over-long parameters answer in the same error shape as everything else.
    frameworkErrors: (err, _request, reply) => sendError(reply, toApiError(err)),
    clientErrorHandler: answerClientError,
  });
  const events = new EventHub();
  await events.connect(config.redisUrl, (err) => app.log.error({ err }, 'redis'));
  const log = (msg: string, err?: unknown) => app.log.error({ err }, msg);
  const maps: MapDocuments = new MapDocuments(handle.db, handle.dialect, {
    snapshotEvery: Math.max(1, config.snapshotEvery),
    cacheSize: config.docCacheSize,
    events,
    log,
    onCommitted: (mapId) => contentIndex.schedule(mapId),
  });
  const contentIndex = new ContentIndex(handle.db, (id) => maps.peek(id), log);
  app.decorate('db', handle.db);
  app.decorate('dialect', handle.dialect);
  app.decorate('config', config);
  app.decorate('maps', maps);
  app.decorate('contentIndex', contentIndex);
  app.decorate('events', events);
  app.decorate('templateDocs', createTemplateDocs());
  app.addHook('onClose', async () => {
    await contentIndex.close();
    await maps.drain();
    await events.close();
    if (!options.database) await handle.close();
  });

  installErrorHandling(app);
  installValidation(app);
  // The API speaks JSON (and multipart for uploads); a text/plain body is refused with 415.
  app.removeContentTypeParser('text/plain');
  const routes = collectRoutes(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 20, fieldSize: 64 * 1024 } });
  installSessionHook(app);

  app.get('/healthz', { schema: { summary: 'Liveness: 200 once migrations ran and the database answers' } }, async () => {
    await sql`SELECT 1`.execute(app.db);
    return { ok: true };
  });
  app.get('/api/openapi.json', { schema: { summary: 'This OpenAPI document' } }, async () => buildOpenApi(routes));

  const opts: RoutePluginOptions = { db: handle.db, config };
  await app.register(authRoutes, opts);
  await app.register(fileRoutes, opts);
  await app.register(opsRoutes, opts);
  await app.register(shareRoutes, opts);
  await app.register(transferRoutes, opts);
  await app.register(thumbnailRoutes, opts);
  for (const load of LATE_PLUGINS) {
    const plugin = (await load()).default;
    if (typeof plugin !== 'function') throw new Error('a route module must export a default Fastify plugin');
    await app.register(plugin, opts);
  }
  startMaintenance(app);
  await app.ready();
  return app;
}

async function seedIfPresent(handle: DatabaseHandle, config: ServerConfig): Promise<void> {
  const mod = (await import('./seed/index.ts')) as {
    seedDemoLibrary?: (
      db: Kysely<Database>,
      opts: { dialect: string; config: ServerConfig; log: (msg: string) => void },
    ) => Promise<unknown>;
  };
  if (typeof mod.seedDemoLibrary !== 'function') return;
  await mod.seedDemoLibrary(handle.db, {
    dialect: handle.dialect,
    config,
    log: (msg) => {
      if (config.logger) process.stderr.write(`[seed] ${msg}\n`);
    },
  });
}
