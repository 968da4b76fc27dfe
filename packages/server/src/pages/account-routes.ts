// Routes of the account pages (see account-pages.ts): GET shows a form, POST (urlencoded, from this
// site only) runs the same account logic as /api/auth/* and answers with a redirect or the form
// again with the error. After signing in or up the reader goes to a safe `next` (a path on this
// site); a `next` of /templates/:fileId/use finishes the template copy flow at once.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, changePassword, createAccount, EMAIL_PATTERN, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '../auth/accounts.ts';
import { checkCsrf } from '../auth/csrf.ts';
import { clearSessionCookie, createSession, deleteSession, sessionToken, setSessionCookie } from '../auth/sessions.ts';
import { ApiError } from '../http/errors.ts';
import { passwordPage, signInPage, signOutPage, signUpPage, useTemplatePage } from './account-pages.ts';
import type { SafeHtml } from './html.ts';
import { type Lang, messages, requestLang } from './i18n/index.ts';
import { links } from './layout.ts';

const PROBE_ORIGIN = 'http://next.invalid';
const USE_TEMPLATE_PATH = /^\/templates\/([0-9a-zA-Z_-]{1,64})\/use$/;

/** A same-origin path to go to after a form, or the fallback (never another site, never a scheme). */
export function safeNext(raw: unknown, fallback = links.myFiles): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f\s]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return fallback;
    const path = url.pathname + url.search + url.hash;
    // Back to a form page would only show the form again.
    if (/^\/(login|signup|logout)(\/|\?|#|$)/.test(path)) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

export interface PageHelpers {
  originOf(request: FastifyRequest): string;
  send(request: FastifyRequest, reply: FastifyReply, status: number, body: SafeHtml): FastifyReply;
  /** Copies a template into the user's files; the new map's id, or null when the template is gone. */
  copyTemplate(fileId: string, userId: string): Promise<string | null>;
  /** The 404 page for a template that does not exist. */
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** A template's title, or null when there is none with that id. */
  templateTitle(fileId: string): Promise<string | null>;
}

type Form = Record<string, string | string[] | undefined>;

function field(body: unknown, key: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Form)[key];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

const queryNext = (request: FastifyRequest) => safeNext((request.query as Form | undefined)?.next && field(request.query, 'next'));

export default async function accountRoutes(app: FastifyInstance, h: PageHelpers): Promise<void> {
  const pageRoute = (summary: string) => ({ schema: { summary: `HTML page: ${summary}`, tags: ['pages'] } });

  /** Same-origin forms only (also without a session cookie: no one may sign a visitor in or out from elsewhere). */
  const sameOrigin = (request: FastifyRequest, reply: FastifyReply, lang: Lang): boolean => {
    try {
      checkCsrf(request, true, app.config.publicUrl);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const m = messages(lang);
      h.send(request, reply, 403, signInPage(h.originOf(request), lang, links.myFiles, { error: m.refused }));
      return false;
    }
  };

  /** Where a freshly signed-in reader goes: the template copy for a 使用模板 `next`, else `next`. */
  const landing = async (next: string, userId: string): Promise<string> => {
    const use = USE_TEMPLATE_PATH.exec(next);
    if (!use) return next;
    const mapId = await h.copyTemplate(use[1]!, userId);
    return mapId ? links.editor(mapId) : links.myFiles;
  };

  const startSession = async (request: FastifyRequest, reply: FastifyReply, userId: string) => {
    const old = sessionToken(request);
    if (old) await deleteSession(app.db, old);
    const session = await createSession(app.db, userId);
    setSessionCookie(request, reply, session.token, session.expiresAt);
  };

  app.get('/signup', pageRoute('sign up'), async (request, reply) => {
    const next = queryNext(request);
    if (request.user) return reply.redirect(next, 303);
    return h.send(request, reply, 200, signUpPage(h.originOf(request), requestLang(request), next));
  });

  app.post('/signup', pageRoute('form: sign up'), async (request, reply) => {
    const lang = requestLang(request);
    if (!sameOrigin(request, reply, lang)) return reply;
    const m = messages(lang);
    const next = safeNext(field(request.body, 'next'));
    const email = field(request.body, 'email').trim();
    const name = field(request.body, 'name').trim();
    const password = field(request.body, 'password');
    const again = (status: number, error: string) =>
      h.send(
        request,
        reply,
        status,
        signUpPage(h.originOf(request), lang, next, { email: email.slice(0, 254), name: name.slice(0, NAME_MAX), error }),
      );
    if (email.length < 3 || email.length > 254 || !EMAIL_PATTERN.test(email)) return again(400, m.errors.email);
    if (name === '' || name.length > NAME_MAX) return again(400, m.errors.name);
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return again(400, m.errors.password);
    let userId: string;
    try {
      userId = (await createAccount(app, { email, name, password })).id;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'email-taken') return again(409, m.errors.emailTaken);
      throw err;
    }
    await startSession(request, reply, userId);
    return reply.redirect(await landing(next, userId), 303);
  });

  app.get('/login', pageRoute('sign in'), async (request, reply) => {
    const next = queryNext(request);
    if (request.user) return reply.redirect(next, 303);
    return h.send(request, reply, 200, signInPage(h.originOf(request), requestLang(request), next));
  });

  app.post('/login', pageRoute('form: sign in'), async (request, reply) => {
    const lang = requestLang(request);
    if (!sameOrigin(request, reply, lang)) return reply;
    const m = messages(lang);
    const next = safeNext(field(request.body, 'next'));
    const email = field(request.body, 'email').trim();
    const password = field(request.body, 'password');
    const again = (status: number, error: string) =>
      h.send(request, reply, status, signInPage(h.originOf(request), lang, next, { email: email.slice(0, 254), error }));
    if (email.length < 3 || email.length > 254 || !EMAIL_PATTERN.test(email)) return again(400, m.errors.email);
    if (password === '' || password.length > PASSWORD_MAX) return again(400, m.errors.credentials);
    let userId: string;
    try {
      userId = (await authenticate(app, request.ip, email, password)).id;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid-credentials') return again(401, m.errors.credentials);
      if (err instanceof ApiError && err.code === 'rate-limited') return again(429, m.errors.throttled);
      throw err;
    }
    await startSession(request, reply, userId);
    return reply.redirect(await landing(next, userId), 303);
  });

  app.get('/logout', pageRoute('sign out'), async (request, reply) =>
    h.send(request, reply, 200, signOutPage(h.originOf(request), requestLang(request), request.user?.name ?? null)),
  );

  app.post('/logout', pageRoute('form: sign out'), async (request, reply) => {
    if (!sameOrigin(request, reply, requestLang(request))) return reply;
    const token = sessionToken(request);
    if (token) await deleteSession(app.db, token);
    clearSessionCookie(request, reply);
    request.user = null;
    return reply.redirect(links.logout, 303);
  });

  app.get('/account/password', pageRoute('change password'), async (request, reply) => {
    if (!request.user) return reply.redirect(links.login(links.password), 303);
    return h.send(request, reply, 200, passwordPage(h.originOf(request), requestLang(request)));
  });

  app.post('/account/password', pageRoute('form: change password'), async (request, reply) => {
    const lang = requestLang(request);
    if (!sameOrigin(request, reply, lang)) return reply;
    if (!request.user) return reply.redirect(links.login(links.password), 303);
    const m = messages(lang);
    const current = field(request.body, 'currentPassword');
    const fresh = field(request.body, 'newPassword');
    const again = (status: number, state: { error?: string; notice?: string }) =>
      h.send(request, reply, status, passwordPage(h.originOf(request), lang, state));
    if (current === '' || current.length > PASSWORD_MAX) return again(400, { error: m.errors.currentPassword });
    if (fresh.length < PASSWORD_MIN || fresh.length > PASSWORD_MAX) return again(400, { error: m.errors.password });
    try {
      await changePassword(app, request.user.id, current, fresh, sessionToken(request));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return again(401, { error: m.errors.currentPassword });
      throw err;
    }
    return again(200, { notice: m.passwordChanged });
  });

  // 使用模板 as a link (the target of `next` after signing up): confirm, then POST makes the copy.
  app.get<{ Params: { fileId: string } }>('/templates/:fileId/use', pageRoute('use a template (confirm)'), async (request, reply) => {
    const { fileId } = request.params;
    const lang = requestLang(request);
    const title = await h.templateTitle(fileId);
    if (title === null) return h.notFound(request, reply);
    if (!request.user) return reply.redirect(links.signup(links.useTemplate(fileId)), 303);
    return h.send(request, reply, 200, useTemplatePage(h.originOf(request), lang, fileId, title));
  });
}
