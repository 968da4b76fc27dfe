// Hostile inputs: each must end in a clear ImportError (or a sane result) without hanging,
// overflowing the stack or expanding entities. The timeouts guard against hangs only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportError } from '../src/errors.ts';
import { importFile } from '../src/registry.ts';
import { writeZip } from '../src/zip.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const GUARD = { timeout: 300_000 };

async function rejectsWith(bytes: Uint8Array, fileName: string, code: string | RegExp, lenient = false): Promise<ImportError> {
  try {
    await importFile(bytes, { fileName, lenient });
  } catch (err) {
    assert.ok(err instanceof ImportError, `${fileName}: expected an ImportError, got ${err}`);
    if (typeof code === 'string') assert.equal(err.code, code, `${fileName}: ${err.message}`);
    else assert.match(err.message, code);
    return err;
  }
  assert.fail(`${fileName}: was accepted`);
}

const XXE = (root: string, inner: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${inner}`;
const LAUGHS = (root: string, inner: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n${inner}`;

describe('hostile XML', GUARD, () => {
  for (const lenient of [false, true]) {
    test(`XXE is refused in .mm and .opml (lenient: ${lenient})`, async () => {
      await rejectsWith(enc(XXE('map', '<map><node TEXT="&xxe;"/></map>')), 'x.mm', 'unsafe', lenient);
      await rejectsWith(enc(XXE('opml', '<opml><body><outline text="&xxe;"/></body></opml>')), 'x.opml', 'unsafe', lenient);
    });
    test(`billion laughs is refused in .mm and .opml (lenient: ${lenient})`, async () => {
      await rejectsWith(enc(LAUGHS('map', '<map><node TEXT="&lol9;"/></map>')), 'x.mm', 'unsafe', lenient);
      await rejectsWith(enc(LAUGHS('opml', '<opml><body><outline text="&lol9;"/></body></opml>')), 'x.opml', 'unsafe', lenient);
    });
  }

  test('XML nested 100,000 deep is refused, not overflowed', async () => {
    const deepMap = `<map>${'<node TEXT="x">'.repeat(100_000)}${'</node>'.repeat(100_000)}</map>`;
    await rejectsWith(enc(deepMap), 'deep.mm', 'too-deep');
    const deepOpml = `<opml><body>${'<outline text="x">'.repeat(100_000)}${'</outline>'.repeat(100_000)}</body></opml>`;
    await rejectsWith(enc(deepOpml), 'deep.opml', 'too-deep');
  });

  test('an undefined entity is a malformed file', async () => {
    await rejectsWith(enc('<map><node TEXT="&nope;"/></map>'), 'x.mm', 'malformed');
  });
});

describe('hostile JSON and text', GUARD, () => {
  test('JSON nested 100,000 deep (arrays, app trees, parent chains) is refused', async () => {
    await rejectsWith(enc(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'deep.json', 'unknown-format');
    const tree = `${'{"topic":"n","children":['.repeat(100_000)}{"topic":"leaf"}${']}'.repeat(100_000)}`;
    await rejectsWith(enc(`{"nodeData":${tree}}`), 'deep.json', 'too-deep');
    const topics: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) topics[`t${i}`] = { id: `t${i}`, parentId: i ? `t${i - 1}` : null, index: 'a0', text: '' };
    await rejectsWith(enc(JSON.stringify({ format: 'arbor', version: 1, doc: { rootId: 't0', topics } })), 'chain.json', 'too-deep');
  });

  test('deeply indented text and Markdown are refused past the depth limit', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}x`).join('\n');
    await rejectsWith(enc(lines), 'deep.txt', 'too-deep');
    const md = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n');
    await rejectsWith(enc(md), 'deep.md', 'too-deep', false);
  });

  test('invalid UTF-8 is an encoding error in every text format', async () => {
    const bad = new Uint8Array([...enc('# title\n- a '), 0xc3, 0x28, ...enc('\n')]);
    for (const name of ['x.md', 'x.txt', 'x.json']) {
      const err = await rejectsWith(bad, name, 'encoding');
      assert.match(err.message, /not valid UTF-8/);
    }
    const xml = new Uint8Array([...enc('<?xml version="1.0" encoding="UTF-8"?><map><node TEXT="'), 0xff, ...enc('"/></map>')]);
    await rejectsWith(xml, 'x.mm', 'encoding');
    await rejectsWith(
      new Uint8Array([...enc('<opml><body><outline text="'), 0xfe, 0xff, ...enc('"/></body></opml>')]),
      'x.opml',
      'encoding',
    );
  });
});

describe('large and mislabelled inputs', GUARD, () => {
  const MB50 = 50 * 1024 * 1024;

  test('a 50 MB file of each format ends in a result or a clear error', async () => {
    const junk = new Uint8Array(MB50).fill(0x61); // "aaaa…": one huge line
    for (const name of ['big.mm', 'big.opml', 'big.json']) await rejectsWith(junk, name, 'malformed');
    const md = await importFile(junk, { fileName: 'big.md' });
    assert.equal(md.doc.topics[md.doc.rootId]?.text, 'big');
    // 50 MB of line breaks: refused by its line count rather than split into 50 million strings.
    for (const name of ['big.txt', 'big.md']) await rejectsWith(new Uint8Array(MB50).fill(0x0a), name, 'too-large');
    // 50 MB of short outline lines: also more lines than a document may have.
    await rejectsWith(enc('root\n  a\n'.repeat(MB50 / 10)), 'lines.txt', 'too-large');
  });

  test('a file over the input limit is refused before parsing', async () => {
    await rejectsWith(new Uint8Array(65 * 1024 * 1024), 'huge.mm', 'too-large');
  });

  test('a .xmind that is really a PDF (or a PNG) says so', async () => {
    const pdf = enc('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
    const err = await rejectsWith(pdf, 'slides.xmind', /is really a PDF document/);
    assert.equal(err.code, 'malformed');
    await rejectsWith(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'pic.xmind', /really a PNG image/);
  });

  test('zip archives with unsafe names or no content are refused', async () => {
    await rejectsWith(writeZip({ '../evil.txt': 'x', 'content.json': '[]' }), 'slip.xmind', /unsafe|content/);
    await rejectsWith(writeZip({ 'hello.txt': 'x' }), 'empty.xmind', /.+/);
  });
});
