// The AI panel in the editor: generate a map from a topic or a question, or expand the selected
// topic, with the user's own model (issue 15). Topics appear while the answer streams; the person
// accepts them (one undo step) or rejects them (no trace). Without a provider it says exactly what
// to configure and offers what works offline.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EditorView } from '../../editor/mount.ts';
import { lang, T, tr } from '../i18n.ts';
import { type AiFlow, AiSession, type AiState, type Proposal } from './ai-session.ts';

export function AiPanel({ view, mapId, onClose }: { view: EditorView; mapId?: string; onClose(): void }) {
  const [state, setState] = useState<AiState>({ kind: 'idle' });
  const session = useMemo(() => new AiSession(view.editor, mapId, setState), [view]);
  const [flow, setFlow] = useState<AiFlow>('generate');
  const [text, setText] = useState('');
  const [depth, setDepth] = useState(3);
  const [style, setStyle] = useState('shorter');
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    first.current?.focus();
    return () => session.cancel();
  }, []);
  const busy = state.kind === 'streaming';
  const pending = state.kind === 'streaming' || state.kind === 'ready' || (state.kind === 'error' && state.topics > 0);
  const primaryText = view.editor.primary ? view.editor.state.topics.get(view.editor.primary)?.text : '';

  const needsText = flow === 'generate' || flow === 'ask';
  const start = (e: Event) => {
    e.preventDefault();
    if (needsText && !text.trim()) return;
    if (flow === 'document' && !file) return;
    void session.run(flow, { text: text.trim(), depth, style, file: file ?? undefined, language: lang() === 'en' ? 'en' : 'zh' });
  };
  const hasSource = !!view.editor.state.meta?.sourceText;
  const modes: [AiFlow, { zh: string; en: string }][] = [
    ['generate', T('一句话生成思维导图', 'Generate a map')],
    ['expand', T('扩展选中主题', 'Expand the selected topic')],
    ['rewrite', T('改写选中主题', 'Rewrite the selected topics')],
    ['condense', T('精简这个分支', 'Condense this branch')],
    ['regenerate', T('重新生成这个分支', 'Regenerate this branch')],
    ['document', T('用 AI 把文档整理成导图', 'Turn a document into a map with AI')],
    ...(hasSource ? ([['ask', T('向原文提问', 'Ask the source document')]] as [AiFlow, { zh: string; en: string }][]) : []),
  ];

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
          {modes.map(([f, label]) => (
            <label key={f}>
              <input type="radio" name="flow" checked={flow === f} onChange={() => setFlow(f)} /> {tr(label)}
            </label>
          ))}
        </fieldset>
        {flow === 'document' ? null : needsText ? (
          <label class="ai-field">
            {flow === 'ask' ? tr(T('问题', 'Question')) : tr(T('主题或问题', 'Topic or question'))}
            <textarea
              ref={first}
              rows={3}
              value={text}
              disabled={busy}
              placeholder={
                flow === 'ask'
                  ? tr(T('例如：试用期最长多久？', 'e.g. how long may a probation period be?'))
                  : tr(T('例如：时间管理的方法', 'e.g. ways to manage time'))
              }
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
        ) : (
          <p class="ai-field">
            {flow === 'rewrite' ? tr(T('将改写选中的主题：', 'Rewrites the selected topics:')) : tr(T('对象：', 'Topic:'))}{' '}
            <strong>{primaryText}</strong>
          </p>
        )}
        {flow === 'document' ? (
          <label class="ai-field">
            {tr(T('文档（txt、md、html、docx、pdf）', 'Document (txt, md, html, docx, pdf)'))}
            <input
              type="file"
              accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf"
              disabled={busy}
              onChange={async (e) => {
                const f = e.currentTarget.files?.[0];
                if (!f) return setFile(null);
                const bytes = new Uint8Array(await f.arrayBuffer());
                let bin = '';
                for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                setFile({ name: f.name, data: btoa(bin) });
              }}
            />
          </label>
        ) : null}
        {flow === 'rewrite' ? (
          <label class="ai-field inline">
            {tr(T('方式', 'Style'))}
            <select value={style} disabled={busy} onChange={(e) => setStyle(e.currentTarget.value)}>
              <option value="shorter">{tr(T('更简短', 'Shorter'))}</option>
              <option value="clearer">{tr(T('更清楚', 'Clearer'))}</option>
              <option value="translate">{tr(T('翻译', 'Translate'))}</option>
            </select>
          </label>
        ) : null}
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
          <p>
            {tr(T(`正在生成… 已有 ${state.topics} 个主题`, `Generating… ${state.topics} topics so far`))}
            {state.progress ? ` (${state.progress.done}/${state.progress.total})` : ''}
          </p>
        ) : null}
        {state.kind === 'ready' && state.answer && !state.answer.answered ? (
          <p>{tr(T('原文中没有找到答案。', 'The document does not answer this.'))}</p>
        ) : null}
        {state.kind === 'ready' && (!state.answer || state.answer.answered) ? (
          <p>{tr(T(`已生成 ${state.topics} 个主题，保留吗？`, `${state.topics} topics generated. Keep them?`))}</p>
        ) : null}
        {state.kind === 'proposals' ? (
          <Proposals proposals={state.proposals} onAccept={(ids) => session.acceptProposals(ids)} onReject={() => session.reject()} />
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

/** Condense and regenerate: each proposed change accepted or rejected on its own (kept topics are listed). */
function Proposals({
  proposals,
  onAccept,
  onReject,
}: {
  proposals: Proposal[];
  onAccept(ids: Set<Proposal['id']>): void;
  onReject(): void;
}) {
  const [chosen, setChosen] = useState(() => new Set(proposals.filter((p) => p.action !== 'keep').map((p) => p.id)));
  const label = (p: Proposal) =>
    p.action === 'add'
      ? tr(T('新增', 'Add'))
      : p.action === 'remove'
        ? tr(T('删除', 'Remove'))
        : p.reason === 'pinned'
          ? tr(T('保留（你改过的）', 'Kept (yours)'))
          : tr(T('保留', 'Kept'));
  return (
    <div class="ai-proposals">
      <p>{tr(T('逐条选择要采用的修改：', 'Choose the changes to apply:'))}</p>
      <ul>
        {proposals.map((p) => (
          <li key={`${p.action}:${p.id}`} class={`proposal-${p.action}`}>
            <label>
              <input
                type="checkbox"
                disabled={p.action === 'keep'}
                checked={p.action === 'keep' || chosen.has(p.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(p.id);
                  else next.delete(p.id);
                  setChosen(next);
                }}
              />{' '}
              <span class="proposal-action">{label(p)}</span> {p.text ?? ''}
            </label>
          </li>
        ))}
      </ul>
      <div class="ai-actions">
        <button type="button" class="primary" data-ai="accept" onClick={() => onAccept(chosen)}>
          {tr(T('采用选中的修改', 'Apply the chosen changes'))}
        </button>
        <button type="button" data-ai="reject" onClick={onReject}>
          {tr(T('全部放弃', 'Reject all'))}
        </button>
      </div>
    </div>
  );
}
