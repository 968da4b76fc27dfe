// The editor's panels (DESIGN §9 `panels/`): each takes `{ view: EditorView }`.
export { MapControls, SearchBar } from './map-controls.tsx';
export { OutlineView } from './outline-view.tsx';
export { SourceView } from './source-view.tsx';
export { TopicPanel } from './topic-panel.tsx';
