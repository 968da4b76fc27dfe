// Underlined PDF lines: headings set in the body font and size are often only underlined. The
// underline is a thin horizontal path drawn just below the text's baseline; this finds such paths in
// a page's operator list (tracking the transformation matrix) and marks the lines they sit under.

export interface Segment {
  x0: number;
  x1: number;
  y: number;
}

type Matrix = [number, number, number, number, number, number];

/** Operator codes used here (pdfjs `OPS`). */
export interface PathOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}

/** Thin horizontal paths (strokes or filled rectangles) of a page, in page coordinates. */
export function horizontalSegments(fnArray: readonly number[], argsArray: readonly unknown[], ops: PathOps): Segment[] {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) {
      const m = argsArray[i] as number[] | undefined;
      if (m && m.length === 6) ctm = multiply(m as Matrix, ctm);
    } else if (fn === ops.constructPath) {
      const box = (argsArray[i] as unknown[] | undefined)?.[2] as ArrayLike<number> | undefined;
      if (!box || box.length < 4) continue;
      const [ax, ay] = apply(ctm, box[0] as number, box[1] as number);
      const [bx, by] = apply(ctm, box[2] as number, box[3] as number);
      const width = Math.abs(bx - ax);
      if (width >= 8 && Math.abs(by - ay) <= 3) out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y: (ay + by) / 2 });
    }
  }
  return out;
}

export interface LineBox {
  x: number;
  right: number;
  y: number;
  size: number;
}

/** Is the line underlined: a segment just below its baseline covering most of its width? */
export function isUnderlined(line: LineBox, segments: readonly Segment[]): boolean {
  const width = line.right - line.x;
  if (width <= 0) return false;
  for (const s of segments) {
    if (s.y > line.y + line.size * 0.1 || s.y < line.y - line.size * 0.45) continue;
    const covered = Math.min(s.x1, line.right) - Math.max(s.x0, line.x);
    if (covered >= width * 0.8) return true;
  }
  return false;
}
