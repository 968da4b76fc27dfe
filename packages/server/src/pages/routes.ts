// Server-rendered pages that read fully without JavaScript: home gallery, template index, template
// pages, category, search and author pages, sitemap.xml, robots.txt — the form endpoints behind
// the template page's buttons (收藏, 使用模板, 编辑), which check the request came from this site,
// the account pages (account-routes.ts), the language switch and the web font (fonts/).
//
// Every page is in the reader's language (i18n/) and its header names the signed-in reader: cached
// bodies keep a slot for that part, filled per response (layout.ts, fillAccountSlot).

import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePluginOptions } from '../app.ts';
import { checkCsrf } from '../auth/csrf.ts';
import fontRoutes, { lazySlicedFont } from '../fonts/routes.ts';
import { visibleText } from '../fonts/slices.ts';
import { ApiError } from '../http/errors.ts';
import { ensureCategories } from '../templates/categories.ts';
import { BoundedCache, templateLibrary } from '../templates/library.ts';
import { useTemplate } from '../templates/routes.ts';
import { MAX_PAGE, type SortOrder, searchTemplates } from '../templates/search.ts';
import { setFavorite } from '../templates/store.ts';
import accountRoutes, { safeNext } from './account-routes.ts';
import { COMPRESS_MIN_BYTES, compressPage, pickEncoding } from './encoding.ts';
import { SafeHtml } from './html.ts';
import { isLang, LANG_COOKIE, type Lang, messages, requestLang } from './i18n/index.ts';
import { fillAccountSlot, links, PAGE_HEADERS } from './layout.ts';
import { authorPage, categoryPage, homePage, indexPage, messagePage, searchPage } from './list-pages.ts';
import { robotsTxt, sitemapXml } from './sitemap.ts';
import { type CompiledPage, renderTemplatePage } from './template-page.ts';

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
/** Listing pages change with every view count; a few seconds of staleness is fine for them. */
const LIST_TTL_MS = 10_000;

type Query = Record<string, string | string[] | undefined>;

/** A small tree of three branches: the site icon. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b57d0"/>' +
  '<path d="M9 16h5m0 0 5-7h4m-9 7h9m-9 0 5 7h4" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/>' +
  '<circle cx="8" cy="16" r="3" fill="#fff"/></svg>';

function first(q: Query, key: string): string | undefined {
  const v = q[key];
  return Array.isArray(v) ? v[0] : v;
}

function pageParam(q: Query): number {
  const n = Number.parseInt(first(q, 'page') ?? '1', 10);
  return Number.isFinite(n) ? Math.min(Math.max(1, n), MAX_PAGE) : 1;
}

function sortParam(q: Query, fallback: SortOrder, allowed: readonly SortOrder[]): SortOrder {
  const s = first(q, 'sort') as SortOrder | undefined;
  return s && allowed.includes(s) ? s : fallback;
}

export default async function pageRoutes(app: FastifyInstance, _opts: RoutePluginOptions): Promise<void> {
  const db = app.db;
  await ensureCategories(db);
  const lib = templateLibrary(db, app.dialect, app.config.secret);
  const listCache = new BoundedCache<{ at: number; body: string; face: string }>(200);
  const publicOrigin = app.config.publicUrl ? new URL(app.config.publicUrl).origin : undefined;

  /** Absolute origin for canonical links: the configured public URL, else the (validated) Host. */
  const originOf = (request: FastifyRequest): string => {
    if (publicOrigin) return publicOrigin;
    const host = request.headers.host ?? '';
    return `${request.protocol === 'https' ? 'https' : 'http'}://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
  };

  // Forms without JavaScript post application/x-www-form-urlencoded; only this plugin's routes parse it.
  await app.register(formbody, { bodyLimit: 64 * 1024 });

  /** A page with its header filled in for this reader (who is signed in, where the language link returns). */
  const fonts = lazySlicedFont(app.config.dataDir);
  app.addHook('onClose', () => fonts.close());
  /** The @font-face of a page's own rarer characters (cached pages only: their text is bounded by the library). */
  const pageFace = (markup: string): string => fonts.get().pageFace(visibleText(markup));
  const templateFaces = new BoundedCache<string>(2000);

  const sendPage = (request: FastifyRequest, reply: FastifyReply, status: number, body: SafeHtml | string | Buffer, fontFace = '') => {
    const filled = fillAccountSlot(
      body instanceof SafeHtml ? body.value : body,
      {
        lang: requestLang(request),
        user: request.user,
        path: request.method === 'GET' ? request.url.slice(0, 1000) : '/',
      },
      fontFace,
    );
    reply.status(status).headers(PAGE_HEADERS);
    const encoding = filled.length >= COMPRESS_MIN_BYTES ? pickEncoding(request.headers['accept-encoding']) : null;
    if (!encoding) return reply.send(filled);
    return reply
      .header('content-encoding', encoding)
      .header('vary', 'Cookie, Accept-Language, Accept-Encoding')
      .send(compressPage(filled, encoding));
  };

  const notFoundPage = (request: FastifyRequest, reply: FastifyReply, what?: string) => {
    const lang = requestLang(request);
    const m = messages(lang);
    return sendPage(
      request,
      reply,
      404,
      messagePage(
        originOf(request),
        m.notFoundTitle,
        m.notFound(what ?? m.thePage),
        { href: links.templates, label: m.browseTemplates },
        lang,
      ),
    );
  };

  /** A listing page from the short-lived cache, keyed by origin, language and URL. */
  const cachedList = async (request: FastifyRequest, reply: FastifyReply, render: (lang: Lang) => Promise<SafeHtml | null>) => {
    const lang = requestLang(request);
    const key = `${originOf(request)}|${lang}|${request.url}`;
    const hit = listCache.get(key);
    if (hit && Date.now() - hit.at < LIST_TTL_MS) return sendPage(request, reply, 200, hit.body, hit.face);
    const rendered = await render(lang);
    if (!rendered) return notFoundPage(request, reply);
    const face = pageFace(rendered.value);
    listCache.set(key, { at: Date.now(), body: rendered.value, face });
    return sendPage(request, reply, 200, rendered, face);
  };

  const pageRoute = (summary: string) => ({ schema: { summary: `HTML page: ${summary}`, tags: ['pages'] } });

  app.get('/', pageRoute('home gallery'), async (request, reply) =>
    cachedList(request, reply, async (lang) => {
      const categories = await lib.categories();
      const [hot, latest] = await Promise.all([
        searchTemplates(db, app.dialect, { sort: 'hot', page: 1, pageSize: 12 }, categories),
        searchTemplates(db, app.dialect, { sort: 'new', page: 1, pageSize: 12 }, categories),
      ]);
      return homePage({ origin: originOf(request), categories, hot: hot.items, latest: latest.items, total: hot.total, lang });
    }),
  );

  app.get<{ Querystring: Query }>('/templates', pageRoute('all templates'), async (request, reply) =>
    cachedList(request, reply, async (lang) => {
      const categories = await lib.categories();
      const sort = sortParam(request.query, 'hot', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { sort, page: pageParam(request.query) }, categories);
      return indexPage({ origin: originOf(request), categories, page, sort, lang });
    }),
  );

  app.get<{ Params: { slug: string }; Querystring: Query }>('/categories/:slug', pageRoute('a category'), async (request, reply) =>
    cachedList(request, reply, async (lang) => {
      const categories = await lib.categories();
      const category = categories.get(request.params.slug);
      if (!category) return null;
      const sort = sortParam(request.query, 'hot', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { category: category.slug, sort, page: pageParam(request.query) }, categories);
      return categoryPage({ origin: originOf(request), categories, category, page, sort, lang });
    }),
  );

  app.get<{ Querystring: Query }>('/search', pageRoute('search results'), async (request, reply) => {
    const categories = await lib.categories();
    const q = (first(request.query, 'q') ?? '').slice(0, 200);
    const category = categories.get(first(request.query, 'category') ?? '');
    const sort = sortParam(request.query, 'relevance', ['relevance', 'hot', 'new']);
    const page = q.trim()
      ? await searchTemplates(db, app.dialect, { q, category: category?.slug, sort, page: pageParam(request.query) }, categories)
      : { items: [], total: 0, page: 1, pageSize: 20 };
    return sendPage(
      request,
      reply,
      200,
      searchPage({ origin: originOf(request), categories, q, category, page, sort, lang: requestLang(request) }),
    );
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/authors/:id', pageRoute('an author’s templates'), async (request, reply) =>
    cachedList(request, reply, async (lang) => {
      const author = await db.selectFrom('users').select(['id', 'name']).where('id', '=', request.params.id).executeTakeFirst();
      if (!author) return null;
      const categories = await lib.categories();
      const sort = sortParam(request.query, 'new', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { ownerId: author.id, sort, page: pageParam(request.query) }, categories);
      return authorPage({ origin: originOf(request), categories, author, page, sort, lang });
    }),
  );

  app.get<{ Params: { fileId: string } }>('/templates/:fileId', pageRoute('a template'), async (request, reply) => {
    const { fileId } = request.params;
    const located = await lib.locate(fileId);
    const lang = requestLang(request);
    if (!located) return notFoundPage(request, reply, messages(lang).theTemplate);
    const origin = originOf(request);
    const key = `${origin}|${lang}|${fileId}@${located.pageVersion}`;
    let compiled = lib.pages.get(key) as CompiledPage | undefined;
    if (!compiled) {
      const detail = await lib.detail(fileId, located.pageVersion);
      if (!detail) return notFoundPage(request, reply, messages(lang).theTemplate);
      compiled = renderTemplatePage(detail, lib.preview(detail), origin, lang);
      lib.pages.set(key, compiled);
    }
    let face = templateFaces.get(key);
    if (face === undefined) {
      face = pageFace(compiled.fill({ views: 0, uses: 0, favorites: 0 }).toString('utf8'));
      templateFaces.set(key, face);
    }
    const counted = await lib.countView(located.id, lib.visitor(request, reply));
    const { views, uses, favorites } = located.counters;
    return sendPage(request, reply, 200, compiled.fill({ views: views + (counted ? 1 : 0), uses, favorites }), face);
  });

  /** Form posts: same-origin only, body drained, login required (else off to the login page). */
  const formPost = async (request: FastifyRequest, reply: FastifyReply): Promise<string | null> => {
    try {
      checkCsrf(request, true, app.config.publicUrl);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const lang = requestLang(request);
      const m = messages(lang);
      sendPage(request, reply, 403, messagePage(originOf(request), m.refusedTitle, m.refused, undefined, lang, 'error'));
      return null;
    }
    if (request.isMultipart()) for await (const part of request.parts()) if (part.type === 'file') await part.toBuffer();
    if (!request.user) {
      const fileId = (request.params as { fileId: string }).fileId;
      // 使用模板 for a newcomer: sign up, then straight on to the copy; other buttons: sign in, then back here.
      if (request.url.endsWith('/use')) reply.redirect(links.signup(links.useTemplate(fileId)), 303);
      else reply.redirect(links.login(links.template(fileId)), 303);
      return null;
    }
    return request.user.id;
  };

  app.post<{ Params: { fileId: string } }>('/templates/:fileId/favorite', pageRoute('form: toggle favourite'), async (request, reply) => {
    const userId = await formPost(request, reply);
    if (!userId) return reply;
    const located = await lib.locate(request.params.fileId);
    if (!located) return notFoundPage(request, reply, messages(requestLang(request)).theTemplate);
    await setFavorite(db, located.id, userId, undefined);
    return reply.redirect(links.template(request.params.fileId), 303);
  });

  app.post<{ Params: { fileId: string } }>('/templates/:fileId/use', pageRoute('form: use the template'), async (request, reply) => {
    const userId = await formPost(request, reply);
    if (!userId) return reply;
    if (!(await lib.locate(request.params.fileId))) return notFoundPage(request, reply, messages(requestLang(request)).theTemplate);
    const row = await useTemplate(app, lib, request.params.fileId, userId);
    return reply.redirect(links.editor(row.id), 303);
  });

  // 编辑: the author edits the map it was published from; anyone else edits their own copy.
  app.post<{ Params: { fileId: string } }>(
    '/templates/:fileId/edit',
    pageRoute('form: edit (own map or a copy)'),
    async (request, reply) => {
      const userId = await formPost(request, reply);
      if (!userId) return reply;
      const located = await lib.locate(request.params.fileId);
      const detail = located && (await lib.detail(request.params.fileId, located.pageVersion));
      if (!detail) return notFoundPage(request, reply, messages(requestLang(request)).theTemplate);
      if (detail.ownerId === userId && detail.mapId) {
        const map = await db.selectFrom('maps').select(['id', 'trashed_at']).where('id', '=', detail.mapId).executeTakeFirst();
        if (map && map.trashed_at === null) return reply.redirect(links.editor(map.id), 303);
      }
      const row = await useTemplate(app, lib, request.params.fileId, userId);
      return reply.redirect(links.editor(row.id), 303);
    },
  );

  // The language switch: remembered in a cookie for a year, then back to the page it was clicked on.
  app.get<{ Querystring: Query }>('/language', pageRoute('switch the page language'), async (request, reply) => {
    const to = first(request.query, 'to');
    if (isLang(to)) {
      reply.setCookie(LANG_COOKIE, to, {
        path: '/',
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 365 * 24 * 3600,
      });
    }
    return reply.redirect(safeNext(first(request.query, 'next'), links.home), 303);
  });

  await accountRoutes(app, {
    originOf,
    send: (request, reply, status, body) => sendPage(request, reply, status, body),
    notFound: (request, reply) => notFoundPage(request, reply, messages(requestLang(request)).theTemplate),
    copyTemplate: async (fileId, userId) => {
      if (!(await lib.locate(fileId))) return null;
      return (await useTemplate(app, lib, fileId, userId)).id;
    },
    templateTitle: async (fileId) => {
      const located = await lib.locate(fileId);
      const detail = located && (await lib.detail(fileId, located.pageVersion));
      return detail ? detail.title : null;
    },
  });
  await fontRoutes(app, { font: fonts.get });

  app.get('/favicon.svg', pageRoute('the site icon'), async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(FAVICON),
  );

  app.get('/sitemap.xml', pageRoute('sitemap'), async (request, reply) => {
    const body = await sitemapXml(db, originOf(request), await lib.categories());
    return reply.type('application/xml; charset=utf-8').header('x-content-type-options', 'nosniff').send(body);
  });

  app.get('/robots.txt', pageRoute('robots.txt'), async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(robotsTxt(originOf(request))),
  );
}
