// The template lists inside My files (收藏的模板, 我发布的模板): cards in the maps' grid or list
// styles with the server's preview, title (linking to the template's page), category and counts in
// the reader's locale; 使用模板 makes a copy and opens it, 取消收藏 drops a favourite. A page of 50
// at a time with a "load more" button; an empty list says where templates come from.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { T, tr } from '../i18n.ts';
import type { Layout } from './shell.tsx';
import { appendPage, loadTemplates, previewUrl, type TemplateItem, type TemplateList, unfavorite, useTemplate } from './templates-model.ts';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' };

export interface TemplatesPaneProps {
  list: TemplateList;
  heading: string;
  layout: Layout;
  locale: string;
  say(kind: 'info' | 'error', text: string): void;
}

const errorText = (e: unknown): string =>
  e instanceof ApiError && e.status === 401 ? tr(T('请先登录。', 'Please sign in first.')) : String((e as Error).message);

export function TemplatesPane({ list, heading, layout, locale, say }: TemplatesPaneProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [items, setItems] = useState<TemplateItem[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [more, setMore] = useState(false);
  const [reload, setReload] = useState(0);
  /** The template being copied (its button waits). */
  const [using, setUsing] = useState<string | null>(null);
  /** After a card goes, focus moves to the card now in its place (or the heading). */
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const dates = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }), [locale]);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    setItems([]);
    loadTemplates(list, 1)
      .then((p) => {
        if (!live) return;
        setItems(p.items);
        setTotal(p.total);
        setPage(1);
        setLoad({ kind: 'ready' });
      })
      .catch((e) => live && setLoad({ kind: 'error', message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [list, reload]);

  useEffect(() => {
    if (focusAt === null) return;
    const cards = listRef.current?.querySelectorAll<HTMLAnchorElement>('.file-title') ?? [];
    const target = cards[Math.min(focusAt, cards.length - 1)] ?? document.getElementById('files-heading');
    target?.focus();
    setFocusAt(null);
  }, [focusAt]);

  const loadMore = async () => {
    setMore(true);
    try {
      const p = await loadTemplates(list, page + 1);
      setItems((cur) => appendPage(cur, p.items));
      setTotal(p.total);
      setPage(page + 1);
    } catch (e) {
      say('error', errorText(e));
    } finally {
      setMore(false);
    }
  };

  const use = async (t: TemplateItem) => {
    setUsing(t.fileId);
    try {
      const id = await useTemplate(t.fileId);
      location.assign(`/app/maps/${encodeURIComponent(id)}`);
    } catch (e) {
      setUsing(null);
      say('error', errorText(e));
    }
  };

  const remove = async (t: TemplateItem, index: number) => {
    try {
      await unfavorite(t.fileId);
      setItems((cur) => cur.filter((i) => i.fileId !== t.fileId));
      setTotal((n) => Math.max(0, n - 1));
      setFocusAt(index);
      say('info', `“${t.title}” ${tr(T('已取消收藏', 'removed from your favourites'))}`);
    } catch (e) {
      say('error', errorText(e));
    }
  };

  if (load.kind === 'loading') return <p role="status">{tr(T('加载中…', 'Loading…'))}</p>;
  if (load.kind === 'error')
    return (
      <p role="alert" class="error-text">
        {load.message}{' '}
        <button type="button" class="secondary" onClick={() => setReload((n) => n + 1)}>
          {tr(T('重试', 'Retry'))}
        </button>
      </p>
    );
  if (items.length === 0) return <EmptyTemplates list={list} />;
  return (
    <>
      <ul ref={listRef} class={`file-items ${layout}`} aria-label={heading} data-loaded={items.length}>
        {items.map((t, i) => (
          <TemplateCard
            key={t.fileId}
            item={t}
            numbers={numbers}
            dates={dates}
            mine={list === 'mine'}
            using={using === t.fileId}
            onUse={() => void use(t)}
            onRemove={list === 'favorites' ? () => void remove(t, i) : undefined}
          />
        ))}
      </ul>
      {total > items.length ? (
        <p class="templates-more">
          <span class="muted">
            {items.length} / {numbers.format(total)}
          </span>{' '}
          <button type="button" class="secondary" disabled={more} onClick={() => void loadMore()}>
            {more ? tr(T('加载中…', 'Loading…')) : tr(T('加载更多', 'Load more'))}
          </button>
        </p>
      ) : null}
    </>
  );
}

function EmptyTemplates({ list }: { list: TemplateList }) {
  return (
    <div class="files-empty templates-empty">
      {list === 'favorites' ? (
        <p>
          {tr(
            T(
              '还没有收藏的模板。在模板库中打开一个模板，点“收藏”，它就会出现在这里。',
              'No favourite templates yet. Open a template in the library and choose Favourite: it will show here.',
            ),
          )}
        </p>
      ) : (
        <p>
          {tr(
            T(
              '你还没有发布模板。在编辑器中打开自己的导图，点“发布为模板”，它会列在模板库中，也会出现在这里。',
              'You have not published a template yet. Open one of your maps and choose Publish template: it is listed in the template library and here.',
            ),
          )}
        </p>
      )}
      <p>
        <a href="/templates">{tr(T('浏览模板库', 'Browse the template library'))}</a>
      </p>
    </div>
  );
}

function TemplateCard({
  item: t,
  numbers,
  dates,
  mine,
  using,
  onUse,
  onRemove,
}: {
  item: TemplateItem;
  numbers: Intl.NumberFormat;
  dates: Intl.DateTimeFormat;
  /** My own template: when it was published rather than who by. */
  mine: boolean;
  using: boolean;
  onUse(): void;
  onRemove?: () => void;
}) {
  const [views, uses, favorites] = [t.views, t.uses, t.favorites].map((n) => numbers.format(n));
  const en = (n: number, word: string) => (n === 1 ? word : `${word}s`);
  const counts = tr(
    T(
      `浏览 ${views} · 使用 ${uses} · 收藏 ${favorites}`,
      `${views} ${en(t.views, 'view')} · ${uses} ${en(t.uses, 'use')} · ${favorites} ${en(t.favorites, 'favourite')}`,
    ),
  );
  return (
    <li class="file-card template-card" data-file-id={t.fileId}>
      <span class="thumb" aria-hidden="true">
        <img loading="lazy" decoding="async" alt="" src={previewUrl(t.fileId)} />
      </span>
      <div class="file-info">
        <a class="file-title" href={t.url} title={t.description || undefined}>
          {t.title}
        </a>
        <span class="muted file-meta">
          {t.categoryName}
          {mine ? ` · ${tr(T('发布于', 'Published'))} ${dates.format(t.createdAt)}` : t.author ? ` · ${t.author}` : ''}
        </span>
        <span class="muted file-meta template-counts">{counts}</span>
      </div>
      <div class="file-actions">
        <button
          type="button"
          class="secondary"
          disabled={using}
          aria-label={`${tr(T('使用模板', 'Use template'))}: ${t.title}`}
          onClick={onUse}
        >
          {using ? tr(T('正在创建…', 'Creating…')) : tr(T('使用模板', 'Use template'))}
        </button>
        {onRemove ? (
          <button
            type="button"
            class="link-button"
            aria-label={`${tr(T('取消收藏', 'Remove from favourites'))}: ${t.title}`}
            onClick={onRemove}
          >
            {tr(T('取消收藏', 'Remove from favourites'))}
          </button>
        ) : null}
      </div>
    </li>
  );
}
