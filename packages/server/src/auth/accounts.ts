// The account logic shared by the JSON API (/api/auth/*) and the HTML forms (/signup, /login,
// /logout, /account/password): one place that creates accounts, checks passwords (throttled) and
// changes them. Errors are ApiErrors with stable codes; callers decide how to show them.

import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest, unauthorized } from '../http/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './rate-limit.ts';
import { deleteOtherSessions, type SessionUser } from './sessions.ts';
import { newRowId } from './tokens.ts';

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const NAME_MAX = 100;

const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(logN: number): Promise<string> {
  let h = dummyHashes.get(logN);
  if (!h) dummyHashes.set(logN, (h = hashPassword('not a real password', logN)));
  return h;
}

/** Creates an account (409 email-taken when the email is registered). Inputs are already validated. */
export async function createAccount(app: FastifyInstance, input: { email: string; password: string; name: string }): Promise<SessionUser> {
  const db = app.db;
  const mail = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!name) throw badRequest('name must not be blank');
  const exists = await db.selectFrom('users').select('id').where('email', '=', mail).executeTakeFirst();
  if (exists) throw new ApiError(409, 'email-taken', '该邮箱已注册 (email already registered)');
  const now = Date.now();
  const user = {
    id: newRowId(),
    email: mail,
    name,
    password_hash: await hashPassword(input.password, app.config.scryptLogN),
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('users').values(user).execute();
  } catch {
    // A concurrent signup with the same email won the unique index.
    throw new ApiError(409, 'email-taken', '该邮箱已注册 (email already registered)');
  }
  return { id: user.id, name: user.name, email: user.email };
}

/** The account for an email and password (401 invalid-credentials; 429 rate-limited after repeated failures). */
export async function authenticate(app: FastifyInstance, ip: string, email: string, password: string): Promise<SessionUser> {
  const db = app.db;
  const mail = email.trim().toLowerCase();
  await assertLoginAllowed(db, ip, mail);
  const row = await db.selectFrom('users').selectAll().where('email', '=', mail).executeTakeFirst();
  // Unknown emails cost a hash too, so response time does not tell which accounts exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash(app.config.scryptLogN)));
  if (!row || !ok) {
    await recordLoginFailure(db, ip, mail);
    throw new ApiError(401, 'invalid-credentials', '邮箱或密码错误 (wrong email or password)');
  }
  await clearLoginFailures(db, ip, mail);
  return { id: row.id, name: row.name, email: row.email };
}

/** Changes a password after checking the current one; every other session of the user ends. */
export async function changePassword(
  app: FastifyInstance,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionToken: string | undefined,
): Promise<void> {
  const db = app.db;
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(currentPassword, row.password_hash))) throw unauthorized('当前密码错误 (current password is wrong)');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(newPassword, app.config.scryptLogN), updated_at: Date.now() })
    .where('id', '=', userId)
    .execute();
  await deleteOtherSessions(db, userId, keepSessionToken);
}
