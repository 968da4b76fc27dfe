// My files' data: the lists the server gives (`GET /api/maps`, `GET /api/folders`), loaded in pages
// of 200 in parallel, sorted and grouped in the browser, and the new-map structures.

import { DocBuilder, type MindDoc, type StructureName } from '@arbor/core';
import { api } from '../api.ts';
import { T, type Text, tr } from '../i18n.ts';
import { MAPS_PAGE, mapsPageUrl } from './first-requests.ts';
import type { TemplateList } from './templates-model.ts';

export interface FileItem {
  id: string;
  title: string;
  folderId: string | null;
  version: number;
  starred: boolean;
  trashedAt: number | null;
  createdAt: number;
  updatedAt: number;
  openedAt: number | null;
  /** In search results: found in the title, or in the map's text (with the line that has it). */
  match?: { in: 'title' | 'content'; text?: string };
}

export interface Folder {
  id: string;
  name: string;
  parentId: string | null;
}

export type View = 'all' | 'recent' | 'starred' | 'trash';
export type Sort = 'updated' | 'created' | 'title';

const PAGE = MAPS_PAGE;
/** The most maps one list shows; a search narrows larger sets. */
export const LIST_CAP = 5000;

/** Every map of a view (all pages, fetched in parallel after the first gives the total). */
export async function loadMaps(
  view: View,
  q: string,
  onFirstPage?: (page: { items: FileItem[]; total: number }) => void,
): Promise<{ items: FileItem[]; total: number }> {
  const first = await api<{ items: FileItem[]; total: number }>(mapsPageUrl(view, q, 0));
  if (first.total > first.items.length) onFirstPage?.(first);
  const pages: Promise<{ items: FileItem[] }>[] = [];
  for (let off = PAGE; off < Math.min(first.total, LIST_CAP); off += PAGE) pages.push(api(mapsPageUrl(view, q, off)));
  const rest = await Promise.all(pages);
  const seen = new Set<string>();
  const items: FileItem[] = [];
  for (const it of [first, ...rest].flatMap((p) => p.items)) {
    if (seen.has(it.id)) continue;
    seen.add(it.id);
    items.push(it);
  }
  return { items, total: first.total };
}

export async function loadFolders(): Promise<Folder[]> {
  return (await api<{ items: Folder[] }>('/api/folders')).items;
}

export function sortItems(items: FileItem[], sort: Sort, view: View, locale: string): FileItem[] {
  if (view === 'recent' || view === 'trash') return items; // the server's order: last opened / last trashed
  const out = items.slice();
  if (sort === 'title') {
    const coll = new Intl.Collator(locale, { numeric: true });
    out.sort((a, b) => coll.compare(a.title, b.title));
  } else if (sort === 'created') out.sort((a, b) => b.createdAt - a.createdAt);
  else out.sort((a, b) => b.updatedAt - a.updatedAt);
  // Search results: maps found by title before maps found in their text (the sort is stable).
  if (out.some((i) => i.match)) out.sort((a, b) => tier(a) - tier(b));
  return out;
}

const tier = (i: FileItem) => (i.match?.in === 'content' ? 1 : 0);

/** Folders as an indented list (depth-first, by name). */
export function folderTree(folders: Folder[], locale: string): { folder: Folder; depth: number }[] {
  const coll = new Intl.Collator(locale, { numeric: true });
  const kids = new Map<string | null, Folder[]>();
  const ids = new Set(folders.map((f) => f.id));
  for (const f of folders) {
    const p = f.parentId && ids.has(f.parentId) ? f.parentId : null;
    let list = kids.get(p);
    if (!list) kids.set(p, (list = []));
    list.push(f);
  }
  const out: { folder: Folder; depth: number }[] = [];
  const walk = (p: string | null, depth: number) => {
    for (const f of (kids.get(p) ?? []).sort((a, b) => coll.compare(a.name, b.name))) {
      out.push({ folder: f, depth });
      if (depth < 32) walk(f.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** True when folder `id` is `ancestor` or lies somewhere inside it (a folder cannot move there). */
export function insideFolder(folders: Folder[], id: string, ancestor: string): boolean {
  const byId = new Map(folders.map((f) => [f.id, f]));
  let cur: string | null = id;
  for (let guard = 0; cur !== null && guard < 1000; guard++) {
    if (cur === ancestor) return true;
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

export const STRUCTURES: readonly { name: StructureName; label: Text }[] = [
  { name: 'mindmap', label: T('思维导图', 'Mind map') },
  { name: 'logic-right', label: T('逻辑图', 'Logic chart') },
  { name: 'org-down', label: T('组织结构图', 'Org chart') },
  { name: 'tree', label: T('树形图', 'Tree') },
  { name: 'timeline-horizontal', label: T('时间轴', 'Timeline') },
  { name: 'fishbone-right', label: T('鱼骨图', 'Fishbone') },
];

/** A new map's document in a structure: the central topic and a few starting branches. */
export function structureDoc(structure: StructureName): MindDoc {
  const title = tr(T('未命名导图', 'Untitled map'));
  const b = new DocBuilder({ title, rootText: tr(T('中心主题', 'Central topic')), structure });
  for (let i = 1; i <= 3; i++) b.add(b.rootId, { text: `${tr(T('分支主题', 'Branch'))} ${i}` });
  return b.build();
}

export interface Place {
  view: View;
  folder: string | undefined;
  templates: TemplateList | null;
}

/** `?view=recent|starred|trash`, `?folder=<id>|root` or `?list=favorites|mine`; anything else is all maps. */
export function placeFromUrl(search: string): Place {
  const p = new URLSearchParams(search);
  const list = p.get('list');
  if (list === 'favorites' || list === 'mine') return { view: 'all', folder: undefined, templates: list };
  const view = p.get('view');
  if (view === 'recent' || view === 'starred' || view === 'trash') return { view, folder: undefined, templates: null };
  const folder = p.get('folder');
  return { view: 'all', folder: folder && folder.length <= 64 ? folder : undefined, templates: null };
}

export function placeToUrl(place: Place): string {
  if (place.templates) return `?list=${place.templates}`;
  if (place.view !== 'all') return `?view=${place.view}`;
  return place.folder ? `?folder=${encodeURIComponent(place.folder)}` : '';
}

/**
 * A line split where the words of a query occur (case-insensitive), for <mark>: the odd parts
 * are the words found. Words are matched as typed, longest first, with no pattern syntax.
 */
export function splitByWords(text: string, query: string): string[] {
  const words = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!words.length) return [text];
  const lower = text.toLowerCase();
  // toLowerCase may change a string's length (rare letters): then offsets would not line up.
  if (lower.length !== text.length) return [text];
  const out: string[] = [];
  let from = 0;
  let i = 0;
  while (i < lower.length) {
    const w = words.find((x) => lower.startsWith(x, i));
    if (!w) {
      i++;
      continue;
    }
    out.push(text.slice(from, i), text.slice(i, i + w.length));
    i += w.length;
    from = i;
  }
  out.push(text.slice(from));
  return out;
}
