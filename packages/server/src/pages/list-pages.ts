// Listing pages: the home gallery, the template index, category pages, the search page and author
// pages — cards with title, description and counters, sort links and a pager, all plain links.
// Every string comes from the page language's messages; dates and numbers in its locale.

import type { CategoryNode, CategoryTree } from '../templates/categories.ts';
import type { SortOrder, TemplateListItem, TemplatePage } from '../templates/search.ts';
import { clip, html, type SafeHtml } from './html.ts';
import { formatDate, formatNumber, type Lang, messages } from './i18n/index.ts';
import { layout, links } from './layout.ts';

export function cards(items: readonly TemplateListItem[], lang: Lang = 'zh'): SafeHtml {
  const m = messages(lang);
  const n = (v: number) => formatNumber(v, lang);
  if (items.length === 0) return html`<p class="desc">${m.noTemplates}</p>`;
  return html`<div class="grid">${items.map(
    (t) => html`<div class="card"><h3><a href="${links.template(t.fileId)}">${t.title}</a></h3>
<div class="desc">${clip(t.description || m.templateOf(t.categoryName), 80)}</div>
<div class="meta"><a href="${links.category(t.category)}">${t.categoryName}</a><a href="${links.author(t.authorId)}">${t.author}</a></div>
<div class="meta"><span>${m.views(n(t.views))}</span><span>${m.uses(n(t.uses))}</span><span>${m.favorites(n(t.favorites))}</span><span>${formatDate(t.createdAt, lang)}</span></div></div>`,
  )}</div>`;
}

/** `base` already carries the other query parameters; `page`/`sort` are appended. */
function withParams(base: string, params: Record<string, string | number>): string {
  const sep = base.includes('?') ? '&' : '?';
  return (
    base +
    sep +
    Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&')
  );
}

export function sortLinks(base: string, current: SortOrder, orders: readonly SortOrder[], lang: Lang = 'zh'): SafeHtml {
  const labels = messages(lang).sorts;
  return html`<div class="sorts">${orders.map((o) =>
    o === current
      ? html`<span class="cur" aria-current="true">${labels[o]}</span>`
      : html`<a href="${withParams(base, { sort: o })}" rel="nofollow">${labels[o]}</a>`,
  )}</div>`;
}

export function pager(base: string, page: TemplatePage, sort: SortOrder, lang: Lang = 'zh'): SafeHtml {
  const m = messages(lang);
  const pages = Math.min(Math.ceil(page.total / page.pageSize), 500);
  if (pages <= 1) return html``;
  const from = Math.max(1, page.page - 4);
  const to = Math.min(pages, page.page + 4);
  const link = (n: number, label: string | number) => html`<a href="${withParams(base, { sort, page: n })}">${label}</a>`;
  const nums: SafeHtml[] = [];
  for (let n = from; n <= to; n++) nums.push(n === page.page ? html`<span class="cur" aria-current="page">${n}</span>` : link(n, n));
  return html`<nav class="pager" aria-label="${m.pagination}">${page.page > 1 ? link(page.page - 1, m.prevPage) : ''}${nums}${
    page.page < pages ? link(page.page + 1, m.nextPage) : ''
  }</nav>`;
}

export interface ListPageInput {
  origin: string;
  categories: CategoryTree;
  lang?: Lang;
}

function topCategories(tree: CategoryTree): { slug: string; name: string }[] {
  return tree.roots.map((c) => ({ slug: c.slug, name: c.name }));
}

function categoryLinks(nodes: readonly CategoryNode[]): SafeHtml {
  return html`<nav class="cats">${nodes.map((c) => html`<a href="${links.category(c.slug)}">${c.name}</a>`)}</nav>`;
}

export function homePage(input: ListPageInput & { hot: TemplateListItem[]; latest: TemplateListItem[]; total: number }): SafeHtml {
  const lang = input.lang ?? 'zh';
  const m = messages(lang);
  const tree = input.categories;
  const body = html`
<section class="card"><h1>${m.homeTitle}</h1>
<p class="desc">${m.homeLead(formatNumber(input.total, lang))}</p>
<p class="home-actions"><a class="btn" href="${links.newMap()}">${m.newMap}</a> <a class="btn" href="${links.newMapAi}">${m.newMapAi}</a> <a class="btn" href="${links.newMap()}">${m.importDocument}</a></p>
${tree.roots.map((r) => html`<div><strong><a href="${links.category(r.slug)}">${r.name}</a></strong> ${categoryLinks(r.children)}</div>`)}
</section>
<h2>${m.hotTemplates}</h2>${cards(input.hot, lang)}
<h2>${m.latestTemplates}</h2>${cards(input.latest, lang)}
<p><a href="${links.templates}">${m.allTemplatesLink}</a></p>`;
  return layout({ title: m.homeTitle, description: m.homeDescription, canonical: `${input.origin}/`, lang }, body, topCategories(tree));
}

export function indexPage(input: ListPageInput & { page: TemplatePage; sort: SortOrder }): SafeHtml {
  const lang = input.lang ?? 'zh';
  const m = messages(lang);
  const base = links.templates;
  const body = html`
<nav class="crumbs" aria-label="${m.home}"><a href="/">${m.home}</a> › <span>${m.templatesCrumb}</span></nav>
<section class="card"><h1>${m.allTemplates}</h1>${categoryLinks(input.categories.roots)}
${sortLinks(base, input.sort, ['hot', 'new'], lang)}</section>
${cards(input.page.items, lang)}${pager(base, input.page, input.sort, lang)}`;
  const pageNo = input.page.page;
  return layout(
    {
      title: pageNo > 1 ? `${m.allTemplates} ${m.pageNo(pageNo)}` : m.allTemplates,
      description: m.allTemplatesDescription(formatNumber(input.page.total, lang)),
      canonical: `${input.origin}${base}${pageNo > 1 ? `?page=${pageNo}` : ''}`,
      lang,
    },
    body,
    topCategories(input.categories),
  );
}

export function categoryPage(input: ListPageInput & { category: CategoryNode; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const lang = input.lang ?? 'zh';
  const m = messages(lang);
  const { category } = input;
  const base = links.category(category.slug);
  const path = input.categories.path(category.slug);
  const total = formatNumber(input.page.total, lang);
  const body = html`
<nav class="crumbs" aria-label="${m.templatesCrumb}"><a href="${links.templates}">${m.templatesCrumb}</a>${path.slice(0, -1).map((c) => html` › <a href="${links.category(c.slug)}">${c.name}</a>`)} › <span>${category.name}</span></nav>
<section class="card"><h1>${m.categoryTitle(category.name)}</h1>
${category.description ? html`<p class="desc">${category.description}</p>` : ''}
${category.children.length ? categoryLinks(category.children) : ''}
<p class="meta">${m.categoryCount(total)}</p>
${sortLinks(base, input.sort, ['hot', 'new'], lang)}</section>
${cards(input.page.items, lang)}${pager(base, input.page, input.sort, lang)}`;
  const pageNo = input.page.page;
  return layout(
    {
      title: `${m.categoryTitle(category.name)}${pageNo > 1 ? ` ${m.pageNo(pageNo)}` : ''}`,
      description: m.categoryDescription(category.name, category.description, total),
      canonical: `${input.origin}${base}${pageNo > 1 ? `?page=${pageNo}` : ''}`,
      lang,
    },
    body,
    topCategories(input.categories),
  );
}

export function searchPage(input: ListPageInput & { q: string; category?: CategoryNode; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const lang = input.lang ?? 'zh';
  const m = messages(lang);
  const q = input.q.trim();
  const base = `/search?q=${encodeURIComponent(input.q)}${input.category ? `&category=${encodeURIComponent(input.category.slug)}` : ''}`;
  const total = formatNumber(input.page.total, lang);
  const noMatch = q !== '' && input.page.total === 0;
  const body = html`
<section class="card"><h1>${q ? m.searchHeading(q) : m.searchEmptyHeading}</h1>
<form action="/search" method="get" role="search"><input type="search" name="q" value="${input.q}" aria-label="${m.searchLabel}" size="40">
${input.category ? html`<input type="hidden" name="category" value="${input.category.slug}">` : ''}<button type="submit">${m.searchButton}</button></form>
${input.category ? html`<p class="meta">${m.searchOnlyIn(input.category.name)} · <a href="${links.search(input.q)}">${m.searchAllCategories}</a></p>` : ''}
${q ? html`<p class="meta">${m.searchFound(total)}</p>` : ''}
${input.page.expansions?.length ? html`<p class="meta">${m.searchExpanded(input.page.expansions.join('、'))}</p>` : ''}
${noMatch ? '' : sortLinks(base, input.sort, ['relevance', 'hot', 'new'], lang)}</section>
${
  !q
    ? html`<p class="desc">${m.searchHint}</p>`
    : noMatch
      ? html`<section class="card nomatch" role="status"><h2>${m.searchNoGoodMatch(q)}</h2>
<p><a class="btn" href="${links.newMap(q)}">${m.searchCreate(q)}</a></p>
<p><a href="${links.templates}">${m.browseTemplates}</a></p></section>`
      : cards(input.page.items, lang)
}
${pager(base, input.page, input.sort, lang)}`;
  return layout(
    {
      title: q ? `${q} - ${m.searchTitle}` : m.searchTitle,
      description: q ? m.searchDescription(q, total) : m.searchTitle,
      canonical: `${input.origin}${base}`,
      noindex: true,
      lang,
    },
    body,
    topCategories(input.categories),
  );
}

export function authorPage(input: ListPageInput & { author: { id: string; name: string }; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const lang = input.lang ?? 'zh';
  const m = messages(lang);
  const base = links.author(input.author.id);
  const name = input.author.name || m.anonymousAuthor;
  const total = formatNumber(input.page.total, lang);
  const body = html`
<nav class="crumbs" aria-label="${m.templatesCrumb}"><a href="${links.templates}">${m.templatesCrumb}</a> › <span>${m.author}</span></nav>
<section class="card"><h1>${m.authorTemplates(name)}</h1><p class="meta">${m.authorCount(total)}</p>
${sortLinks(base, input.sort, ['hot', 'new'], lang)}</section>
${cards(input.page.items, lang)}${pager(base, input.page, input.sort, lang)}`;
  return layout(
    { title: m.authorTitle(name), description: m.authorDescription(name, total), canonical: `${input.origin}${base}`, lang },
    body,
    topCategories(input.categories),
  );
}

export function messagePage(
  origin: string,
  title: string,
  message: string,
  link?: { href: string; label: string },
  lang: Lang = 'zh',
  status?: 'notice' | 'error',
): SafeHtml {
  return layout(
    { title, description: message, canonical: `${origin}/`, noindex: true, lang },
    html`<section class="card"><h1>${title}</h1><p${status ? html` class="${status}" role="${status === 'error' ? 'alert' : 'status'}"` : ''}>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}</section>`,
  );
}
