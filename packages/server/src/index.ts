// @arbor/server — HTTP API, database, accounts, maps, sharing, live collaboration.

export { buildApp, type RoutePluginOptions } from './app.ts';
export { requireUser, type SessionUser } from './auth/index.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { createDatabase, type DatabaseHandle, runMigrations } from './db/index.ts';
export type { Database, Dialect } from './db/schema.ts';
export { ApiError } from './http/errors.ts';
export { startServer } from './server.ts';
