// Undo/redo history over diffs.
export { type ChangeMeta, type ChangeOrigin, History, type HistoryOptions } from './history.ts';
export { rebaseDiff, sameValue } from './rebase.ts';
