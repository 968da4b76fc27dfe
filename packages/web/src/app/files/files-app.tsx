// My files (`/app/`): new map (blank, from a structure, from a template, from a document), folders
// (create, rename, move, delete), all / recent / starred / trash, search, sort, list and grid views
// with server-drawn thumbnails, drag maps onto folders, and import by dropping a file anywhere; and
// the templates I favourited or published (templates-view.tsx). Signed out, it offers the sign-in
// link. At 375 px the sidebar folds above the list. The pieces: sidebar.tsx, file-card.tsx,
// dialogs.tsx, shell.tsx.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, type MapSummary } from '../api.ts';
import { ImportController } from '../dialogs/import.tsx';
import { lang, T, tr } from '../i18n.ts';
import { FileDialogs, type Prompt } from './dialogs.tsx';
import { DRAG_TYPE, FileCard } from './file-card.tsx';
import {
  type FileItem,
  type Folder,
  folderTree,
  loadFolders,
  loadMaps,
  placeFromUrl,
  placeToUrl,
  type Sort,
  sortItems,
  structureDoc,
  type View,
} from './model.ts';
import { closeMenus, type Layout, LayoutSwitch, Shell, store, stored } from './shell.tsx';
import { Sidebar, TEMPLATE_LISTS, VIEWS } from './sidebar.tsx';
import type { TemplateList } from './templates-model.ts';
import { TemplatesPane } from './templates-view.tsx';
import './files.css';

type Load = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'error'; message: string } | { kind: 'ready' };
/** Cards in the first render (more than a large screen shows), then per step as the list is scrolled. */
const FIRST_CARDS = 24;
const MORE_CARDS = 48;

export function FilesApp() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [items, setItems] = useState<FileItem[]>([]);
  const [total, setTotal] = useState(0);
  const [folders, setFolders] = useState<Folder[]>([]);
  const initial = useMemo(() => placeFromUrl(location.search), []);
  const [view, setView] = useState<View>(initial.view);
  /** undefined = every folder; 'root' = top level only; else a folder id. */
  const [folder, setFolder] = useState<string | undefined>(initial.folder);
  /** A template list shown instead of the maps. */
  const [templates, setTemplates] = useState<TemplateList | null>(initial.templates);
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>(stored('arbor.files.sort', 'updated') as Sort);
  const [layout, setLayout] = useState<Layout>(stored('arbor.files.layout', 'grid') === 'list' ? 'list' : 'grid');
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [dropFolder, setDropFolder] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  /** Cards rendered so far: a long list grows as it is scrolled (a sentinel at its end). */
  const [showCount, setShowCount] = useState(FIRST_CARDS);
  // Thumbnails come after the first cards are on screen: each SVG picture is parsed and drawn on the
  // main thread, and two dozen of them held the first frame back by about 100 ms.
  const [thumbs, setThumbs] = useState(false);
  const [complete, setComplete] = useState(false);
  const sentinel = useRef<HTMLLIElement>(null);
  const pick = useRef<() => void>(() => {});
  const locale = lang() === 'zh' ? 'zh-CN' : 'en';
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), [locale]);

  // `/app/?new=map&title=…` (the template search's "no good match" offer): make that map at once.
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const kind = params.get('new');
    if (kind !== 'map' && kind !== 'ai') return;
    history.replaceState(null, '', location.pathname);
    if (kind === 'ai') {
      void createMap({ title: params.get('title')?.trim().slice(0, 200) || tr(T('未命名导图', 'Untitled map')) }, '?ai=1');
      return;
    }
    const title = params.get('title')?.trim();
    if (title) void createMap({ title: title.slice(0, 200) });
    else setPrompt({ kind: 'new' });
  }, []);

  useEffect(() => {
    document.title = `${tr(T('我的文件', 'My files'))} · Arbor`;
    document.addEventListener('click', closeMenus);
    return () => document.removeEventListener('click', closeMenus);
  }, []);

  // Search as you type, a quarter second after the last key; not the pinyin an input method is still composing.
  const composing = useRef(false);
  const [composed, setComposed] = useState(0);
  useEffect(() => {
    if (composing.current) return;
    const t = setTimeout(() => setQ(query.trim()), 250);
    return () => clearTimeout(t);
  }, [query, composed]);

  useEffect(() => {
    let live = true;
    setShowCount(FIRST_CARDS);
    const folderList = loadFolders();
    // The first page shows as soon as it arrives (newest first); the rest follows.
    const first = (page: { items: FileItem[]; total: number }) => {
      if (!live) return;
      setItems(page.items);
      setTotal(page.total);
      setComplete(false);
      void folderList.then((fl) => live && setFolders(fl)).catch(() => {});
      setLoad({ kind: 'ready' });
    };
    Promise.all([loadMaps(view, q, first), folderList])
      .then(([maps, fl]) => {
        if (!live) return;
        setItems(maps.items);
        setTotal(maps.total);
        setFolders(fl);
        setComplete(true);
        setLoad({ kind: 'ready' });
      })
      .catch((e) => {
        if (!live) return;
        setLoad(
          e instanceof ApiError && e.status === 401 ? { kind: 'signed-out' } : { kind: 'error', message: String((e as Error).message) },
        );
      });
    return () => {
      live = false;
    };
  }, [view, q, reload]);

  // The list shown is kept in the address, so reloading or coming back from a map or a template page returns to it.
  useEffect(() => {
    const search = placeToUrl({ view, folder, templates });
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}`);
  }, [view, folder, templates]);

  useEffect(() => {
    if (thumbs || load.kind !== 'ready') return;
    let timer = 0;
    const raf = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setThumbs(true), 0);
    });
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [load.kind, thumbs]);

  const refresh = () => setReload((n) => n + 1);
  const showMaps = (v: View, f: string | undefined) => {
    setTemplates(null);
    setView(v);
    setFolder(f);
  };
  const say = (kind: 'info' | 'error', text: string) => setMessage({ kind, text });
  const guard = async (f: () => Promise<unknown>, done?: string) => {
    try {
      await f();
      if (done) say('info', done);
    } catch (e) {
      say('error', String((e as Error).message));
    }
    refresh();
  };

  const shown = useMemo(() => {
    let list = items;
    if (view === 'all' && folder !== undefined)
      list = list.filter((i) => (folder === 'root' ? i.folderId === null : i.folderId === folder));
    return sortItems(list, sort, view, locale);
  }, [items, view, folder, sort, locale]);
  const tree = useMemo(() => folderTree(folders, locale), [folders, locale]);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || showCount >= shown.length) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setShowCount((n) => n + MORE_CARDS);
      },
      { rootMargin: '600px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [showCount, shown.length]);
  const folderName = (id: string | null) => (id ? (folders.find((f) => f.id === id)?.name ?? '') : '');

  const createMap = async (body: Record<string, unknown>, then = '') => {
    try {
      const r = await api<{ map: MapSummary }>('/api/maps', {
        method: 'POST',
        body: { ...body, ...(folder && folder !== 'root' ? { folderId: folder } : {}) },
      });
      location.assign(`/app/maps/${encodeURIComponent(r.map.id)}${then}`);
    } catch (e) {
      say('error', String((e as Error).message));
    }
  };

  const moveTo = (id: string, folderId: string | null) =>
    guard(
      () => api(`/api/maps/${encodeURIComponent(id)}`, { method: 'PATCH', body: { folderId } }),
      folderId ? `${tr(T('已移到', 'Moved to'))} “${folderName(folderId)}”` : tr(T('已移到顶层', 'Moved to the top level')),
    );

  if (load.kind === 'signed-out')
    return (
      <Shell>
        <section class="files-signed-out">
          <h2>{tr(T('登录后查看你的导图', 'Sign in to see your maps'))}</h2>
          <p>
            <a href={`/login?next=${encodeURIComponent('/app/')}`}>{tr(T('登录', 'Sign in'))}</a>
            {' · '}
            <a href={`/signup?next=${encodeURIComponent('/app/')}`}>{tr(T('注册', 'Sign up'))}</a>
            {' · '}
            <a href="/templates">{tr(T('浏览模板库', 'Browse the templates'))}</a>
          </p>
        </section>
      </Shell>
    );

  const dropProps = (target: string | null) => ({
    onDragOver: (e: DragEvent) => {
      if (!Array.from(e.dataTransfer?.types ?? []).includes(DRAG_TYPE)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      setDropFolder(target ?? 'root');
    },
    onDragLeave: () => setDropFolder(null),
    onDrop: (e: DragEvent) => {
      const id = e.dataTransfer?.getData(DRAG_TYPE);
      setDropFolder(null);
      if (!id) return;
      e.preventDefault();
      void moveTo(id, target);
    },
  });

  const heading = templates
    ? tr(TEMPLATE_LISTS.find((t) => t.list === templates)!.label)
    : view === 'all'
      ? folder === undefined
        ? tr(T('全部导图', 'All maps'))
        : folder === 'root'
          ? tr(T('顶层', 'Top level'))
          : folderName(folder)
      : tr(VIEWS.find((v) => v.view === view)!.label);

  return (
    <Shell>
      <ImportController
        folderId={folder && folder !== 'root' ? folder : null}
        register={(f) => {
          pick.current = f;
        }}
        onImported={refresh}
      />
      <div class="files-layout">
        <Sidebar
          view={view}
          folder={folder}
          templates={templates}
          tree={tree}
          dropFolder={dropFolder}
          dropProps={dropProps}
          onNewMap={() => setPrompt({ kind: 'new' })}
          onView={(v) => showMaps(v, undefined)}
          onFolder={(f) => showMaps('all', f)}
          onTemplates={(list) => {
            setTemplates(list);
            setMessage(null);
          }}
          onNewFolder={() => setPrompt({ kind: 'new-folder' })}
          onMoveFolder={(f) => setPrompt({ kind: 'move-folder', folder: f })}
          onRenameFolder={(f) => setPrompt({ kind: 'rename-folder', folder: f })}
          onDeleteFolder={(f) => {
            if (!confirm(tr(T('删除此文件夹？其中的导图会移到顶层。', 'Delete this folder? Its maps move to the top level.')))) return;
            if (folder === f.id) setFolder(undefined);
            void guard(
              () => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'DELETE' }),
              tr(T('文件夹已删除', 'Folder deleted')),
            );
          }}
        />
        <main class="files-main" aria-labelledby="files-heading">
          <div class="files-bar">
            <h1 id="files-heading" tabIndex={-1}>
              {heading}
            </h1>
            {templates ? null : (
              <>
                <input
                  type="search"
                  class="files-search"
                  placeholder={tr(T('搜索标题和内容', 'Search titles and content'))}
                  aria-label={tr(T('搜索导图', 'Search maps'))}
                  value={query}
                  onInput={(e) => setQuery(e.currentTarget.value)}
                  onCompositionStart={() => {
                    composing.current = true;
                  }}
                  onCompositionEnd={(e) => {
                    composing.current = false;
                    setQuery(e.currentTarget.value);
                    setComposed((n) => n + 1);
                  }}
                />
                <label class="files-sort">
                  <span>{tr(T('排序', 'Sort'))}</span>
                  <select
                    value={sort}
                    disabled={view === 'recent' || view === 'trash'}
                    onChange={(e) => {
                      const s = e.currentTarget.value as Sort;
                      setSort(s);
                      store('arbor.files.sort', s);
                    }}
                  >
                    <option value="updated">{tr(T('最近修改', 'Last changed'))}</option>
                    <option value="created">{tr(T('创建时间', 'Created'))}</option>
                    <option value="title">{tr(T('标题', 'Title'))}</option>
                  </select>
                </label>
              </>
            )}
            <LayoutSwitch layout={layout} onChange={setLayout} />
            {!templates && view === 'trash' && items.length ? (
              <button
                type="button"
                class="danger"
                onClick={() => {
                  if (!confirm(tr(T('永久删除回收站中的全部导图？', 'Delete every map in the trash for ever?')))) return;
                  void guard(() => api('/api/trash', { method: 'DELETE' }), tr(T('回收站已清空', 'Trash emptied')));
                }}
              >
                {tr(T('清空回收站', 'Empty the trash'))}
              </button>
            ) : null}
          </div>
          {message ? (
            <p
              class={message.kind === 'error' ? 'files-message error-text' : 'files-message'}
              role={message.kind === 'error' ? 'alert' : 'status'}
            >
              {message.text}{' '}
              <button type="button" class="link-button" onClick={() => setMessage(null)}>
                {tr(T('知道了', 'Dismiss'))}
              </button>
            </p>
          ) : null}
          {templates ? (
            <TemplatesPane key={templates} list={templates} heading={heading} layout={layout} locale={locale} say={say} />
          ) : null}
          {!templates && load.kind === 'loading' ? <p role="status">{tr(T('加载中…', 'Loading…'))}</p> : null}
          {!templates && load.kind === 'error' ? (
            <p role="alert" class="error-text">
              {load.message}{' '}
              <button type="button" class="secondary" onClick={refresh}>
                {tr(T('重试', 'Retry'))}
              </button>
            </p>
          ) : null}
          {!templates && load.kind === 'ready' && shown.length === 0 ? (
            <p class="files-empty">
              {q
                ? tr(T('没有标题匹配的导图。', 'No map title matches.'))
                : view === 'trash'
                  ? tr(T('回收站是空的。', 'The trash is empty.'))
                  : tr(
                      T(
                        '这里还没有导图。新建一张，或把文件拖到这里导入。',
                        'No maps here yet. Create one, or drop a file here to import it.',
                      ),
                    )}
            </p>
          ) : null}
          {!templates && total > items.length ? (
            <p class="muted">
              {tr(T('只显示前', 'Showing the first'))} {items.length} / {total}
            </p>
          ) : null}
          {templates ? null : (
            <ul class={`file-items ${layout}`} aria-label={heading} data-loaded={complete ? items.length : undefined}>
              {shown.slice(0, showCount).map((m) => (
                <FileCard
                  key={m.id}
                  item={m}
                  query={q}
                  thumbs={thumbs}
                  view={view}
                  dateFormat={dateFormat}
                  folderName={folderName(m.folderId)}
                  onStar={() =>
                    guard(() => api(`/api/maps/${encodeURIComponent(m.id)}`, { method: 'PATCH', body: { starred: !m.starred } }))
                  }
                  onRename={() => setPrompt({ kind: 'rename-map', item: m })}
                  onMove={() => setPrompt({ kind: 'move', item: m })}
                  onDuplicate={() =>
                    guard(
                      () => api(`/api/maps/${encodeURIComponent(m.id)}/duplicate`, { method: 'POST', body: {} }),
                      tr(T('已创建副本', 'Duplicated')),
                    )
                  }
                  onTrash={() =>
                    guard(
                      () => api(`/api/maps/${encodeURIComponent(m.id)}`, { method: 'DELETE' }),
                      `“${m.title}” ${tr(T('已移到回收站', 'moved to the trash'))}`,
                    )
                  }
                  onRestore={() =>
                    guard(
                      () => api(`/api/maps/${encodeURIComponent(m.id)}/restore`, { method: 'POST', body: {} }),
                      `“${m.title}” ${tr(T('已恢复', 'restored'))}`,
                    )
                  }
                  onPurge={() => {
                    if (!confirm(tr(T('永久删除这张导图？此操作无法撤销。', 'Delete this map for ever? This cannot be undone.')))) return;
                    void guard(
                      () => api(`/api/maps/${encodeURIComponent(m.id)}?permanent=true`, { method: 'DELETE' }),
                      tr(T('已永久删除', 'Deleted for ever')),
                    );
                  }}
                />
              ))}
              {showCount < shown.length ? <li ref={sentinel} class="file-sentinel" aria-hidden="true" /> : null}
            </ul>
          )}
        </main>
      </div>
      <FileDialogs
        prompt={prompt}
        folders={folders}
        tree={tree}
        onClose={() => setPrompt(null)}
        newMap={{
          onBlank: () => void createMap({ title: tr(T('未命名导图', 'Untitled map')) }),
          onStructure: (s) => void createMap({ doc: structureDoc(s), title: tr(T('未命名导图', 'Untitled map')) }),
          onDocument: () => {
            setPrompt(null);
            pick.current();
          },
          onAi: () => void createMap({ title: tr(T('未命名导图', 'Untitled map')) }, '?ai=1'),
        }}
        onRenameMap={(it, title) => void guard(() => api(`/api/maps/${encodeURIComponent(it.id)}`, { method: 'PATCH', body: { title } }))}
        onNewFolder={(name) =>
          void guard(() =>
            api('/api/folders', { method: 'POST', body: { name, ...(folder && folder !== 'root' ? { parentId: folder } : {}) } }),
          )
        }
        onRenameFolder={(f, name) => void guard(() => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'PATCH', body: { name } }))}
        onMoveFolder={(f, parentId) =>
          void guard(
            () => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'PATCH', body: { parentId } }),
            tr(T('文件夹已移动', 'Folder moved')),
          )
        }
        onMoveMap={(it, folderId) => void moveTo(it.id, folderId)}
      />
    </Shell>
  );
}
