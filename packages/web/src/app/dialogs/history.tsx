// The history panel: the map's versions (who, when, how many changes), a read-only preview of any
// version, restore as a new version, and the difference between two versions coloured on the map
// (see version-diff.ts). Previews are the editor itself, mounted read-only: pan, zoom and fold work.

import { type MindDoc, restore } from '@arbor/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type EditorView, mountEditor } from '../../editor/mount.ts';
import { api, type ShareAccess } from '../api.ts';
import { lang, T, tr } from '../i18n.ts';
import { formatTime, Modal } from './modal.tsx';
import { DIFF_STYLE, diffDoc, diffVersions, type VersionDiff } from './version-diff.ts';

interface VersionItem {
  version: number;
  kind: string;
  createdAt: number;
  author: { kind: 'user' | 'share'; id: string; name: string } | null;
  opCount?: number;
  restoredFrom?: number;
}

type Shown =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'preview'; version: number; doc: MindDoc }
  | { kind: 'diff'; from: number; to: number; doc: MindDoc; diff: VersionDiff };

const PAGE = 100;

/** The kinds of change the diff legend counts, in its order. */
const DIFF_KINDS = [
  ['added', T('新增', 'added')],
  ['removed', T('删除', 'removed')],
  ['moved', T('移动', 'moved')],
  ['changed', T('修改', 'changed')],
] as const;

function VersionSelect({
  label,
  items,
  value,
  onPick,
}: {
  label: string;
  items: readonly VersionItem[];
  value: number | null;
  onPick(version: number): void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onPick(Number(e.currentTarget.value))}>
        {items.map((it) => (
          <option key={it.version} value={it.version}>
            {it.version}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HistoryDialog({
  mapId,
  share,
  canRestore,
  onClose,
  onRestored,
}: {
  mapId: string;
  share?: ShareAccess;
  canRestore: boolean;
  onClose(): void;
  onRestored(version: number): void;
}) {
  const [items, setItems] = useState<VersionItem[]>([]);
  const [current, setCurrent] = useState(0);
  const [more, setMore] = useState(false);
  const [error, setError] = useState('');
  const [shown, setShown] = useState<Shown>({ kind: 'none' });
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const base = `/api/maps/${encodeURIComponent(mapId)}/versions`;

  const loadPage = async (before?: number) => {
    try {
      const r = await api<{ items: VersionItem[]; version: number }>(
        `${base}?limit=${PAGE}${before !== undefined ? `&before=${before}` : ''}`,
        {
          share,
        },
      );
      setCurrent(r.version);
      setItems((old) => (before === undefined ? r.items : [...old, ...r.items]));
      setMore(r.items.length >= PAGE && r.items[r.items.length - 1]?.version !== 0);
      if (before === undefined && r.items.length) {
        setTo(r.items[0]?.version ?? null);
        setFrom(r.items[1]?.version ?? r.items[0]?.version ?? null);
      }
    } catch (e) {
      setError(String((e as Error).message));
    }
  };
  useEffect(() => {
    void loadPage();
  }, []);

  const docAt = async (v: number): Promise<MindDoc> => restore((await api<{ doc: MindDoc }>(`${base}/${v}`, { share })).doc).doc;

  const preview = async (v: number) => {
    setShown({ kind: 'loading' });
    try {
      setShown({ kind: 'preview', version: v, doc: await docAt(v) });
    } catch (e) {
      setShown({ kind: 'error', message: String((e as Error).message) });
    }
  };
  const compare = async (a: number, b: number) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    setFrom(lo);
    setTo(hi);
    setShown({ kind: 'loading' });
    try {
      const [d1, d2] = await Promise.all([docAt(lo), docAt(hi)]);
      const diff = diffVersions(d1, d2);
      setShown({ kind: 'diff', from: lo, to: hi, doc: restore(diffDoc(d1, d2, diff)).doc, diff });
    } catch (e) {
      setShown({ kind: 'error', message: String((e as Error).message) });
    }
  };
  const restoreTo = async (v: number) => {
    if (
      !confirm(
        tr(
          T(
            `把导图恢复到版本 ${v}？当前内容会保留在历史中。`,
            `Restore the map to version ${v}? The current content stays in the history.`,
          ),
        ),
      )
    )
      return;
    try {
      const r = await api<{ version: number }>(`${base}/${v}/restore`, { method: 'POST', body: {}, share });
      onRestored(r.version);
    } catch (e) {
      setError(String((e as Error).message));
    }
  };

  // The preview is a read-only editor in the right pane, mounted afresh for each document.
  useEffect(() => {
    if (!host.current || (shown.kind !== 'preview' && shown.kind !== 'diff')) return;
    let view: EditorView | null = null;
    try {
      view = mountEditor(host.current, { doc: shown.doc, readonly: true, minimap: false });
    } catch (e) {
      setShown({ kind: 'error', message: String((e as Error).message) });
    }
    // The whole version in view, again whenever the pane changes size (a phone turned, a resize).
    const fit = new ResizeObserver(() => view?.canvas.fit());
    fit.observe(host.current);
    return () => {
      fit.disconnect();
      view?.destroy();
    };
  }, [shown]);

  const who = (it: VersionItem) => (it.author ? it.author.name || tr(T('用户', 'user')) : tr(T('系统', 'system')));
  const what = (it: VersionItem) =>
    it.kind === 'create'
      ? tr(T('创建', 'Created'))
      : it.kind === 'restore'
        ? `${tr(T('恢复自版本', 'Restored from version'))} ${it.restoredFrom}`
        : `${it.opCount ?? 0} ${tr(T('处更改', it.opCount === 1 ? 'change' : 'changes'))}`;
  const counts = shown.kind === 'diff' ? shown.diff : null;

  return (
    <Modal title={tr(T('历史版本', 'Version history'))} onClose={onClose} wide class="history-dialog">
      {error ? (
        <p role="alert" class="error-text">
          {error}
        </p>
      ) : null}
      <div class="history-layout">
        <ol class="history-list" aria-label={tr(T('版本列表', 'Versions'))}>
          {items.map((it) => (
            <li key={it.version} class={it.version === current ? 'current' : ''} data-version={it.version}>
              <span>
                <strong>
                  {tr(T('版本', 'Version'))} {it.version}
                </strong>
                {it.version === current ? ` · ${tr(T('当前', 'current'))}` : ''}
              </span>
              <span class="muted">
                {who(it)} · {formatTime(it.createdAt, lang())} · {what(it)}
              </span>
              <div class="row-actions">
                <button type="button" class="secondary" onClick={() => void preview(it.version)}>
                  {tr(T('预览', 'Preview'))}
                </button>
                {it.version > 0 ? (
                  <button type="button" class="secondary" onClick={() => void compare(Math.max(0, it.version - 1), it.version)}>
                    {tr(T('与上一版对比', 'Diff with previous'))}
                  </button>
                ) : null}
                {canRestore && it.version !== current ? (
                  <button type="button" class="secondary" onClick={() => void restoreTo(it.version)}>
                    {tr(T('恢复此版本', 'Restore'))}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
          {more ? (
            <li>
              <button type="button" class="link-button" onClick={() => void loadPage(items[items.length - 1]?.version)}>
                {tr(T('更早的版本…', 'Older versions…'))}
              </button>
            </li>
          ) : null}
        </ol>
        <section class="history-preview" aria-label={tr(T('预览', 'Preview'))}>
          <form
            class="diff-pick actions"
            onSubmit={(e) => {
              e.preventDefault();
              if (from !== null && to !== null) void compare(from, to);
            }}
          >
            <VersionSelect label={tr(T('从', 'From'))} items={items} value={from} onPick={setFrom} />
            <VersionSelect label={tr(T('到', 'To'))} items={items} value={to} onPick={setTo} />
            <button type="submit" class="secondary">
              {tr(T('对比', 'Compare'))}
            </button>
            {counts ? (
              <span class="diff-legend" role="status">
                {DIFF_KINDS.map(([kind, label]) => (
                  <span key={kind} style={{ '--c': DIFF_STYLE[kind].borderColor }}>
                    {tr(label)} {counts[kind].length}
                  </span>
                ))}
              </span>
            ) : shown.kind === 'preview' ? (
              <span role="status">
                {tr(T('预览版本', 'Previewing version'))} {shown.version}
              </span>
            ) : null}
          </form>
          {shown.kind === 'loading' ? <p role="status">{tr(T('加载中…', 'Loading…'))}</p> : null}
          {shown.kind === 'error' ? (
            <p role="alert" class="error-text">
              {shown.message}
            </p>
          ) : null}
          {shown.kind === 'none' ? (
            <p class="muted">{tr(T('选择一个版本预览，或对比两个版本。', 'Pick a version to preview, or compare two.'))}</p>
          ) : null}
          <div class="history-canvas" ref={host} hidden={shown.kind !== 'preview' && shown.kind !== 'diff'} />
        </section>
      </div>
    </Modal>
  );
}
