// Relationships on the canvas: picking the target of a new relationship (the next topic clicked),
// selecting a relationship by its curve or label, dragging its two control points (one undo step
// per drag), and editing its label in place. It takes pointer events before the canvas's own input
// (see `PointerTool` in canvas/input.ts) and draws its handles in its own SVG group.

import type { Point, RelationshipGeometry, TopicId } from '@arbor/core';
import { T, tr } from '../app/i18n.ts';
import type { MapCanvas } from '../canvas/canvas.ts';
import { svgEl } from '../canvas/svg-dom.ts';
import type { Editor } from './editor.ts';
import { Emitter } from './emitter.ts';
import { dragControlPoint, labelOp, relationshipAt, relationshipOp } from './overlay-ops.ts';

export interface RelationshipToolEvents extends Record<string, unknown> {
  /** The picked source, the selected relationship or the drag changed. */
  change: undefined;
}

const HANDLE_PX = 7;
const HIT_PX = 7;

const tools = new WeakMap<Editor, RelationshipTool>();

/** The one relationship tool of an editor (made on first use). */
export function relationshipTool(canvas: MapCanvas, editor: Editor = canvas.editor): RelationshipTool {
  let t = tools.get(editor);
  if (!t) {
    t = new RelationshipTool(canvas, editor);
    tools.set(editor, t);
  }
  return t;
}

/** The tool if one was made for this editor. */
export const existingRelationshipTool = (editor: Editor): RelationshipTool | undefined => tools.get(editor);

export class RelationshipTool extends Emitter<RelationshipToolEvents> {
  /** The source topic while waiting for the user to click the target. */
  pendingFrom: TopicId | null = null;
  /** The selected relationship (its handles are shown). */
  selected: string | null = null;
  private drag: { id: string; which: 0 | 1; pointerId: number } | null = null;
  private pointer: Point | null = null;
  private readonly g: SVGGElement;
  private labelInput: HTMLInputElement | null = null;

  constructor(
    readonly canvas: MapCanvas,
    readonly editor: Editor,
  ) {
    super();
    this.g = svgEl('g', { class: 'arbor-rel-tool' });
    canvas.svg.appendChild(this.g);
    editor.on('layout', () => this.draw());
    editor.on('change', () => {
      if (this.selected && !editor.state.relationships.has(this.selected)) this.select(null);
      if (this.pendingFrom && !editor.state.topics.has(this.pendingFrom)) this.cancel();
    });
    editor.on('selection', ({ ids }) => {
      if (ids.length && this.selected && !this.drag) this.select(null);
    });
    // Handles keep their size on screen: redraw them when the zoom changes.
    const prev = canvas.onFrame;
    let zoom = canvas.camera.zoom;
    canvas.onFrame = () => {
      prev?.();
      if (canvas.camera.zoom !== zoom) {
        zoom = canvas.camera.zoom;
        if (this.selected || this.pendingFrom) this.draw();
      }
    };
  }

  /** Starts linking: the next topic clicked becomes the target. */
  startLink(from: TopicId): void {
    if (this.editor.readonly) return;
    this.pendingFrom = from;
    this.canvas.root.classList.add('linking');
    this.draw();
    this.emit('change', undefined);
  }

  cancel(): void {
    if (!this.pendingFrom) return;
    this.pendingFrom = null;
    this.pointer = null;
    this.canvas.root.classList.remove('linking');
    this.draw();
    this.emit('change', undefined);
  }

  /** Links two topics; the new relationship is selected. */
  link(from: TopicId, to: TopicId): string | null {
    this.cancel();
    const op = relationshipOp(from, to);
    if (!this.editor.apply(op)) return null;
    const id = (op as { relationship: { id: string } }).relationship.id;
    this.select(id);
    return id;
  }

  /** Selects a relationship (the topic selection is emptied, so Delete removes the relationship). */
  select(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id && this.editor.state.relationships.has(id) ? id : null;
    if (this.selected) this.editor.select([]);
    this.closeLabel(true);
    this.draw();
    this.emit('change', undefined);
  }

  setLabel(id: string, label: string, mergeKey?: string): void {
    const rel = this.editor.state.relationships.get(id);
    if (!rel || (rel.label ?? '') === label) return;
    this.editor.apply(labelOp(id, label), { mergeKey });
  }

  remove(id: string): void {
    if (this.editor.apply({ type: 'relationship.delete', id }) && this.selected === id) this.select(null);
  }

  private geometry(id: string): RelationshipGeometry | undefined {
    return this.editor.layout.relationships.find((g) => g.id === id);
  }

  private centres(id: string): [Point, Point] | null {
    const rel = this.editor.state.relationships.get(id);
    const boxes = this.editor.layout.boxes;
    const a = rel && boxes.get(rel.from);
    const b = rel && boxes.get(rel.to);
    if (!a || !b) return null;
    return [
      { x: a.x + a.width / 2, y: a.y + a.height / 2 },
      { x: b.x + b.width / 2, y: b.y + b.height / 2 },
    ];
  }

  // ── Pointer input (called by canvas/input.ts before its own handling) ─────────────────────────

  down(e: PointerEvent): boolean {
    const m = this.canvas.screenToMap(e.clientX, e.clientY);
    const tol = HIT_PX / this.canvas.camera.zoom;
    const onTopic = (e.target as Element | null)?.closest?.('g.topic[data-id]')?.getAttribute('data-id') as TopicId | undefined;
    if (this.pendingFrom) {
      const target = onTopic ?? this.canvas.topicAt(e.clientX, e.clientY);
      if (target) this.link(this.pendingFrom, target);
      else this.cancel();
      return true;
    }
    if (this.selected && !this.editor.readonly) {
      const g = this.geometry(this.selected);
      const which = g ? ([g.c1, g.c2].findIndex((c) => Math.hypot(c.x - m.x, c.y - m.y) <= tol * 1.5) as -1 | 0 | 1) : -1;
      if (which >= 0) {
        this.drag = { id: this.selected, which: which as 0 | 1, pointerId: e.pointerId };
        return true;
      }
    }
    if (onTopic) return false;
    const hit = relationshipAt(this.editor.layout.relationships, m, tol);
    if (hit) {
      this.select(hit);
      return true;
    }
    if (this.selected) this.select(null);
    return false;
  }

  move(e: PointerEvent): boolean {
    if (this.drag && e.pointerId === this.drag.pointerId) {
      const { id, which } = this.drag;
      const g = this.geometry(id);
      const centres = this.centres(id);
      if (!g || !centres) return true;
      const to = this.canvas.screenToMap(e.clientX, e.clientY);
      const controlPoints = dragControlPoint(g, centres[0], centres[1], which, to);
      this.editor.applyPreview({ type: 'relationship.update', id, patch: { controlPoints } }, `relationship-drag:${id}`);
      return true;
    }
    if (this.pendingFrom) {
      this.pointer = this.canvas.screenToMap(e.clientX, e.clientY);
      this.draw();
    }
    return false;
  }

  up(e: PointerEvent): void {
    if (this.drag && e.pointerId === this.drag.pointerId) {
      this.drag = null;
      this.editor.commitPreview();
    }
  }

  /** Double-click on a relationship edits its label; true when it was one. */
  dblclick(e: MouseEvent): boolean {
    const m = this.canvas.screenToMap(e.clientX, e.clientY);
    const hit = relationshipAt(this.editor.layout.relationships, m, HIT_PX / this.canvas.camera.zoom);
    if (!hit || (e.target as Element | null)?.closest?.('g.topic[data-id]')) return false;
    this.select(hit);
    this.editLabel(hit);
    return true;
  }

  // ── Label editing in place ─────────────────────────────────────────────────────────────────

  /** Opens a text field over the relationship's label. */
  editLabel(id: string): void {
    const rel = this.editor.state.relationships.get(id);
    const g = this.geometry(id);
    if (!rel || !g || this.editor.readonly) return;
    this.closeLabel(true);
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'arbor-ui arbor-rel-label';
    input.value = rel.label ?? '';
    input.maxLength = 500;
    input.setAttribute('aria-label', tr(T('关系标签', 'Relationship label')));
    const r = this.canvas.root.getBoundingClientRect();
    const sx = (g.labelAt.x - this.canvas.camera.x) * this.canvas.camera.zoom;
    const sy = (g.labelAt.y - this.canvas.camera.y) * this.canvas.camera.zoom;
    input.style.left = `${Math.max(0, Math.min(r.width - 160, sx - 80))}px`;
    input.style.top = `${Math.max(0, Math.min(r.height - 28, sy - 14))}px`;
    let composing = false;
    input.addEventListener('compositionstart', () => {
      composing = true;
    });
    input.addEventListener('compositionend', () => {
      composing = false;
    });
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (composing || e.isComposing) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        this.closeLabel(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.closeLabel(false);
      }
    });
    input.addEventListener('blur', () => this.closeLabel(true));
    this.labelInput = input;
    input.dataset.id = id;
    this.canvas.root.appendChild(input);
    input.focus();
    input.select();
  }

  private closeLabel(commit: boolean): void {
    const input = this.labelInput;
    if (!input) return;
    this.labelInput = null;
    const id = input.dataset.id as string;
    if (commit) this.setLabel(id, input.value);
    input.remove();
  }

  // ── Drawing ────────────────────────────────────────────────────────────────────────────────

  draw(): void {
    // Nothing selected or pending (the usual case, every layout): leave the DOM alone.
    if (!this.selected && !this.pendingFrom && !this.g.firstChild) return;
    const frag = document.createDocumentFragment();
    const z = this.canvas.camera.zoom || 1;
    const sel = this.selected ? this.geometry(this.selected) : undefined;
    if (sel) {
      const d = `M${sel.start.x} ${sel.start.y} C${sel.c1.x} ${sel.c1.y} ${sel.c2.x} ${sel.c2.y} ${sel.end.x} ${sel.end.y}`;
      frag.appendChild(svgEl('path', { class: 'rel-selected', d, 'stroke-width': 6 / z }));
      frag.appendChild(svgEl('line', { class: 'rel-guide', x1: sel.start.x, y1: sel.start.y, x2: sel.c1.x, y2: sel.c1.y }));
      frag.appendChild(svgEl('line', { class: 'rel-guide', x1: sel.end.x, y1: sel.end.y, x2: sel.c2.x, y2: sel.c2.y }));
      if (!this.editor.readonly)
        for (const c of [sel.c1, sel.c2]) frag.appendChild(svgEl('circle', { class: 'rel-handle', cx: c.x, cy: c.y, r: HANDLE_PX / z }));
    }
    const from = this.pendingFrom ? this.editor.layout.boxes.get(this.pendingFrom) : undefined;
    if (from && this.pointer) {
      frag.appendChild(
        svgEl('line', {
          class: 'rel-pending',
          x1: from.x + from.width / 2,
          y1: from.y + from.height / 2,
          x2: this.pointer.x,
          y2: this.pointer.y,
        }),
      );
    }
    this.g.replaceChildren(frag);
  }
}
