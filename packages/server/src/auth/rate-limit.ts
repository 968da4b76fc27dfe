// Login throttling per client IP + email, kept in the database so every server process shares it.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

const keyOf = (ip: string, email: string) => `${ip}|${email}`.slice(0, 400);

/** Throws 429 while this IP + email has too many recent failures. */
export async function assertLoginAllowed(db: Kysely<Database>, ip: string, email: string): Promise<void> {
  const row = await db.selectFrom('login_attempts').selectAll().where('key', '=', keyOf(ip, email)).executeTakeFirst();
  if (!row) return;
  const now = Date.now();
  if (now - row.window_start < WINDOW_MS && row.failures >= MAX_FAILURES) {
    const retryAfter = Math.ceil((row.window_start + WINDOW_MS - now) / 1000);
    throw new ApiError(429, 'rate-limited', `登录尝试过多，请 ${retryAfter} 秒后再试 (too many login attempts)`, { retryAfter });
  }
}

export async function recordLoginFailure(db: Kysely<Database>, ip: string, email: string): Promise<void> {
  const key = keyOf(ip, email);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row)
      await trx
        .insertInto('login_attempts')
        .values({ key, window_start: now, failures: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures: 1, window_start: now }))
        .execute();
    else if (now - row.window_start >= WINDOW_MS)
      await trx.updateTable('login_attempts').set({ window_start: now, failures: 1 }).where('key', '=', key).execute();
    else
      await trx
        .updateTable('login_attempts')
        .set({ failures: row.failures + 1 })
        .where('key', '=', key)
        .execute();
  });
}

export async function clearLoginFailures(db: Kysely<Database>, ip: string, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', keyOf(ip, email)).execute();
}
