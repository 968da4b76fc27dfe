// Accounts and sessions. `requireUser(request)` is what routes call to insist on a logged-in user.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../http/errors.ts';
import { checkCsrf } from './csrf.ts';
import { type SessionUser, sessionToken, userForSessionToken } from './sessions.ts';

export { hashPassword, verifyPassword } from './password.ts';
export type { SessionUser } from './sessions.ts';
export { hashToken, newRowId, newToken } from './tokens.ts';

/** The logged-in user, or a 401 ApiError. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** Sets `request.user` from the session cookie on every request and enforces the CSRF rules. */
export function installSessionHook(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = sessionToken(request);
    checkCsrf(request, token !== undefined, app.config.publicUrl);
    request.user = token ? await userForSessionToken(app.db, token) : null;
  });
}
