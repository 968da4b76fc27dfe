// Sizes shared by layout and the renderer, so that what layout reserves is what the renderer draws.

/** Room reserved inside a topic box around its text (px, independent of the theme's padding). */
export const TOPIC_DECORATION = {
  /** Markers (priority, flags, task checkbox…) sit before the text, vertically centred. */
  markerSize: 16,
  markerGap: 4,
  /** Note and link indicators sit after the text. */
  indicatorSize: 14,
  indicatorGap: 4,
  /** Labels (tags) sit in one row under the text. */
  labelFontSize: 11,
  labelHeight: 18,
  labelPaddingX: 6,
  labelGap: 4,
  /** Gap between an image and the text below it. */
  imageGap: 6,
  /** Images wider than this are scaled down (aspect kept). */
  maxImageWidth: 320,
  /** Smallest text width, so that an empty topic still has a body. */
  minTextWidth: 12,
} as const;

/** Summary braces: gap from the range to the brace, brace depth, gap from the brace to the topic. */
export const SUMMARY_BRACE = { gap: 8, width: 12, topicGap: 8 } as const;

/** Boundaries: padding around the range's subtrees, and the label's font size and padding. */
export const BOUNDARY_FRAME = { padding: 8, labelFontSize: 12, labelPaddingX: 8, labelPaddingY: 3 } as const;

/** Catalog (tree) structure: how far children are indented under their parent. */
export const TREE_INDENT = 24;

/** Fishbone: horizontal run of a bone per unit of vertical rise (bones lean at about 60°). */
export const FISHBONE_SLOPE = 0.6;

/** Placement of detached topics that have no stored position: below the map, this far apart. */
export const DETACHED_DEFAULT_GAP = 60;
