// My files' frame and small shared pieces: the top bar, the grid/list switch, the ⋯ menus that
// close on an outside click, and choices remembered in localStorage.

import type { ComponentChildren } from 'preact';
import { lang, setLang, T, tr } from '../i18n.ts';

export type Layout = 'list' | 'grid';

/** Closes the open ⋯ menus (<details>) on a click anywhere but on a menu's own toggle. */
export function closeMenus(e: MouseEvent) {
  const summary = (e.target as Element | null)?.closest?.('.row-menu > summary');
  for (const d of document.querySelectorAll<HTMLDetailsElement>('details.row-menu[open]')) if (d !== summary?.parentElement) d.open = false;
}

export const stored = (key: string, fallback: string): string => {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
};

export const store = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
};

export function Shell({ children }: { children: ComponentChildren }) {
  const other = lang() === 'zh' ? 'en' : 'zh';
  return (
    <div class="files-screen">
      <header class="topbar">
        <a class="brand" href="/">
          Arbor
        </a>
        <span class="topbar-title">{tr(T('我的文件', 'My files'))}</span>
        <div class="spacer" />
        <a href="/templates">{tr(T('模板库', 'Templates'))}</a>
        <button
          type="button"
          class="link-button lang-switch"
          lang={other === 'en' ? 'en' : 'zh-CN'}
          onClick={() => {
            setLang(other);
            location.reload();
          }}
        >
          {other === 'en' ? 'English' : '简体中文'}
        </button>
      </header>
      {children}
    </div>
  );
}

/** Grid or list, remembered for the next visit. */
export function LayoutSwitch({ layout, onChange }: { layout: Layout; onChange(l: Layout): void }) {
  return (
    <fieldset class="layout-switch">
      <legend class="sr-only">{tr(T('显示方式', 'Layout'))}</legend>
      {(['grid', 'list'] as const).map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={layout === l}
          class={layout === l ? 'on' : ''}
          onClick={() => {
            onChange(l);
            store('arbor.files.layout', l);
          }}
        >
          {l === 'grid' ? tr(T('网格', 'Grid')) : tr(T('列表', 'List'))}
        </button>
      ))}
    </fieldset>
  );
}
