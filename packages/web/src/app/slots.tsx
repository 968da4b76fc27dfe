// Where the panels plug into the editor screen: the side panes (outline on the left; topic panel or
// source view on the right), the search bar, the map controls in the toolbar, the top bar's toggles,
// and the commands that panels add to the registry.

import type { Command } from '../editor/commands.ts';
import type { EditorView } from '../editor/mount.ts';
import { OVERLAY_COMMANDS } from '../editor/overlay-commands.ts';
import { MapControls, OutlineView, SearchBar, SourceView, TopicPanel } from '../panels/index.ts';
import { T, tr } from './i18n.ts';

export interface SidePanelState {
  outline: boolean;
  topic: boolean;
  source: boolean;
}

export const EXTRA_COMMANDS: readonly Command[] = OVERLAY_COMMANDS;

export function SidePanels({
  view,
  panels,
  side,
  search,
  closeSearch,
}: {
  view: EditorView;
  panels: SidePanelState;
  side: 'left' | 'right';
  search: boolean;
  closeSearch(): void;
}) {
  if (side === 'left') {
    return (
      <>
        {search ? (
          <div class="search-slot arbor-ui">
            <SearchBar
              view={view}
              onClose={() => {
                closeSearch();
                view.text.focus();
              }}
            />
          </div>
        ) : null}
        {panels.outline ? (
          <div class="side-pane left">
            <OutlineView view={view} />
          </div>
        ) : null}
      </>
    );
  }
  if (panels.source)
    return (
      <div class="side-pane right">
        <SourceView view={view} />
      </div>
    );
  if (panels.topic)
    return (
      <div class="side-pane right">
        <TopicPanel view={view} />
      </div>
    );
  return null;
}

export function ToolbarExtras({ view }: { view: EditorView }) {
  return <MapControls view={view} />;
}

export function TopBarControls({
  panels,
  setPanels,
}: {
  view: EditorView;
  panels: SidePanelState;
  setPanels(f: (p: SidePanelState) => SidePanelState): void;
}) {
  const toggle = (key: keyof SidePanelState, label: { zh: string; en: string }) => (
    <button
      type="button"
      class={`tool toggle${panels[key] ? ' on' : ''}`}
      aria-pressed={panels[key]}
      onClick={() =>
        setPanels((p) => ({
          ...p,
          [key]: !p[key],
          ...(key === 'topic' && !p.topic ? { source: false } : {}),
          ...(key === 'source' && !p.source ? { topic: false } : {}),
        }))
      }
    >
      {tr(label)}
    </button>
  );
  return (
    <div class="panel-toggles">
      {toggle('outline', T('大纲', 'Outline'))}
      {toggle('topic', T('主题', 'Topic'))}
      {toggle('source', T('原文', 'Source'))}
    </div>
  );
}
