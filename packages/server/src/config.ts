// Server configuration, read once from the environment (documented in packages/server/README.md).

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type AiServerConfig, loadAiConfig } from './ai/config.ts';
import { WEB_DIST } from './paths.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Directory for the SQLite database and local files. */
  dataDir: string;
  /** `postgres://…` switches the database to PostgreSQL; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use (tests isolate each file in its own schema); default `public`. */
  databaseSchema: string | undefined;
  /**
   * SQLite `synchronous` pragma. `full` (default) fsyncs every commit: an acknowledged edit survives
   * kill -9 and power loss. `normal` (WAL) still survives a killed process, not a power cut.
   */
  sqliteSync: 'full' | 'normal';
  /** `redis://…` fans live edits out across server processes. */
  redisUrl: string | undefined;
  /** Secret for signing; random per process when unset (sessions are DB-backed, so this is not fatal). */
  secret: string;
  /** Public origin (e.g. `https://arbor.example.org`) used for absolute links and the CSRF origin check. */
  publicUrl: string | undefined;
  /**
   * Trust X-Forwarded-* headers (client IP for login throttling, https for Secure cookies). Turn on
   * only behind a reverse proxy that sets them; otherwise a client could spoof its IP.
   */
  trustProxy: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Ops applied between two compacted snapshots. */
  snapshotEvery: number;
  /** Loaded documents kept in memory. */
  docCacheSize: number;
  /** Seed the demo template library on first start. */
  seedDemo: boolean;
  /** scrypt cost for new password hashes, as log2(N); 14 by default (tests use less). */
  scryptLogN: number;
  /** Log requests (pino) — off in tests. */
  logger: boolean;
  /** The built browser app served under /app/ (`WEB_DIR`; default packages/web/dist beside this package). */
  webDir: string;
  /** AI providers and limits (`ARBOR_AI_*`, see src/ai/config.ts). */
  ai: AiServerConfig;
}

/** packages/web/dist, found from this file (not the working directory). */
export const DEFAULT_WEB_DIR = WEB_DIST;

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Reads the configuration from an environment (process.env by default); `overrides` win. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (env.SQLITE_SYNC && env.SQLITE_SYNC !== 'full' && env.SQLITE_SYNC !== 'normal') throw new Error('SQLITE_SYNC must be full or normal');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// (got "${databaseUrl.split(':')[0]}:…")`);
  }
  const config: ServerConfig = {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    sqliteSync: env.SQLITE_SYNC === 'normal' ? 'normal' : 'full',
    redisUrl: env.REDIS_URL || undefined,
    secret: env.SECRET || randomBytes(32).toString('hex'),
    publicUrl: env.PUBLIC_URL || undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    bodyLimit: intFrom(env.BODY_LIMIT, 10 * 1024 * 1024, 'BODY_LIMIT'),
    snapshotEvery: intFrom(env.SNAPSHOT_EVERY, 200, 'SNAPSHOT_EVERY'),
    docCacheSize: intFrom(env.DOC_CACHE_SIZE, 200, 'DOC_CACHE_SIZE'),
    seedDemo: env.SEED_DEMO !== '0',
    scryptLogN: intFrom(env.SCRYPT_LOG_N, 14, 'SCRYPT_LOG_N'),
    logger: env.LOG === '1' || (env.LOG !== '0' && env.NODE_ENV !== 'test'),
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : DEFAULT_WEB_DIR,
    ai: loadAiConfig(env),
  };
  return { ...config, ...overrides };
}
