// Indented plain text: one topic per line, nesting by indentation (tabs or spaces), with optional
// bullets (`-`, `*`, `+`, `•`, numbered `1.` / `1)`) and task boxes (`[ ]`, `[x]`).

import type { MindDoc, Topic, TopicId } from '@arbor/core';
import { DocBuilder } from '@arbor/core';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { FormatModule, ImportResult, ParseOptions } from '../types.ts';
import { baseName, decodeText, encodeText, splitLines } from './decode.ts';
import { walkOutline } from './outline.ts';

const FORMAT = 'text';
/** A leading bullet or number, followed by whitespace or the end of the line. */
const BULLET = /^(?:[-*+•·▪◦‣●○]|\d{1,3}[.)])(?:\s+|$)/;
const TASK = /^\[([ xX])\](?:\s+|$)/;
const TAB_WIDTH = 4;

export const DEFAULT_ROOT_TEXT = '中心主题';

interface Line {
  indent: number;
  text: string;
  done?: boolean;
}

function indentWidth(ws: string): number {
  let w = 0;
  for (const c of ws) w = c === '\t' ? (Math.floor(w / TAB_WIDTH) + 1) * TAB_WIDTH : w + 1;
  return w;
}

/** Splits an outline line into indentation, text and task state. */
function parseOutlineLine(raw: string): Line | undefined {
  // `s`: a line may hold U+2028 or U+2029, which `.` alone does not match.
  const m = /^([ \t\u3000]*)(.*?)\s*$/s.exec(raw) as RegExpExecArray;
  const body = m[2] as string;
  if (body === '') return undefined;
  let text = body.replace(BULLET, '');
  const line: Line = { indent: indentWidth((m[1] as string).replace(/\u3000/g, '  ')), text };
  const task = TASK.exec(text);
  if (task && text !== body) {
    line.done = task[1] !== ' ';
    text = text.slice(task[0].length);
  }
  line.text = text;
  return line;
}

export function parseText(bytes: Uint8Array, options: ParseOptions = {}): ImportResult {
  const source = decodeText(bytes, FORMAT);
  const lines: Line[] = [];
  for (const raw of splitLines(source, FORMAT)) {
    const line = parseOutlineLine(raw);
    if (!line) continue;
    if (lines.length >= LIMITS.maxTopics) throw new ImportError('too-large', `the outline has more than ${LIMITS.maxTopics} lines`, FORMAT);
    lines.push(line);
  }
  if (lines.length === 0) throw new ImportError('malformed', 'the text file is empty: there is no line to make a topic from', FORMAT);
  let minIndent = Number.POSITIVE_INFINITY;
  for (const l of lines) minIndent = Math.min(minIndent, l.indent);
  const topLevel = lines.filter((l) => l.indent === minIndent).length;
  const first = lines[0] as Line;
  // One line at the outer level that comes first is the central topic; otherwise add one.
  const singleRoot = topLevel === 1 && first.indent === minIndent;
  const title = singleRoot ? first.text : baseName(options.fileName) || DEFAULT_ROOT_TEXT;
  const b = new DocBuilder({ title, rootText: title });
  if (singleRoot && first.done !== undefined) b.update(b.rootId, { task: { done: first.done } });
  const stack: { indent: number; id: TopicId }[] = [{ indent: singleRoot ? minIndent : -1, id: b.rootId }];
  for (const line of singleRoot ? lines.slice(1) : lines) {
    while (stack.length > 1 && (stack[stack.length - 1] as { indent: number }).indent >= line.indent) stack.pop();
    if (stack.length > LIMITS.maxDepth)
      throw new ImportError('too-deep', `the outline is nested more than ${LIMITS.maxDepth} levels deep`, FORMAT);
    const parent = stack[stack.length - 1] as { id: TopicId };
    const id = b.add(parent.id, { text: line.text, task: line.done === undefined ? undefined : { done: line.done } });
    stack.push({ indent: line.indent, id });
  }
  const doc = b.build();
  return { doc, sheets: [{ title: doc.title, doc }], report: [], format: FORMAT };
}

/** Text as one outline line: newlines flattened, and a bullet added when the text would be misread. */
function lineText(t: Topic): string {
  const text = t.text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (t.task) return `- [${t.task.done ? 'x' : ' '}] ${text}`.trimEnd();
  return text === '' || BULLET.test(text) ? `- ${text}`.trimEnd() : text;
}

export function serializeText(doc: MindDoc): Uint8Array {
  const out: string[] = [];
  walkOutline(doc, { enter: (t, depth) => out.push('\t'.repeat(depth) + lineText(t)) });
  return encodeText(`${out.join('\n')}\n`);
}

export const textFormat: FormatModule = {
  name: 'text',
  extensions: ['txt', 'text'],
  mimeType: 'text/plain',
  detect(bytes, fileName) {
    return /\.(txt|text)$/i.test(fileName ?? '') && !bytes.subarray(0, 512).includes(0);
  },
  parse: parseText,
  serialize: serializeText,
};
