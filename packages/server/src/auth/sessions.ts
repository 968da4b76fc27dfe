// Sessions: a random token in an httpOnly SameSite=Lax cookie, its SHA-256 in the `sessions` table.

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'arbor_session';
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export async function createSession(db: Kysely<Database>, userId: string): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: userId, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function userForSessionToken(db: Kysely<Database>, token: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.email', 'sessions.expires_at'])
    .where('sessions.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= Date.now()) return null;
  return { id: row.id, name: row.name, email: row.email };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user except (optionally) one, e.g. after a password change. */
export async function deleteOtherSessions(db: Kysely<Database>, userId: string, keepToken?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepToken) q = q.where('id', '!=', hashToken(keepToken));
  await q.execute();
}

export function sessionToken(request: FastifyRequest): string | undefined {
  const v = request.cookies?.[SESSION_COOKIE];
  return v && v.length <= 200 ? v : undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' });
}
