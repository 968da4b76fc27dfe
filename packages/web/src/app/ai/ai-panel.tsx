// The AI panel in the editor: generate a map from a topic or a question, or expand the selected
// topic, with the user's own model (issue 15). Topics appear while the answer streams; the person
// accepts them (one undo step) or rejects them (no trace). Without a provider it says exactly what
// to configure and offers what works offline.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EditorView } from '../../editor/mount.ts';
import { lang, T, tr } from '../i18n.ts';
import { type AiFlow, AiSession, type AiState } from './ai-session.ts';

export function AiPanel({ view, mapId, onClose }: { view: EditorView; mapId?: string; onClose(): void }) {
  const [state, setState] = useState<AiState>({ kind: 'idle' });
  const session = useMemo(() => new AiSession(view.editor, mapId, setState), [view]);
  const [flow, setFlow] = useState<AiFlow>('generate');
  const [text, setText] = useState('');
  const [depth, setDepth] = useState(3);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    first.current?.focus();
    return () => session.cancel();
  }, []);
  const busy = state.kind === 'streaming';
  const pending = state.kind === 'streaming' || state.kind === 'ready' || (state.kind === 'error' && state.topics > 0);
  const primaryText = view.editor.primary ? view.editor.state.topics.get(view.editor.primary)?.text : '';

  const start = (e: Event) => {
    e.preventDefault();
    if (flow === 'generate' && !text.trim()) return;
    void session.run(flow, { text: text.trim(), depth, language: lang() === 'en' ? 'en' : 'zh' });
  };

  return (
    <section class="ai-panel arbor-ui" aria-labelledby="ai-title">
      <div class="dialog-head">
        <h2 id="ai-title">{tr(T('AI 生成', 'AI'))}</h2>
        <button
          type="button"
          class="close"
          aria-label={tr(T('关闭', 'Close'))}
          onClick={() => {
            if (pending) session.reject();
            onClose();
          }}
        >
          ×
        </button>
      </div>
      <form class="ai-form" onSubmit={start}>
        <fieldset class="ai-modes" disabled={busy}>
          <legend class="sr-only">{tr(T('方式', 'Mode'))}</legend>
          <label>
            <input type="radio" name="flow" checked={flow === 'generate'} onChange={() => setFlow('generate')} />{' '}
            {tr(T('一句话生成思维导图', 'Generate a map'))}
          </label>
          <label>
            <input type="radio" name="flow" checked={flow === 'expand'} onChange={() => setFlow('expand')} />{' '}
            {tr(T('扩展选中主题', 'Expand the selected topic'))}
          </label>
        </fieldset>
        {flow === 'generate' ? (
          <label class="ai-field">
            {tr(T('主题或问题', 'Topic or question'))}
            <textarea
              ref={first}
              rows={3}
              value={text}
              disabled={busy}
              placeholder={tr(T('例如：时间管理的方法', 'e.g. ways to manage time'))}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
        ) : (
          <p class="ai-field">
            {tr(T('将为此主题添加子主题：', 'Subtopics will be added under:'))} <strong>{primaryText}</strong>
          </p>
        )}
        <label class="ai-field inline">
          {tr(T('层级', 'Depth'))}
          <select value={depth} disabled={busy} onChange={(e) => setDepth(Number(e.currentTarget.value))}>
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <div class="ai-actions">
          {busy ? (
            <button type="button" onClick={() => session.cancel()}>
              {tr(T('停止', 'Stop'))}
            </button>
          ) : (
            <button type="submit" class="primary" disabled={view.editor.readonly}>
              {tr(T('生成', 'Generate'))}
            </button>
          )}
        </div>
      </form>
      <div class="ai-status" aria-live="polite">
        {state.kind === 'streaming' ? (
          <p>{tr(T(`正在生成… 已有 ${state.topics} 个主题`, `Generating… ${state.topics} topics so far`))}</p>
        ) : null}
        {state.kind === 'ready' ? (
          <p>{tr(T(`已生成 ${state.topics} 个主题，保留吗？`, `${state.topics} topics generated. Keep them?`))}</p>
        ) : null}
        {state.kind === 'error' ? <Problem state={state} /> : null}
        {pending && !busy ? (
          <div class="ai-actions">
            <button type="button" class="primary" data-ai="accept" onClick={() => session.accept()}>
              {tr(T('保留', 'Accept'))}
            </button>
            <button type="button" data-ai="reject" onClick={() => session.reject()}>
              {tr(T('放弃', 'Reject'))}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function Problem({ state }: { state: Extract<AiState, { kind: 'error' }> }) {
  const p = state.problem;
  if (p.code === 'ai-not-configured')
    return (
      <div class="ai-problem" role="alert">
        <p>
          {tr(
            T(
              'AI 尚未配置。请管理员设置以下环境变量后重启服务器：',
              'AI is not configured. Ask the admin to set these and restart the server:',
            ),
          )}
        </p>
        <ul>
          {(p.settings ?? ['ARBOR_AI_BASE_URL', 'ARBOR_AI_API_KEY', 'ARBOR_AI_MODEL']).map((s) => (
            <li key={s}>
              <code>{s}</code>
            </li>
          ))}
        </ul>
        <p>{tr(T('不用 AI 也可以：', 'Without AI you can:'))}</p>
        <ul>
          <li>
            <a href="/app/">{tr(T('导入文档，离线生成导图', 'Import a document (converted offline)'))}</a>
          </li>
          {(p.templates ?? []).slice(0, 5).map((t) => (
            <li key={t.url}>
              <a href={t.url}>{t.title}</a>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <p class="error-text" role="alert">
      {p.message} ({p.code})
    </p>
  );
}
