// /api/auth: signup, login, logout, me, password change.

import type { FastifyInstance } from 'fastify';
import { authenticate, changePassword, createAccount } from './accounts.ts';
import { requireUser } from './index.ts';
import { clearSessionCookie, createSession, deleteSession, sessionToken, setSessionCookie } from './sessions.ts';

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
      const user = await createAccount(app, request.body);
      const session = await createSession(db, user.id);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return reply.status(201).send({ user });
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
      const user = await authenticate(app, request.ip, request.body.email, request.body.password);
      const session = await createSession(db, user.id);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return { user };
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
      await changePassword(app, user.id, request.body.currentPassword, request.body.newPassword, sessionToken(request));
      return { ok: true };
    },
  );
}
