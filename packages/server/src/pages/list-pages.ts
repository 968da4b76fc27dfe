// Listing pages: the home gallery, the template index, category pages, the search page and author
// pages — cards with title, description and counters, sort links and a pager, all plain links.

import type { CategoryNode, CategoryTree } from '../templates/categories.ts';
import type { SortOrder, TemplateListItem, TemplatePage } from '../templates/search.ts';
import { clip, formatTime, html, type SafeHtml } from './html.ts';
import { layout, links } from './layout.ts';

const SORT_LABELS: Record<SortOrder, string> = { relevance: '相关度', hot: '最热', new: '最新' };

export function cards(items: readonly TemplateListItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="desc">没有找到模板。</p>`;
  return html`<div class="grid">${items.map(
    (t) => html`<div class="card"><h3><a href="${links.template(t.fileId)}">${t.title}</a></h3>
<div class="desc">${clip(t.description || `${t.categoryName}思维导图模板`, 80)}</div>
<div class="meta"><a href="${links.category(t.category)}">${t.categoryName}</a><a href="${links.author(t.authorId)}">${t.author}</a></div>
<div class="meta"><span>浏览 ${t.views}</span><span>使用 ${t.uses}</span><span>收藏 ${t.favorites}</span><span>${formatTime(t.createdAt).slice(0, 10)}</span></div></div>`,
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

export function sortLinks(base: string, current: SortOrder, orders: readonly SortOrder[]): SafeHtml {
  return html`<div class="sorts">${orders.map((o) =>
    o === current
      ? html`<span class="cur">${SORT_LABELS[o]}</span>`
      : html`<a href="${withParams(base, { sort: o })}" rel="nofollow">${SORT_LABELS[o]}</a>`,
  )}</div>`;
}

export function pager(base: string, page: TemplatePage, sort: SortOrder): SafeHtml {
  const pages = Math.min(Math.ceil(page.total / page.pageSize), 500);
  if (pages <= 1) return html``;
  const from = Math.max(1, page.page - 4);
  const to = Math.min(pages, page.page + 4);
  const link = (n: number, label: string | number) => html`<a href="${withParams(base, { sort, page: n })}">${label}</a>`;
  const nums: SafeHtml[] = [];
  for (let n = from; n <= to; n++) nums.push(n === page.page ? html`<span class="cur">${n}</span>` : link(n, n));
  return html`<nav class="pager" aria-label="分页">${page.page > 1 ? link(page.page - 1, '上一页') : ''}${nums}${
    page.page < pages ? link(page.page + 1, '下一页') : ''
  }</nav>`;
}

export interface ListPageInput {
  origin: string;
  categories: CategoryTree;
}

function topCategories(tree: CategoryTree): { slug: string; name: string }[] {
  return tree.roots.map((c) => ({ slug: c.slug, name: c.name }));
}

function categoryLinks(nodes: readonly CategoryNode[]): SafeHtml {
  return html`<nav class="cats">${nodes.map((c) => html`<a href="${links.category(c.slug)}">${c.name}</a>`)}</nav>`;
}

export function homePage(input: ListPageInput & { hot: TemplateListItem[]; latest: TemplateListItem[]; total: number }): SafeHtml {
  const tree = input.categories;
  const body = html`
<section class="card"><h1>思维导图模板库</h1>
<p class="desc">共 ${input.total} 个免费模板：资格考试复习、学习笔记、读书笔记、工作计划、法律法规全文导图……可在线查看大纲、免费下载，或一键使用并编辑。</p>
${tree.roots.map((r) => html`<div><strong><a href="${links.category(r.slug)}">${r.name}</a></strong> ${categoryLinks(r.children)}</div>`)}
</section>
<h2>热门模板</h2>${cards(input.hot)}
<h2>最新模板</h2>${cards(input.latest)}
<p><a href="${links.templates}">浏览全部模板 ›</a></p>`;
  return layout(
    {
      title: '思维导图模板库',
      description:
        '免费思维导图模板：司法考试、考研、教师资格、学习笔记、读书笔记、工作计划与法律法规全文导图，在线查看大纲、免费下载与编辑。',
      canonical: `${input.origin}/`,
    },
    body,
    topCategories(tree),
  );
}

export function indexPage(input: ListPageInput & { page: TemplatePage; sort: SortOrder }): SafeHtml {
  const base = links.templates;
  const body = html`
<nav class="crumbs"><a href="/">首页</a> › <span>模板</span></nav>
<section class="card"><h1>全部模板</h1>${categoryLinks(input.categories.roots)}
${sortLinks(base, input.sort, ['hot', 'new'])}</section>
${cards(input.page.items)}${pager(base, input.page, input.sort)}`;
  const pageNo = input.page.page;
  return layout(
    {
      title: pageNo > 1 ? `全部模板 第${pageNo}页` : '全部模板',
      description: `全部 ${input.page.total} 个思维导图模板，按热度或发布时间浏览。`,
      canonical: `${input.origin}${base}${pageNo > 1 ? `?page=${pageNo}` : ''}`,
    },
    body,
    topCategories(input.categories),
  );
}

export function categoryPage(input: ListPageInput & { category: CategoryNode; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const { category } = input;
  const base = links.category(category.slug);
  const path = input.categories.path(category.slug);
  const body = html`
<nav class="crumbs"><a href="${links.templates}">模板</a>${path.slice(0, -1).map((c) => html` › <a href="${links.category(c.slug)}">${c.name}</a>`)} › <span>${category.name}</span></nav>
<section class="card"><h1>${category.name}思维导图模板</h1>
${category.description ? html`<p class="desc">${category.description}</p>` : ''}
${category.children.length ? categoryLinks(category.children) : ''}
<p class="meta">共 ${input.page.total} 个模板</p>
${sortLinks(base, input.sort, ['hot', 'new'])}</section>
${cards(input.page.items)}${pager(base, input.page, input.sort)}`;
  const pageNo = input.page.page;
  return layout(
    {
      title: `${category.name}思维导图模板${pageNo > 1 ? ` 第${pageNo}页` : ''}`,
      description: `${category.name}：${category.description || `${category.name}相关的思维导图模板`}，共 ${input.page.total} 个，可免费下载与使用。`,
      canonical: `${input.origin}${base}${pageNo > 1 ? `?page=${pageNo}` : ''}`,
    },
    body,
    topCategories(input.categories),
  );
}

export function searchPage(input: ListPageInput & { q: string; category?: CategoryNode; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const base = `/search?q=${encodeURIComponent(input.q)}${input.category ? `&category=${encodeURIComponent(input.category.slug)}` : ''}`;
  const heading = input.q ? `“${input.q}”的搜索结果` : '搜索模板';
  const body = html`
<section class="card"><h1>${heading}</h1>
<form action="/search" method="get" role="search"><input type="search" name="q" value="${input.q}" aria-label="搜索模板" size="40">
${input.category ? html`<input type="hidden" name="category" value="${input.category.slug}">` : ''}<button type="submit">搜索</button></form>
${input.category ? html`<p class="meta">仅在“${input.category.name}”中搜索 · <a href="${links.search(input.q)}">搜索全部分类</a></p>` : ''}
<p class="meta">找到 ${input.page.total} 个模板</p>
${sortLinks(base, input.sort, ['relevance', 'hot', 'new'])}</section>
${input.q ? cards(input.page.items) : html`<p class="desc">输入关键词，例如“民法典”“考研政治”“劳动合同”。</p>`}
${pager(base, input.page, input.sort)}`;
  return layout(
    {
      title: input.q ? `${input.q} - 模板搜索` : '模板搜索',
      description: input.q ? `与“${input.q}”相关的思维导图模板，共 ${input.page.total} 个。` : '搜索思维导图模板。',
      canonical: `${input.origin}${base}`,
      noindex: true,
    },
    body,
    topCategories(input.categories),
  );
}

export function authorPage(input: ListPageInput & { author: { id: string; name: string }; page: TemplatePage; sort: SortOrder }): SafeHtml {
  const base = links.author(input.author.id);
  const name = input.author.name || '匿名作者';
  const body = html`
<nav class="crumbs"><a href="${links.templates}">模板</a> › <span>作者</span></nav>
<section class="card"><h1>${name}的模板</h1><p class="meta">共发布 ${input.page.total} 个模板</p>
${sortLinks(base, input.sort, ['hot', 'new'])}</section>
${cards(input.page.items)}${pager(base, input.page, input.sort)}`;
  return layout(
    {
      title: `${name}的思维导图模板`,
      description: `${name}发布的 ${input.page.total} 个思维导图模板。`,
      canonical: `${input.origin}${base}`,
    },
    body,
    topCategories(input.categories),
  );
}

export function messagePage(origin: string, title: string, message: string, link?: { href: string; label: string }): SafeHtml {
  return layout(
    { title, description: message, canonical: `${origin}/`, noindex: true },
    html`<section class="card"><h1>${title}</h1><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}</section>`,
  );
}
