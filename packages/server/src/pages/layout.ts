// The shell every server-rendered page shares: <head> with title, meta description, canonical
// link and Open Graph tags; a header with the search form, the language switch and the account
// area; the footer. No scripts at all.
//
// Pages are cached (listing pages for seconds, template pages per version), so the part of the
// header that depends on the reader (who is signed in, where the language link returns to) is a
// slot, ACCOUNT_SLOT, that `fillAccountSlot` replaces on every response.

import { clip, html, type SafeHtml, trusted } from './html.ts';
import { type Lang, messages } from './i18n/index.ts';

export const SITE_NAME = 'Arbor 思维导图';

/** Where the browser app lives (served by the web package); pages only link to it. */
export const links = {
  home: '/',
  templates: '/templates',
  template: (fileId: string) => `/templates/${encodeURIComponent(fileId)}`,
  useTemplate: (fileId: string) => `/templates/${encodeURIComponent(fileId)}/use`,
  category: (slug: string) => `/categories/${encodeURIComponent(slug)}`,
  author: (id: string) => `/authors/${encodeURIComponent(id)}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  editor: (mapId: string) => `/app/maps/${encodeURIComponent(mapId)}`,
  myFiles: '/app/',
  /** The app's "new map" screen, with a suggested title. */
  newMap: (title?: string) => (title ? `/app/?new=map&title=${encodeURIComponent(title)}` : '/app/?new=map'),
  newMapAi: '/app/?new=ai',
  login: (next: string) => `/login?next=${encodeURIComponent(next)}`,
  signup: (next: string) => `/signup?next=${encodeURIComponent(next)}`,
  logout: '/logout',
  password: '/account/password',
  language: (lang: Lang, next: string) => `/language?to=${lang}&next=${encodeURIComponent(next)}`,
  fontCss: '/fonts/noto-sans-sc.css',
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
  /** The page language (default 简体中文). */
  lang?: Lang;
}

/** Security headers for every page: nothing may run, load from elsewhere, or post elsewhere. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The header names the signed-in reader and the page's language follows a cookie.
  'cache-control': 'private, no-cache',
  vary: 'Cookie, Accept-Language',
};

/**
 * The pages' stylesheet. Inlined raw (never through the escaping `html` tag: `"` and `>` are CSS
 * syntax). Colours meet WCAG AA contrast on both backgrounds (#fff and #f6f7f9); links inside text
 * are underlined, not told apart by colour alone.
 */
export const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.7 "Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f6f7f9}
a{color:#0b57d0;text-decoration:underline;text-underline-offset:2px}a:hover{text-decoration-thickness:2px}
header.site a,nav a,.grid h3 a,.logo,.btn,.sorts a,.related>li>a{text-decoration:none}header.site a:hover,nav a:hover,.grid h3 a:hover,.sorts a:hover,.related>li>a:hover{text-decoration:underline}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,.preview:focus-visible{outline:2px solid #0b57d0;outline-offset:2px}
header.site{background:#fff;border-bottom:1px solid #e5e6eb}header.site .in,main,footer .in{max-width:1120px;margin:0 auto;padding:0 16px}
header.site .in{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;min-height:56px;padding-top:8px;padding-bottom:8px}.logo{font-weight:700;font-size:18px;color:#1f2329}
header.site form[role=search]{flex:1 1 240px;display:flex;max-width:480px}header.site input[type=search]{flex:1;min-width:0;padding:6px 10px;border:1px solid #6b7380;border-radius:6px 0 0 6px;font:inherit}
.account{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;margin-left:auto}@media (min-width:900px){.account{flex-shrink:0}}.account form{margin:0}.account .who{color:#4e5969}
button,.btn{display:inline-block;padding:6px 14px;border:1px solid #0b57d0;border-radius:6px;background:#0b57d0;color:#fff;font:inherit;cursor:pointer;line-height:1.5}
.btn.light,button.light{background:#fff;color:#0b57d0}header.site form[role=search] button{border-radius:0 6px 6px 0}button.link{background:none;border:0;padding:0;color:#0b57d0;text-decoration:underline}
nav.cats{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 0}main{padding:16px}
.crumbs{color:#5b6472;font-size:13px;margin:8px 0}.crumbs a{color:#0b57d0;text-decoration:underline}
.card{background:#fff;border:1px solid #e5e6eb;border-radius:8px;padding:16px;margin-bottom:16px}
.meta{color:#5b6472;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 16px}.meta a{color:#0b57d0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.actions form{margin:0}
details.menu{position:relative}details.menu summary{list-style:none}details.menu summary::-webkit-details-marker{display:none}details.menu>div{position:absolute;z-index:2;top:100%;left:0;margin-top:4px;background:#fff;border:1px solid #e5e6eb;border-radius:6px;padding:8px 12px;min-width:220px;max-width:calc(100vw - 32px);box-shadow:0 4px 12px rgba(0,0,0,.08)}
.preview{overflow:auto;max-height:640px;background:#fff;border:1px solid #e5e6eb;border-radius:8px;margin:0}.preview svg{max-width:100%;height:auto;display:block;margin:0 auto}
.outline h3{font-size:17px;margin:18px 0 6px}.outline h4{font-size:15px;margin:12px 0 4px}.outline ul{margin:4px 0;padding-left:22px}.outline .note{color:#4e5969;margin:2px 0 6px;white-space:pre-wrap}
.label{display:inline-block;background:#f2f3f5;border-radius:4px;padding:0 6px;margin-left:6px;font-size:12px;color:#4e5969}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:16px}.grid .card{margin:0}.grid h3{margin:0 0 6px;font-size:16px}
.desc{color:#4e5969;font-size:14px;margin:6px 0}.pager{display:flex;flex-wrap:wrap;gap:8px;justify-content:center;margin:16px 0}.pager .cur{font-weight:700}
.sorts{display:flex;gap:12px;margin:8px 0}.sorts .cur{font-weight:700;color:#1f2329}
form.auth{display:grid;gap:12px;max-width:360px}form.auth label{display:grid;gap:4px}form.auth input{padding:8px 10px;border:1px solid #6b7380;border-radius:6px;font:inherit}
.error{color:#b42318;background:#fef3f2;border:1px solid #fda29b;border-radius:6px;padding:8px 12px}.notice{background:#ecfdf3;border:1px solid #75e0a7;border-radius:6px;padding:8px 12px}
.nomatch{border-color:#f5b041}
main input[type=search]{padding:6px 10px;border:1px solid #6b7380;border-radius:6px;font:inherit;max-width:calc(100% - 80px)}
footer{color:#5b6472;font-size:13px;padding:24px 0}
h1{font-size:28px;line-height:1.35;margin:0 0 8px}@media (max-width:600px){h1{font-size:22px}}
`;

if (STYLE.includes('</')) throw new Error('the stylesheet must not contain "</"');

/** Marks where the reader-specific part of the header goes (see fillAccountSlot). */
export const ACCOUNT_SLOT = '\u0001account\u0001';
const ACCOUNT_SLOT_BYTES = Buffer.from(ACCOUNT_SLOT, 'utf8');
/** Marks where a page's own font subset is declared, after the shared stylesheet (see fonts/slices.ts). */
export const FONT_SLOT = '\u0001fontface\u0001';
const FONT_SLOT_BYTES = Buffer.from(FONT_SLOT, 'utf8');

export interface Reader {
  lang: Lang;
  user: { name: string; email: string } | null;
  /** The path and query of the page being served (where the language switch returns to). */
  path: string;
}

/** The header's right side for one reader: language switch, then 我的文件 and the account links. */
export function accountArea(reader: Reader): SafeHtml {
  const m = messages(reader.lang);
  const other: Lang = reader.lang === 'zh' ? 'en' : 'zh';
  const switcher = html`<a href="${links.language(other, reader.path)}" lang="${m.switchLanguageLang}" hreflang="${m.switchLanguageLang}" aria-label="${m.switchLanguageLabel}">${m.switchLanguage}</a>`;
  if (!reader.user) {
    return html`<div class="account">${switcher}<a href="${links.myFiles}">${m.myFiles}</a><a href="${links.login(reader.path)}">${m.signIn}</a><a class="btn" href="${links.signup(reader.path)}">${m.signUp}</a></div>`;
  }
  return html`<div class="account">${switcher}<a href="${links.myFiles}">${m.myFiles}</a><span class="who" title="${reader.user.email}">${m.signedInAs(reader.user.name)}</span><a href="${links.password}">${m.changePassword}</a><form method="post" action="${links.logout}"><button type="submit" class="link">${m.signOut}</button></form></div>`;
}

/**
 * A page (string or bytes) with its slots filled: the account area for this reader, and the
 * page's own @font-face rule (a trusted stylesheet made by fonts/slices.ts; empty for none).
 */
export function fillAccountSlot(page: string | Buffer, reader: Reader, fontFace = ''): Buffer {
  const bytes = typeof page === 'string' ? Buffer.from(page, 'utf8') : page;
  const parts: Buffer[] = [];
  let from = 0;
  const font = bytes.indexOf(FONT_SLOT_BYTES);
  if (font >= 0) {
    parts.push(bytes.subarray(0, font));
    if (fontFace) parts.push(Buffer.from(`<style>${fontFace.replaceAll('<', '')}</style>`, 'utf8'));
    from = font + FONT_SLOT_BYTES.length;
  }
  const at = bytes.indexOf(ACCOUNT_SLOT_BYTES, from);
  if (at < 0) return from === 0 ? bytes : Buffer.concat([...parts, bytes.subarray(from)]);
  parts.push(bytes.subarray(from, at), Buffer.from(accountArea(reader).value, 'utf8'), bytes.subarray(at + ACCOUNT_SLOT_BYTES.length));
  return Buffer.concat(parts);
}

export function layout(meta: PageMeta, body: SafeHtml, categories: readonly { slug: string; name: string }[] = []): SafeHtml {
  const lang = meta.lang ?? 'zh';
  const m = messages(lang);
  const description = clip(meta.description, 150);
  return html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${meta.title} - ${m.siteName}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${meta.canonical}">
${meta.noindex ? html`<meta name="robots" content="noindex, follow">` : ''}
<meta property="og:site_name" content="${m.siteName}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${meta.canonical}">
<meta property="og:locale" content="${m.ogLocale}">
${meta.ogImage ? html`<meta property="og:image" content="${meta.ogImage}">` : ''}
${meta.jsonLd ? html`<script type="application/ld+json">${meta.jsonLd}</script>` : ''}
<link rel="stylesheet" href="${links.fontCss}">${trusted(FONT_SLOT)}
<style>${trusted(STYLE)}</style>
</head>
<body>
<header class="site"><div class="in">
<a class="logo" href="${links.home}">${m.siteName}</a>
<form action="/search" method="get" role="search"><input type="search" name="q" placeholder="${m.searchPlaceholder}" aria-label="${m.searchLabel}"><button type="submit">${m.searchButton}</button></form>
<a href="${links.templates}">${m.templates}</a>
${trusted(ACCOUNT_SLOT)}
</div></header>
<main>
${categories.length ? html`<nav class="cats" aria-label="${m.categoriesNav}">${categories.map((c) => html`<a href="${links.category(c.slug)}">${c.name}</a>`)}</nav>` : ''}
${body}
</main>
<footer><div class="in">${m.siteName} · ${m.footer}</div></footer>
</body>
</html>
`;
}
