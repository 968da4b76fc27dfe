// The editor's model (DESIGN §9): the document state, its history, the incremental layout, and the
// session state (selection, editing topic, focus branch). No DOM here: the canvas and the panels
// listen to its events, and every change flows one way: command → operations → applyOp → diff →
// history, the sync queue and the views.

import {
  applyDiff,
  applyOps,
  composeDiffs,
  type Diff,
  type DocState,
  History,
  invertDiff,
  isEmptyDiff,
  LayoutEngine,
  type LayoutResult,
  type MindDoc,
  type Op,
  OpError,
  resolveTheme,
  stateFromDoc,
  type TextMeasurer,
  type Theme,
  type TopicId,
} from '@arbor/core';
import { diffToOps } from './diff-ops.ts';
import { Emitter } from './emitter.ts';

export type Origin = 'local' | 'remote' | 'preview';

export interface ChangeEvent {
  diff: Diff;
  origin: Origin;
}

export interface Notice {
  kind: 'info' | 'error';
  message: string;
}

export interface EditorEvents extends Record<string, unknown> {
  /** Any change of the document (after layout). */
  change: ChangeEvent;
  /** A new layout is ready (after a change, a fold, a theme switch). */
  layout: LayoutResult;
  selection: { ids: readonly TopicId[]; primary: TopicId | null };
  /** Local operations to save (the sync layer listens); `tag` comes back when the server refuses them. */
  ops: { ops: Op[]; tag: unknown };
  /** Ask the text editor to open on a topic (`selectAll` for a new topic's default text). */
  edit: { id: TopicId; selectAll: boolean; initial?: string };
  notice: Notice;
  /** Focus mode changed (null: the whole map). */
  focus: TopicId | null;
  /** The camera should bring a topic into view. */
  reveal: TopicId;
}

export interface EditorOptions {
  doc: MindDoc;
  measure: TextMeasurer;
  readonly?: boolean;
  now?: () => number;
}

/** Pending preview changes (typing, an AI answer): applied to the document, not yet recorded or sent. */
interface Preview {
  key: string;
  diffs: Diff[];
  /** How many of `diffs` were already sent to the server. */
  saved: number;
}

export class Editor extends Emitter<EditorEvents> {
  state: DocState;
  readonly history: History;
  readonly measure: TextMeasurer;
  readonly: boolean;
  private engine: LayoutEngine;
  private _layout: LayoutResult;
  private _selection: TopicId[] = [];
  private _primary: TopicId | null = null;
  private preview: Preview | null = null;
  /** The branch shown alone in focus mode, or null. */
  focusId: TopicId | null = null;
  /** The topic whose text is being edited, or null. */
  editingId: TopicId | null = null;

  constructor(options: EditorOptions) {
    super();
    this.measure = options.measure;
    this.readonly = options.readonly ?? false;
    this.history = new History({ now: options.now });
    this.state = stateFromDoc(options.doc);
    this.engine = new LayoutEngine({ measure: this.measure });
    this._layout = this.engine.update(this.state);
    this._primary = this.state.rootId;
    this._selection = [this.state.rootId];
  }

  get layout(): LayoutResult {
    return this._layout;
  }

  get theme(): Theme {
    return resolveTheme(this.state.theme);
  }

  get selection(): readonly TopicId[] {
    return this._selection;
  }

  /** The topic keyboard commands act on (the last one clicked). */
  get primary(): TopicId | null {
    return this._primary;
  }

  /** Replaces the whole document (a reload from the server): history and previews are dropped. */
  reset(doc: MindDoc): void {
    this.state = stateFromDoc(doc);
    this.history.clear();
    this.preview = null;
    this.engine = new LayoutEngine({ measure: this.measure });
    this.relayout(undefined);
    const keep = this._selection.filter((id) => this.state.topics.has(id));
    this.select(keep.length ? keep : [this.state.rootId]);
  }

  // ── Changes ────────────────────────────────────────────────────────────────────────────────

  /**
   * Applies local operations as one step: history (squashed by `mergeKey`), saving and the views.
   * A refused operation changes nothing and is reported as a notice; returns null then.
   */
  apply(ops: Op | readonly Op[], options: { mergeKey?: string; tag?: unknown } = {}): Diff | null {
    if (this.readonly) {
      this.emit('notice', { kind: 'info', message: '只读：此导图不能编辑 / Read-only: this map cannot be edited' });
      return null;
    }
    this.commitPreview();
    const list = Array.isArray(ops) ? (ops as Op[]) : [ops as Op];
    let diff: Diff;
    try {
      diff = applyOps(this.state, list).diff;
    } catch (e) {
      if (e instanceof OpError) {
        this.emit('notice', { kind: 'error', message: e.message });
        return null;
      }
      throw e;
    }
    if (isEmptyDiff(diff)) return diff;
    this.history.record(diff, { mergeKey: options.mergeKey });
    this.emit('ops', { ops: list, tag: options.tag ?? diff });
    this.changed(diff, 'local');
    return diff;
  }

  /** Operations of other people or tabs, in server order: never in this tab's undo history. */
  applyRemote(ops: readonly Op[]): void {
    // A preview sits on top of the document: take it off, apply the remote change, put it back.
    const preview = this.preview;
    if (preview) this.dropPreview();
    let diff: Diff | null = null;
    try {
      diff = applyOps(this.state, ops).diff;
    } catch (e) {
      // The server accepted these, so the local document has drifted: the caller reloads.
      if (preview) this.restorePreview(preview);
      throw e;
    }
    if (!isEmptyDiff(diff)) this.changed(diff, 'remote');
    if (preview) this.restorePreview(preview);
  }

  /** Rolls back operations the server refused (their diff is the tag given with them). */
  rollback(diff: Diff, message: string): void {
    try {
      const inverse = invertDiff(diff);
      applyDiff(this.state, inverse);
      this.changed(inverse, 'remote');
    } catch {
      this.emit('notice', { kind: 'error', message: '文档与服务器不一致，请重新加载 / Out of sync with the server: please reload' });
      return;
    }
    this.emit('notice', { kind: 'error', message: `服务器拒绝了一项修改，已撤回：${message}` });
  }

  undo(): boolean {
    return this.travel('undo');
  }

  redo(): boolean {
    return this.travel('redo');
  }

  private travel(way: 'undo' | 'redo'): boolean {
    if (this.readonly) return false;
    this.commitPreview();
    this.history.seal();
    let diff: Diff | null;
    try {
      diff = way === 'undo' ? this.history.undo(this.state) : this.history.redo(this.state);
    } catch (e) {
      if (e instanceof OpError) {
        this.emit('notice', { kind: 'error', message: `无法${way === 'undo' ? '撤销' : '重做'}：${e.message}` });
        return false;
      }
      throw e;
    }
    if (!diff || isEmptyDiff(diff)) return false;
    const ops = diffToOps(this.state, diff);
    if (ops.length) this.emit('ops', { ops, tag: diff });
    this.changed(diff, 'local');
    // Select what the step touched, as XMind does, so the user sees what changed.
    const touched = [...diff.topics.added, ...diff.topics.updated.map(([, a]) => a)].map((t) => t.id).filter((id) => this.isVisible(id));
    if (touched.length) this.select([touched[0] as TopicId]);
    else if (this._primary && !this.state.topics.has(this._primary)) this.select([this.state.rootId]);
    return true;
  }

  /**
   * A change shown at once and recorded only when committed (typing in a topic): every preview with
   * the same key squashes into one undo step. With `save`, what the preview changed so far is sent
   * to the server now (a reload in the middle of typing loses nothing); without it (an input
   * method composing, an AI answer awaiting acceptance) nothing leaves the tab until it is saved.
   */
  applyPreview(ops: Op | readonly Op[], key: string, options: { save?: boolean } = {}): void {
    if (this.preview && this.preview.key !== key) this.commitPreview();
    const list = Array.isArray(ops) ? (ops as Op[]) : [ops as Op];
    let diff: Diff;
    try {
      diff = applyOps(this.state, list).diff;
    } catch (e) {
      if (e instanceof OpError) return;
      throw e;
    }
    if (isEmptyDiff(diff)) return;
    if (!this.preview) this.preview = { key, diffs: [], saved: 0 };
    this.preview.diffs.push(diff);
    this.changed(diff, 'preview');
    if (options.save) this.savePreview();
  }

  /** Sends what the preview changed since it was last saved (not recorded in history yet). */
  savePreview(): void {
    const p = this.preview;
    if (!p || p.saved === p.diffs.length || this.readonly) return;
    const diff = composeDiffs(...p.diffs.slice(p.saved));
    p.saved = p.diffs.length;
    if (isEmptyDiff(diff)) return;
    const ops = diffToOps(this.state, diff);
    if (ops.length) this.emit('ops', { ops, tag: diff });
  }

  /** Records the pending preview as one step and saves what is not saved yet. */
  commitPreview(): void {
    const p = this.preview;
    if (!p) return;
    this.savePreview();
    this.preview = null;
    const diff = composeDiffs(...p.diffs);
    if (isEmptyDiff(diff)) return;
    this.history.record(diff);
    this.history.seal();
  }

  /** Takes the pending preview back out of the document: it leaves no trace (what was saved is reverted on the server). */
  cancelPreview(): void {
    const p = this.preview;
    if (!p) return;
    const saved = p.saved > 0 ? composeDiffs(...p.diffs.slice(0, p.saved)) : null;
    this.dropPreview();
    if (saved && !isEmptyDiff(saved) && !this.readonly) {
      const inverse = invertDiff(saved);
      const ops = diffToOps(this.state, inverse);
      if (ops.length) this.emit('ops', { ops, tag: inverse });
    }
  }

  get hasPreview(): boolean {
    return this.preview !== null;
  }

  private dropPreview(): void {
    const p = this.preview;
    if (!p) return;
    this.preview = null;
    const inverse = invertDiff(composeDiffs(...p.diffs));
    applyDiff(this.state, inverse);
    this.changed(inverse, 'preview');
  }

  private restorePreview(p: Preview): void {
    const diff = composeDiffs(...p.diffs);
    try {
      applyDiff(this.state, diff);
    } catch {
      return; // the remote change took the previewed topic away
    }
    this.preview = p;
    this.changed(diff, 'preview');
  }

  // ── Layout ─────────────────────────────────────────────────────────────────────────────────

  private changed(diff: Diff, origin: Origin): void {
    this.relayout(diff.doc ? undefined : changedTopics(diff));
    // Drop selected topics that are gone.
    const kept = this._selection.filter((id) => this.state.topics.has(id));
    if (kept.length !== this._selection.length) this.select(kept.length ? kept : [this.fallbackSelection(diff)]);
    if (this.focusId && !this.state.topics.has(this.focusId)) this.setFocus(null);
    this.emit('change', { diff, origin });
  }

  /** After deleting the selection, XMind selects the previous sibling, else the parent. */
  private fallbackSelection(diff: Diff): TopicId {
    for (const t of diff.topics.removed) {
      if (t.parentId && this.state.topics.has(t.parentId)) return t.parentId;
    }
    return this.state.rootId;
  }

  relayout(changed: Iterable<TopicId> | undefined): void {
    this._layout = this.engine.update(this.viewState(), changed);
    this.emit('layout', this._layout);
  }

  /** Whether a topic is shown (not under a folded ancestor). */
  isVisible(id: TopicId): boolean {
    return this._layout.boxes.has(id);
  }

  // ── Selection and session ──────────────────────────────────────────────────────────────────

  select(ids: readonly TopicId[], primary?: TopicId): void {
    const valid = ids.filter((id) => this.state.topics.has(id));
    const unique = [...new Set(valid)];
    const p = primary && unique.includes(primary) ? primary : (unique[unique.length - 1] ?? null);
    if (p === this._primary && unique.length === this._selection.length && unique.every((id, i) => id === this._selection[i])) return;
    this._selection = unique;
    this._primary = p;
    this.emit('selection', { ids: unique, primary: p });
  }

  isSelected(id: TopicId): boolean {
    return this._selection.includes(id);
  }

  /** Opens the text editor on a topic. */
  startEditing(id: TopicId, selectAll = false, initial?: string): void {
    if (this.readonly || !this.state.topics.has(id)) return;
    if (!this.isVisible(id)) this.revealTopic(id);
    this.select([id]);
    this.emit('edit', { id, selectAll, initial });
  }

  /** Unfolds the ancestors of a topic so it is shown, and asks the camera to bring it into view. */
  revealTopic(id: TopicId): void {
    const unfold: Op[] = [];
    let cur = this.state.topics.get(id);
    let guard = this.state.topics.size;
    while (cur && cur.parentId !== null && guard-- > 0) {
      const p = this.state.topics.get(cur.parentId);
      if (p?.folded) unfold.push({ type: 'topic.update', id: p.id, patch: { folded: null } });
      cur = p;
    }
    if (unfold.length && !this.readonly) this.apply(unfold);
    this.emit('reveal', id);
  }

  setFocus(id: TopicId | null): void {
    const next = id && this.state.topics.has(id) && id !== this.state.rootId ? id : null;
    if (next === this.focusId) return;
    this.focusId = next;
    this.relayout(undefined);
    if (next) this.select([next]);
    this.emit('focus', this.focusId);
  }

  /**
   * What is laid out: the document, or in focus mode the same records seen from the focused
   * topic (the Maps are shared, so edits apply to the document as usual).
   */
  viewState(): DocState {
    const f = this.focusId;
    if (!f || !this.state.topics.has(f)) return this.state;
    return { ...this.state, rootId: f };
  }
}

/** The topics a diff touched, with the old and new parents (whose children changed). */
export function changedTopics(diff: Diff): TopicId[] {
  const ids: TopicId[] = [];
  for (const t of diff.topics.added) ids.push(t.id);
  for (const t of diff.topics.removed) {
    ids.push(t.id);
    if (t.parentId) ids.push(t.parentId);
  }
  for (const [b, a] of diff.topics.updated) {
    ids.push(a.id);
    if (b.parentId && b.parentId !== a.parentId) ids.push(b.parentId);
  }
  for (const list of [diff.summaries, diff.boundaries]) {
    for (const r of [...list.added, ...list.removed, ...list.updated.flat()]) {
      ids.push(r.parentId, r.fromId, r.toId);
      if ('topicId' in r) ids.push(r.topicId);
    }
  }
  for (const r of [...diff.relationships.added, ...diff.relationships.removed, ...diff.relationships.updated.flat()])
    ids.push(r.from, r.to);
  return ids;
}
