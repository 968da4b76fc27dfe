// The size of a topic's box and where its parts (image, markers, text, indicators, labels) sit
// inside it. Results are cached by everything that affects them, so a relayout after an edit
// measures only the topics whose content or style changed.

import type { Topic, TopicId } from '../model.ts';
import type { Theme } from '../render/theme-types.ts';
import { levelStyle } from '../render/themes.ts';
import { keepShape } from '../shape-anchor.ts';
import type { FontSpec, TextLayout, TextMeasurer } from '../text/types.ts';
import { roundedLineHeight, type WrappedSize, wrappedSize, wrapText } from '../text/wrap.ts';
import { TOPIC_DECORATION as D } from './constants.ts';
import { onGrid } from './grid.ts';
import type { Rect, TopicParts } from './types.ts';

export interface TopicMeasure {
  readonly width: number;
  readonly height: number;
  readonly text: TextLayout;
  /** Offsets relative to the box's top-left corner. */
  readonly parts: TopicParts;
}

/**
 * A measured topic. Its wrapped lines and, for a plain topic, its parts (just its text, inside the
 * padding) are made when first asked for: a layout reads only the size, and a first layout of
 * 100,000 topics otherwise kept three more objects per size alive for the collector to copy.
 */
class Measured implements TopicMeasure {
  private wrapped: TextLayout | null = null;
  private made: TopicParts | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    /** A topic measured to this size (any topic of the same text and decorations would do). */
    private readonly topic: Topic,
    private readonly font: FontSpec,
    private readonly level: number,
    private readonly owner: TopicMeasurer,
  ) {}

  /** The text's lines, wrapped again when first asked for (wrapping is deterministic). */
  get text(): TextLayout {
    let t = this.wrapped;
    if (t === null) {
      t = this.owner.wrap(this.topic.text, this.font);
      this.wrapped = t;
    }
    return t;
  }

  get parts(): TopicParts {
    let p = this.made;
    if (p === null) {
      p = this.owner.parts(this.topic, this.level, this.text);
      this.made = p;
    }
    return p;
  }
}

/** Style level of a topic: 0 root, 1 main topic, 2 subtopic (deeper levels look like 2). */
export function styleLevel(depth: number): number {
  return Math.min(depth, 2);
}

function imageSize(topic: Topic): { width: number; height: number } | undefined {
  const img = topic.image;
  if (!img || !(typeof img.width === 'number' && img.width > 0) || !(typeof img.height === 'number' && img.height > 0)) return undefined;
  const scale = Math.min(1, D.maxImageWidth / img.width);
  return { width: Math.round(img.width * scale), height: Math.round(img.height * scale) };
}

/** Plain topics (the vast majority): no style, markers, task, note, link, image or labels. */
function isPlain(topic: Topic): boolean {
  return !topic.style && !topic.markers && !topic.task && !topic.note && !topic.href && !topic.image && !topic.labels;
}

/**
 * What besides its text decides a topic's size at a style level, as a key: a small number for the
 * common decorations (markers, task, note, link), a string when it has a style, image or labels.
 * Plain topics have none (see `measureAtLevel`).
 */
function decorationKey(topic: Topic, level: number): number | string {
  const count = (topic.markers?.length ?? 0) + (topic.task ? 1 : 0);
  const indicators = (topic.note ? 2 : 0) + (topic.href ? 1 : 0);
  const s = topic.style;
  const img = imageSize(topic);
  if (!s && !img && !topic.labels && count < 1 << 16) return (((count << 2) | indicators) << 2) | level;
  return [
    level,
    s?.fontSize ?? '',
    s?.bold === undefined ? '' : s.bold ? 1 : 0,
    s?.italic ? 1 : 0,
    count,
    indicators,
    img ? `${img.width}x${img.height}` : '',
    topic.labels?.join('\u0001') ?? '',
  ].join('\u0002');
}

/** Cached sizes are dropped past this many, so a long-lived measurer's memory stays bounded. */
const CACHE_LIMIT = 1 << 18;

const shared = new WeakMap<TextMeasurer, WeakMap<Theme, TopicMeasurer>>();

/**
 * The topic measurer shared by every layout with this theme and text measurer, so that laying a
 * document out again (a fresh `layoutDoc`, an export) does not wrap its texts again. Text
 * measurers are taken to be deterministic, as the per-code-point width tables already assume.
 */
export function sharedTopicMeasurer(theme: Theme, measurer: TextMeasurer): TopicMeasurer {
  let byTheme = shared.get(measurer);
  if (!byTheme) {
    byTheme = new WeakMap();
    shared.set(measurer, byTheme);
  }
  let m = byTheme.get(theme);
  if (!m) {
    m = new TopicMeasurer(theme, measurer);
    byTheme.set(theme, m);
  }
  return m;
}

/** Measures topics for one theme and measurer, caching by content and style. */
export class TopicMeasurer {
  /** Plain topics by style level, keyed by their text itself (whose hash the string keeps). */
  private readonly plain: Map<string, TopicMeasure>[] = [new Map(), new Map(), new Map()];
  /** Decorated topics: by their decorations (see `decorationKey`), then by their text. */
  private readonly decorated = new Map<number | string, Map<string, TopicMeasure>>();
  private size = 0;
  /** Bumped by `clear`: sizes kept elsewhere (beside the children's records) are then stale. */
  generation = 0;
  private readonly fonts: FontSpec[] = [];
  private readonly labelFont: FontSpec;

  constructor(
    readonly theme: Theme,
    readonly measurer: TextMeasurer,
  ) {
    for (let level = 0; level < 3; level++) {
      const ls = levelStyle(theme, level);
      this.fonts.push({ size: ls.fontSize, bold: ls.bold, family: theme.fontFamily });
    }
    this.labelFont = { size: D.labelFontSize, family: theme.fontFamily };
  }

  /** Font of a topic at a style level, with its own style overrides applied. */
  font(topic: Topic, level: number): FontSpec {
    const base = this.fonts[level] as FontSpec;
    const s = topic.style;
    if (!s || (s.fontSize === undefined && s.bold === undefined && !s.italic)) return base;
    const size = typeof s.fontSize === 'number' && s.fontSize >= 4 && s.fontSize <= 200 ? s.fontSize : base.size;
    return { size, bold: s.bold ?? base.bold, italic: s.italic ?? false, family: base.family };
  }

  /** The size of `topic` at `depth`. */
  measure(topic: Topic, depth: number): TopicMeasure {
    return this.measureAtLevel(topic, styleLevel(depth));
  }

  /**
   * The size of `topic` at style level `level`, cached by its content. (A layout keeps the sizes
   * it found beside the children's records, so it asks here once per topic and change.)
   */
  measureAtLevel(topic: Topic, level: number): TopicMeasure {
    let byText: Map<string, TopicMeasure> | undefined;
    if (isPlain(topic)) byText = this.plain[level] as Map<string, TopicMeasure>;
    else {
      // Keyed apart from the text: one long key string per topic cost more than the wrapping.
      const key = decorationKey(topic, level);
      byText = this.decorated.get(key);
      if (!byText) {
        byText = new Map();
        this.decorated.set(key, byText);
      }
    }
    let m = byText.get(topic.text);
    if (!m) {
      m = this.compute(topic, level);
      if (++this.size > CACHE_LIMIT) this.clear();
      byText.set(topic.text, m);
    }
    return m;
  }

  /** Drops every cached size (e.g. after fonts finished loading in a browser). */
  clear(): void {
    this.decorated.clear();
    for (const m of this.plain) m.clear();
    this.size = 0;
    this.generation++;
  }

  /** The text layout of `text` in `font` (what a size was measured from). */
  wrap(text: string, font: FontSpec): TextLayout {
    return wrapText(text, font, this.theme.maxTextWidth, this.measurer);
  }

  private compute(topic: Topic, level: number): TopicMeasure {
    const ls = levelStyle(this.theme, level);
    const font = this.font(topic, level);
    const size = wrappedSize(topic.text, font, this.theme.maxTextWidth, this.measurer, SIZE);
    const textW = Math.max(Math.ceil(size.width), D.minTextWidth);
    const textH = size.lines * roundedLineHeight(this.measurer, font);
    if (isPlain(topic)) return new Measured(onGrid(textW + 2 * ls.paddingX), onGrid(textH + 2 * ls.paddingY), topic, font, level, this);
    const height = this.arrange(topic, level, textW, textH, null);
    return new Measured(onGrid(BOX.width), onGrid(height), topic, font, level, this);
  }

  /** Where a measured topic's parts sit in its box (made when a renderer first asks). */
  parts(topic: Topic, level: number, text: TextLayout): TopicParts {
    const textW = Math.max(Math.ceil(text.width), D.minTextWidth);
    const textH = text.height;
    if (isPlain(topic)) {
      const ls = levelStyle(this.theme, level);
      return { text: rect(ls.paddingX, ls.paddingY, textW, textH) };
    }
    const parts: TopicParts = { text: rect(0, 0, 0, 0) };
    this.arrange(topic, level, textW, textH, parts);
    return parts;
  }

  /**
   * Arranges a decorated topic's image, markers, text, indicators and labels: returns the box's
   * height, leaves its width in `BOX`, and fills in `parts` when given (a layout needs only the size).
   */
  private arrange(topic: Topic, level: number, textW: number, textH: number, parts: TopicParts | null): number {
    const ls = levelStyle(this.theme, level);
    const markerCount = (topic.markers?.length ?? 0) + (topic.task ? 1 : 0);
    const markersW = markerCount > 0 ? markerCount * (D.markerSize + D.markerGap) : 0;
    const indicatorCount = (topic.note ? 1 : 0) + (topic.href ? 1 : 0);
    const indicatorsW = indicatorCount > 0 ? indicatorCount * (D.indicatorSize + D.indicatorGap) : 0;
    const rowW = markersW + textW + indicatorsW;
    const rowH = Math.max(textH, markerCount > 0 ? D.markerSize : 0, indicatorCount > 0 ? D.indicatorSize : 0);

    let labelsW = 0;
    const labels = topic.labels ?? NO_LABELS;
    for (let i = 0; i < labels.length; i++)
      labelsW += Math.ceil(this.measurer.width(labels[i] as string, this.labelFont)) + 2 * D.labelPaddingX + D.labelGap;
    if (labels.length > 0) labelsW -= D.labelGap;
    const labelsH = labels.length > 0 ? D.labelHeight : 0;

    const img = imageSize(topic);
    const contentW = Math.max(rowW, labelsW, img?.width ?? 0);
    const width = contentW + 2 * ls.paddingX;
    BOX.width = width;
    let y = ls.paddingY;
    if (img && parts) parts.image = { x: Math.round((width - img.width) / 2), y, width: img.width, height: img.height };
    if (img) y += img.height + D.imageGap;
    const rowX = ls.paddingX + Math.round((contentW - rowW) / 2);
    if (parts) {
      parts.text = rect(rowX + markersW, y + (rowH - textH) / 2, textW, textH);
      if (markerCount > 0) parts.markers = rect(rowX, y + (rowH - D.markerSize) / 2, markersW - D.markerGap, D.markerSize);
      if (indicatorCount > 0) {
        parts.indicators = rect(
          rowX + markersW + textW + D.indicatorGap,
          y + (rowH - D.indicatorSize) / 2,
          indicatorsW - D.indicatorGap,
          D.indicatorSize,
        );
      }
    }
    y += rowH;
    if (labels.length > 0) {
      y += D.labelGap;
      if (parts) parts.labels = rect(ls.paddingX + Math.round((contentW - labelsW) / 2), y, labelsW, labelsH);
      y += labelsH;
    }
    return y + ls.paddingY;
  }
}

const NO_LABELS: readonly string[] = [];

/** Scratch for `compute` (read at once, never kept). */
const SIZE: WrappedSize = { width: 0.5, lines: 0 };
/** Where `arrange` leaves a box's width (read at once, never kept). */
const BOX = { width: 0.5 };

function rect(x: number, y: number, width: number, height: number): Rect {
  return { x, y, width, height };
}

// The shape's sample is never asked for its text or parts, so it needs no real owner.
keepShape(new Measured(0, 0, { id: '' as TopicId, parentId: null, index: '', text: '' }, { size: 1 }, 0, null as unknown as TopicMeasurer));
