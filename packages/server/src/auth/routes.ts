// /api/auth: signup, login, logout, me, password change.

import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest, unauthorized } from '../http/errors.ts';
import { requireUser } from './index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './rate-limit.ts';
import { clearSessionCookie, createSession, deleteOtherSessions, deleteSession, sessionToken, setSessionCookie } from './sessions.ts';
import { newRowId } from './tokens.ts';

const email = { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const password = { type: 'string', minLength: 8, maxLength: 200 } as const;
const userSchema = {
  type: 'object',
  required: ['id', 'name', 'email'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
} as const;
const userResponse = { type: 'object', required: ['user'], properties: { user: userSchema } } as const;

interface SignupBody {
  email: string;
  password: string;
  name: string;
}
interface LoginBody {
  email: string;
  password: string;
}
interface PasswordBody {
  currentPassword: string;
  newPassword: string;
}

const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(logN: number): Promise<string> {
  let h = dummyHashes.get(logN);
  if (!h) dummyHashes.set(logN, (h = hashPassword('not a real password', logN)));
  return h;
}

export default async function authRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db;

  app.post<{ Body: SignupBody }>(
    '/api/auth/signup',
    {
      schema: {
        summary: 'Create an account and log in',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['email', 'password', 'name'],
          additionalProperties: false,
          properties: { email, password, name: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: { 201: userResponse },
      },
    },
    async (request, reply) => {
      const mail = request.body.email.trim().toLowerCase();
      const name = request.body.name.trim();
      if (!name) throw badRequest('name must not be blank');
      const exists = await db.selectFrom('users').select('id').where('email', '=', mail).executeTakeFirst();
      if (exists) throw new ApiError(409, 'email-taken', '该邮箱已注册 (email already registered)');
      const now = Date.now();
      const user = {
        id: newRowId(),
        email: mail,
        name,
        password_hash: await hashPassword(request.body.password, app.config.scryptLogN),
        created_at: now,
        updated_at: now,
      };
      try {
        await db.insertInto('users').values(user).execute();
      } catch {
        // A concurrent signup with the same email won the unique index.
        throw new ApiError(409, 'email-taken', '该邮箱已注册 (email already registered)');
      }
      const session = await createSession(db, user.id);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return reply.status(201).send({ user: { id: user.id, name: user.name, email: user.email } });
    },
  );

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      schema: {
        summary: 'Log in with email and password',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email, password: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: userResponse },
      },
    },
    async (request, reply) => {
      const mail = request.body.email.trim().toLowerCase();
      await assertLoginAllowed(db, request.ip, mail);
      const row = await db.selectFrom('users').selectAll().where('email', '=', mail).executeTakeFirst();
      // Unknown emails cost a hash too, so response time does not tell which accounts exist.
      const ok = await verifyPassword(request.body.password, row?.password_hash ?? (await dummyHash(app.config.scryptLogN)));
      if (!row || !ok) {
        await recordLoginFailure(db, request.ip, mail);
        throw new ApiError(401, 'invalid-credentials', '邮箱或密码错误 (wrong email or password)');
      }
      await clearLoginFailures(db, request.ip, mail);
      const session = await createSession(db, row.id);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return { user: { id: row.id, name: row.name, email: row.email } };
    },
  );

  app.post('/api/auth/logout', { schema: { summary: 'End this session', tags: ['auth'] } }, async (request, reply) => {
    const token = sessionToken(request);
    if (token) await deleteSession(db, token);
    clearSessionCookie(request, reply);
    return { ok: true };
  });

  app.get(
    '/api/auth/me',
    { schema: { summary: 'The logged-in user', tags: ['auth'], response: { 200: userResponse } } },
    async (request) => {
      return { user: requireUser(request) };
    },
  );

  app.post<{ Body: PasswordBody }>(
    '/api/auth/password',
    {
      schema: {
        summary: 'Change the password; other sessions are logged out',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: password },
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(request.body.currentPassword, row.password_hash)))
        throw unauthorized('当前密码错误 (current password is wrong)');
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(request.body.newPassword, app.config.scryptLogN), updated_at: Date.now() })
        .where('id', '=', user.id)
        .execute();
      await deleteOtherSessions(db, user.id, sessionToken(request));
      return { ok: true };
    },
  );
}
