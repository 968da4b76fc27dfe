// The overview: how a big map is drawn when zoomed far out. Below a zoom where text cannot be read
// anyway, thousands of topics would each need an SVG group; instead every topic in view is a
// filled box and every connector a line in one 2D canvas the size of the screen, redrawn per frame
// from the layout table (through the spatial index). The selection and overlays stay in the SVG.

import { CONNECTOR_STRIDE, type LayoutResult, levelStyle, type Rect, type Theme } from '@arbor/core';
import type { Camera } from './camera.ts';

/** Below this zoom a map of more than `OVERVIEW_MIN_TOPICS` topics is drawn as an overview. */
export const OVERVIEW_ZOOM = 0.45;
export const OVERVIEW_MIN_TOPICS = 200;

export const useOverview = (zoom: number, topics: number): boolean => zoom < OVERVIEW_ZOOM && topics > OVERVIEW_MIN_TOPICS;

const solid = (c: string | undefined, fallback: string): string => (c && c !== 'none' && c !== 'transparent' ? c : fallback);

export class Overview {
  readonly el: HTMLCanvasElement;
  private visible = false;

  constructor(host: HTMLElement) {
    this.el = document.createElement('canvas');
    this.el.className = 'overview';
    this.el.setAttribute('aria-hidden', 'true');
    Object.assign(this.el.style, { position: 'absolute', left: '0', top: '0', display: 'none', pointerEvents: 'none' });
    host.appendChild(this.el);
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.el.style.display = 'none';
  }

  /**
   * Draws the topics and connectors of `layout` that meet the view. `rows` are candidate topic and
   * connector rows from the spatial index (all rows when absent).
   */
  draw(
    layout: LayoutResult,
    theme: Theme,
    camera: Camera,
    width: number,
    height: number,
    rows?: { topics: ArrayLike<number>; connectors: ArrayLike<number> },
  ): void {
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    if (this.el.width !== w || this.el.height !== h) {
      this.el.width = w;
      this.el.height = h;
      this.el.style.width = `${width}px`;
      this.el.style.height = `${height}px`;
    }
    if (!this.visible) {
      this.visible = true;
      this.el.style.display = 'block';
    }
    const ctx = this.el.getContext('2d');
    if (!ctx) return;
    const z = camera.zoom * dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(z, 0, 0, z, -camera.x * z, -camera.y * z);
    const table = layout.table;
    const view: Rect = { x: camera.x, y: camera.y, width: width / camera.zoom, height: height / camera.zoom };

    // Connectors: a line through each connector's points, one path for all.
    ctx.strokeStyle = solid(levelStyle(theme, 2).lineColor, '#8a94a6');
    ctx.lineWidth = Math.max(1 / z, 1);
    ctx.beginPath();
    const xy = table.coords;
    const nc = rows ? rows.connectors.length : table.connectorCount;
    for (let k = 0; k < nc; k++) {
      const j = rows ? (rows.connectors[k] as number) : k;
      const at = CONNECTOR_STRIDE * j;
      const n = table.coordCount[j] as number;
      if (n < 4) continue;
      ctx.moveTo(xy[at] as number, xy[at + 1] as number);
      // Curves are drawn as their chord: at this zoom the difference is a pixel or two.
      ctx.lineTo(xy[at + n - 2] as number, xy[at + n - 1] as number);
    }
    ctx.stroke();

    // Topics: filled boxes, by level.
    const r = table.rect;
    const nt = rows ? rows.topics.length : table.size;
    for (let level = 0; level < 3; level++) {
      const style = levelStyle(theme, level);
      // The root in its own fill; other levels in their border or line colour (their fills are
      // often too light to see at this size, or none at all).
      ctx.fillStyle = level === 0 ? solid(style.fill, '#2f3e5c') : solid(style.borderColor, solid(style.lineColor, '#94a3b8'));
      ctx.beginPath();
      for (let k = 0; k < nt; k++) {
        const i = rows ? (rows.topics[k] as number) : k;
        const d = table.depth[i] as number;
        if ((level < 2 && d !== level) || (level === 2 && d < 2)) continue;
        const x = r[4 * i] as number;
        const y = r[4 * i + 1] as number;
        const rw = r[4 * i + 2] as number;
        const rh = r[4 * i + 3] as number;
        if (x > view.x + view.width || y > view.y + view.height || x + rw < view.x || y + rh < view.y) continue;
        ctx.rect(x, y, rw, rh);
      }
      ctx.fill();
    }
  }
}
