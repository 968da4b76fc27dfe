// The template lists of My files: the templates I favourited (`GET /api/templates/favorites`) and
// the ones I published (`GET /api/templates?author=me`), a page at a time, and what a card does
// with one (use it: a copy in my files; remove it from my favourites).

import { api, type MapSummary } from '../api.ts';

export type TemplateList = 'favorites' | 'mine';

/** A template as the server lists it (search and favourites give the same items). */
export interface TemplateItem {
  fileId: string;
  title: string;
  description: string;
  category: string;
  categoryName: string;
  author: string;
  authorId: string;
  views: number;
  uses: number;
  favorites: number;
  createdAt: number;
  /** The template's public page. */
  url: string;
}

export interface TemplatePage {
  items: TemplateItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** The server's largest page. */
export const TEMPLATE_PAGE_SIZE = 50;

export function loadTemplates(list: TemplateList, page: number): Promise<TemplatePage> {
  const paging = `page=${page}&pageSize=${TEMPLATE_PAGE_SIZE}`;
  return api<TemplatePage>(list === 'favorites' ? `/api/templates/favorites?${paging}` : `/api/templates?author=me&sort=new&${paging}`);
}

/** Adds the next page to a list, leaving out templates already shown (a favourite added meanwhile shifts pages). */
export function appendPage(items: TemplateItem[], next: TemplateItem[]): TemplateItem[] {
  const seen = new Set(items.map((i) => i.fileId));
  return [...items, ...next.filter((i) => !seen.has(i.fileId))];
}

/** Copies a template into my files; answers the new map's id. */
export async function useTemplate(fileId: string): Promise<string> {
  const r = await api<{ map: MapSummary }>('/api/maps', { method: 'POST', body: { templateFileId: fileId } });
  return r.map.id;
}

export async function unfavorite(fileId: string): Promise<void> {
  await api(`/api/templates/${encodeURIComponent(fileId)}/favorite`, { method: 'POST', body: { on: false } });
}

export const previewUrl = (fileId: string): string => `/api/templates/${encodeURIComponent(fileId)}/preview.svg`;
