// My files (`/app/`): new map (blank, from a structure, from a template, from a document), folders
// (create, rename, move, delete), all / recent / starred / trash, search, sort, list and grid views
// with server-drawn thumbnails, drag maps onto folders, and import by dropping a file anywhere.
// Signed out, it offers the sign-in link. At 375 px the sidebar folds above the list.

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, type MapSummary } from '../api.ts';
import { ImportController } from '../dialogs/import.tsx';
import { Modal, PromptDialog } from '../dialogs/modal.tsx';
import { lang, setLang, T, tr } from '../i18n.ts';
import {
  type FileItem,
  type Folder,
  folderTree,
  insideFolder,
  loadFolders,
  loadMaps,
  type Sort,
  STRUCTURES,
  sortItems,
  structureDoc,
  type View,
} from './model.ts';
import './files.css';

type Load = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'error'; message: string } | { kind: 'ready' };
type Prompt =
  | { kind: 'rename-map'; item: FileItem }
  | { kind: 'new-folder' }
  | { kind: 'rename-folder'; folder: Folder }
  | { kind: 'move-folder'; folder: Folder }
  | { kind: 'move'; item: FileItem }
  | { kind: 'new' }
  | null;

const VIEWS: readonly { view: View; label: ReturnType<typeof T> }[] = [
  { view: 'all', label: T('全部导图', 'All maps') },
  { view: 'recent', label: T('最近打开', 'Recent') },
  { view: 'starred', label: T('已加星标', 'Starred') },
  { view: 'trash', label: T('回收站', 'Trash') },
];
const DRAG_TYPE = 'application/x-arbor-map';
const FIRST_CARDS = 60;
const MORE_CARDS = 200;

/** Closes the open ⋯ menus (<details>) on a click anywhere but on a menu's own toggle. */
function closeMenus(e: MouseEvent) {
  const summary = (e.target as Element | null)?.closest?.('.row-menu > summary');
  for (const d of document.querySelectorAll<HTMLDetailsElement>('details.row-menu[open]')) if (d !== summary?.parentElement) d.open = false;
}

const stored = (key: string, fallback: string): string => {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
};
const store = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
};

export function FilesApp() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [items, setItems] = useState<FileItem[]>([]);
  const [total, setTotal] = useState(0);
  const [folders, setFolders] = useState<Folder[]>([]);
  const [view, setView] = useState<View>('all');
  /** undefined = every folder; 'root' = top level only; else a folder id. */
  const [folder, setFolder] = useState<string | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>(stored('arbor.files.sort', 'updated') as Sort);
  const [layout, setLayout] = useState<'list' | 'grid'>(stored('arbor.files.layout', 'grid') === 'list' ? 'list' : 'grid');
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [dropFolder, setDropFolder] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  /** Cards rendered so far: a long list grows as it is scrolled (a sentinel at its end). */
  const [showCount, setShowCount] = useState(FIRST_CARDS);
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

  // Search as you type, a quarter second after the last key.
  useEffect(() => {
    const t = setTimeout(() => setQ(query.trim()), 250);
    return () => clearTimeout(t);
  }, [query]);

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

  const refresh = () => setReload((n) => n + 1);
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
      { rootMargin: '800px' },
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

  const heading =
    view === 'all'
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
        <nav class="files-side" aria-label={tr(T('文件导航', 'File navigation'))}>
          <button type="button" class="primary new-map" onClick={() => setPrompt({ kind: 'new' })}>
            + {tr(T('新建导图', 'New map'))}
          </button>
          <ul class="side-list">
            {VIEWS.map((v) => (
              <li key={v.view}>
                <button
                  type="button"
                  class={`side-item${view === v.view && (v.view !== 'all' || folder === undefined) ? ' on' : ''}`}
                  aria-current={view === v.view && (v.view !== 'all' || folder === undefined) ? 'page' : undefined}
                  onClick={() => {
                    setView(v.view);
                    setFolder(undefined);
                  }}
                  {...(v.view === 'all' ? dropProps(null) : {})}
                >
                  {tr(v.label)}
                </button>
              </li>
            ))}
          </ul>
          <div class="side-head">
            <h2>{tr(T('文件夹', 'Folders'))}</h2>
            <button type="button" class="link-button" onClick={() => setPrompt({ kind: 'new-folder' })}>
              + {tr(T('新建文件夹', 'New folder'))}
            </button>
          </div>
          <ul class="side-list folders">
            <li>
              <button
                type="button"
                class={`side-item${view === 'all' && folder === 'root' ? ' on' : ''}${dropFolder === 'root' ? ' drop' : ''}`}
                onClick={() => {
                  setView('all');
                  setFolder('root');
                }}
                {...dropProps(null)}
              >
                {tr(T('顶层', 'Top level'))}
              </button>
            </li>
            {tree.map(({ folder: f, depth }) => (
              <li key={f.id} class="folder-row" style={{ paddingLeft: `${depth * 14}px` }}>
                <button
                  type="button"
                  class={`side-item${view === 'all' && folder === f.id ? ' on' : ''}${dropFolder === f.id ? ' drop' : ''}`}
                  data-folder={f.name}
                  onClick={() => {
                    setView('all');
                    setFolder(f.id);
                  }}
                  {...dropProps(f.id)}
                >
                  {f.name}
                </button>
                <details class="row-menu">
                  <summary aria-label={`${tr(T('文件夹操作', 'Folder actions'))}: ${f.name}`}>⋯</summary>
                  <div>
                    <button type="button" onClick={() => setPrompt({ kind: 'move-folder', folder: f })}>
                      {tr(T('移动到…', 'Move to…'))}
                    </button>
                    <button type="button" onClick={() => setPrompt({ kind: 'rename-folder', folder: f })}>
                      {tr(T('重命名', 'Rename'))}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        if (!confirm(tr(T('删除此文件夹？其中的导图会移到顶层。', 'Delete this folder? Its maps move to the top level.'))))
                          return;
                        if (folder === f.id) setFolder(undefined);
                        void guard(
                          () => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'DELETE' }),
                          tr(T('文件夹已删除', 'Folder deleted')),
                        );
                      }}
                    >
                      {tr(T('删除', 'Delete'))}
                    </button>
                  </div>
                </details>
              </li>
            ))}
          </ul>
          <p class="side-links">
            <a href="/templates">{tr(T('模板库', 'Templates'))}</a>
          </p>
        </nav>
        <main class="files-main" aria-labelledby="files-heading">
          <div class="files-bar">
            <h1 id="files-heading">{heading}</h1>
            <input
              type="search"
              class="files-search"
              placeholder={tr(T('搜索标题和内容', 'Search titles and content'))}
              aria-label={tr(T('搜索导图', 'Search maps'))}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
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
            <fieldset class="layout-switch">
              <legend class="sr-only">{tr(T('显示方式', 'Layout'))}</legend>
              {(['grid', 'list'] as const).map((l) => (
                <button
                  key={l}
                  type="button"
                  aria-pressed={layout === l}
                  class={layout === l ? 'on' : ''}
                  onClick={() => {
                    setLayout(l);
                    store('arbor.files.layout', l);
                  }}
                >
                  {l === 'grid' ? tr(T('网格', 'Grid')) : tr(T('列表', 'List'))}
                </button>
              ))}
            </fieldset>
            {view === 'trash' && items.length ? (
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
          {load.kind === 'loading' ? <p role="status">{tr(T('加载中…', 'Loading…'))}</p> : null}
          {load.kind === 'error' ? (
            <p role="alert" class="error-text">
              {load.message}{' '}
              <button type="button" class="secondary" onClick={refresh}>
                {tr(T('重试', 'Retry'))}
              </button>
            </p>
          ) : null}
          {load.kind === 'ready' && shown.length === 0 ? (
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
          {total > items.length ? (
            <p class="muted">
              {tr(T('只显示前', 'Showing the first'))} {items.length} / {total}
            </p>
          ) : null}
          <ul class={`file-items ${layout}`} aria-label={heading} data-loaded={complete ? items.length : undefined}>
            {shown.slice(0, showCount).map((m) => (
              <FileCard
                key={m.id}
                item={m}
                view={view}
                dateFormat={dateFormat}
                folderName={folderName(m.folderId)}
                onStar={() => guard(() => api(`/api/maps/${encodeURIComponent(m.id)}`, { method: 'PATCH', body: { starred: !m.starred } }))}
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
        </main>
      </div>
      {prompt?.kind === 'new' ? (
        <NewMapDialog
          onClose={() => setPrompt(null)}
          onBlank={() => void createMap({ title: tr(T('未命名导图', 'Untitled map')) })}
          onStructure={(s) => void createMap({ doc: structureDoc(s), title: tr(T('未命名导图', 'Untitled map')) })}
          onDocument={() => {
            setPrompt(null);
            pick.current();
          }}
          onAi={() => void createMap({ title: tr(T('未命名导图', 'Untitled map')) }, '?ai=1')}
        />
      ) : null}
      {prompt?.kind === 'rename-map' ? (
        <PromptDialog
          title={tr(T('重命名导图', 'Rename the map'))}
          label={tr(T('标题', 'Title'))}
          initial={prompt.item.title}
          submit={tr(T('保存', 'Save'))}
          onDone={(v) => {
            const it = prompt.item;
            setPrompt(null);
            if (v && v !== it.title)
              void guard(() => api(`/api/maps/${encodeURIComponent(it.id)}`, { method: 'PATCH', body: { title: v } }));
          }}
        />
      ) : null}
      {prompt?.kind === 'new-folder' ? (
        <PromptDialog
          title={tr(T('新建文件夹', 'New folder'))}
          label={tr(T('名称', 'Name'))}
          submit={tr(T('创建', 'Create'))}
          onDone={(v) => {
            setPrompt(null);
            if (v)
              void guard(() =>
                api('/api/folders', { method: 'POST', body: { name: v, ...(folder && folder !== 'root' ? { parentId: folder } : {}) } }),
              );
          }}
        />
      ) : null}
      {prompt?.kind === 'rename-folder' ? (
        <PromptDialog
          title={tr(T('重命名文件夹', 'Rename the folder'))}
          label={tr(T('名称', 'Name'))}
          initial={prompt.folder.name}
          submit={tr(T('保存', 'Save'))}
          onDone={(v) => {
            const f = prompt.folder;
            setPrompt(null);
            if (v && v !== f.name)
              void guard(() => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'PATCH', body: { name: v } }));
          }}
        />
      ) : null}
      {prompt?.kind === 'move-folder' ? (
        <Modal title={`${tr(T('移动文件夹', 'Move folder'))} “${prompt.folder.name}”`} onClose={() => setPrompt(null)}>
          <form
            class="form-rows"
            onSubmit={(e) => {
              e.preventDefault();
              const v = String(new FormData(e.currentTarget).get('parent') ?? '');
              const f = prompt.folder;
              setPrompt(null);
              void guard(
                () => api(`/api/folders/${encodeURIComponent(f.id)}`, { method: 'PATCH', body: { parentId: v || null } }),
                tr(T('文件夹已移动', 'Folder moved')),
              );
            }}
          >
            <label>
              {tr(T('移到', 'Move into'))}
              <select name="parent" value={prompt.folder.parentId ?? ''} data-autofocus>
                <option value="">{tr(T('顶层', 'Top level'))}</option>
                {tree
                  .filter(({ folder: f }) => !insideFolder(folders, f.id, prompt.folder.id))
                  .map(({ folder: f, depth }) => (
                    <option key={f.id} value={f.id}>
                      {'\u00a0\u00a0'.repeat(depth)}
                      {f.name}
                    </option>
                  ))}
              </select>
            </label>
            <div class="actions">
              <button type="submit" class="primary">
                {tr(T('移动', 'Move'))}
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
      {prompt?.kind === 'move' ? (
        <Modal title={`${tr(T('移动', 'Move'))} “${prompt.item.title}”`} onClose={() => setPrompt(null)}>
          <form
            class="form-rows"
            onSubmit={(e) => {
              e.preventDefault();
              const v = String(new FormData(e.currentTarget).get('folder') ?? '');
              const it = prompt.item;
              setPrompt(null);
              void moveTo(it.id, v || null);
            }}
          >
            <label>
              {tr(T('移到文件夹', 'Move to folder'))}
              <select name="folder" value={prompt.item.folderId ?? ''} data-autofocus>
                <option value="">{tr(T('顶层', 'Top level'))}</option>
                {tree.map(({ folder: f, depth }) => (
                  <option key={f.id} value={f.id}>
                    {'\u00a0\u00a0'.repeat(depth)}
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <div class="actions">
              <button type="submit" class="primary">
                {tr(T('移动', 'Move'))}
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </Shell>
  );
}

function Shell({ children }: { children: ComponentChildren }) {
  const other = lang() === 'zh' ? 'en' : 'zh';
  return (
    <div class="files-screen">
      <header class="topbar">
        <a class="brand" href="/">
          Arbor
        </a>
        <span class="topbar-title">{tr(T('我的文件', 'My files'))}</span>
        <div class="spacer" />
        <a href="/templates">{tr(T('模板库', 'Templates'))}</a>
        <button
          type="button"
          class="link-button lang-switch"
          lang={other === 'en' ? 'en' : 'zh-CN'}
          onClick={() => {
            setLang(other);
            location.reload();
          }}
        >
          {other === 'en' ? 'English' : '简体中文'}
        </button>
      </header>
      {children}
    </div>
  );
}

function FileCard({
  item: m,
  view,
  dateFormat,
  folderName,
  onStar,
  onRename,
  onMove,
  onDuplicate,
  onTrash,
  onRestore,
  onPurge,
}: {
  item: FileItem;
  view: View;
  dateFormat: Intl.DateTimeFormat;
  folderName: string;
  onStar(): void;
  onRename(): void;
  onMove(): void;
  onDuplicate(): void;
  onTrash(): void;
  onRestore(): void;
  onPurge(): void;
}) {
  const trashed = view === 'trash';
  const href = `/app/maps/${encodeURIComponent(m.id)}`;
  const when = dateFormat.format(trashed && m.trashedAt ? m.trashedAt : m.updatedAt);
  const title = m.title || tr(T('未命名导图', 'Untitled map'));
  return (
    <li
      class="file-card"
      data-map-id={m.id}
      draggable={!trashed}
      onDragStart={(e) => {
        e.dataTransfer?.setData(DRAG_TYPE, m.id);
        e.dataTransfer?.setData('text/uri-list', new URL(href, location.href).href);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span class="thumb" aria-hidden="true">
        <img src={`/api/maps/${encodeURIComponent(m.id)}/thumbnail.svg?v=${m.version}`} alt="" loading="lazy" decoding="async" />
      </span>
      <div class="file-info">
        {trashed ? (
          <span class="file-title">{title}</span>
        ) : (
          <a class="file-title" href={href}>
            {title}
          </a>
        )}
        {m.match?.in === 'content' ? (
          <span class="file-match">
            <span class="muted">{tr(T('内容匹配：', 'Found in the map: '))}</span>
            {m.match.text ?? ''}
          </span>
        ) : null}
        <span class="muted file-meta">
          {trashed ? tr(T('删除于', 'Trashed')) : tr(T('修改于', 'Changed'))} {when}
          {folderName ? ` · ${folderName}` : ''}
        </span>
      </div>
      <div class="file-actions">
        {trashed ? (
          <>
            <button type="button" class="secondary" onClick={onRestore}>
              {tr(T('恢复', 'Restore'))}
            </button>
            <button type="button" class="danger" onClick={onPurge}>
              {tr(T('永久删除', 'Delete for ever'))}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              class={`star${m.starred ? ' on' : ''}`}
              aria-pressed={m.starred}
              aria-label={`${tr(T('星标', 'Star'))}: ${title}`}
              onClick={onStar}
            >
              {m.starred ? '★' : '☆'}
            </button>
            <details class="row-menu">
              <summary aria-label={`${tr(T('更多操作', 'More actions'))}: ${title}`}>⋯</summary>
              <div>
                <button type="button" onClick={onRename}>
                  {tr(T('重命名', 'Rename'))}
                </button>
                <button type="button" onClick={onMove}>
                  {tr(T('移动到…', 'Move to…'))}
                </button>
                <button type="button" onClick={onDuplicate}>
                  {tr(T('创建副本', 'Duplicate'))}
                </button>
                <a href={`/api/maps/${encodeURIComponent(m.id)}/export?format=xmind`} download>
                  {tr(T('下载 XMind', 'Download XMind'))}
                </a>
                <button type="button" onClick={onTrash}>
                  {tr(T('移到回收站', 'Move to trash'))}
                </button>
              </div>
            </details>
          </>
        )}
      </div>
    </li>
  );
}

function NewMapDialog({
  onClose,
  onBlank,
  onStructure,
  onDocument,
  onAi,
}: {
  onClose(): void;
  onBlank(): void;
  onStructure(s: (typeof STRUCTURES)[number]['name']): void;
  onDocument(): void;
  /** A blank map opened with the AI panel. */
  onAi(): void;
}) {
  return (
    <Modal title={tr(T('新建导图', 'New map'))} onClose={onClose}>
      <div class="new-grid">
        <button type="button" class="new-option" onClick={onBlank} data-autofocus>
          <strong>{tr(T('空白导图', 'Blank map'))}</strong>
        </button>
        {STRUCTURES.map((s) => (
          <button key={s.name} type="button" class="new-option" data-structure={s.name} onClick={() => onStructure(s.name)}>
            <strong>{tr(s.label)}</strong>
          </button>
        ))}
      </div>
      <div class="new-more">
        <a class="new-option" href="/templates">
          <strong>{tr(T('从模板新建', 'From a template'))}</strong>
          <span>{tr(T('浏览模板库', 'Browse the template library'))}</span>
        </a>
        <button type="button" class="new-option" data-new="ai" onClick={onAi}>
          <strong>{tr(T('一句话生成思维导图', 'Generate a map with AI'))}</strong>
          <span>{tr(T('用你配置的模型，边生成边显示', 'With your own model, shown as it streams'))}</span>
        </button>
        <button type="button" class="new-option" onClick={onDocument}>
          <strong>{tr(T('从文档或文件导入', 'From a document or file'))}</strong>
          <span>
            {tr(
              T(
                'txt、md、html、docx、pdf 在浏览器内转换；XMind 等导图文件直接导入',
                'txt, md, html, docx, pdf converted in the browser; XMind and other map files imported',
              ),
            )}
          </span>
        </button>
      </div>
    </Modal>
  );
}
