// The template page (/templates/:fileId): breadcrumb, title, author, counters, the actions as
// plain links and forms, the SVG preview, description, 文件编号, the whole outline, citations and
// related templates. Rendered once per page version into a CompiledPage whose counter slots are
// filled on every request, so the page is cached without ever showing stale counts.

import { listFormats } from '@arbor/formats';
import type { TemplateDetail } from '../templates/library.ts';
import { clip, html, jsonForScript, type SafeHtml, trusted } from './html.ts';
import { formatDate, formatNumber, type Lang, messages } from './i18n/index.ts';
import { layout, links } from './layout.ts';
import { citationsHtml, outlineHtml } from './outline.ts';

export type CounterSlot = 'views' | 'uses' | 'favorites';
const SLOT = (name: CounterSlot) => trusted(`\u0001${name}\u0001`);

/**
 * A rendered page split around its counter slots, kept as UTF-8 bytes: serving it is a memcpy of
 * the static parts around three numbers, with no string building or encoding per request.
 */
export class CompiledPage {
  private readonly parts: (Buffer | CounterSlot)[];
  readonly byteLength: number;
  constructor(markup: string) {
    this.parts = markup
      .split(/\u0001(views|uses|favorites)\u0001/)
      .map((p, i) => (i % 2 === 0 ? Buffer.from(p, 'utf8') : (p as CounterSlot)));
    this.byteLength = this.parts.reduce((n, p) => n + (typeof p === 'string' ? 0 : p.length), 0);
  }
  fill(values: Record<CounterSlot, number>): Buffer {
    return Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(String(values[p] ?? 0)) : p)));
  }
}

const FORMAT_LABELS: Record<string, string> = {
  xmind: 'XMind',
  xmind8: 'XMind 8',
  freemind: 'FreeMind (.mm)',
  opml: 'OPML',
  markdown: 'Markdown',
  text: '纯文本大纲',
  json: 'Arbor JSON',
  svg: 'SVG 图片',
  png: 'PNG 图片',
  pdf: 'PDF 文档',
};

/** Writable formats worth offering for download, in a fixed order. */
export function downloadFormats(): { name: string; label: string }[] {
  const writable = new Set(
    listFormats()
      .filter((f) => f.canWrite)
      .map((f) => f.name),
  );
  return Object.entries(FORMAT_LABELS)
    .filter(([name]) => writable.has(name))
    .map(([name, label]) => ({ name, label }));
}

function formButton(action: string, label: string, light: boolean): SafeHtml {
  // multipart: the only form encoding the CSRF rules accept for cookie-authenticated writes.
  return html`<form method="post" action="${action}" enctype="multipart/form-data"><button type="submit"${light ? trusted(' class="light"') : ''}>${label}</button></form>`;
}

export function relatedList(items: TemplateDetail['related'], lang: Lang = 'zh'): SafeHtml {
  const m = messages(lang);
  return html`<ul class="related">${items.map(
    (r) => html`<li><a href="${links.template(r.fileId)}">${r.title}</a>
<div class="desc">${clip(r.description || r.categoryName, 90)}</div>
<div class="meta"><span>${r.categoryName}</span><span>${m.views(formatNumber(r.views, lang))}</span><span>${m.uses(formatNumber(r.uses, lang))}</span></div></li>`,
  )}</ul>`;
}

export function renderTemplatePage(detail: TemplateDetail, previewSvg: string, origin: string, lang: Lang = 'zh'): CompiledPage {
  const m = messages(lang);
  const tp = m.template;
  const canonical = origin + links.template(detail.fileId);
  const path = links.template(detail.fileId);
  const formats = downloadFormats();
  const shareText = encodeURIComponent(tp.shareText(detail.title));
  const shareUrl = encodeURIComponent(canonical);
  const crumbs = [
    { name: m.templatesCrumb, url: origin + links.templates },
    ...detail.categoryPath.map((c) => ({ name: c.name, url: origin + links.category(c.slug) })),
    { name: detail.title, url: canonical },
  ];
  const jsonLd = jsonForScript({
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  });
  const description = detail.description || tp.defaultDescription(detail.title, formatNumber(detail.topicCount, lang));

  const body = html`
<nav class="crumbs" aria-label="${tp.breadcrumb}">${crumbs.slice(0, -1).map((c) => html`<a href="${c.url.slice(origin.length)}">${c.name}</a> › `)}<span>${detail.title}</span></nav>
<article class="card">
<h1>${detail.title}</h1>
<div class="meta">
<span>${tp.authorLabel}<a href="${links.author(detail.authorId)}">${detail.author || tp.anonymous}</a></span>
<span>${tp.viewsLabel}${SLOT('views')}</span>
<span>${tp.createdLabel}<time datetime="${new Date(detail.createdAt).toISOString()}">${formatDate(detail.createdAt, lang, true)}</time></span>
<span>${tp.usedBefore}${SLOT('uses')}${tp.usedAfter}</span>
<span>${tp.favoritesLabel}${SLOT('favorites')}</span>
</div>
<div class="actions">
${formButton(`${path}/favorite`, tp.favorite, true)}
<details class="menu"><summary class="btn light">${tp.share}</summary><div>
<p>${tp.shareCopy}</p><input type="text" readonly value="${canonical}" aria-label="${tp.shareLink}" size="36">
<p><a href="https://service.weibo.com/share/share.php?url=${shareUrl}&amp;title=${shareText}" rel="noopener nofollow">${tp.shareWeibo}</a> ·
<a href="https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=${shareUrl}&amp;title=${shareText}" rel="noopener nofollow">${tp.shareQzone}</a></p>
</div></details>
<details class="menu"><summary class="btn light">${tp.download}</summary><div><ul>
${formats.map((f) => html`<li><a href="/api/templates/${detail.fileId}/download?format=${f.name}" rel="nofollow" download>${f.label}</a></li>`)}
</ul></div></details>
${formButton(`${path}/use`, tp.use, false)}
${formButton(`${path}/edit`, tp.edit, true)}
</div>
<figure class="preview" aria-label="${tp.preview}" tabindex="0">${trusted(previewSvg)}</figure>
<section><h2>${tp.about}</h2><p>${description}</p>
${detail.tags.length ? html`<p class="meta">${detail.tags.map((t) => html`<span class="label">${t}</span>`)}</p>` : ''}
</section>
<p class="meta"><span>${tp.fileId}${detail.fileId}</span><span>${tp.topics}${formatNumber(detail.topicCount, lang)}</span><span>${tp.updatedLabel}${formatDate(detail.updatedAt, lang, true)}</span></p>
</article>
<section class="card outline"><h2>${tp.outline}</h2>
<h2 class="root">${detail.doc.topics[detail.doc.rootId]?.text || detail.title}</h2>
${outlineHtml(detail.doc)}
</section>
${citationsHtml(detail.references)}
<section class="card"><h2>${tp.related}</h2>${detail.related.length ? relatedList(detail.related, lang) : html`<p class="desc">${tp.noRelated}</p>`}</section>
`;
  const page = layout(
    {
      title: detail.title,
      description: `${description} ${clip(detail.categoryPath.map((c) => c.name).join(' '), 40)}`,
      canonical,
      ogType: 'article',
      ogImage: formats.some((f) => f.name === 'png') ? `${origin}/api/templates/${detail.fileId}/download?format=png` : undefined,
      jsonLd,
      lang,
    },
    body,
  );
  return new CompiledPage(page.value);
}
