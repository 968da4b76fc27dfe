// Import anywhere in the app: drop a file on the window or pick one. A map file (XMind, FreeMind,
// OPML, MindManager, JSON…) goes to the server (`POST /api/import`, multipart). A document (txt, md,
// html, docx, pdf) is converted in the browser with @arbor/docmap — loaded only when first needed —
// and only the resulting map is sent (`POST /api/maps {doc}`): the document itself never leaves the
// machine. The import report is shown with a link to the new map. A file that cannot be imported
// says why and nothing already open is touched.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type MapSummary } from '../api.ts';
import { T, tr } from '../i18n.ts';
import { Modal } from './modal.tsx';

export const DOCUMENT_FILE = /\.(txt|text|md|markdown|html?|docx|pdf)$/i;
export const MAP_FILE = /\.(xmind|mm|opml|mmap|json|arbor|smm|km|xmmap)$/i;
export const ACCEPT = '.xmind,.mm,.opml,.mmap,.json,.arbor,.smm,.km,.txt,.md,.markdown,.html,.htm,.docx,.pdf';
const MAX_BYTES = 16 * 1024 * 1024;

export interface ReportLine {
  kind: string;
  message: string;
  count: number;
}

export interface ImportResult {
  id: string;
  title: string;
  format: string;
  report: ReportLine[];
  /** True when the document was converted in the browser. */
  local: boolean;
}

/** Imports one file into the signed-in user's files (optionally into a folder). */
export async function importFile(file: File, folderId?: string | null): Promise<ImportResult> {
  if (file.size === 0) throw new Error(tr(T('文件是空的', 'The file is empty')));
  if (file.size > MAX_BYTES) throw new Error(tr(T('文件太大（上限 16 MB）', 'The file is too large (16 MB at most)')));
  const title = file.name.replace(/\.[^.]+$/, '').slice(0, 200) || undefined;
  if (DOCUMENT_FILE.test(file.name) && !MAP_FILE.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let converted: Awaited<ReturnType<typeof import('@arbor/docmap')['documentToMap']>>;
    try {
      const { documentToMap } = await import('@arbor/docmap');
      converted = await documentToMap(bytes, { fileName: file.name });
    } catch (e) {
      throw new Error(`${tr(T('无法读取这个文档', 'This document cannot be read'))}: ${(e as Error).message}`);
    }
    const r = await api<{ map: MapSummary }>('/api/maps', {
      method: 'POST',
      body: { doc: converted.doc, title: converted.doc.title || title, ...(folderId ? { folderId } : {}) },
    });
    return { id: r.map.id, title: r.map.title, format: converted.format, report: converted.report, local: true };
  }
  const form = new FormData();
  form.append('file', file, file.name);
  if (folderId) form.append('folderId', folderId);
  let res: Response;
  try {
    res = await fetch('/api/import', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', `${tr(T('无法连接服务器', 'Cannot reach the server'))} (${(e as Error).message})`);
  }
  const json = (await res.json().catch(() => null)) as {
    id?: string;
    format?: string;
    map?: MapSummary;
    report?: ReportLine[];
    error?: { code?: string; message?: string };
  } | null;
  if (!res.ok || !json?.id) {
    throw new ApiError(res.status, json?.error?.code ?? `http-${res.status}`, json?.error?.message ?? `${res.status} ${res.statusText}`);
  }
  return { id: json.id, title: json.map?.title ?? title ?? '', format: json.format ?? '', report: json.report ?? [], local: false };
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; name: string }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; name: string; message: string };

/**
 * Drop target for the whole window plus a hidden file input. `register` hands the parent a function
 * that opens the file picker. Internal drags (files between folders) carry no files and are ignored.
 */
export function ImportController({
  folderId,
  onImported,
  register,
  openAfter,
}: {
  folderId?: string | null;
  onImported?(result: ImportResult): void;
  register?(pick: () => void): void;
  /** Open the new map in the editor straight away (from the editor); else the report offers a link. */
  openAfter?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const folder = useRef(folderId);
  folder.current = folderId;

  const run = async (file: File) => {
    setPhase({ kind: 'busy', name: file.name });
    try {
      const result = await importFile(file, folder.current);
      setPhase({ kind: 'done', result });
      onImported?.(result);
    } catch (e) {
      setPhase({ kind: 'failed', name: file.name, message: String((e as Error).message) });
    }
  };

  useEffect(() => {
    register?.(() => input.current?.click());
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void run(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overFn);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const close = () => setPhase({ kind: 'idle' });
  return (
    <>
      <input
        ref={input}
        type="file"
        class="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        accept={ACCEPT}
        data-import-input=""
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void run(file);
        }}
      />
      {over ? (
        <div class="drop-overlay" aria-hidden="true">
          {tr(
            T(
              '松开即可导入：导图文件或文档（txt、md、html、docx、pdf）',
              'Drop to import: a map file or a document (txt, md, html, docx, pdf)',
            ),
          )}
        </div>
      ) : null}
      {phase.kind === 'busy' ? (
        <Modal title={tr(T('正在导入', 'Importing'))} onClose={close}>
          <p role="status">
            {tr(T('正在导入', 'Importing'))} {phase.name}…
          </p>
        </Modal>
      ) : null}
      {phase.kind === 'failed' ? (
        <Modal title={tr(T('导入失败', 'Import failed'))} onClose={close}>
          <p role="alert" class="error-text">
            {phase.name}: {phase.message}
          </p>
          <p>{tr(T('没有任何内容被修改。', 'Nothing was changed.'))}</p>
        </Modal>
      ) : null}
      {phase.kind === 'done' ? (
        <Modal title={tr(T('导入完成', 'Imported'))} onClose={close} class="import-done">
          <p role="status">
            {tr(T('已创建导图', 'Created the map'))} “{phase.result.title}”{phase.result.format ? ` (${phase.result.format})` : ''}
            {phase.result.local
              ? tr(T('，文档在浏览器内转换，未上传。', ': the document was converted in the browser, not uploaded.'))
              : ''}
          </p>
          {phase.result.report.length ? (
            <>
              <h3>{tr(T('导入报告', 'Import report'))}</h3>
              <ul class="import-report">
                {phase.result.report.map((r) => (
                  <li key={r.kind}>
                    {r.message}
                    {r.count > 1 ? ` ×${r.count}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{tr(T('没有需要报告的问题。', 'Nothing to report.'))}</p>
          )}
          <div class="actions">
            <a class="button-link primary" href={`/app/maps/${encodeURIComponent(phase.result.id)}`} data-autofocus>
              {tr(T('打开导图', 'Open the map'))}
            </a>
            {openAfter ? null : (
              <button type="button" class="secondary" onClick={close}>
                {tr(T('留在这里', 'Stay here'))}
              </button>
            )}
          </div>
        </Modal>
      ) : null}
    </>
  );
}
