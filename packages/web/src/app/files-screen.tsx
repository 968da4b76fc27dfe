// My files (`/app/`): the maps of the signed-in user, newest first, and "新建思维导图". The full
// workspace (folders, templates, trash, thumbnails) builds on this screen.

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type MapSummary } from './api.ts';
import { lang, T, tr } from './i18n.ts';

type State = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'error'; message: string } | { kind: 'ready'; items: MapSummary[] };

export function FilesScreen() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${tr(T('我的文件', 'My files'))} · Arbor`;
    api<{ items: MapSummary[] }>('/api/maps?view=all&limit=200')
      .then((r) => setState({ kind: 'ready', items: r.items }))
      .catch((e) =>
        setState(
          e instanceof ApiError && e.status === 401 ? { kind: 'signed-out' } : { kind: 'error', message: String((e as Error).message) },
        ),
      );
  }, []);

  const create = async () => {
    setBusy(true);
    try {
      const r = await api<{ map: MapSummary }>('/api/maps', { method: 'POST', body: { title: tr(T('未命名导图', 'Untitled map')) } });
      location.assign(`/app/maps/${encodeURIComponent(r.map.id)}`);
    } catch (e) {
      setState({ kind: 'error', message: String((e as Error).message) });
      setBusy(false);
    }
  };

  const fmt = new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div class="files-screen">
      <header class="topbar">
        <a class="brand" href="/">
          Arbor
        </a>
        <h1>{tr(T('我的文件', 'My files'))}</h1>
        <div class="spacer" />
        <a href="/templates">{tr(T('模板库', 'Templates'))}</a>
      </header>
      <main class="files-main">
        {state.kind === 'loading' ? <p>{tr(T('加载中…', 'Loading…'))}</p> : null}
        {state.kind === 'signed-out' ? (
          <p>
            {tr(T('登录后查看你的导图。', 'Sign in to see your maps.'))}{' '}
            <a href={`/login?next=${encodeURIComponent('/app/')}`}>{tr(T('登录', 'Sign in'))}</a>
          </p>
        ) : null}
        {state.kind === 'error' ? (
          <p role="alert" class="error-text">
            {state.message}
          </p>
        ) : null}
        {state.kind === 'ready' ? (
          <>
            <button type="button" class="primary" disabled={busy} onClick={() => void create()}>
              {tr(T('新建思维导图', 'New mind map'))}
            </button>
            {state.items.length === 0 ? <p>{tr(T('还没有导图。', 'No maps yet.'))}</p> : null}
            <ul class="file-list">
              {state.items.map((m) => (
                <li key={m.id}>
                  <a href={`/app/maps/${encodeURIComponent(m.id)}`}>{m.title || tr(T('未命名导图', 'Untitled map'))}</a>
                  <span class="muted">{fmt.format(new Date(m.updatedAt))}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </main>
    </div>
  );
}
