import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder, docToTitleTree } from '@arbor/core';
import { fixture, SHARED_SKIP, shared, topicCount } from '../test/helpers.ts';
import { ImportError } from './errors.ts';
import { describeBytes, detectFormat, exportDoc, extensionFor, findFormat, importFile, listFormats, registerExporter } from './registry.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function sample(root = '中心') {
  const b = new DocBuilder({ rootText: root });
  const a = b.add(b.rootId, { text: 'A' });
  b.add(a, { text: 'A1' });
  b.add(b.rootId, { text: 'B' });
  return b.build();
}

describe('format registry', () => {
  test('lists every format with what it can do', () => {
    const byName = new Map(listFormats().map((f) => [f.name, f]));
    for (const name of ['json', 'mm', 'opml', 'markdown', 'text', 'xmind', 'xmind8']) {
      assert.equal(byName.get(name)?.canRead, true, name);
      assert.equal(byName.get(name)?.canWrite, true, name);
    }
    assert.equal(byName.get('mmap')?.canWrite, false);
    assert.deepEqual({ read: byName.get('tree-json')?.canRead, write: byName.get('tree-json')?.canWrite }, { read: false, write: true });
  });

  test('finds formats by name, alias, extension and file name', () => {
    assert.equal(findFormat('freeplane')?.name, 'mm');
    assert.equal(findFormat('.md')?.name, 'markdown');
    assert.equal(findFormat('outline.OPML')?.name, 'opml');
    assert.equal(findFormat('txt')?.name, 'text');
    assert.equal(findFormat('xmind8')?.name, 'xmind8');
    assert.equal(findFormat('docx'), undefined);
    assert.equal(extensionFor('xmind8'), 'xmind');
    assert.equal(extensionFor('markdown'), 'md');
  });

  test('detects by extension, then by content', async () => {
    assert.equal(detectFormat(enc('<map version="1.0.1"><node TEXT="x"/></map>'))?.name, 'mm');
    assert.equal(detectFormat(enc('<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>'))?.name, 'opml');
    assert.equal(detectFormat(enc(' {"format":"arbor"}'))?.name, 'json');
    assert.equal(detectFormat(enc('# x'), 'notes.md')?.name, 'markdown');
    assert.equal(detectFormat(enc('plain words')), undefined);
    const xmind = await exportDoc(sample(), 'xmind');
    assert.equal(detectFormat(xmind)?.name, 'xmind');
    assert.equal(detectFormat(xmind, 'renamed.bin')?.name, 'xmind');
  });

  test('imports through detection and exports every writable format', async () => {
    const doc = sample();
    for (const to of ['json', 'mm', 'opml', 'markdown', 'text', 'xmind', 'xmind8']) {
      const bytes = await exportDoc(doc, to);
      const fileName = `map.${extensionFor(to)}`;
      const back = await importFile(bytes, { fileName });
      assert.deepEqual(docToTitleTree(back.doc), docToTitleTree(doc), to);
    }
  });

  test('tree-json has the {title, children} shape with children omitted on leaves', async () => {
    const tree = JSON.parse(dec(await exportDoc(sample(), 'tree-json')));
    assert.deepEqual(tree, { title: '中心', children: [{ title: 'A', children: [{ title: 'A1' }] }, { title: 'B' }] });
  });

  test('registered exporters are listed and used', async () => {
    registerExporter('shout', '.shout', (doc) => enc(doc.title.toUpperCase()), 'text/plain');
    assert.ok(listFormats().some((f) => f.name === 'shout' && f.extensions[0] === 'shout'));
    assert.equal(dec(await exportDoc(sample('abc'), 'shout')), 'ABC');
    assert.equal(dec(await exportDoc(sample('abc'), 'x.shout')), 'ABC');
  });

  test('sheets: one by number, all, or a clear error', async () => {
    const two = await exportDoc(sample('one'), 'xmind', { extraSheets: [sample('two')] });
    const all = await importFile(two, { fileName: 'two.xmind', sheet: 'all' });
    assert.equal(all.sheets.length, 2);
    const second = await importFile(two, { fileName: 'two.xmind', sheet: 2 });
    assert.equal(second.doc.topics[second.doc.rootId]?.text, 'two');
    await assert.rejects(
      importFile(two, { fileName: 'two.xmind', sheet: 3 }),
      (e: unknown) => e instanceof ImportError && /no sheet 3: the file has 2 sheets/.test(e.message),
    );
  });

  test('clear errors for unknown formats and files that are not what they claim', async () => {
    await assert.rejects(
      importFile(enc('hello'), { from: 'nope' }),
      (e: unknown) => e instanceof ImportError && /unknown input format "nope"/.test(e.message),
    );
    await assert.rejects(importFile(enc('\x00\x01'), {}), (e: unknown) => e instanceof ImportError && e.code === 'unknown-format');
    const pdf = enc('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    await assert.rejects(
      importFile(pdf, { fileName: 'report.xmind' }),
      (e: unknown) => e instanceof ImportError && /really a PDF document/.test(e.message),
    );
    await assert.rejects(exportDoc(sample(), 'docx'), /cannot write "docx"/);
    assert.equal(describeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), 'a PNG image');
  });

  test('the own fixtures import through the registry', async () => {
    const cases: [string, number][] = [
      ['json/mind-elixir-sample-cjk.json', 12],
      ['json/simple-mind-map-export-full.json', 6],
      ['opml/opmlpackage-states-drummer.opml', 59],
      ['markdown/hexo-markmap-example.md', 22],
      ['freemind/arbor-features.mm', 6],
      ['freeplane/arbor-summary-free.mm', 7],
    ];
    for (const [file, count] of cases) assert.equal(topicCount((await importFile(fixture(file), { fileName: file })).doc), count, file);
  });
});

describe('registry with ../shared fixtures', { skip: SHARED_SKIP }, () => {
  test('detects every shared fixture by content alone', () => {
    const expected: [string, string][] = [
      ['xmind-zen/xmindparser-zen-two-sheets-cjk.xmind', 'xmind'],
      ['xmind-legacy/xmind-sdk-js-default.xmind', 'xmind'],
      ['mindmanager/mindmanager23-win-test-dom.mmap', 'mmap'],
      ['freemind/freemind-testmap.mm', 'mm'],
      ['freeplane/freeplane-functions.mm', 'mm'],
      ['opml/opml-spec-placesLived.opml', 'opml'],
      ['json/simple-mind-map-export-full.json', 'json'],
    ];
    for (const [file, name] of expected) assert.equal(detectFormat(shared(file))?.name, name, file);
  });
});
