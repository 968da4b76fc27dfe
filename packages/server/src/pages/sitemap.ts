// sitemap.xml (home, template index, categories, every template with its last change) and robots.txt.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CategoryTree } from '../templates/categories.ts';
import { escapeXml } from './html.ts';
import { links } from './layout.ts';

/** The sitemap protocol's limit per file. */
export const SITEMAP_MAX_URLS = 50_000;

export async function sitemapXml(db: Kysely<Database>, origin: string, categories: CategoryTree): Promise<string> {
  const rows = await db
    .selectFrom('templates')
    .select(['file_id', 'updated_at'])
    .orderBy('id')
    .limit(SITEMAP_MAX_URLS - 2 - categories.all.length)
    .execute();
  const url = (loc: string, lastmod?: number) =>
    `<url><loc>${escapeXml(origin + loc)}</loc>${lastmod ? `<lastmod>${new Date(lastmod).toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/'),
    url(links.templates),
  ];
  for (const c of categories.all) parts.push(url(links.category(c.slug)));
  for (const r of rows) parts.push(url(links.template(r.file_id), r.updated_at));
  parts.push('</urlset>');
  return `${parts.join('\n')}\n`;
}

export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /app', 'Disallow: /search', `Sitemap: ${origin}/sitemap.xml`, ''].join(
    '\n',
  );
}
