// A theme for one branch: the document has one theme, so a branch takes another theme's looks as
// topic styles — its top topic that theme's main-topic style, the topics below its subtopic
// style — written as one step (undone at once, and kept by every export).

import { type DocState, getTheme, levelStyle, type Op, subtreeIds, type TopicId, type TopicStyle } from '@arbor/core';

/** The style a topic takes from a theme level (only what a topic style can hold). */
function styleFrom(themeName: string, level: 1 | 2): TopicStyle | null {
  const theme = getTheme(themeName);
  if (!theme) return null;
  const s = levelStyle(theme, level);
  const style: TopicStyle = {
    fill: s.fill,
    color: s.color,
    borderColor: s.borderColor,
    borderWidth: s.borderWidth,
    shape: s.shape,
    lineColor: s.lineColor,
    bold: s.bold,
  };
  return style;
}

/** Operations that give the branches of `ids` the looks of `themeName` (the root is left alone). */
export function branchThemeOps(state: DocState, ids: readonly TopicId[], themeName: string): Op[] {
  const top = styleFrom(themeName, 1);
  const below = styleFrom(themeName, 2);
  if (!top || !below) return [];
  const ops: Op[] = [];
  const seen = new Set<TopicId>();
  for (const id of ids) {
    if (id === state.rootId || !state.topics.has(id)) continue;
    for (const t of subtreeIds(state, id)) {
      if (seen.has(t)) continue;
      seen.add(t);
      const topic = state.topics.get(t);
      if (!topic) continue;
      // Keep the font size a person chose; take the rest of the look.
      const base = t === id ? top : below;
      const style = topic.style?.fontSize !== undefined ? { ...base, fontSize: topic.style.fontSize } : base;
      ops.push({ type: 'topic.update', id: t, patch: { style } });
    }
  }
  return ops;
}
