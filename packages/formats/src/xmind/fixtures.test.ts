// Every XMind fixture imports with its topic count and the texts, notes, links, markers, images,
// summaries, boundaries and relationships it holds; the MALFORMED ones fail by default and are
// recovered in lenient mode.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportError } from '../errors.ts';
import type { ImportResult } from '../types.ts';
import { xmind8Format, xmindFormat } from './index.ts';
import { byText, fixture, oneByText, sharedFixture, topics } from './test-support.ts';

const parse = (rel: string, lenient = false) => xmindFormat.parse(fixture(rel), { lenient }) as ImportResult;
const count = (r: ImportResult) => r.sheets.reduce((n, s) => n + Object.keys(s.doc.topics).length, 0);
const kinds = (r: ImportResult) => r.report.map((i) => i.kind);

describe('XMind Zen fixtures', () => {
  test('xmindparser-xmind2026: 42 topics, notes, labels, markers, images, summary, relationship, floating, untitled', () => {
    const r = parse('xmind-zen/xmindparser-xmind2026.xmind');
    assert.equal(r.format, 'xmind');
    assert.equal(r.sheets.length, 1);
    const d = r.doc;
    assert.equal(count(r), 42);
    assert.equal(d.title, 'test');
    assert.equal(d.structure, 'mindmap');
    assert.equal(byText(d, '').length, 3, 'three topics without a title become empty text');
    assert.equal(oneByText(d, 'note').note, 'hello');
    assert.deepEqual(oneByText(d, 'label').labels, ['this', 'that', 'then']);
    assert.deepEqual(oneByText(d, 'marker').markers, [
      'tag-orange',
      'priority-2',
      'task-12',
      'flag-orange',
      'star-orange',
      'people-orange',
    ]);
    assert.ok(kinds(r).includes('marker-unknown'), 'the custom c_symbol_like marker is reported');
    assert.equal(oneByText(d, 'to url').href, 'http://github.com');
    const jpeg = oneByText(d, '0.jpeg').image;
    assert.match(jpeg?.src ?? '', /^data:image\/jpeg;base64,\/9j\//);
    assert.equal(jpeg?.width, 996);
    assert.match(oneByText(d, 'sticker1').image?.src ?? '', /^data:image\/svg\+xml;base64,/);
    const floating = oneByText(d, 'floating test');
    assert.equal(floating.detached, true);
    assert.equal(floating.parentId, d.rootId);
    assert.deepEqual(floating.position, { x: 121.953125, y: 443.56640625 });
    const [summary] = Object.values(d.summaries);
    assert.equal(d.topics[summary?.topicId ?? '']?.text, 'aaa');
    assert.equal(d.topics[summary?.parentId ?? '']?.text, 'c');
    const [rel] = Object.values(d.relationships);
    assert.equal(d.topics[rel?.to ?? '']?.text, '</>{}[]*+-');
  });

  test('xmindparser-zen-two-sheets-cjk: two sheets, 2019 notes, callout kept as a subtopic, attachment reported', () => {
    const r = parse('xmind-zen/xmindparser-zen-two-sheets-cjk.xmind');
    assert.deepEqual(
      r.sheets.map((s) => s.title),
      ['Map 1', 'Map 2'],
    );
    assert.equal(r.doc, r.sheets[0]?.doc);
    assert.equal(count(r), 28);
    const d = r.doc;
    assert.equal(oneByText(d, 'note topic').note, 'note info\nnew line of note');
    assert.equal(oneByText(d, 'formatted note').note, 'hello world');
    assert.equal(oneByText(d, 'link topic').href, 'http://www.link.com');
    assert.deepEqual(oneByText(d, 'label topic').labels, ['great']);
    assert.deepEqual(oneByText(d, 'makers topic').markers, ['priority-2', 'smiley-smile', 'task-12', 'flag-orange']);
    assert.deepEqual({ w: oneByText(d, 'image topic').image?.width, h: oneByText(d, 'image topic').image?.height }, { w: 85, h: 33 });
    assert.equal(oneByText(d, 'Callout').detached, undefined);
    assert.ok(kinds(r).includes('callout-converted'));
    assert.ok(kinds(r).includes('attachment-dropped'));
    assert.equal(r.sheets[1]?.doc.topics[r.sheets[1]?.doc.rootId ?? '']?.text, 'another sheet');
  });

  test('liwengu-zen-cjk-notes: 172 Chinese topics, 53 notes, one folded branch', () => {
    const r = parse('xmind-zen/liwengu-zen-cjk-notes.xmind');
    assert.equal(count(r), 172);
    const d = r.doc;
    assert.equal(topics(d).filter((t) => t.note).length, 53);
    assert.equal(topics(d).filter((t) => t.folded).length, 1);
    assert.equal(topics(d).filter((t) => /[\u4e00-\u9fff]/.test(t.text)).length, 82);
    assert.equal(oneByText(d, '大数据').folded, true);
    assert.equal(d.topics[d.rootId]?.text, '准备');
    assert.equal(d.title, '画布 1');
    assert.deepEqual(r.report, []);
  });

  test('ocd-pentest-active-directory (GPL, read from ../shared): 932 topics with summaries, boundaries, relationships', (t) => {
    const bytes = sharedFixture('xmind-zen/ocd-pentest-active-directory.xmind');
    if (!bytes) return t.skip('../shared/fixtures/formats is absent');
    const r = xmindFormat.parse(bytes) as ImportResult;
    const d = r.doc;
    assert.equal(count(r), 932);
    assert.equal(Object.keys(d.summaries).length, 133);
    assert.equal(Object.keys(d.boundaries).length, 24);
    assert.equal(Object.keys(d.relationships).length, 42);
    assert.equal(topics(d).filter((x) => x.detached).length, 21);
    assert.equal(topics(d).filter((x) => x.image).length, 1);
    assert.equal(d.structure, 'logic-right');
    assert.ok(topics(d).some((x) => x.structure === 'tree'));
    assert.ok(kinds(r).includes('relationship-boundary'), 'relationships between boundaries are reported');
  });
});

describe('XMind 8 fixtures', () => {
  test('xmind8-features: 109 topics, boundaries, summaries, relationship, images, detached, links', () => {
    const r = parse('xmind-legacy/xmind8-features.xmind');
    assert.equal(r.format, 'xmind8');
    const d = r.doc;
    assert.equal(count(r), 109);
    assert.equal(d.title, 'Sheet 1');
    assert.equal(d.topics[d.rootId]?.text, 'Welcome to XMind');
    assert.equal(Object.keys(d.boundaries).length, 5);
    assert.equal(Object.keys(d.summaries).length, 4);
    const [rel] = Object.values(d.relationships);
    assert.equal(rel?.label, 'Word description');
    assert.deepEqual(rel?.controlPoints, [
      { x: 269, y: -9 },
      { x: 261, y: 4 },
    ]);
    assert.equal(topics(d).filter((t) => t.href?.startsWith('http://www.xmind.net')).length, 3);
    assert.equal(topics(d).filter((t) => t.image?.src.startsWith('data:image/png;base64,')).length, 2);
    assert.equal(topics(d).filter((t) => t.detached).length, 5, 'two floating groups of 2 and 3 topics');
    assert.deepEqual(oneByText(d, 'Priority').markers, ['priority-4']);
    assert.match(oneByText(d, 'Map Shot').note ?? '', /^Mapshot lets you share/);
    assert.equal(oneByText(d, 'Structure').structure, 'logic-right');
  });

  test('xmindparser-xmind8-two-sheets-cjk: 46 topics, topic links resolved, notes from html, folded', () => {
    const r = parse('xmind-legacy/xmindparser-xmind8-two-sheets-cjk.xmind');
    assert.equal(r.sheets.length, 2);
    assert.equal(count(r), 46);
    const d = r.doc;
    const link = topics(d).find((t) => t.href?.startsWith('#topic:'));
    assert.equal(d.topics[link?.href?.slice(7) ?? '']?.text, 'floating test');
    assert.equal(oneByText(d, 'note2').note, 'line1\nline2');
    assert.ok(topics(d).some((t) => t.note === '测试中文'));
    assert.equal(oneByText(d, 'pic').folded, true);
    assert.deepEqual(kinds(r).sort(), ['attachment-dropped', 'comments-dropped', 'link-dropped', 'link-target-missing']);
  });

  test('xmind2testcase-template-v1.1-cjk: 167 topics over two sheets, 42 markers, 7 labels, 14 notes', () => {
    const r = parse('xmind-legacy/xmind2testcase-template-v1.1-cjk.xmind');
    assert.equal(r.sheets.length, 2);
    assert.equal(count(r), 167);
    const all = r.sheets.flatMap((s) => topics(s.doc));
    assert.equal(
      all.reduce((n, t) => n + (t.markers?.length ?? 0), 0),
      42,
    );
    assert.equal(all.filter((t) => t.labels).length, 7);
    assert.equal(all.filter((t) => t.note).length, 14);
    assert.equal(all.filter((t) => t.detached).length, 2);
  });

  test('xmind-native-elements-cjk: one of each element', () => {
    const r = parse('xmind-legacy/xmind-native-elements-cjk.xmind');
    const d = r.doc;
    assert.equal(count(r), 19);
    assert.equal(d.topics[d.rootId]?.text, 'XMind原生元素');
    assert.deepEqual(oneByText(d, '分支主题 1-标签label').labels, ['标签demo']);
    assert.equal(oneByText(d, '分支主题 3-备注notes').note, '备注demo');
    assert.deepEqual(oneByText(d, '分支主题 5-图标marker').markers, ['smiley-smile', 'priority-1']);
    assert.equal(oneByText(d, '标注demo-cllout topic').parentId, oneByText(d, '分支主题 2-标注callout').id);
    assert.equal(oneByText(d, '自由主题').detached, true);
    assert.equal(Object.keys(d.summaries).length, 1);
    assert.equal(Object.keys(d.boundaries).length, 1);
    assert.match(byText(d, '子主题 2').find((t) => t.image)?.image?.src ?? '', /^data:image\/x-icon;base64,/);
  });

  test('xmind-sdk-js-default: 26 topics, 3 summaries, markers, a note', () => {
    const r = parse('xmind-legacy/xmind-sdk-js-default.xmind');
    assert.equal(count(r), 26);
    assert.equal(Object.keys(r.doc.summaries).length, 3);
    assert.equal(
      topics(r.doc).reduce((n, t) => n + (t.markers?.length ?? 0), 0),
      4,
    );
    assert.equal(topics(r.doc).filter((t) => t.note).length, 1);
  });

  test('MALFORMED-sdk-written-no-manifest: refused by default, recovered leniently', () => {
    const rel = 'xmind-legacy/MALFORMED-sdk-written-no-manifest.xmind';
    assert.throws(
      () => parse(rel),
      (e: unknown) => e instanceof ImportError && /no META-INF\/manifest\.xml: this file was not written by XMind/.test(e.message),
    );
    const r = parse(rel, true);
    assert.equal(r.sheets.length, 2);
    assert.equal(count(r), 15);
    assert.ok(kinds(r).includes('manifest-missing'));
    assert.equal(Object.keys(r.sheets[1]?.doc.relationships ?? {}).length, 1);
    assert.ok(topics(r.sheets[1]?.doc ?? r.doc).some((t) => t.href === 'https://xmind.net'));
  });

  test('MALFORMED-content-only-missing-attachments: names the missing images, recovered leniently', () => {
    const rel = 'xmind-legacy/MALFORMED-content-only-missing-attachments.xmind';
    assert.throws(
      () => parse(rel),
      (e: unknown) =>
        e instanceof ImportError &&
        e.code === 'missing-part' &&
        /2 images missing from the archive: attachments\/\w+\.png, attachments\/\w+\.ico/.test(e.message),
    );
    const r = parse(rel, true);
    assert.equal(count(r), 23);
    const missing = r.report.find((i) => i.kind === 'image-missing');
    assert.equal(missing?.count, 2);
    assert.equal(Object.keys(r.doc.summaries).length, 1);
    assert.equal(Object.keys(r.doc.boundaries).length, 1);
  });
});

describe('format detection', () => {
  test('xmind claims Zen and XMind 8 archives; xmind8 only XMind 8 ones', () => {
    const zen = fixture('xmind-zen/xmindparser-xmind2026.xmind');
    const x8 = fixture('xmind-legacy/xmind8-features.xmind');
    const mmap = fixture('mindmanager/mindmanager23-win-test-dom.mmap');
    assert.equal(xmindFormat.detect(zen), true);
    assert.equal(xmindFormat.detect(x8), true);
    assert.equal(xmindFormat.detect(mmap), false);
    assert.equal(xmind8Format.detect(zen), false);
    assert.equal(xmind8Format.detect(x8), true);
    assert.equal(xmindFormat.detect(new TextEncoder().encode('%PDF-1.7')), false);
  });
});
