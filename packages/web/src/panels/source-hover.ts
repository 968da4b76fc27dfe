// Hovering a topic that came from a document shows its passage (issue 14 §10): a tooltip over the
// canvas, filled with text nodes only. One handler per canvas, however many panels ask for it.

import type { TopicId } from '@arbor/core';
import { useEffect } from 'preact/hooks';
import { T, tr } from '../app/i18n.ts';
import type { EditorView } from '../editor/mount.ts';

/** Longest passage shown in the tooltip (characters); the source view shows the rest. */
export const TIP_CHARS = 400;
const DELAY_MS = 350;

const installed = new WeakMap<object, { count: number; off: () => void }>();

/** The passage of a topic's source span in the map's source text, cut to `max` characters. */
export function passageOf(sourceText: string | undefined, span: { start: number; end: number } | undefined, max = TIP_CHARS): string {
  if (!sourceText || !span) return '';
  const start = Math.max(0, Math.min(sourceText.length, span.start));
  const end = Math.max(start, Math.min(sourceText.length, span.end));
  const text = sourceText.slice(start, end).trim();
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

function attach(view: EditorView): () => void {
  const { canvas, editor } = view;
  const root = canvas.root;
  let tip: HTMLDivElement | null = null;
  let timer = 0;
  let shownFor: TopicId | null = null;

  const hide = () => {
    clearTimeout(timer);
    shownFor = null;
    tip?.remove();
    tip = null;
  };
  const show = (id: TopicId, x: number, y: number) => {
    const t = editor.state.topics.get(id);
    const text = passageOf(editor.state.meta?.sourceText, t?.source);
    if (!text) return;
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'arbor-ui source-tip';
      tip.setAttribute('role', 'tooltip');
      root.appendChild(tip);
    }
    const head = document.createElement('div');
    head.className = 'source-tip-head';
    head.textContent = tr(T('原文', 'Source'));
    const body = document.createElement('div');
    body.textContent = text;
    tip.replaceChildren(head, body);
    const r = root.getBoundingClientRect();
    const left = Math.min(Math.max(4, x - r.left + 12), Math.max(4, r.width - 340));
    const top = y - r.top + 18;
    tip.style.left = `${left}px`;
    tip.style.top = `${top > r.height - 160 ? Math.max(4, y - r.top - 170) : top}px`;
    shownFor = id;
  };
  const onOver = (e: PointerEvent) => {
    if (e.pointerType === 'touch' || e.buttons) return;
    const el = (e.target as Element | null)?.closest?.('g.topic[data-id]');
    const id = (el?.getAttribute('data-id') as TopicId | null) ?? null;
    if (id === shownFor) return;
    hide();
    if (!id || !editor.state.meta?.sourceText) return;
    const { clientX, clientY } = e;
    timer = window.setTimeout(() => show(id, clientX, clientY), DELAY_MS);
  };
  const onOut = (e: PointerEvent) => {
    const to = (e.relatedTarget as Element | null)?.closest?.('g.topic[data-id]');
    if (!to || to.getAttribute('data-id') !== shownFor) hide();
  };
  root.addEventListener('pointerover', onOver);
  root.addEventListener('pointerout', onOut);
  root.addEventListener('pointerdown', hide);
  root.addEventListener('wheel', hide, { passive: true });
  const offChange = editor.on('change', hide);
  return () => {
    hide();
    root.removeEventListener('pointerover', onOver);
    root.removeEventListener('pointerout', onOut);
    root.removeEventListener('pointerdown', hide);
    root.removeEventListener('wheel', hide);
    offChange();
  };
}

/** Shows source passages on hover while the calling component is mounted. */
export function useSourceHover(view: EditorView): void {
  useEffect(() => {
    const key = view.canvas;
    const entry = installed.get(key);
    if (entry) entry.count++;
    else installed.set(key, { count: 1, off: attach(view) });
    return () => {
      const e = installed.get(key);
      if (!e) return;
      if (--e.count === 0) {
        e.off();
        installed.delete(key);
      }
    };
  }, [view]);
}
