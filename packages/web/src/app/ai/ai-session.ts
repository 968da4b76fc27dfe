// One AI request streamed into the editor (issue 15 §3): the server's operations land in the
// editor's preview as each outline line completes — shown at once, never saved or recorded — and
// the person accepts them (one undo step, saved as one batch) or rejects them (no trace).

import { AiRequestError, postAiStream } from '@arbor/ai';
import type { Op, TopicId } from '@arbor/core';
import type { Editor } from '../../editor/editor.ts';

export type AiFlow = 'generate' | 'expand';

export interface AiProblem {
  code: string;
  message: string;
  /** The settings to configure (no provider). */
  settings?: string[];
  /** Templates of the library that match the request (what works without a provider). */
  templates?: { title: string; url: string }[];
}

export type AiState =
  | { kind: 'idle' }
  | { kind: 'streaming'; topics: number }
  | { kind: 'ready'; topics: number }
  | { kind: 'error'; problem: AiProblem; topics: number };

let runs = 0;

export class AiSession {
  state: AiState = { kind: 'idle' };
  private abort: AbortController | null = null;
  private key = '';

  constructor(
    private readonly editor: Editor,
    private readonly mapId: string | undefined,
    private readonly onChange: (s: AiState) => void,
  ) {}

  private set(s: AiState): void {
    this.state = s;
    this.onChange(s);
  }

  /** Streams a flow into the preview. Resolves when the stream ends (or fails). */
  async run(flow: AiFlow, input: { text?: string; depth?: number; language?: string }): Promise<void> {
    this.cancel();
    const editor = this.editor;
    const anchor = (editor.primary ?? editor.state.rootId) as TopicId;
    this.key = `ai:${++runs}`;
    const abort = new AbortController();
    this.abort = abort;
    let topics = 0;
    this.set({ kind: 'streaming', topics });
    const body =
      flow === 'generate'
        ? { topic: input.text ?? '', anchorId: anchor, depth: input.depth ?? 3, language: input.language }
        : {
            topicId: anchor,
            ...(this.mapId ? { mapId: this.mapId } : { path: [editor.state.topics.get(anchor)?.text ?? ''] }),
            depth: input.depth ?? 2,
            language: input.language,
          };
    try {
      const result = await postAiStream(`/api/ai/${flow}`, body, {
        signal: abort.signal,
        onEvent: (ev) => {
          if (ev.event !== 'ops' || abort.signal.aborted) return;
          const ops = this.fresh(ev.data.ops);
          if (!ops.length) return;
          editor.applyPreview(ops, this.key, { save: false });
          topics += ops.filter((o) => o.type === 'topic.create').length;
          this.set({ kind: 'streaming', topics });
        },
      });
      if (abort.signal.aborted) return;
      if (result.ok) this.set({ kind: 'ready', topics });
      else this.set({ kind: 'error', problem: { code: result.error.code, message: result.error.message }, topics });
    } catch (e) {
      if (abort.signal.aborted) return;
      if (e instanceof AiRequestError) {
        const offline = e.extra.offline as { templates?: { title: string; url: string }[] } | undefined;
        this.set({
          kind: 'error',
          problem: { code: e.code, message: e.message, settings: e.extra.settings as string[] | undefined, templates: offline?.templates },
          topics,
        });
      } else this.set({ kind: 'error', problem: { code: 'network', message: String((e as Error).message ?? e) }, topics });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  /** Operations whose topics are not in the map yet (a repeated line keeps its id). */
  private fresh(ops: readonly Op[]): Op[] {
    const topics = this.editor.state.topics;
    return ops.filter((o) => o.type !== 'topic.create' || !topics.has(o.topic.id));
  }

  /** Stops the stream (the server stops the model call); what arrived stays in the preview. */
  cancel(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.abort = null;
    if (this.state.kind === 'streaming') this.set({ kind: 'ready', topics: this.state.topics });
  }

  /** Keeps what arrived: one undo step, saved as one batch. */
  accept(): void {
    this.cancel();
    this.editor.commitPreview();
    this.set({ kind: 'idle' });
  }

  /** Drops what arrived: the map is as it was. */
  reject(): void {
    this.cancel();
    this.editor.cancelPreview();
    this.set({ kind: 'idle' });
  }
}
