// Mouse, pen and touch on the canvas (issue 14 §2, §6): click and Ctrl/Shift+click select, drag a
// topic to reorder or reparent (with a drop preview), drag a floating topic freely, drag empty space
// to pan (Shift+drag: box select), wheel to pan, Ctrl+wheel or pinch to zoom, double-click to edit,
// right-click or long-press for the menu, fold buttons and link icons.

import type { Op, Rect, TopicId } from '@arbor/core';
import type { Editor } from '../editor/editor.ts';
import { relationshipTool } from '../editor/relationship-tool.ts';
import { toggleFold } from '../editor/topic-actions.ts';
import type { MapCanvas } from './canvas.ts';
import { dropOp, findDropTarget } from './drop.ts';

export interface InputHooks {
  /** The keyboard focus goes back to the canvas's text element after a pointer action. */
  focus(): void;
  contextMenu(clientX: number, clientY: number, id: TopicId | null): void;
  /** Opens a topic's link (after the user clicked its icon). */
  openLink(href: string): void;
}

const DRAG_THRESHOLD = 4;
const LONG_PRESS_MS = 500;

type Gesture =
  | { kind: 'none' }
  | { kind: 'press'; id: TopicId | null; x: number; y: number; pointerId: number; timer: number; touch: boolean }
  | { kind: 'pan'; x: number; y: number; pointerId: number }
  | { kind: 'box'; x0: number; y0: number; pointerId: number; base: readonly TopicId[] }
  | { kind: 'drag'; ids: TopicId[]; pointerId: number; floating: boolean; startX: number; startY: number; x: number; y: number };

export function attachInput(canvas: MapCanvas, editor: Editor, hooks: InputHooks): () => void {
  const root = canvas.root;
  let g: Gesture = { kind: 'none' };
  const touches = new Map<number, { x: number; y: number }>();
  let pinch: { dist: number; zoom: number; cx: number; cy: number } | null = null;
  // Relationships (picking a target, selecting, dragging control points) take the pointer first.
  const rel = relationshipTool(canvas, editor);
  let relActive = false;

  const idFrom = (target: EventTarget | null): TopicId | null => {
    const el = (target as Element | null)?.closest?.('g.topic[data-id]');
    return (el?.getAttribute('data-id') as TopicId | null) ?? null;
  };

  const local = (e: { clientX: number; clientY: number }) => {
    const r = root.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent) => {
    if ((e.target as Element).closest('.arbor-text-editor.editing, .minimap, .arbor-ui')) return;
    if (e.pointerType === 'touch') {
      touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (touches.size === 2) {
        cancelGesture();
        const [a, b] = [...touches.values()] as [{ x: number; y: number }, { x: number; y: number }];
        const c = local({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 });
        pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y), zoom: canvas.camera.zoom, cx: c.x, cy: c.y };
        return;
      }
    }
    if (e.button === 2) return; // the context menu event handles it
    if (rel.down(e)) {
      relActive = true;
      root.setPointerCapture?.(e.pointerId);
      e.preventDefault();
      hooks.focus();
      return;
    }
    const target = e.target as Element;
    // Fold buttons and link icons act on click, not drag.
    const fold = target.closest('g.fold');
    if (fold) {
      const id = idFrom(target);
      if (id) toggleFold(editor, [id]);
      e.preventDefault();
      hooks.focus();
      return;
    }
    const link = target.closest('g.link');
    if (link) {
      const href = link.getAttribute('data-href');
      if (href) hooks.openLink(href);
    }
    const id = idFrom(target) ?? canvas.topicAt(e.clientX, e.clientY);
    const p = local(e);
    if (id) {
      if (e.ctrlKey || e.metaKey) {
        const sel = editor.isSelected(id) ? editor.selection.filter((s) => s !== id) : [...editor.selection, id];
        editor.select(sel, id);
      } else if (e.shiftKey) {
        editor.select([...editor.selection, id], id);
      } else if (!editor.isSelected(id)) editor.select([id]);
      else editor.select(editor.selection, id);
      const touch = e.pointerType === 'touch';
      const timer = touch
        ? window.setTimeout(() => {
            // Long press: select and open the menu.
            if (g.kind === 'press') {
              g = { kind: 'none' };
              editor.select([id]);
              hooks.contextMenu(e.clientX, e.clientY, id);
            }
          }, LONG_PRESS_MS)
        : 0;
      g = { kind: 'press', id, x: p.x, y: p.y, pointerId: e.pointerId, timer, touch };
    } else if (e.shiftKey || e.ctrlKey || e.metaKey) {
      g = { kind: 'box', x0: p.x, y0: p.y, pointerId: e.pointerId, base: e.shiftKey || e.ctrlKey || e.metaKey ? editor.selection : [] };
    } else {
      g = { kind: 'pan', x: p.x, y: p.y, pointerId: e.pointerId };
      root.classList.add('panning');
    }
    root.setPointerCapture?.(e.pointerId);
    e.preventDefault();
    hooks.focus();
  };

  const onPointerMove = (e: PointerEvent) => {
    if (e.pointerType === 'touch' && touches.has(e.pointerId)) {
      touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && touches.size === 2) {
        const [a, b] = [...touches.values()] as [{ x: number; y: number }, { x: number; y: number }];
        const dist = Math.hypot(a.x - b.x, a.y - b.y);
        const c = local({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 });
        canvas.panBy(c.x - pinch.cx, c.y - pinch.cy);
        canvas.zoomTo((pinch.zoom * dist) / Math.max(1, pinch.dist), c.x, c.y);
        pinch.cx = c.x;
        pinch.cy = c.y;
        return;
      }
    }
    if (rel.move(e) || relActive) return;
    const p = local(e);
    switch (g.kind) {
      case 'press': {
        if (g.pointerId !== e.pointerId) return;
        if (Math.hypot(p.x - g.x, p.y - g.y) < DRAG_THRESHOLD) return;
        clearTimeout(g.timer);
        const id = g.id as TopicId;
        if (editor.readonly || id === editor.state.rootId) {
          // Nothing to drag: a drag from the root (or a read-only map) pans.
          g = { kind: 'pan', x: g.x, y: g.y, pointerId: g.pointerId };
          return;
        }
        const ids = editor.selection.filter((s) => s !== editor.state.rootId);
        const floating = ids.length === 1 && editor.state.topics.get(id)?.detached === true;
        const m = canvas.screenToMap(e.clientX, e.clientY);
        g = { kind: 'drag', ids, pointerId: g.pointerId, floating, startX: m.x, startY: m.y, x: m.x, y: m.y };
        root.classList.add('dragging');
        return;
      }
      case 'pan':
        if (g.pointerId !== e.pointerId) return;
        canvas.panBy(p.x - g.x, p.y - g.y);
        g.x = p.x;
        g.y = p.y;
        return;
      case 'box': {
        if (g.pointerId !== e.pointerId) return;
        const a = canvas.screenToMap(g.x0 + root.getBoundingClientRect().left, g.y0 + root.getBoundingClientRect().top);
        const b = canvas.screenToMap(e.clientX, e.clientY);
        const rect: Rect = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
        canvas.selectionBox = rect;
        const table = editor.layout.table;
        const inBox = canvas.topicRowsIn(rect).map((i) => table.ids[i] as TopicId);
        editor.select([...g.base, ...inBox]);
        canvas.invalidateOverlay();
        return;
      }
      case 'drag': {
        if (g.pointerId !== e.pointerId) return;
        const m = canvas.screenToMap(e.clientX, e.clientY);
        g.x = m.x;
        g.y = m.y;
        if (g.floating) {
          const b = editor.layout.boxes.get(g.ids[0] as TopicId);
          canvas.dropPreview = b ? { rect: { x: b.x + m.x - g.startX, y: b.y + m.y - g.startY, width: b.width, height: b.height } } : null;
        } else {
          const target = findDropTarget(editor.state, editor.layout, g.ids, m.x, m.y, (r) => canvas.topicRowsIn(r));
          canvas.dropPreview = target ? { rect: target.rect, line: target.line } : null;
        }
        canvas.invalidateOverlay();
        return;
      }
    }
  };

  const onPointerUp = (e: PointerEvent) => {
    touches.delete(e.pointerId);
    if (touches.size < 2) pinch = null;
    if (relActive) {
      relActive = false;
      rel.up(e);
      return;
    }
    switch (g.kind) {
      case 'press':
        clearTimeout(g.timer);
        break;
      case 'drag': {
        const m = canvas.screenToMap(e.clientX, e.clientY);
        if (g.floating) {
          const id = g.ids[0] as TopicId;
          const t = editor.state.topics.get(id);
          const pos = t?.position ?? { x: 0, y: 0 };
          editor.apply({ type: 'topic.update', id, patch: { position: { x: pos.x + m.x - g.startX, y: pos.y + m.y - g.startY } } });
        } else {
          const target = findDropTarget(editor.state, editor.layout, g.ids, m.x, m.y, (r) => canvas.topicRowsIn(r));
          if (target) editor.apply(dropOp(target, g.ids));
          else if (g.ids.length === 1) {
            // Dropped on empty space: the topic floats there (XMind).
            const id = g.ids[0] as TopicId;
            const root = editor.layout.boxes.get(editor.state.rootId);
            const b = editor.layout.boxes.get(id);
            if (root && b) {
              const op: Op = {
                type: 'topic.update',
                id,
                patch: {
                  detached: true,
                  position: {
                    x: b.x + b.width / 2 + m.x - g.startX - (root.x + root.width / 2),
                    y: b.y + b.height / 2 + m.y - g.startY - (root.y + root.height / 2),
                  },
                },
              };
              if (editor.state.topics.get(id)?.summaryId === undefined) editor.apply(op);
            }
          }
        }
        canvas.dropPreview = null;
        canvas.invalidateOverlay();
        break;
      }
      case 'box':
        canvas.selectionBox = null;
        canvas.invalidateOverlay();
        break;
    }
    root.classList.remove('panning', 'dragging');
    g = { kind: 'none' };
  };

  const cancelGesture = () => {
    if (g.kind === 'press') clearTimeout(g.timer);
    canvas.dropPreview = null;
    canvas.selectionBox = null;
    canvas.invalidateOverlay();
    root.classList.remove('panning', 'dragging');
    g = { kind: 'none' };
  };

  const onWheel = (e: WheelEvent) => {
    if ((e.target as Element).closest('.arbor-ui')) return;
    e.preventDefault();
    const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? canvas.height : 1;
    if (e.ctrlKey || e.metaKey) {
      // Ctrl+wheel, and a trackpad pinch (which arrives as Ctrl+wheel).
      const p = local(e);
      canvas.zoomBy(Math.exp((-e.deltaY * scale) / 300), p.x, p.y);
    } else if (e.shiftKey && e.deltaX === 0) canvas.panBy(-e.deltaY * scale, 0);
    else canvas.panBy(-e.deltaX * scale, -e.deltaY * scale);
  };

  const onDblClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('.arbor-text-editor.editing, .minimap, .arbor-ui, g.fold')) return;
    if (rel.dblclick(e)) return;
    const id = idFrom(e.target) ?? canvas.topicAt(e.clientX, e.clientY);
    if (id) editor.startEditing(id, true);
    else if (!editor.readonly) {
      // Double-click on empty space: a floating topic there.
      const m = canvas.screenToMap(e.clientX, e.clientY);
      const root = editor.layout.boxes.get(editor.state.rootId);
      if (!root) return;
      const newId = `t${Math.random().toString(36).slice(2, 12)}` as TopicId;
      const ok = editor.apply({
        type: 'topic.create',
        parentId: editor.state.rootId,
        topic: {
          id: newId,
          text: document.documentElement.lang.startsWith('en') ? 'Floating topic' : '自由主题',
          detached: true,
          position: { x: m.x - (root.x + root.width / 2), y: m.y - (root.y + root.height / 2) },
        },
      });
      if (ok) editor.startEditing(newId, true);
    }
  };

  const onContextMenu = (e: MouseEvent) => {
    if ((e.target as Element).closest('.arbor-text-editor.editing, .arbor-ui')) return;
    e.preventDefault();
    const id = idFrom(e.target) ?? canvas.topicAt(e.clientX, e.clientY);
    if (id && !editor.isSelected(id)) editor.select([id]);
    hooks.contextMenu(e.clientX, e.clientY, id);
  };

  root.addEventListener('pointerdown', onPointerDown);
  root.addEventListener('pointermove', onPointerMove);
  root.addEventListener('pointerup', onPointerUp);
  root.addEventListener('pointercancel', (e) => {
    touches.delete(e.pointerId);
    pinch = null;
    if (relActive) rel.up(e);
    relActive = false;
    cancelGesture();
  });
  root.addEventListener('wheel', onWheel, { passive: false });
  root.addEventListener('dblclick', onDblClick);
  root.addEventListener('contextmenu', onContextMenu);
  return () => {
    root.removeEventListener('pointerdown', onPointerDown);
    root.removeEventListener('pointermove', onPointerMove);
    root.removeEventListener('pointerup', onPointerUp);
    root.removeEventListener('wheel', onWheel);
    root.removeEventListener('dblclick', onDblClick);
    root.removeEventListener('contextmenu', onContextMenu);
  };
}
