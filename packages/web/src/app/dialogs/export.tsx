// The export dialog: every format the server writes (`GET /api/formats`), the whole map from the
// server (`GET /api/maps/:id/export?format=…`) or the selected branch alone (saved as a temporary
// map, exported by the server, deleted for good; @arbor/formats stays out of the app's bundle).
// PNG at 1×/2×/3× and with a transparent background is drawn in the browser from the server's SVG;
// the PDF is written by the server, one page fitted to the map or tiled over A4/A3 sheets
// (`pageSize`, `orientation` on the export URL).

import { docFromState, type MindDoc } from '@arbor/core';
import { useEffect, useState } from 'preact/hooks';
import type { EditorView } from '../../editor/mount.ts';
import { api, type ShareAccess, shareHeaders } from '../api.ts';
import { T, tr } from '../i18n.ts';
import { branchDoc } from './branch.ts';
import { Modal } from './modal.tsx';

interface FormatInfo {
  name: string;
  extensions: string[];
  mimeType: string;
  canRead: boolean;
  canWrite: boolean;
}

const LABEL: Record<string, string> = {
  json: 'Arbor JSON',
  xmind: 'XMind',
  mm: 'FreeMind (.mm)',
  opml: 'OPML',
  markdown: 'Markdown',
  text: tr(T('纯文本', 'Plain text')),
  svg: 'SVG',
  png: 'PNG',
  pdf: 'PDF',
  mmap: 'MindManager',
};

type PageSize = 'fit' | 'a4' | 'a3';
type Orientation = 'auto' | 'portrait' | 'landscape';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const safeName = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\n\r\t]+/g, ' ')
    .trim()
    .slice(0, 120) || 'map';

/** Draws an SVG into a PNG at a scale, on white or transparent. */
async function svgToPng(svg: Blob, scale: number, transparent: boolean): Promise<Blob> {
  const url = URL.createObjectURL(svg);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const w = Math.max(1, Math.round(img.naturalWidth * scale));
    const h = Math.max(1, Math.round(img.naturalHeight * scale));
    if (w * h > (16384 * 16384) / 2) throw new Error(tr(T('图片太大，请选择较小的倍数', 'The image is too large: pick a smaller scale')));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas 2d');
    if (!transparent) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
    }
    ctx.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ExportDialog({
  mapId,
  title,
  view,
  share,
  onClose,
}: {
  mapId: string;
  title: string;
  view: EditorView;
  share?: ShareAccess;
  onClose(): void;
}) {
  const [formats, setFormats] = useState<FormatInfo[] | null>(null);
  const [format, setFormat] = useState('xmind');
  const [scope, setScope] = useState<'map' | 'branch'>('map');
  const [scale, setScale] = useState(2);
  const [transparent, setTransparent] = useState(false);
  const [pageSize, setPageSize] = useState<PageSize>('fit');
  const [orientation, setOrientation] = useState<Orientation>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const primary = view.editor.primary;
  // A branch is exported through a temporary map of the user's own: not from a share link.
  const branchable = !share && primary !== null && primary !== view.editor.state.rootId;

  useEffect(() => {
    api<{ items: FormatInfo[] }>('/api/formats')
      .then((r) => setFormats(r.items.filter((f) => f.canWrite)))
      .catch((e) => setError(String((e as Error).message)));
  }, []);

  // "Exported …" describes the last download: it goes once the choices change.
  useEffect(() => setDone(''), [format, scope, scale, transparent, pageSize, orientation]);

  const ext = (name: string) => formats?.find((f) => f.name === name)?.extensions[0] ?? name;

  const download = async (id: string, serverFormat: string): Promise<Blob> => {
    const query = new URLSearchParams({ format: serverFormat });
    if (serverFormat === 'pdf') {
      query.set('pageSize', pageSize);
      if (pageSize !== 'fit') query.set('orientation', orientation);
    }
    const res = await fetch(`/api/maps/${encodeURIComponent(id)}/export?${query}`, {
      credentials: 'same-origin',
      headers: shareHeaders(share),
    });
    if (!res.ok) {
      const j = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(j?.error?.message ?? `${res.status} ${res.statusText}`);
    }
    return res.blob();
  };

  const run = async () => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      const file = `${safeName(scope === 'branch' && primary ? (view.editor.state.topics.get(primary)?.text ?? title) : title)}.${ext(format)}`;
      const wantPng = format === 'png';
      const serverFormat = wantPng && (scale !== 1 || transparent) ? 'svg' : format;
      let blob: Blob;
      if (scope === 'branch' && primary) {
        // The server's writers need a saved map: the branch is saved as a map of its own, exported,
        // and deleted for good straight away (it never reaches the trash).
        const doc: MindDoc = branchDoc(docFromState(view.editor.state), primary);
        const made = await api<{ map: { id: string } }>('/api/maps', { method: 'POST', body: { doc, title: doc.title } });
        try {
          blob = await download(made.map.id, serverFormat);
        } finally {
          await api(`/api/maps/${encodeURIComponent(made.map.id)}?permanent=true`, { method: 'DELETE' }).catch(() => {});
        }
      } else {
        blob = await download(mapId, serverFormat);
      }
      if (serverFormat !== format) blob = await svgToPng(new Blob([blob], { type: 'image/svg+xml' }), scale, transparent);
      save(blob, file);
      setDone(`${tr(T('已导出', 'Exported'))} ${file} (${Math.max(1, Math.round(blob.size / 1024))} KB)`);
    } catch (e) {
      setError(`${tr(T('导出失败', 'Export failed'))}: ${(e as Error).message}`);
    }
    setBusy(false);
  };

  return (
    <Modal title={tr(T('导出', 'Export'))} onClose={onClose} class="export-dialog">
      <form
        class="form-rows"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {tr(T('格式', 'Format'))}
          <select name="format" value={format} onChange={(e) => setFormat(e.currentTarget.value)} data-autofocus>
            {(formats ?? []).map((f) => (
              <option key={f.name} value={f.name}>
                {LABEL[f.name] ?? f.name} (.{f.extensions[0] ?? f.name})
              </option>
            ))}
          </select>
        </label>
        <fieldset class="inline">
          <legend>{tr(T('范围', 'Scope'))}</legend>
          <label class="inline">
            <input type="radio" name="scope" checked={scope === 'map'} onChange={() => setScope('map')} />
            {tr(T('整张导图', 'Whole map'))}
          </label>
          <label class="inline">
            <input type="radio" name="scope" disabled={!branchable} checked={scope === 'branch'} onChange={() => setScope('branch')} />
            {tr(T('仅选中的分支', 'Selected branch only'))}
          </label>
        </fieldset>
        {format === 'png' ? (
          <>
            <label>
              {tr(T('PNG 倍数', 'PNG scale'))}
              <select value={String(scale)} onChange={(e) => setScale(Number(e.currentTarget.value))}>
                <option value="1">1×</option>
                <option value="2">2×</option>
                <option value="3">3×</option>
              </select>
            </label>
            <label class="inline">
              <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.currentTarget.checked)} />
              {tr(T('透明背景', 'Transparent background'))}
            </label>
          </>
        ) : null}
        {format === 'pdf' ? (
          <>
            <label>
              {tr(T('页面大小', 'Page size'))}
              <select name="pageSize" value={pageSize} onChange={(e) => setPageSize(e.currentTarget.value as PageSize)}>
                <option value="fit">{tr(T('一页适应', 'Fit on one page'))}</option>
                <option value="a4">{tr(T('A4 分页', 'A4 tiles'))}</option>
                <option value="a3">{tr(T('A3 分页', 'A3 tiles'))}</option>
              </select>
            </label>
            {pageSize === 'fit' ? null : (
              <label>
                {tr(T('方向', 'Orientation'))}
                <select name="orientation" value={orientation} onChange={(e) => setOrientation(e.currentTarget.value as Orientation)}>
                  <option value="auto">{tr(T('自动', 'Automatic'))}</option>
                  <option value="portrait">{tr(T('纵向', 'Portrait'))}</option>
                  <option value="landscape">{tr(T('横向', 'Landscape'))}</option>
                </select>
              </label>
            )}
            <p class="muted">
              {pageSize === 'fit'
                ? tr(T('整张导图放在一页上，文字可选中、可搜索。', 'The whole map on one page, with selectable, searchable text.'))
                : tr(
                    T(
                      '按打印大小分成多页，从左到右、从上到下排列，相邻页略有重叠，页脚有页码。',
                      'Cut into pages at print size, left to right then down, slightly overlapping, numbered in the footer.',
                    ),
                  )}
            </p>
          </>
        ) : null}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || !formats}>
            {busy ? tr(T('正在导出…', 'Exporting…')) : tr(T('下载', 'Download'))}
          </button>
        </div>
        {error ? (
          <p role="alert" class="error-text">
            {error}
          </p>
        ) : null}
        {done ? <p role="status">{done}</p> : null}
      </form>
    </Modal>
  );
}
