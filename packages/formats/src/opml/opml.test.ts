import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { allTexts, findTopic, fixture, outline, SHARED_SKIP, shared, topicCount } from '../../test/helpers.ts';
import { ImportError } from '../errors.ts';
import { parseOpml, serializeOpml } from './index.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OPML reader', () => {
  test('the OPML Editor source outline (ISO-8859-1, 1,329 outlines, depth 14)', () => {
    const { doc } = parseOpml(fixture('opml/opmlpackage-source-opml-editor.opml'));
    assert.equal(topicCount(doc), 1330); // several top-level outlines under a root from the head title
    assert.equal(doc.topics[doc.rootId]?.text, 'nodeEditor: opmlPackage');
    assert.ok(
      Object.values(doc.topics).some((t) => t.folded),
      'expansionState folds unexpanded outlines',
    );
  });

  test('Latin-1 text decodes right', () => {
    const latin1 = new Uint8Array([
      ...enc('<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><head><title>Caf'),
      0xe9,
      ...enc('</title></head><body><outline text="na'),
      0xef,
      ...enc('ve"/><outline text="b"/></body></opml>'),
    ]);
    const { doc } = parseOpml(latin1);
    assert.equal(doc.topics[doc.rootId]?.text, 'Café');
    assert.ok(allTexts(doc).includes('naïve'));
  });

  test('a single top outline is the root; notes, links, categories and HTML text', () => {
    const { doc } = parseOpml(
      enc(`<opml version="2.0"><head><title>T</title></head><body><outline text="Root">
        <outline text="A &lt;em&gt;b&lt;/em&gt;" _note="line 1&#10;line 2" category="x,y"/>
        <outline text="Feed" type="rss" xmlUrl="http://f/rss" htmlUrl="http://f/"/>
        <outline text="Link" type="link" url="https://example.org/"/>
      </outline></body></opml>`),
    );
    assert.equal(doc.topics[doc.rootId]?.text, 'Root');
    const a = findTopic(doc, 'A b');
    assert.equal(a?.note, 'line 1\nline 2');
    assert.deepEqual(a?.labels, ['x', 'y']);
    assert.equal(findTopic(doc, 'Feed')?.href, 'http://f/');
    assert.equal(findTopic(doc, 'Link')?.href, 'https://example.org/');
  });

  test('round trip keeps topics, order, notes, links, labels and folding', () => {
    const b = new DocBuilder({ rootText: '中心' });
    const a = b.add(b.rootId, { text: 'A', note: 'n1\n\nn2', folded: true });
    b.add(a, { text: 'A1', href: 'https://x.org/?q=1&r=2', labels: ['l1', 'l2'] });
    b.add(b.rootId, { text: 'B "quoted" <tag>' });
    const doc = b.build();
    const back = parseOpml(serializeOpml(doc)).doc;
    const fields = ['note', 'href', 'labels', 'folded'] as const;
    assert.deepEqual(outline(back, [...fields]), outline(doc, [...fields]));
  });

  test('text that looks like HTML keeps its line breaks and runs of spaces', () => {
    const b = new DocBuilder({ rootText: '中心' });
    const text = '<b>粗体</b>  两个空格\u00a0不换行\u3000全角\n第二行';
    b.add(b.rootId, { text });
    const back = parseOpml(serializeOpml(b.build())).doc;
    assert.deepEqual(allTexts(back).slice(1), [text]);
  });

  test('refuses XML that is not OPML, and OPML without a body', () => {
    assert.throws(
      () => parseOpml(enc('<map/>')),
      (e: unknown) => e instanceof ImportError && /not an OPML file/.test(e.message),
    );
    assert.throws(
      () => parseOpml(enc('<opml><head/></opml>')),
      (e: unknown) => e instanceof ImportError && /no <body>/.test(e.message),
    );
  });
});

describe('OPML fixtures from ../shared', { skip: SHARED_SKIP }, () => {
  const cases: [string, number, string, string[]][] = [
    ['opml/opml-spec-placesLived.opml', 19, "Places I've lived", ['Boston', 'Cambridge']],
    ['opml/opml1-rss-subscriptions.opml', 174, 'johndoe@example.com subscriptions in Go Read', ['BBC News - Technology', 'DailyJS']],
    ['opml/opmlpackage-states-drummer.opml', 59, 'United States', ['Far West', 'California']],
    ['opml/pandoc-opml-reader.opml', 63, 'United States', ['Far West']],
    ['opml/pandoc-writer-output.opml', 32, 'Pandoc Test Suite', ['Level 2 with an embedded link', 'Level 3 with emphasis']],
    ['opml/opmlpackage-source-opml-editor.opml', 1330, 'nodeEditor: opmlPackage', []],
  ];
  for (const [file, count, root, texts] of cases)
    test(`${file}: ${count} topics`, () => {
      const { doc } = parseOpml(shared(file));
      assert.equal(topicCount(doc), count);
      assert.equal(doc.topics[doc.rootId]?.text, root);
      for (const t of texts) assert.ok(allTexts(doc).includes(t), `missing "${t}"`);
      const back = parseOpml(serializeOpml(doc)).doc;
      assert.deepEqual(outline(back, ['note', 'href', 'folded']), outline(doc, ['note', 'href', 'folded']));
    });

  test('the OPML 1.0 feed list is a flat map with feed links', () => {
    const { doc } = parseOpml(shared('opml/opml1-rss-subscriptions.opml'));
    const children = Object.values(doc.topics).filter((t) => t.parentId === doc.rootId);
    assert.equal(children.length, 173);
    assert.ok(children.every((t) => t.href?.startsWith('http')));
  });

  test('pandoc notes keep their line breaks', () => {
    const { doc } = parseOpml(shared('opml/pandoc-writer-output.opml'));
    assert.match(findTopic(doc, 'Paragraphs')?.note ?? '', /^Here's a regular paragraph\.\n\nIn Markdown 1\.0\.0/);
  });
});
