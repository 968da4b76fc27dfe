// Helpers shared by the theme definitions: a level style with sensible defaults and font stacks.

import type { LevelStyle } from './theme-types.ts';

/** A level style: everything not given falls back to a plain, borderless, rounded topic. */
export const level = (s: Partial<LevelStyle> & Pick<LevelStyle, 'fontSize'>): LevelStyle => ({
  bold: false,
  fill: 'none',
  color: '#333333',
  borderColor: 'none',
  borderWidth: 0,
  shape: 'rounded',
  paddingX: 10,
  paddingY: 6,
  lineColor: '#8a94a6',
  lineWidth: 1.5,
  ...s,
});

/** Sans-serif stack; the Node measurer and PNG/PDF exports use the bundled Noto Sans SC. */
export const SANS_FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
/** Brush / Kai style stack for the ink theme (falls back to the sans font where absent). */
export const KAI_FONT = "'LXGW WenKai', 'Kaiti SC', 'KaiTi', 'STKaiti', 'Noto Sans SC', serif";
/** Hand-written look for the sketchy theme. */
export const HAND_FONT = "'Xiaolai SC', 'Comic Sans MS', 'Noto Sans SC', 'PingFang SC', cursive";
