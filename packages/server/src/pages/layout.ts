// The shell every server-rendered page shares: <head> with title, meta description, canonical
// link and Open Graph tags; a header with the search form; the footer. No scripts at all.

import { clip, html, type SafeHtml } from './html.ts';

export const SITE_NAME = 'Arbor 思维导图';

/** Where the browser app lives (served by the web package); pages only link to it. */
export const links = {
  home: '/',
  templates: '/templates',
  template: (fileId: string) => `/templates/${encodeURIComponent(fileId)}`,
  category: (slug: string) => `/categories/${encodeURIComponent(slug)}`,
  author: (id: string) => `/authors/${encodeURIComponent(id)}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  editor: (mapId: string) => `/app/maps/${encodeURIComponent(mapId)}`,
  myFiles: '/app',
  login: (next: string) => `/login?next=${encodeURIComponent(next)}`,
};

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute URL of this page. */
  canonical: string;
  ogType?: 'website' | 'article';
  /** Absolute URL of an image for link previews. */
  ogImage?: string;
  /** Don't index (search results, error pages). */
  noindex?: boolean;
  /** Structured data (already serialized safely). */
  jsonLd?: SafeHtml;
}

/** Security headers for every page: nothing may run, load from elsewhere, or post elsewhere. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.7 "Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f6f7f9}
a{color:#1f6feb;text-decoration:none}a:hover{text-decoration:underline}
header.site{background:#fff;border-bottom:1px solid #e5e6eb}header.site .in,main,footer .in{max-width:1120px;margin:0 auto;padding:0 16px}
header.site .in{display:flex;gap:16px;align-items:center;height:56px}.logo{font-weight:700;font-size:18px;color:#1f2329}
header.site form{flex:1;display:flex;max-width:480px}header.site input[type=search]{flex:1;padding:6px 10px;border:1px solid #c9cdd4;border-radius:6px 0 0 6px}
button,.btn{display:inline-block;padding:6px 14px;border:1px solid #1f6feb;border-radius:6px;background:#1f6feb;color:#fff;font:inherit;cursor:pointer}
.btn.light,button.light{background:#fff;color:#1f6feb}header.site form button{border-radius:0 6px 6px 0}
nav.cats{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 0}main{padding:16px}
.crumbs{color:#86909c;font-size:13px;margin:8px 0}.crumbs a{color:#4e5969}
.card{background:#fff;border:1px solid #e5e6eb;border-radius:8px;padding:16px;margin-bottom:16px}
.meta{color:#86909c;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 16px}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.actions form{margin:0}
details.menu{position:relative}details.menu summary{list-style:none}details.menu>div{position:absolute;z-index:2;background:#fff;border:1px solid #e5e6eb;border-radius:6px;padding:8px 12px;min-width:220px}
.preview{overflow:auto;max-height:640px;background:#fff;border:1px solid #e5e6eb;border-radius:8px}.preview svg{max-width:100%;height:auto;display:block;margin:0 auto}
.outline h3{font-size:17px;margin:18px 0 6px}.outline h4{font-size:15px;margin:12px 0 4px}.outline ul{margin:4px 0;padding-left:22px}.outline .note{color:#4e5969;margin:2px 0 6px;white-space:pre-wrap}
.label{display:inline-block;background:#f2f3f5;border-radius:4px;padding:0 6px;margin-left:6px;font-size:12px;color:#4e5969}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:16px}.grid .card{margin:0}.grid h3{margin:0 0 6px;font-size:16px}
.desc{color:#4e5969;font-size:14px;margin:6px 0}.pager{display:flex;gap:8px;justify-content:center;margin:16px 0}.pager .cur{font-weight:700}
.sorts{display:flex;gap:12px;margin:8px 0}.sorts .cur{font-weight:700;color:#1f2329}
footer{color:#86909c;font-size:13px;padding:24px 0}
`;

export function layout(meta: PageMeta, body: SafeHtml, categories: readonly { slug: string; name: string }[] = []): SafeHtml {
  const description = clip(meta.description, 150);
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title} - ${SITE_NAME}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${meta.canonical}">
${meta.noindex ? html`<meta name="robots" content="noindex, follow">` : ''}
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${meta.canonical}">
<meta property="og:locale" content="zh_CN">
${meta.ogImage ? html`<meta property="og:image" content="${meta.ogImage}">` : ''}
${meta.jsonLd ? html`<script type="application/ld+json">${meta.jsonLd}</script>` : ''}
<style>${STYLE}</style>
</head>
<body>
<header class="site"><div class="in">
<a class="logo" href="${links.home}">${SITE_NAME}</a>
<form action="/search" method="get" role="search"><input type="search" name="q" placeholder="搜索模板、法条、笔记" aria-label="搜索模板"><button type="submit">搜索</button></form>
<a href="${links.templates}">模板库</a>
<a href="${links.myFiles}">我的文件</a>
</div></header>
<main>
${categories.length ? html`<nav class="cats" aria-label="模板分类">${categories.map((c) => html`<a href="${links.category(c.slug)}">${c.name}</a>`)}</nav>` : ''}
${body}
</main>
<footer><div class="in">${SITE_NAME} · 开源、可自托管的思维导图 · 模板内容由作者发布，法律法规文本来自公开发布的官方文本</div></footer>
</body>
</html>
`;
}
