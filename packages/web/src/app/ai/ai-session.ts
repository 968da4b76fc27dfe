// One AI request streamed into the editor (issue 15 §3): the server's operations land in the
// editor's preview as each outline line completes — shown at once, never saved or recorded — and
// the person accepts them (one undo step, saved as one batch) or rejects them (no trace).

// The browser side of the AI stream only: the index would bring the server's flows (and docmap) along.
import { AiRequestError, postAiStream } from '@arbor/ai/client';
import type { Op, TopicId } from '@arbor/core';
import type { Editor } from '../../editor/editor.ts';

export type AiFlow = 'generate' | 'expand' | 'rewrite' | 'condense' | 'regenerate' | 'ask' | 'document';

/** A change the model proposes for a branch (condense, regenerate), accepted or rejected one by one. */
export interface Proposal {
  id: TopicId;
  action: 'add' | 'remove' | 'keep';
  reason?: string;
  parentId?: TopicId;
  text?: string;
  ops: Op[];
}

export interface AiAnswer {
  answered: boolean;
  text: string;
}

export interface AiProblem {
  code: string;
  message: string;
  /** The settings to configure (no provider). */
  settings?: string[];
  /** Templates of the library that match the request (what works without a provider). */
  templates?: { title: string; url: string }[];
}

export interface AiInput {
  text?: string;
  depth?: number;
  language?: string;
  style?: string;
  /** document: the file, base64 (the server reads txt, md, html, docx, pdf). */
  file?: { name: string; data: string };
}

export type AiState =
  | { kind: 'idle' }
  | { kind: 'streaming'; topics: number; progress?: { done: number; total: number } }
  | { kind: 'ready'; topics: number; answer?: AiAnswer }
  | { kind: 'proposals'; proposals: Proposal[] }
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

  /** The request body of a flow, from the selection and the person's input. */
  private body(flow: AiFlow, input: AiInput): unknown {
    const editor = this.editor;
    const anchor = (editor.primary ?? editor.state.rootId) as TopicId;
    const where = this.mapId ? { mapId: this.mapId } : { path: [editor.state.topics.get(anchor)?.text ?? ''] };
    switch (flow) {
      case 'generate':
        return { topic: input.text ?? '', anchorId: anchor, depth: input.depth ?? 3, language: input.language };
      case 'expand':
        return { topicId: anchor, ...where, depth: input.depth ?? 2, language: input.language };
      case 'rewrite':
        return {
          topics: editor.selection.map((id) => ({ id, text: editor.state.topics.get(id)?.text ?? '' })).filter((t) => t.text),
          style: input.style ?? 'shorter',
          language: input.language,
        };
      case 'condense':
      case 'regenerate':
        return this.mapId
          ? { topicId: anchor, mapId: this.mapId, depth: input.depth ?? 2, language: input.language }
          : { topicId: anchor, branch: branchOf(editor, anchor), depth: input.depth ?? 2, language: input.language };
      case 'document':
        return { file: input.file, anchorId: editor.state.rootId, language: input.language };
      case 'ask':
        return {
          question: input.text ?? '',
          text: editor.state.meta?.sourceText ?? '',
          ...(this.mapId ? { mapId: this.mapId } : {}),
          anchorId: anchor,
          language: input.language,
        };
    }
  }

  /** Streams a flow into the preview (or collects its proposals). Resolves when the stream ends (or fails). */
  async run(flow: AiFlow, input: AiInput): Promise<void> {
    this.cancel();
    const editor = this.editor;
    this.key = `ai:${++runs}`;
    const abort = new AbortController();
    this.abort = abort;
    let topics = 0;
    let answer: AiAnswer | undefined;
    const proposals: Proposal[] = [];
    this.set({ kind: 'streaming', topics });
    try {
      const result = await postAiStream(`/api/ai/${flow}`, this.body(flow, input), {
        signal: abort.signal,
        onEvent: (ev) => {
          if (abort.signal.aborted) return;
          if (ev.event === 'proposal') {
            proposals.push(...(ev.data.changes as Proposal[]));
            return;
          }
          if (ev.event === 'progress') {
            this.set({ kind: 'streaming', topics, progress: { done: ev.data.done, total: ev.data.total } });
            return;
          }
          if (ev.event === 'answer') {
            answer = { answered: ev.data.answered, text: ev.data.text };
            return;
          }
          if (ev.event !== 'ops') return;
          const ops = this.fresh(ev.data.ops);
          if (!ops.length) return;
          editor.applyPreview(ops, this.key, { save: false });
          topics += ops.filter((o) => o.type === 'topic.create').length || ops.length;
          this.set({ kind: 'streaming', topics });
        },
      });
      if (abort.signal.aborted) return;
      if (!result.ok) this.set({ kind: 'error', problem: { code: result.error.code, message: result.error.message }, topics });
      else if (proposals.length) this.set({ kind: 'proposals', proposals });
      else this.set({ kind: 'ready', topics, ...(answer ? { answer } : {}) });
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

  /**
   * Applies the chosen proposals as one step (one undo). An added topic whose parent is another
   * addition comes only with that addition.
   */
  acceptProposals(chosen: ReadonlySet<TopicId>): void {
    if (this.state.kind !== 'proposals') return;
    const added = new Set<TopicId>();
    const ops: Op[] = [];
    for (const p of this.state.proposals) {
      if (p.action === 'keep' || !chosen.has(p.id)) continue;
      const parentIsNew = p.parentId !== undefined && this.state.proposals.some((q) => q.id === p.parentId && q.action === 'add');
      if (p.action === 'add' && parentIsNew && !added.has(p.parentId as TopicId)) continue;
      if (p.action === 'add') added.add(p.id);
      ops.push(...p.ops);
    }
    if (ops.length) this.editor.apply(ops);
    this.set({ kind: 'idle' });
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
    if (this.state.kind !== 'proposals') this.editor.cancelPreview();
    this.set({ kind: 'idle' });
  }
}

/** A branch as the condense/regenerate routes take it without a saved map. */
function branchOf(editor: Editor, id: TopicId): { id: TopicId; text: string; children: unknown[] } {
  const t = editor.state.topics.get(id);
  return { id, text: t?.text ?? '', children: editor.state.children.get(id).map((c) => branchOf(editor, c)) };
}
