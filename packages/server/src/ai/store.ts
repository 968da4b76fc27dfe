// AI tables: users' own provider settings (key encrypted) and the usage log that rate limits and
// daily budgets are counted from. Works the same on SQLite and PostgreSQL.

import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { decryptSecret, encryptSecret } from './crypto.ts';

export interface AiSettingsTable {
  user_id: string;
  preset: string | null;
  base_url: string | null;
  model: string | null;
  key_cipher: string | null;
  updated_at: number;
}

export interface AiUsageTable {
  id: import('kysely').Generated<number>;
  user_id: string;
  flow: string;
  model: string;
  started_at: number;
  prompt_tokens: number;
  completion_tokens: number;
  status: string;
}

declare module '../db/schema.ts' {
  interface Database {
    ai_settings: AiSettingsTable;
    ai_usage: AiUsageTable;
  }
}

export interface UserAiSettings {
  preset: string | null;
  baseUrl: string | null;
  model: string | null;
  /** The key itself never leaves the server. */
  hasKey: boolean;
  updatedAt: number | null;
}

export async function readUserSettings(db: Kysely<Database>, userId: string): Promise<UserAiSettings> {
  const row = await db.selectFrom('ai_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return {
    preset: row?.preset ?? null,
    baseUrl: row?.base_url ?? null,
    model: row?.model ?? null,
    hasKey: !!row?.key_cipher,
    updatedAt: row ? Number(row.updated_at) : null,
  };
}

/** The user's provider with the key decrypted; `keyUnreadable` when the SECRET changed since it was saved. */
export async function userProvider(
  db: Kysely<Database>,
  secret: string,
  userId: string,
): Promise<{ baseUrl: string; model: string; apiKey?: string; keyUnreadable: boolean } | null> {
  const row = await db.selectFrom('ai_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row?.base_url || !row.model) return null;
  const apiKey = row.key_cipher ? decryptSecret(secret, row.key_cipher, userId) : null;
  return { baseUrl: row.base_url, model: row.model, ...(apiKey ? { apiKey } : {}), keyUnreadable: !!row.key_cipher && apiKey === null };
}

export interface SettingsPatch {
  preset?: string | null;
  baseUrl?: string | null;
  model?: string | null;
  /** A string sets the key, null removes it, undefined keeps it. */
  apiKey?: string | null;
}

export async function writeUserSettings(db: Kysely<Database>, secret: string, userId: string, patch: SettingsPatch): Promise<void> {
  const now = Date.now();
  const current = await db.selectFrom('ai_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const row: AiSettingsTable = {
    user_id: userId,
    preset: patch.preset !== undefined ? patch.preset : (current?.preset ?? null),
    base_url: patch.baseUrl !== undefined ? patch.baseUrl : (current?.base_url ?? null),
    model: patch.model !== undefined ? patch.model : (current?.model ?? null),
    key_cipher:
      patch.apiKey === undefined
        ? (current?.key_cipher ?? null)
        : patch.apiKey === null
          ? null
          : encryptSecret(secret, patch.apiKey, userId),
    updated_at: now,
  };
  if (current) await db.updateTable('ai_settings').set(row).where('user_id', '=', userId).execute();
  else await db.insertInto('ai_settings').values(row).execute();
}

export async function deleteUserSettings(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('ai_settings').where('user_id', '=', userId).execute();
}

/** Start of the current UTC day (ms). */
export const dayStart = (now = Date.now()) => now - (now % 86_400_000);

export async function requestsSince(
  db: Kysely<Database>,
  userId: string,
  since: number,
): Promise<{ count: number; oldest: number | null }> {
  const r = await db
    .selectFrom('ai_usage')
    .select([sql<number>`count(*)`.as('n'), sql<number | null>`min(started_at)`.as('oldest')])
    .where('user_id', '=', userId)
    .where('started_at', '>', since)
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), oldest: r?.oldest == null ? null : Number(r.oldest) };
}

export async function tokensSince(db: Kysely<Database>, userId: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('ai_usage')
    .select(sql<number>`coalesce(sum(prompt_tokens + completion_tokens), 0)`.as('n'))
    .where('user_id', '=', userId)
    .where('started_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function startUsage(db: Kysely<Database>, userId: string, flow: string, model: string): Promise<number> {
  const r = await db
    .insertInto('ai_usage')
    .values({
      user_id: userId,
      flow,
      model: model.slice(0, 200),
      started_at: Date.now(),
      prompt_tokens: 0,
      completion_tokens: 0,
      status: 'running',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function finishUsage(
  db: Kysely<Database>,
  id: number,
  usage: { promptTokens: number; completionTokens: number },
  status: string,
): Promise<void> {
  await db
    .updateTable('ai_usage')
    .set({
      prompt_tokens: Math.round(usage.promptTokens),
      completion_tokens: Math.round(usage.completionTokens),
      status: status.slice(0, 60),
    })
    .where('id', '=', id)
    .execute();
}

export async function usageSummary(db: Kysely<Database>, userId: string) {
  const since = dayStart();
  const today = await db
    .selectFrom('ai_usage')
    .select([
      sql<number>`count(*)`.as('requests'),
      sql<number>`coalesce(sum(prompt_tokens), 0)`.as('prompt'),
      sql<number>`coalesce(sum(completion_tokens), 0)`.as('completion'),
    ])
    .where('user_id', '=', userId)
    .where('started_at', '>=', since)
    .executeTakeFirst();
  const recent = await db
    .selectFrom('ai_usage')
    .select(['flow', 'model', 'started_at', 'prompt_tokens', 'completion_tokens', 'status'])
    .where('user_id', '=', userId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    today: {
      requests: Number(today?.requests ?? 0),
      promptTokens: Number(today?.prompt ?? 0),
      completionTokens: Number(today?.completion ?? 0),
    },
    recent: recent.map((r) => ({
      flow: r.flow,
      model: r.model,
      startedAt: Number(r.started_at),
      promptTokens: Number(r.prompt_tokens),
      completionTokens: Number(r.completion_tokens),
      status: r.status,
    })),
  };
}
