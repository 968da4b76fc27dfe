import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MindDoc } from '@arbor/core';
import { allTexts, crossLinks, findTopic, fixture, outline, SHARED_SKIP, shared, topicCount } from '../../test/helpers.ts';
import { ImportError } from '../errors.ts';
import { parseFreemind, serializeFreemind } from './index.ts';

const roundTrip = (doc: MindDoc) => parseFreemind(serializeFreemind(doc)).doc;
const FIELDS = ['note', 'href', 'labels', 'markers', 'folded', 'side', 'detached', 'image'] as const;

describe('FreeMind reader', () => {
  const { doc, report } = parseFreemind(fixture('freemind/arbor-features.mm'));

  test('rich node text, character references and plain text', () => {
    assert.equal(topicCount(doc), 6);
    assert.equal(doc.topics[doc.rootId]?.text, '学习计划');
    assert.ok(allTexts(doc).includes('Chapter 2\nsecond line'));
    assert.ok(allTexts(doc).includes('Exercises <1> & more'));
  });

  test('notes, icons, attributes, links, folding and sides', () => {
    const reading = findTopic(doc, 'Reading');
    assert.equal(reading?.note, 'First paragraph with bold text.\n\n• one\n• two');
    assert.deepEqual(reading?.markers, ['priority-1', 'symbol-right']);
    assert.deepEqual(reading?.labels, ['owner: Li Lei']);
    assert.equal(reading?.href, 'https://example.org/books?a=1&b=2');
    assert.equal(reading?.folded, true);
    assert.equal(reading?.side, 'right');
    const practice = findTopic(doc, '练习');
    assert.equal(practice?.side, 'left');
    assert.equal(practice?.href, `#topic:${findTopic(doc, 'Chapter 1')?.id}`);
    assert.deepEqual(
      report.map((r) => r.kind),
      ['icon-dropped'],
    );
  });

  test('arrow link inclinations become control points and are written back', () => {
    const mm =
      '<map version="1.0.1"><node ID="a" TEXT="a"><node ID="b" TEXT="b"><arrowlink DESTINATION="c" STARTINCLINATION="55.9 pt;-67 pt;" ENDINCLINATION="10;20;"/></node><node ID="c" TEXT="c"/></node></map>';
    const d = parseFreemind(new TextEncoder().encode(mm)).doc;
    const points = Object.values(d.relationships)[0]?.controlPoints;
    assert.deepEqual(points, [
      { x: 55.9, y: -67 },
      { x: 10, y: 20 },
    ]);
    assert.deepEqual(Object.values(roundTrip(d).relationships)[0]?.controlPoints, [
      { x: 56, y: -67 },
      { x: 10, y: 20 },
    ]);
  });

  test('arrow links become relationships and clouds boundaries', () => {
    assert.deepEqual(crossLinks(doc), {
      relationships: ['练习 -> Reading [depends on]'],
      summaries: [],
      boundaries: ['学习计划: 练习..练习'],
    });
  });

  test('Freeplane summaries, free nodes, details, tags and external images', () => {
    const fp = parseFreemind(fixture('freeplane/arbor-summary-free.mm')).doc;
    assert.equal(topicCount(fp), 7);
    assert.deepEqual(crossLinks(fp).summaries, ['Phase A: task 2..task 3 = tasks 2-3']);
    const phase = findTopic(fp, 'Phase A');
    assert.equal(phase?.note, 'Details of phase A\n\nNote of phase A');
    assert.deepEqual(phase?.labels, ['urgent', 'team::core']);
    const parking = findTopic(fp, 'Parking lot');
    assert.equal(parking?.detached, true);
    assert.deepEqual(parking?.image, { src: 'https://example.org/logo.png' });
  });

  test('round trip through .mm keeps everything FreeMind holds', () => {
    for (const d of [doc, parseFreemind(fixture('freeplane/arbor-summary-free.mm')).doc]) {
      const back = roundTrip(d);
      assert.deepEqual(outline(back, [...FIELDS]), outline(d, [...FIELDS]));
      assert.deepEqual(crossLinks(back), crossLinks(d));
    }
  });

  test('refuses what is not a FreeMind map', () => {
    assert.throws(
      () => parseFreemind(new TextEncoder().encode('<opml version="2.0"><body/></opml>')),
      (e: unknown) => e instanceof ImportError && /not a FreeMind map/.test(e.message),
    );
    assert.throws(
      () => parseFreemind(new TextEncoder().encode('<map version="1.0.1"></map>')),
      (e: unknown) => e instanceof ImportError && /no root node/.test(e.message),
    );
  });
});

describe('FreeMind and Freeplane fixtures from ../shared', { skip: SHARED_SKIP }, () => {
  const cases: [string, number, string, string[]][] = [
    ['freemind/freemind-doc-1.0.1.mm', 482, 'FreeMind\n- free mind mapping software -', ['Home page of FreeMind', 'Connecting node']],
    ['freemind/freemind-doc-ja-cjk.mm', 497, 'FreeMind\n- フリーのマインドマップ作成ソフト -', ['キー操作一覧', 'インストール']],
    ['freemind/freemind-testmap.mm', 10, 'Testmap\nfor automated Tests', ['Notetest', 'with a linbreak \n subnode']],
    ['freemind/freemind-bugs-icons.mm', 102, '0.9.0 Bugs', ['Bugs']],
    ['freeplane/freeplane-user-guide.mm', 1460, 'Tutorial\nFreeplane 1.7', ['Introduction', 'Core map']],
    ['freeplane/freeplane-user-guide-ja-cjk.mm', 380, 'チュートリアル\nFreeplane 1.2', ['はじめに', 'マップの基本']],
    ['freeplane/freeplane-functions.mm', 69, 'Basic Freeplane\nFunctions', ['Other', 'node a', 'node c']],
    ['freeplane/freeplane-latest-features-1.12.mm', 196, 'Latest Freeplane features', ['Version 1.12.x']],
    ['freeplane/freeplane-structured-map-test.mm', 59, 'Title of the Map', ['Intro', 'A Section']],
    ['freeplane/seekladoom-xmind-style-template-cjk.mm', 10, '仿XMind：稳重 V3', ['节点1', '节点2']],
  ];
  for (const [file, count, root, texts] of cases)
    test(`${file}: ${count} topics`, () => {
      const { doc } = parseFreemind(shared(file), { fileName: file });
      assert.equal(topicCount(doc), count);
      assert.equal(doc.topics[doc.rootId]?.text, root);
      for (const t of texts) assert.ok(allTexts(doc).includes(t), `missing topic "${t}"`);
      const back = roundTrip(doc);
      assert.equal(topicCount(back), count);
      assert.deepEqual(outline(back, [...FIELDS]), outline(doc, [...FIELDS]));
      assert.deepEqual(crossLinks(back), crossLinks(doc));
    });

  test('feature counts of the Freeplane user guide', () => {
    const { doc } = parseFreemind(shared('freeplane/freeplane-user-guide.mm'));
    assert.equal(Object.keys(doc.summaries).length, 24);
    assert.equal(Object.keys(doc.relationships).length, 12);
    assert.equal(Object.keys(doc.boundaries).length, 11);
    assert.equal(Object.values(doc.topics).filter((t) => t.href?.startsWith('#topic:')).length, 35);
  });

  test('the MALFORMED file fails by default, naming the line and the bad reference', () => {
    const bytes = shared('freemind/MALFORMED-freemind-0.8-todos-nul-charref.mm');
    assert.throws(
      () => parseFreemind(bytes),
      (e: unknown) =>
        e instanceof ImportError && e.code === 'malformed' && /line 211, column 89/.test(e.message) && e.message.includes('&#x0;'),
    );
  });

  test('the MALFORMED file is recovered leniently, with the problem reported', () => {
    const { doc, report } = parseFreemind(shared('freemind/MALFORMED-freemind-0.8-todos-nul-charref.mm'), { lenient: true });
    assert.equal(topicCount(doc), 80);
    assert.equal(doc.topics[doc.rootId]?.text, 'Freemind 0.8.0 ToDos');
    const problem = report.find((r) => r.kind === 'xml-recovered');
    assert.match(problem?.message ?? '', /line 211/);
  });
});
