// 引用法条 resolved against the library: each citation under the law's full name (built-in short names,
// then the library's own titles), linked to that law's template page and to the cited article's topic
// (`/templates/:fileId#第十条`), and a repealed or replaced law marked with its successor.

import { lawKey, lawNames, type Repeal, type ResolvedCitation, resolveCitation } from '@arbor/docmap';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Citations resolved per template page at most (the list shows them all, the rest unlinked). */
const MAX_RESOLVED = 60;
/** Library rows looked at per page: laws whose titles contain a cited name. */
const MAX_ROWS = 300;

export interface CitationLink extends ResolvedCitation {
  /** The law's template page, with the cited article's anchor when the template has that article. */
  href?: string;
  repealed?: Repeal & { successorHref?: string };
}

interface LawRow {
  id: number;
  file_id: string;
  title: string;
}

/** The anchor of a cited article: `第十条` of `第十条第二款`. */
export function articleAnchor(article: string): string {
  return /^第[^条]+条(?:之[一二三四五六七八九十]+)?/.exec(article)?.[0] ?? article;
}

/** The law a library title is about: its first word, without 中华人民共和国 or a version note. */
function titleKey(title: string): string {
  return lawKey(
    title
      .replace(/[\s\u3000]+/g, ' ')
      .trim()
      .split(' ')[0] ?? '',
  );
}

/** Year of a versioned title (`…（2018年版）`), 0 for the current one: the current version is preferred. */
function versionOf(title: string): number {
  const m = /[（(](\d{4})[^()（）]*[)）]\s*$/.exec(title);
  return m ? Number(m[1]) : 0;
}

/** Resolves and links the citations of a template. Unknown laws stay as written, without a link. */
export async function linkCitations(db: Kysely<Database>, citations: readonly string[]): Promise<CitationLink[]> {
  const parsed = citations.slice(0, MAX_RESOLVED).map((c) => resolveCitation(c));
  // The library's laws whose titles hold a cited name (or a successor's): one query.
  const keys = new Set<string>();
  for (const p of parsed) {
    if (!p) continue;
    keys.add(lawKey(p.name));
    if (p.repealed) keys.add(lawKey(p.repealed.successor));
  }
  const usable = [...keys].filter((k) => k.length >= 2 && !/[%_\\]/.test(k));
  const rows: LawRow[] = usable.length
    ? await db
        .selectFrom('templates')
        .select(['id', 'file_id', 'title'])
        .where((eb) => eb.or(usable.map((k) => eb('title', 'like', `%${k}%`))))
        .orderBy('id')
        .limit(MAX_ROWS)
        .execute()
    : [];
  const names = lawNames(rows.map((r) => r.title));
  const byKey = new Map<string, LawRow[]>();
  for (const r of rows) {
    const k = titleKey(r.title);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  // Outline texts of the candidate laws, read once, to find which template holds a cited article.
  const outlines = new Map<number, string>();
  const wanted = new Set<number>();
  const resolved = citations.map((c, i) => (i < MAX_RESOLVED ? resolveCitation(c, names) : undefined));
  for (const r of resolved) if (r?.article) for (const row of byKey.get(lawKey(r.fullName)) ?? []) wanted.add(row.id);
  if (wanted.size)
    for (const o of await db
      .selectFrom('template_contents')
      .select(['template_id', 'outline_text'])
      .where('template_id', 'in', [...wanted])
      .execute())
      outlines.set(o.template_id, o.outline_text);

  const hasArticle = (row: LawRow, anchor: string) =>
    new RegExp(`^\\s*${anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[\\s\\u3000]|$)`, 'm').test(outlines.get(row.id) ?? '');
  const pick = (fullName: string, anchor?: string): { row: LawRow; anchored: boolean } | undefined => {
    const rowsOf = [...(byKey.get(lawKey(fullName)) ?? [])].sort((a, b) => {
      const va = versionOf(a.title);
      const vb = versionOf(b.title);
      return va === 0 || vb === 0 ? va - vb : vb - va;
    });
    if (anchor) {
      const withArticle = rowsOf.find((r) => hasArticle(r, anchor));
      if (withArticle) return { row: withArticle, anchored: true };
    }
    return rowsOf[0] ? { row: rowsOf[0], anchored: false } : undefined;
  };

  return citations.map((c, i) => {
    const r = resolved[i];
    if (!r) return { name: c, fullName: c, text: c };
    const link: CitationLink = { ...r };
    const anchor = r.article ? articleAnchor(r.article) : undefined;
    const found = pick(r.fullName, anchor);
    if (found) link.href = `/templates/${found.row.file_id}${found.anchored && anchor ? `#${anchor}` : ''}`;
    if (r.repealed) {
      const successor = pick(r.repealed.successor);
      link.repealed = successor ? { ...r.repealed, successorHref: `/templates/${successor.row.file_id}` } : { ...r.repealed };
    }
    return link;
  });
}
