// Test support: runs a test body once on SQLite (temp dir) and once on PostgreSQL (a schema of
// its own, dropped afterwards), skipping PostgreSQL with a message when it is unreachable.
// Also a small client around app.inject that keeps cookies and sends a same-origin Origin header.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import { pgConnection } from '../db/index.ts';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';
const TEST_HOST = 'arbor.test';
export const TEST_ORIGIN = `http://${TEST_HOST}`;

let pgReachable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else the reason it is skipped. */
export function postgresUnavailable(): Promise<string | null> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ ...pgConnection(TEST_PG_URL), connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return `PostgreSQL at ${TEST_PG_URL} unreachable (${(err as Error).message}); skipping PostgreSQL runs`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Config for a fresh, empty database; call cleanup() when done. */
  config(overrides?: Partial<ServerConfig>): ServerConfig;
  cleanup(): Promise<void>;
}

let schemaCounter = 0;

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-test-'));
  return {
    name: 'sqlite',
    config: (o = {}) => loadConfig({ NODE_ENV: 'test' }, { dataDir: dir, seedDemo: false, logger: false, scryptLogN: 10, ...o }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresTestDatabase(): TestDatabase {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${++schemaCounter}`;
  return {
    name: 'postgres',
    config: (o = {}) =>
      loadConfig(
        { NODE_ENV: 'test' },
        { databaseUrl: TEST_PG_URL, databaseSchema: schema, seedDemo: false, logger: false, scryptLogN: 10, ...o },
      ),
    cleanup: async () => {
      const client = new pg.Client(pgConnection(TEST_PG_URL));
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The databases to run on: SQLite always, PostgreSQL when reachable (with a skip reason otherwise). */
export async function testDatabases(): Promise<{ name: 'sqlite' | 'postgres'; make: () => TestDatabase; skip: string | false }[]> {
  const reason = await postgresUnavailable();
  return [
    { name: 'sqlite', make: sqliteTestDatabase, skip: false },
    { name: 'postgres', make: postgresTestDatabase, skip: reason ?? false },
  ];
}

export interface TestApp {
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startTestApp(tdb: TestDatabase, overrides: Partial<ServerConfig> = {}): Promise<TestApp> {
  const app = await buildApp(tdb.config(overrides));
  return {
    app,
    close: async () => {
      await app.close();
      await tdb.cleanup();
    },
  };
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Send no Origin header (to test the CSRF rules). */
  noOrigin?: boolean;
  payload?: unknown;
  query?: Record<string, string>;
}

/** A browser-like client: keeps its session cookie and sends a same-origin Origin header. */
export class TestClient {
  cookie: string | undefined;
  constructor(readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { host: TEST_HOST, ...opts.headers };
    if (!opts.noOrigin && !('origin' in headers)) headers.origin = TEST_ORIGIN;
    if (this.cookie && !('cookie' in headers)) headers.cookie = this.cookie;
    const inject: InjectOptions = { method: method as 'GET', url, headers };
    if (opts.query) inject.query = opts.query;
    if (opts.payload !== undefined) inject.payload = opts.payload as string;
    else if (body !== undefined) inject.payload = body as Record<string, unknown>;
    const res = await this.app.inject(inject);
    const set = res.cookies.find((c) => c.name === 'arbor_session');
    if (set) this.cookie = set.value ? `arbor_session=${set.value}` : undefined;
    return res;
  }

  get = (url: string, opts?: RequestOptions) => this.request('GET', url, undefined, opts);
  post = (url: string, body?: unknown, opts?: RequestOptions) => this.request('POST', url, body ?? {}, opts);
  patch = (url: string, body?: unknown, opts?: RequestOptions) => this.request('PATCH', url, body ?? {}, opts);
  delete = (url: string, opts?: RequestOptions) => this.request('DELETE', url, undefined, opts);

  /** Signs up a fresh user and keeps the session. */
  async signup(
    name: string,
    email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    password = 'correct horse battery',
  ) {
    const res = await this.post('/api/auth/signup', { email, password, name });
    if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    return { ...(res.json().user as { id: string; name: string; email: string }), password };
  }
}
