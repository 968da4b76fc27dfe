// Hostile and broken `.xmind` / `.mmap` inputs end in a clear ImportError, never a crash or a hang:
// a PDF in disguise, zip bombs (honest and lying about sizes), `../` entry names, XXE and billion
// laughs, 100,000-deep XML and JSON, invalid UTF-8, and fuzzed mutations of real fixtures.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { ImportError } from '../errors.ts';
import { mmapFormat } from '../mmap/index.ts';
import type { FormatModule } from '../types.ts';
import { readZip } from '../zip.ts';
import { xmindFormat } from './index.ts';
import { fixture } from './test-support.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const XML8_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const MANIFEST = `${XML8_HEAD}<manifest xmlns="urn:xmind:xmap:xmlns:manifest:1.0"/>`;

/** Runs `fn`, which must fail with an ImportError; returns the error. (Tests are never timed: the
 * bounds on work come from the limits checked before and while inflating and parsing.) */
function refuses(fn: () => unknown): ImportError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ImportError, `expected an ImportError, got ${String(caught)}`);
  return caught;
}

/** Sets the declared uncompressed size of every entry (local headers and central directory). */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('hostile .xmind archives', () => {
  test('a PDF renamed to .xmind', () => {
    const e = refuses(() => xmindFormat.parse(enc('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), { fileName: 'map.xmind' }));
    assert.match(e.message, /PDF/);
  });

  test('empty input and random bytes', () => {
    assert.match(refuses(() => xmindFormat.parse(new Uint8Array())).message, /empty/);
    refuses(() => xmindFormat.parse(enc('just some text')));
    refuses(() => xmindFormat.parse(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])));
  });

  test('an archive with neither content.json nor content.xml', () => {
    const e = refuses(() => xmindFormat.parse(zipSync({ 'readme.txt': enc('hi') })));
    assert.match(e.message, /neither content\.json nor content\.xml/);
  });

  test('a zip bomb that declares its size is refused from the directory, without inflating', () => {
    const zip = lieAboutSizes(zipSync({ 'content.json': enc('[]') }), 0xfff0_0000);
    const e = refuses(() => xmindFormat.parse(zip));
    assert.equal(e.code, 'too-large');
  });

  test('a zip bomb that lies about its size is stopped at the declared size', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const compressed = zipSync({ 'content.json': zeros }, { level: 9 });
    // Declared smaller than its own compressed data: refused before inflating.
    const e1 = refuses(() => xmindFormat.parse(lieAboutSizes(compressed, 1000)));
    assert.equal(e1.code, 'unsafe');
    assert.match(e1.message, /zip bomb/);
    // Declared just above the compressed size: inflation stops a few MB past it.
    const e2 = refuses(() => xmindFormat.parse(lieAboutSizes(compressed, compressed.length)));
    assert.equal(e2.code, 'unsafe');
    assert.match(e2.message, /expands beyond its declared size/);
  });

  test('too many entries', () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 150; i++) entries[`f${i}`] = new Uint8Array();
    const zip = zipSync(entries);
    assert.equal(refuses(() => readZip(zip, 'xmind', { maxEntries: 100 })).code, 'too-large');
    assert.equal(readZip(zip, 'xmind', { maxEntries: 150 }).size, 150);
  });

  test('entry names with ../ or an absolute path', () => {
    for (const name of ['../evil.txt', 'resources/../../evil', '/etc/passwd', 'C:/x']) {
      const e = refuses(() => xmindFormat.parse(zipSync({ 'content.json': enc('[]'), [name]: enc('x') })));
      assert.equal(e.code, 'unsafe', name);
    }
  });

  test('XXE and billion laughs in content.xml', () => {
    const xxe = `${XML8_HEAD}<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xmap-content><sheet><topic><title>&e;</title></topic></sheet></xmap-content>`;
    const laughs = `${XML8_HEAD}<!DOCTYPE x [<!ENTITY a "hahahaha">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${'&a;'.repeat(10)}">`).join('')}]><xmap-content/>`;
    for (const xml of [xxe, laughs]) {
      const e = refuses(() => xmindFormat.parse(zipSync({ 'content.xml': enc(xml), 'META-INF/manifest.xml': enc(MANIFEST) })));
      assert.equal(e.code, 'unsafe');
    }
  });

  test('content.xml nested 100,000 deep', () => {
    const depth = 100_000;
    const xml = `${XML8_HEAD}<xmap-content><sheet>${'<topic><children><topics>'.repeat(depth / 3)}</sheet></xmap-content>`;
    const e = refuses(() => xmindFormat.parse(zipSync({ 'content.xml': enc(xml), 'META-INF/manifest.xml': enc(MANIFEST) })));
    assert.equal(e.code, 'too-deep');
  });

  test('content.json nested 100,000 deep (plain arrays and real topic nesting)', () => {
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.equal(refuses(() => xmindFormat.parse(zipSync({ 'content.json': enc(arrays) }))).code, 'too-deep');
    const n = 40_000;
    const topics = `[{"rootTopic":${'{"title":"x","children":{"attached":['.repeat(n)}{}${']}}'.repeat(n)}}]`;
    assert.equal(refuses(() => xmindFormat.parse(zipSync({ 'content.json': enc(topics) }))).code, 'too-deep');
  });

  test('a deep but legal map is imported without recursion', () => {
    const n = 1_500;
    const json = `[{"title":"s","rootTopic":${'{"title":"x","children":{"attached":['.repeat(n)}{"title":"leaf"}${']}}'.repeat(n)}}]`;
    const r = xmindFormat.parse(zipSync({ 'content.json': enc(json) }));
    assert.ok(!(r instanceof Promise));
    assert.equal(Object.keys(r.doc.topics).length, n + 1);
    // Written back without recursion either, in both dialects.
    const again = xmindFormat.parse(xmindFormat.serialize?.(r.doc) as Uint8Array);
    assert.ok(!(again instanceof Promise));
    assert.equal(Object.keys(again.doc.topics).length, n + 1);
  });

  test('invalid UTF-8 and invalid JSON in content.json', () => {
    assert.equal(refuses(() => xmindFormat.parse(zipSync({ 'content.json': new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]) }))).code, 'encoding');
    assert.equal(refuses(() => xmindFormat.parse(zipSync({ 'content.json': enc('[{"rootTopic": ') }))).code, 'malformed');
    assert.equal(refuses(() => xmindFormat.parse(zipSync({ 'content.json': enc('42') }))).code, 'malformed');
  });

  test('a MindManager archive without Document.xml, and a PDF renamed to .mmap', () => {
    assert.match(refuses(() => mmapFormat.parse(zipSync({ 'x.xml': enc('<a/>') }))).message, /Document\.xml/);
    assert.match(refuses(() => mmapFormat.parse(enc('%PDF-1.4'))).message, /PDF/);
  });
});

/** Anything but an ImportError (or a result) is a bug. */
function survives(format: FormatModule, bytes: Uint8Array, lenient: boolean): void {
  try {
    const r = format.parse(bytes, { lenient });
    assert.ok(!(r instanceof Promise));
    assert.ok(r.sheets.length >= 1);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
  }
}

describe('fuzzing real fixtures', () => {
  const sources: [FormatModule, Uint8Array][] = [
    [xmindFormat, fixture('xmind-legacy/xmind-native-elements-cjk.xmind')],
    [xmindFormat, fixture('xmind-legacy/MALFORMED-sdk-written-no-manifest.xmind')],
    [xmindFormat, fixture('xmind-zen/xmindparser-zen-two-sheets-cjk.xmind')],
    [mmapFormat, fixture('mindmanager/mindmanager23-win-test-dom.mmap')],
  ];

  test('random byte flips, truncations and splices of the archives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        fc.boolean(),
        (which, flips, cut, lenient) => {
          const [format, original] = sources[which] as [FormatModule, Uint8Array];
          let bytes = original.slice();
          for (const [at, v] of flips) bytes[at % bytes.length] = v;
          if (cut !== null) bytes = bytes.subarray(0, cut % bytes.length);
          survives(format, bytes, lenient);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('structure mutations of content.json and content.xml', () => {
    const zen = JSON.parse(
      new TextDecoder().decode(readZip(fixture('xmind-zen/xmindparser-xmind2026.xmind'), 'xmind').get('content.json')),
    ) as unknown;
    const xml = new TextDecoder().decode(readZip(fixture('xmind-legacy/xmind-native-elements-cjk.xmind'), 'xmind').get('content.xml'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.jsonValue()), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.boolean(),
        (edits, xmlCut, lenient) => {
          const tree = structuredClone(zen);
          for (const [pick, value] of edits) replaceSomewhere(tree, pick, value);
          survives(xmindFormat, zipSync({ 'content.json': enc(JSON.stringify(tree)) }), lenient);
          // Cutting an element out of the XML at a random tag boundary.
          const tags = [...xml.matchAll(/<[a-z]/g)].map((m) => m.index ?? 0);
          const start = tags[xmlCut % tags.length] ?? 0;
          const broken = xml.slice(0, start) + xml.slice(xml.indexOf('>', start) + 1);
          survives(xmindFormat, zipSync({ 'content.xml': enc(broken), 'META-INF/manifest.xml': enc(MANIFEST) }), lenient);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Replaces the `pick`-th value of a JSON tree (walked iteratively) with `value`. */
function replaceSomewhere(tree: unknown, pick: number, value: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const stack: unknown[] = [tree];
  while (stack.length) {
    const cur = stack.pop();
    if (cur && typeof cur === 'object')
      for (const [k, v] of Object.entries(cur)) {
        slots.push([cur as Record<string, unknown>, k]);
        stack.push(v);
      }
  }
  const slot = slots[pick % Math.max(1, slots.length)];
  if (slot) slot[0][slot[1]] = value;
}
