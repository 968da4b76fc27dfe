// AI settings of the server, from the environment (documented in packages/ai/README.md and the
// server README): the server-wide provider, whether users may bring their own, and the limits.

import { findPreset } from '@arbor/ai';

export interface AiServerConfig {
  /** Server-wide provider; undefined when not configured. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  model: string | undefined;
  /** Users may set their own base URL / key / model (`ARBOR_AI_USER_KEYS=1`). */
  userKeys: boolean;
  /** Users' base URLs may point at loopback / private addresses (`ARBOR_AI_ALLOW_PRIVATE=1`). */
  allowPrivate: boolean;
  /** AI requests per user per minute. */
  ratePerMinute: number;
  /** AI streams one user may run at once (per process). */
  maxConcurrent: number;
  /** Tokens (prompt + completion) per user per UTC day; 0 = unlimited. */
  dailyTokens: number;
  /** Most characters of text sent to the model in one request (documents are chunked below it). */
  maxInputChars: number;
  /** Time for the provider to answer, and longest silence mid-stream (ms). */
  timeoutMs: number;
  stallMs: number;
  /** Longest answer (characters) and longest request (ms) before the stream is cut off. */
  maxOutputChars: number;
  maxDurationMs: number;
  /** Retries on 429/5xx before a stream starts, and the first backoff delay (ms). */
  retries: number;
  backoffMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

export function loadAiConfig(env: NodeJS.ProcessEnv): AiServerConfig {
  const preset = env.ARBOR_AI_PRESET ? findPreset(env.ARBOR_AI_PRESET) : undefined;
  if (env.ARBOR_AI_PRESET && !preset) throw new Error(`ARBOR_AI_PRESET "${env.ARBOR_AI_PRESET}" is not a known preset`);
  return {
    baseUrl: env.ARBOR_AI_BASE_URL || preset?.baseUrl || undefined,
    apiKey: env.ARBOR_AI_API_KEY || undefined,
    model: env.ARBOR_AI_MODEL || preset?.model || undefined,
    userKeys: flag(env.ARBOR_AI_USER_KEYS),
    allowPrivate: flag(env.ARBOR_AI_ALLOW_PRIVATE),
    ratePerMinute: int(env, 'ARBOR_AI_RATE_PER_MINUTE', 10),
    maxConcurrent: int(env, 'ARBOR_AI_MAX_CONCURRENT', 2),
    dailyTokens: int(env, 'ARBOR_AI_DAILY_TOKENS', 200_000),
    maxInputChars: int(env, 'ARBOR_AI_MAX_INPUT_CHARS', 400_000),
    timeoutMs: int(env, 'ARBOR_AI_TIMEOUT_MS', 60_000),
    stallMs: int(env, 'ARBOR_AI_STALL_MS', 45_000),
    maxOutputChars: int(env, 'ARBOR_AI_MAX_OUTPUT_CHARS', 60_000),
    maxDurationMs: int(env, 'ARBOR_AI_MAX_DURATION_MS', 600_000),
    retries: int(env, 'ARBOR_AI_RETRIES', 3),
    backoffMs: int(env, 'ARBOR_AI_BACKOFF_MS', 500),
  };
}
