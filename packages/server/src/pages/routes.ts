// Server-rendered pages that read fully without JavaScript: home gallery, template index, template
// pages, category, search and author pages, sitemap.xml, robots.txt — and the form endpoints behind
// the template page's buttons (收藏, 使用模板, 编辑), which check the request came from this site.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePluginOptions } from '../app.ts';
import { checkCsrf } from '../auth/csrf.ts';
import { ApiError } from '../http/errors.ts';
import { ensureCategories } from '../templates/categories.ts';
import { BoundedCache, templateLibrary } from '../templates/library.ts';
import { useTemplate } from '../templates/routes.ts';
import { MAX_PAGE, type SortOrder, searchTemplates } from '../templates/search.ts';
import { setFavorite } from '../templates/store.ts';
import { SafeHtml } from './html.ts';
import { links, PAGE_HEADERS } from './layout.ts';
import { authorPage, categoryPage, homePage, indexPage, messagePage, searchPage } from './list-pages.ts';
import { robotsTxt, sitemapXml } from './sitemap.ts';
import { type CompiledPage, renderTemplatePage } from './template-page.ts';

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
/** Listing pages change with every view count; a few seconds of staleness is fine for them. */
const LIST_TTL_MS = 10_000;

type Query = Record<string, string | string[] | undefined>;

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
  const listCache = new BoundedCache<{ at: number; body: string }>(200);
  const publicOrigin = app.config.publicUrl ? new URL(app.config.publicUrl).origin : undefined;

  /** Absolute origin for canonical links: the configured public URL, else the (validated) Host. */
  const originOf = (request: FastifyRequest): string => {
    if (publicOrigin) return publicOrigin;
    const host = request.headers.host ?? '';
    return `${request.protocol === 'https' ? 'https' : 'http'}://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
  };

  const sendPage = (reply: FastifyReply, status: number, body: SafeHtml | string | Buffer) =>
    reply
      .status(status)
      .headers(PAGE_HEADERS)
      .send(body instanceof SafeHtml ? body.value : body);

  const notFoundPage = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    sendPage(
      reply,
      404,
      messagePage(originOf(request), '页面不存在', `${what}不存在或已被删除。`, { href: links.templates, label: '浏览模板库' }),
    );

  /** A listing page from the short-lived cache, keyed by origin and URL. */
  const cachedList = async (request: FastifyRequest, reply: FastifyReply, render: () => Promise<SafeHtml | null>) => {
    const key = `${originOf(request)}|${request.url}`;
    const hit = listCache.get(key);
    if (hit && Date.now() - hit.at < LIST_TTL_MS) return sendPage(reply, 200, hit.body);
    const rendered = await render();
    if (!rendered) return notFoundPage(request, reply, '该页面');
    listCache.set(key, { at: Date.now(), body: rendered.value });
    return sendPage(reply, 200, rendered);
  };

  const pageRoute = (summary: string) => ({ schema: { summary: `HTML page: ${summary}`, tags: ['pages'] } });

  app.get('/', pageRoute('home gallery'), async (request, reply) =>
    cachedList(request, reply, async () => {
      const categories = await lib.categories();
      const [hot, latest] = await Promise.all([
        searchTemplates(db, app.dialect, { sort: 'hot', page: 1, pageSize: 12 }, categories),
        searchTemplates(db, app.dialect, { sort: 'new', page: 1, pageSize: 12 }, categories),
      ]);
      return homePage({ origin: originOf(request), categories, hot: hot.items, latest: latest.items, total: hot.total });
    }),
  );

  app.get<{ Querystring: Query }>('/templates', pageRoute('all templates'), async (request, reply) =>
    cachedList(request, reply, async () => {
      const categories = await lib.categories();
      const sort = sortParam(request.query, 'hot', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { sort, page: pageParam(request.query) }, categories);
      return indexPage({ origin: originOf(request), categories, page, sort });
    }),
  );

  app.get<{ Params: { slug: string }; Querystring: Query }>('/categories/:slug', pageRoute('a category'), async (request, reply) =>
    cachedList(request, reply, async () => {
      const categories = await lib.categories();
      const category = categories.get(request.params.slug);
      if (!category) return null;
      const sort = sortParam(request.query, 'hot', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { category: category.slug, sort, page: pageParam(request.query) }, categories);
      return categoryPage({ origin: originOf(request), categories, category, page, sort });
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
    return sendPage(reply, 200, searchPage({ origin: originOf(request), categories, q, category, page, sort }));
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/authors/:id', pageRoute('an author’s templates'), async (request, reply) =>
    cachedList(request, reply, async () => {
      const author = await db.selectFrom('users').select(['id', 'name']).where('id', '=', request.params.id).executeTakeFirst();
      if (!author) return null;
      const categories = await lib.categories();
      const sort = sortParam(request.query, 'new', ['hot', 'new']);
      const page = await searchTemplates(db, app.dialect, { ownerId: author.id, sort, page: pageParam(request.query) }, categories);
      return authorPage({ origin: originOf(request), categories, author, page, sort });
    }),
  );

  app.get<{ Params: { fileId: string } }>('/templates/:fileId', pageRoute('a template'), async (request, reply) => {
    const { fileId } = request.params;
    const located = await lib.locate(fileId);
    if (!located) return notFoundPage(request, reply, '该模板');
    const origin = originOf(request);
    const key = `${origin}|${fileId}@${located.pageVersion}`;
    let compiled = lib.pages.get(key) as CompiledPage | undefined;
    if (!compiled) {
      const detail = await lib.detail(fileId, located.pageVersion);
      if (!detail) return notFoundPage(request, reply, '该模板');
      compiled = renderTemplatePage(detail, lib.preview(detail), origin);
      lib.pages.set(key, compiled);
    }
    const counted = await lib.countView(located.id, lib.visitor(request, reply));
    const { views, uses, favorites } = located.counters;
    return sendPage(reply, 200, compiled.fill({ views: views + (counted ? 1 : 0), uses, favorites }));
  });

  /** Form posts: same-origin only, body drained, login required (else off to the login page). */
  const formPost = async (request: FastifyRequest, reply: FastifyReply): Promise<string | null> => {
    try {
      checkCsrf(request, true, app.config.publicUrl);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      sendPage(reply, 403, messagePage(originOf(request), '请求被拒绝', '请从本站页面提交此操作。'));
      return null;
    }
    if (request.isMultipart()) for await (const part of request.parts()) if (part.type === 'file') await part.toBuffer();
    if (!request.user) {
      const back = links.template((request.params as { fileId: string }).fileId);
      reply.redirect(links.login(back), 303);
      return null;
    }
    return request.user.id;
  };

  app.post<{ Params: { fileId: string } }>('/templates/:fileId/favorite', pageRoute('form: toggle favourite'), async (request, reply) => {
    const userId = await formPost(request, reply);
    if (!userId) return reply;
    const located = await lib.locate(request.params.fileId);
    if (!located) return notFoundPage(request, reply, '该模板');
    await setFavorite(db, located.id, userId, undefined);
    return reply.redirect(links.template(request.params.fileId), 303);
  });

  app.post<{ Params: { fileId: string } }>('/templates/:fileId/use', pageRoute('form: use the template'), async (request, reply) => {
    const userId = await formPost(request, reply);
    if (!userId) return reply;
    if (!(await lib.locate(request.params.fileId))) return notFoundPage(request, reply, '该模板');
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
      if (!detail) return notFoundPage(request, reply, '该模板');
      if (detail.ownerId === userId && detail.mapId) {
        const map = await db.selectFrom('maps').select(['id', 'trashed_at']).where('id', '=', detail.mapId).executeTakeFirst();
        if (map && map.trashed_at === null) return reply.redirect(links.editor(map.id), 303);
      }
      const row = await useTemplate(app, lib, request.params.fileId, userId);
      return reply.redirect(links.editor(row.id), 303);
    },
  );

  app.get('/sitemap.xml', pageRoute('sitemap'), async (request, reply) => {
    const body = await sitemapXml(db, originOf(request), await lib.categories());
    return reply.type('application/xml; charset=utf-8').header('x-content-type-options', 'nosniff').send(body);
  });

  app.get('/robots.txt', pageRoute('robots.txt'), async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(robotsTxt(originOf(request))),
  );
}
