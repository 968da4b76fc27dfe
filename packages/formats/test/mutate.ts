// Seeded mutations for the fuzz test: byte-level damage, and structure-aware damage of XML, JSON,
// text outlines and ZIP archives (a mutated entry re-zipped, so the damage reaches the parser).

import { seededRandom } from '@arbor/core';
import { unzipSync, zipSync } from 'fflate';

export type Rng = () => number;

/** A seedable PRNG (core's mulberry32), so every failing case can be replayed. */
export const seeded: (seed: number) => Rng = seededRandom;

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)] as T;
const enc = new TextEncoder();
const dec = new TextDecoder();

const NASTY = [
  '<',
  '>',
  '&',
  '&#x0;',
  '&#xD800;',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '\n',
  '\t',
  '\\',
  '\u0000',
  '\uFFFF',
  '```',
  '# ',
  '- ',
  '<!--',
  ']]>',
  '<![CDATA[',
  '\u202e',
  '中',
];

export function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  const b = input.slice();
  switch (int(rng, 6)) {
    case 0: // flip bits
      for (let i = 0, n = 1 + int(rng, 8); i < n && b.length; i++) b[int(rng, b.length)] ^= 1 << int(rng, 8);
      return b;
    case 1: // random bytes
      for (let i = 0, n = 1 + int(rng, 16); i < n && b.length; i++) b[int(rng, b.length)] = int(rng, 256);
      return b;
    case 2: // truncate
      return b.subarray(0, int(rng, b.length + 1));
    case 3: {
      // delete a slice
      const at = int(rng, b.length + 1);
      const len = int(rng, Math.min(256, b.length - at) + 1);
      return new Uint8Array([...b.subarray(0, at), ...b.subarray(at + len)]);
    }
    case 4: {
      // duplicate a slice
      const at = int(rng, b.length + 1);
      const slice = b.subarray(at, at + int(rng, 512));
      return new Uint8Array([...b.subarray(0, at), ...slice, ...slice, ...b.subarray(at)]);
    }
    default: {
      const at = int(rng, b.length + 1);
      return new Uint8Array([...b.subarray(0, at), ...enc.encode(pick(rng, NASTY)), ...b.subarray(at)]);
    }
  }
}

function mutateXml(rng: Rng, text: string): string {
  const tags = [...text.matchAll(/<[A-Za-z][^<>]*>/g)];
  const tag = tags.length ? pick(rng, tags) : undefined;
  switch (int(rng, 6)) {
    case 0: // drop a tag (unbalances the tree)
      return tag ? text.slice(0, tag.index) + text.slice((tag.index ?? 0) + tag[0].length) : text;
    case 1: // repeat a tag many times (deep nesting)
      return tag ? text.slice(0, tag.index) + tag[0].replace(/\/>$/, '>').repeat(1 + int(rng, 3000)) + text.slice(tag.index) : text;
    case 2: // an entity declaration up front
      return text.replace(/<([A-Za-z])/, '<!DOCTYPE x [<!ENTITY e "ee">]><$1');
    case 3: // damage an attribute value
      return text.replace(/="[^"]*"/, () => `="${pick(rng, NASTY)}${'&#x'}${int(rng, 0x11ffff).toString(16)};"`);
    case 4: // swap two tags
      if (tags.length < 2) return text;
      return text.replace((tags[0] as RegExpMatchArray)[0], (tags[tags.length - 1] as RegExpMatchArray)[0]);
    default:
      return text.replace(/>([^<]{1,40})</, () => `>${pick(rng, NASTY).repeat(1 + int(rng, 50))}<`);
  }
}

const WEIRD_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x', true, [], {}, [[[[]]]], { id: 'r' }, '__proto__', Number.NaN];

function mutateJsonValue(rng: Rng, value: unknown): unknown {
  // Walk down a random path and replace what is there.
  if (value === null || typeof value !== 'object') return pick(rng, WEIRD_VALUES);
  const keys = Object.keys(value);
  if (!keys.length || rng() < 0.15) return pick(rng, WEIRD_VALUES);
  const key = pick(rng, keys);
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  if (rng() < 0.1) delete copy[key];
  else copy[key] = mutateJsonValue(rng, copy[key]);
  return copy;
}

function mutateJson(rng: Rng, text: string): string {
  try {
    let v = JSON.parse(text);
    for (let i = 0, n = 1 + int(rng, 4); i < n; i++) v = mutateJsonValue(rng, v);
    return JSON.stringify(v);
  } catch {
    return text;
  }
}

function mutateLines(rng: Rng, text: string): string {
  const lines = text.split('\n');
  for (let i = 0, n = 1 + int(rng, 6); i < n && lines.length; i++) {
    const at = int(rng, lines.length);
    switch (int(rng, 4)) {
      case 0:
        lines[at] = ' '.repeat(int(rng, 40)) + (lines[at] ?? '');
        break;
      case 1:
        lines.splice(
          at,
          0,
          pick(rng, ['```', '````', '~~~', '---', '# h', '###### h', '- [x]', '1.', '> q', '<!--', '{% markmap %}', '\t\t\t- x', '===']),
        );
        break;
      case 2:
        lines.splice(at, 1);
        break;
      default:
        lines.splice(at, 0, ...lines.slice(at, at + int(rng, 20)));
    }
  }
  return lines.join('\n');
}

/** A structure-aware mutation chosen from the kind of input. */
export function mutateStructure(rng: Rng, input: Uint8Array, fileName: string): Uint8Array {
  if (input[0] === 0x50 && input[1] === 0x4b) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(input);
    } catch {
      return mutateBytes(rng, input);
    }
    const names = Object.keys(files);
    if (!names.length) return input;
    if (rng() < 0.1) delete files[pick(rng, names)];
    else {
      const name = names.find((n) => /^(content\.(json|xml)|Document\.xml)$/.test(n) && rng() < 0.8) ?? pick(rng, names);
      files[name] = mutateStructure(rng, files[name] as Uint8Array, name);
    }
    return zipSync(files, { level: 0 });
  }
  const text = dec.decode(input);
  if (/\.json$/i.test(fileName)) return enc.encode(mutateJson(rng, text));
  if (/\.(mm|opml|xml)$/i.test(fileName)) return enc.encode(mutateXml(rng, text));
  return enc.encode(mutateLines(rng, text));
}
