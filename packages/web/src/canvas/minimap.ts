// The minimap: every laid-out topic as a dot in a small 2D canvas, with the viewport's frame on top.
// The map picture is redrawn at most a few times a second (a 50,000-topic map costs a few ms); the
// frame follows the camera every frame. Click or drag in it to move the view.

import type { MapCanvas } from './canvas.ts';

const WIDTH = 180;
const HEIGHT = 120;
const REDRAW_MS = 250;

export class Minimap {
  readonly el: HTMLCanvasElement;
  private readonly picture: HTMLCanvasElement;
  private scale = 1;
  private ox = 0;
  private oy = 0;
  private stale = true;
  private lastDraw = 0;
  private timer = 0;

  constructor(private readonly canvas: MapCanvas) {
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    this.el = document.createElement('canvas');
    this.el.className = 'minimap';
    this.el.width = WIDTH * dpr;
    this.el.height = HEIGHT * dpr;
    this.el.style.width = `${WIDTH}px`;
    this.el.style.height = `${HEIGHT}px`;
    Object.assign(this.el.style, { position: 'absolute', right: '12px', bottom: '12px' });
    this.el.setAttribute('role', 'img');
    this.el.setAttribute('aria-label', '缩略图 / Minimap');
    this.picture = document.createElement('canvas');
    this.picture.width = this.el.width;
    this.picture.height = this.el.height;
    canvas.root.appendChild(this.el);
    canvas.editor.on('layout', () => {
      this.stale = true;
    });
    const prev = canvas.onFrame;
    canvas.onFrame = () => {
      prev?.();
      this.draw();
    };
    const move = (e: PointerEvent) => {
      const r = this.el.getBoundingClientRect();
      const mx = (e.clientX - r.left) / this.scale + this.ox;
      const my = (e.clientY - r.top) / this.scale + this.oy;
      const c = this.canvas.camera;
      this.canvas.setCamera({ ...c, x: mx - this.canvas.width / 2 / c.zoom, y: my - this.canvas.height / 2 / c.zoom });
    };
    this.el.addEventListener('pointerdown', (e) => {
      e.stopPropagation();
      this.el.setPointerCapture(e.pointerId);
      move(e);
      const onMove = (ev: PointerEvent) => move(ev);
      const onUp = () => {
        this.el.removeEventListener('pointermove', onMove);
        this.el.removeEventListener('pointerup', onUp);
      };
      this.el.addEventListener('pointermove', onMove);
      this.el.addEventListener('pointerup', onUp);
    });
  }

  private draw(): void {
    const now = performance.now();
    if (this.stale) {
      if (now - this.lastDraw >= REDRAW_MS && !this.timer) {
        // Not in the frame that shows an edit: soon after it.
        this.timer = window.setTimeout(() => {
          this.timer = 0;
          this.drawPicture();
          this.canvas.schedule();
        }, 30);
      } else if (!this.timer)
        this.timer = window.setTimeout(() => {
          this.timer = 0;
          this.canvas.schedule();
        }, REDRAW_MS);
    }
    const ctx = this.el.getContext('2d');
    if (!ctx) return;
    const dpr = this.el.width / WIDTH;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.el.width, this.el.height);
    ctx.drawImage(this.picture, 0, 0);
    const c = this.canvas.camera;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = '#1d4ed8';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(
      (c.x - this.ox) * this.scale,
      (c.y - this.oy) * this.scale,
      (this.canvas.width / c.zoom) * this.scale,
      (this.canvas.height / c.zoom) * this.scale,
    );
  }

  private drawPicture(): void {
    this.stale = false;
    this.lastDraw = performance.now();
    const layout = this.canvas.editor.layout;
    const b = layout.bounds;
    const pad = 8;
    this.scale = Math.min((WIDTH - 2 * pad) / Math.max(1, b.width), (HEIGHT - 2 * pad) / Math.max(1, b.height));
    this.ox = b.x - (WIDTH / this.scale - b.width) / 2;
    this.oy = b.y - (HEIGHT / this.scale - b.height) / 2;
    const ctx = this.picture.getContext('2d');
    if (!ctx) return;
    // Topics are set as pixels into a buffer (a 50,000-topic map costs about a millisecond): a
    // path of that many rectangles would cost the canvas tens of milliseconds to fill.
    const w = this.picture.width;
    const h = this.picture.height;
    const img = ctx.createImageData(w, h);
    const px = new Uint32Array(img.data.buffer);
    const k = (w / WIDTH) * this.scale;
    const t = layout.table;
    const r = t.rect;
    // ABGR on little-endian machines: dark blue root, blue main topics, grey the rest.
    const colours = [0xff8a3a1e, 0xfff6823b, 0xffb8a394];
    for (let i = 0; i < t.size; i++) {
      const d = t.depth[i] as number;
      const c = colours[Math.min(d, 2)] as number;
      const x0 = Math.max(0, Math.floor(((r[4 * i] as number) - this.ox) * k));
      const y0 = Math.max(0, Math.floor(((r[4 * i + 1] as number) - this.oy) * k));
      const x1 = Math.min(w - 1, Math.max(x0, Math.ceil(((r[4 * i] as number) + (r[4 * i + 2] as number) - this.ox) * k) - 1));
      const y1 = Math.min(h - 1, Math.max(y0, Math.ceil(((r[4 * i + 1] as number) + (r[4 * i + 3] as number) - this.oy) * k) - 1));
      for (let y = y0; y <= y1; y++) px.fill(c, y * w + x0, y * w + x1 + 1);
    }
    ctx.putImageData(img, 0, 0);
  }
}
