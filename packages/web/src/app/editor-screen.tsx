// The editor screen (`/app/maps/:id`, `/app/s/:token`): loads the map (after sending operations a
// previous page left unsent), mounts the editor, connects saving and live changes, and lays the
// toolbar, panels and dialogs around the canvas. A map that fails to load says why and offers to
// reload — never a blank page.

import { type Diff, type MindDoc, restore } from '@arbor/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Command } from '../editor/commands.ts';
import { type EditorView, mountEditor } from '../editor/mount.ts';
import { type SaveStatus, type StatusDetail, SyncClient } from '../sync/sync-client.ts';
import { AiPanel } from './ai/ai-panel.tsx';
import { ApiError, api, type OpenedMap, type ShareAccess } from './api.ts';
import { ExportDialog } from './dialogs/export.tsx';
import { HistoryDialog } from './dialogs/history.tsx';
import { ImportController } from './dialogs/import.tsx';
import { PublishDialog } from './dialogs/publish.tsx';
import { ShareDialog } from './dialogs/share.tsx';
import { SignInDialog } from './dialogs/sign-in.tsx';
import { T, tr } from './i18n.ts';
import { EXTRA_COMMANDS, type SidePanelState, SidePanels, ToolbarExtras, TopBarControls } from './slots.tsx';
import { ContextMenu, type NoticeItem, Notices, ShortcutPanel } from './ui/dialogs.tsx';
import { StatusBadge } from './ui/status.tsx';
import { Toolbar } from './ui/toolbar.tsx';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; title: string; detail: string; signIn?: boolean }
  | { kind: 'password'; wrong: boolean }
  | { kind: 'ready'; opened: OpenedMap };

export interface EditorTarget {
  mapId?: string;
  share?: ShareAccess;
}

async function openMap(target: EditorTarget): Promise<OpenedMap> {
  if (target.share) return api<OpenedMap>(`/api/shares/${encodeURIComponent(target.share.token)}`, { share: target.share });
  const id = target.mapId as string;
  // Operations a closed tab left behind go first, so the map loads with them.
  await SyncClient.recover(id, { timeoutMs: 5000 }).catch(() => 0);
  return api<OpenedMap>(`/api/maps/${encodeURIComponent(id)}`);
}

function loadError(e: unknown): Load {
  if (e instanceof ApiError) {
    if (e.code === 'share-password-required') return { kind: 'password', wrong: false };
    if (e.code === 'share-password-wrong') return { kind: 'password', wrong: true };
    if (e.status === 401) return { kind: 'error', title: tr(T('请先登录', 'Please sign in')), detail: e.message, signIn: true };
    if (e.status === 404) return { kind: 'error', title: tr(T('找不到这张导图', 'Map not found')), detail: e.message };
    if (e.status === 0) return { kind: 'error', title: tr(T('无法连接服务器', 'Cannot reach the server')), detail: e.message };
    return { kind: 'error', title: tr(T('导图打不开', 'The map could not be opened')), detail: e.message };
  }
  return { kind: 'error', title: tr(T('导图打不开', 'The map could not be opened')), detail: String((e as Error)?.message ?? e) };
}

export function EditorScreen({ target }: { target: EditorTarget }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [share, setShare] = useState(target.share);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    openMap({ ...target, share })
      .then((opened) => live && setLoad({ kind: 'ready', opened }))
      .catch((e) => live && setLoad(loadError(e)));
    return () => {
      live = false;
    };
  }, [attempt, share?.password]);

  if (load.kind === 'loading') return <Centre>{tr(T('正在打开导图…', 'Opening the map…'))}</Centre>;
  if (load.kind === 'password')
    return (
      <Centre>
        <form
          class="password-form"
          onSubmit={(e) => {
            e.preventDefault();
            const pw = new FormData(e.currentTarget).get('password');
            if (share && typeof pw === 'string') setShare({ ...share, password: pw });
          }}
        >
          <h1>{tr(T('此分享需要密码', 'This link needs a password'))}</h1>
          {load.wrong ? <p class="error-text">{tr(T('密码错误，请重试', 'Wrong password, try again'))}</p> : null}
          <label>
            {tr(T('密码', 'Password'))}
            <input name="password" type="password" required autoComplete="off" />
          </label>
          <button type="submit" class="primary">
            {tr(T('打开', 'Open'))}
          </button>
        </form>
      </Centre>
    );
  if (load.kind === 'error')
    return (
      <Centre>
        <div class="load-error" role="alert">
          <h1>{load.title}</h1>
          <p>{load.detail}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => setAttempt((n) => n + 1)}>
              {tr(T('重新加载', 'Reload'))}
            </button>
            {load.signIn ? <a href={`/login?next=${encodeURIComponent(location.pathname)}`}>{tr(T('登录', 'Sign in'))}</a> : null}
            <a href="/app/">{tr(T('我的文件', 'My files'))}</a>
          </div>
        </div>
      </Centre>
    );
  return <EditorShell opened={load.opened} mapId={load.opened.map.id} share={share} onReload={() => setAttempt((n) => n + 1)} />;
}

function Centre({ children }: { children: ComponentChildren }) {
  return <main class="centre-screen">{children}</main>;
}

let noticeSeq = 0;
/** How long typing must pause before the sign-in dialog takes the focus. */
const SIGN_IN_IDLE_MS = 1200;

function EditorShell({ opened, mapId, share, onReload }: { opened: OpenedMap; mapId: string; share?: ShareAccess; onReload(): void }) {
  const host = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [status, setStatus] = useState<{
    status: SaveStatus | 'loading';
    pending: number;
    message?: string;
    blocked?: StatusDetail['blocked'];
  }>({
    status: 'saved',
    pending: 0,
  });
  const syncRef = useRef<SyncClient | null>(null);
  // The sign-in dialog: opened once per expiry; dismissed, the status badge keeps a button for it.
  const [signIn, setSignIn] = useState<'closed' | 'open' | 'dismissed'>('closed');
  const [notices, setNotices] = useState<NoticeItem[]>([]);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [shortcuts, setShortcuts] = useState(false);
  const [search, setSearch] = useState(false);
  // `?ai=1` (new map from AI on My files or the home page) opens with the AI panel.
  const [ai, setAi] = useState(() => new URLSearchParams(location.search).get('ai') === '1' && opened.role !== 'view');
  const [dialog, setDialog] = useState<'share' | 'history' | 'export' | 'publish' | null>(null);
  const [panels, setPanels] = useState<SidePanelState>({ outline: false, topic: window.innerWidth > 900, source: false });
  const [title, setTitle] = useState(opened.doc.title || opened.map.title);
  const readonly = opened.role === 'view';

  const notify = (kind: 'info' | 'error', message: string) => {
    const id = ++noticeSeq;
    setNotices((n) => [...n.slice(-3), { id, kind, message }]);
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 4000);
  };

  useEffect(() => {
    if (!host.current) return;
    let doc: MindDoc;
    try {
      doc = restore(opened.doc).doc;
    } catch (e) {
      notify('error', String((e as Error).message));
      return;
    }
    const v = mountEditor(host.current, {
      doc,
      readonly,
      hooks: {
        openSearch: () => setSearch(true),
        toggleShortcuts: () => setShortcuts((s) => !s),
        toggleOutline: () => setPanels((p) => ({ ...p, outline: !p.outline })),
        togglePanel: () => setPanels((p) => ({ ...p, topic: !p.topic, source: false })),
        toggleSource: () => setPanels((p) => ({ ...p, source: !p.source, topic: false })),
        contextMenu: (x, y) => setMenu({ x, y }),
      },
    });
    const sync = new SyncClient({
      mapId,
      baseVersion: opened.map.version,
      share,
      onRemote: (change) => {
        try {
          v.editor.applyRemote(change.ops);
        } catch {
          notify('error', tr(T('与服务器不同步，正在重新加载', 'Out of sync with the server: reloading')));
          onReload();
        }
      },
      onReset: () => {
        notify('info', tr(T('导图已在别处恢复到其他版本，正在重新加载', 'The map was restored elsewhere: reloading')));
        onReload();
      },
      onRejected: (batch, err) => v.editor.rollback(batch.tag as Diff, err.message),
      onStatus: (s, detail) => setStatus({ status: s, pending: sync.pending, message: detail.message, blocked: detail.blocked }),
      // A page going away: what is being typed joins the batches kept for the next page.
      beforeHide: () => v.editor.savePreview(),
    });
    const offOps = v.editor.on('ops', ({ ops, tag }) => sync.push(ops, tag));
    const offNotice = v.editor.on('notice', (n) => notify(n.kind, n.message));
    sync.start();
    syncRef.current = sync;
    setView(v);
    (window as unknown as { arbor?: unknown }).arbor = { view: v, sync };
    const beforeUnload = () => void sync.flush();
    window.addEventListener('pagehide', beforeUnload);
    return () => {
      window.removeEventListener('pagehide', beforeUnload);
      offOps();
      offNotice();
      syncRef.current = null;
      sync.stop();
      v.destroy();
    };
  }, []);

  // A share link needs no session; otherwise a 401 means the session ended while editing.
  // Signing in as an account without access turns the 401 into a 403/404: the way to sign in stays.
  const refusedBy = share || readonly ? undefined : status.blocked?.status;
  const signedOut = refusedBy === 401;
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    if (refusedBy === 401) setExpired(true);
    else if (refusedBy !== 403 && refusedBy !== 404) {
      setExpired(false);
      setSignIn('closed');
    }
  }, [refusedBy]);
  // Opening mid-word would send the rest of the word into the email field: wait for a pause in
  // typing, and for another open dialog to close (the badge's button opens it at once).
  useEffect(() => {
    if (!expired || signIn !== 'closed' || !view || dialog || shortcuts) return;
    let lastKey = Date.now();
    const key = () => {
      lastKey = Date.now();
    };
    window.addEventListener('keydown', key, true);
    const timer = setInterval(() => {
      if (!view.text.editing && Date.now() - lastKey > SIGN_IN_IDLE_MS) setSignIn('open');
    }, 200);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', key, true);
    };
  }, [expired, signIn, view, dialog, shortcuts]);

  useEffect(() => {
    document.title = `${title || tr(T('未命名导图', 'Untitled map'))} · Arbor`;
  }, [title]);

  const commitTitle = async (next: string) => {
    const t = next.trim() || tr(T('未命名导图', 'Untitled map'));
    setTitle(t);
    if (!view || readonly || t === view.editor.state.title) return;
    view.editor.apply({ type: 'doc.update', patch: { title: t } });
    if (!share) await api(`/api/maps/${encodeURIComponent(mapId)}`, { method: 'PATCH', body: { title: t } }).catch(() => {});
  };

  const extra: readonly Command[] = EXTRA_COMMANDS;
  return (
    <div class={`editor-screen${readonly ? ' readonly' : ''}`}>
      <header class="topbar arbor-ui">
        <a class="back" href="/app/" aria-label={tr(T('返回我的文件', 'Back to my files'))}>
          ←<span class="back-label"> {tr(T('我的文件', 'My files'))}</span>
        </a>
        <input
          class="title-input"
          aria-label={tr(T('导图标题', 'Map title'))}
          value={title}
          readOnly={readonly}
          onChange={(e) => void commitTitle(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.currentTarget as HTMLInputElement).blur();
          }}
        />
        <StatusBadge
          status={readonly ? 'readonly' : status.status}
          pending={status.pending}
          message={status.message}
          signedOut={expired && signedOut}
          onSignIn={expired ? () => setSignIn('open') : undefined}
        />
        <div class="spacer" />
        {view && !readonly ? (
          <button type="button" class={`tool toggle${ai ? ' on' : ''}`} aria-pressed={ai} data-open="ai" onClick={() => setAi((a) => !a)}>
            {tr(T('AI 生成', 'AI'))}
          </button>
        ) : null}
        {view && opened.role === 'owner' && !share ? (
          <button type="button" class="tool" data-open="share" onClick={() => setDialog('share')}>
            {tr(T('分享', 'Share'))}
          </button>
        ) : null}
        {view && opened.role === 'owner' && !share ? (
          <button type="button" class="tool" data-open="publish" onClick={() => setDialog('publish')}>
            {tr(T('发布为模板', 'Publish template'))}
          </button>
        ) : null}
        {view ? (
          <button type="button" class="tool" data-open="history" onClick={() => setDialog('history')}>
            {tr(T('历史', 'History'))}
          </button>
        ) : null}
        {view ? (
          <button type="button" class="tool" data-open="export" onClick={() => setDialog('export')}>
            {tr(T('导出', 'Export'))}
          </button>
        ) : null}
        {view ? <TopBarControls view={view} panels={panels} setPanels={setPanels} /> : null}
        <button
          type="button"
          class="tool"
          aria-label={tr(T('快捷键', 'Keyboard shortcuts'))}
          title={tr(T('快捷键 (?)', 'Keyboard shortcuts (?)'))}
          onClick={() => setShortcuts(true)}
        >
          ?
        </button>
      </header>
      {view ? (
        <div class="toolbar arbor-ui" role="toolbar" aria-label={tr(T('工具栏', 'Toolbar'))}>
          <Toolbar view={view} extra={extra} />
          <ToolbarExtras view={view} />
        </div>
      ) : null}
      <div class="workspace">
        {view ? <SidePanels view={view} panels={panels} side="left" search={search} closeSearch={() => setSearch(false)} /> : null}
        <div class="canvas-host" ref={host} />
        {view ? <SidePanels view={view} panels={panels} side="right" search={search} closeSearch={() => setSearch(false)} /> : null}
        {view && ai ? (
          <AiPanel
            view={view}
            mapId={share ? undefined : mapId}
            onClose={() => {
              setAi(false);
              view.text.focus();
            }}
          />
        ) : null}
      </div>
      {view && menu ? <ContextMenu view={view} x={menu.x} y={menu.y} extra={extra} onClose={() => setMenu(null)} /> : null}
      {shortcuts ? (
        <ShortcutPanel
          extra={extra}
          onClose={() => {
            setShortcuts(false);
            view?.text.focus();
          }}
        />
      ) : null}
      {dialog === 'share' ? <ShareDialog mapId={mapId} onClose={() => setDialog(null)} /> : null}
      {dialog === 'publish' ? <PublishDialog mapId={mapId} title={title} onClose={() => setDialog(null)} /> : null}
      {dialog === 'history' ? (
        <HistoryDialog
          mapId={mapId}
          share={share}
          canRestore={!readonly}
          onClose={() => setDialog(null)}
          onRestored={(v) => {
            setDialog(null);
            notify('info', `${tr(T('已恢复为新版本', 'Restored as version'))} ${v}`);
            onReload();
          }}
        />
      ) : null}
      {dialog === 'export' && view ? (
        <ExportDialog mapId={mapId} title={title} view={view} share={share} onClose={() => setDialog(null)} />
      ) : null}
      {expired && signIn === 'open' ? (
        <SignInDialog
          mapId={mapId}
          pending={status.pending}
          onClose={() => setSignIn('dismissed')}
          onSignedIn={() => {
            // Stays dismissed until the waiting batches are taken; a refusal after this shows the badge's button.
            setSignIn('dismissed');
            notify('info', tr(T('已重新登录，正在保存修改', 'Signed in again: saving your changes')));
            syncRef.current?.retryNow();
          }}
        />
      ) : null}
      {share ? null : <ImportController openAfter />}
      <Notices items={notices} onDismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
    </div>
  );
}
