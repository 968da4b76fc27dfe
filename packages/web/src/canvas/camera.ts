// The camera: which part of the map the screen shows. `x`, `y` is the map point at the screen's
// top-left corner and `zoom` the screen px per map px, so screen = (map − camera) × zoom.

import type { Rect } from '@arbor/core';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

export const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export function screenToMap(c: Camera, sx: number, sy: number): { x: number; y: number } {
  return { x: c.x + sx / c.zoom, y: c.y + sy / c.zoom };
}

export function mapToScreen(c: Camera, mx: number, my: number): { x: number; y: number } {
  return { x: (mx - c.x) * c.zoom, y: (my - c.y) * c.zoom };
}

/** The map rectangle a screen of `width` × `height` px shows. */
export function visibleRect(c: Camera, width: number, height: number): Rect {
  return { x: c.x, y: c.y, width: width / c.zoom, height: height / c.zoom };
}

/** The camera after zooming to `zoom` with the map point under screen (sx, sy) kept in place. */
export function zoomAt(c: Camera, zoom: number, sx: number, sy: number): Camera {
  const z = clampZoom(zoom);
  const p = screenToMap(c, sx, sy);
  return { x: p.x - sx / z, y: p.y - sy / z, zoom: z };
}

/** A camera that shows `r` whole in a screen of `width` × `height`, with `pad` screen px around it. */
export function fitRect(r: Rect, width: number, height: number, pad = 40, maxZoom = 1): Camera {
  const zoom = clampZoom(Math.min(maxZoom, (width - 2 * pad) / Math.max(1, r.width), (height - 2 * pad) / Math.max(1, r.height)));
  return { x: r.x + r.width / 2 - width / 2 / zoom, y: r.y + r.height / 2 - height / 2 / zoom, zoom };
}

/** A camera centred on the map point (mx, my). */
export function centreOn(c: Camera, mx: number, my: number, width: number, height: number): Camera {
  return { x: mx - width / 2 / c.zoom, y: my - height / 2 / c.zoom, zoom: c.zoom };
}

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

export const grow = (r: Rect, dx: number, dy: number): Rect => ({
  x: r.x - dx,
  y: r.y - dy,
  width: r.width + 2 * dx,
  height: r.height + 2 * dy,
});
