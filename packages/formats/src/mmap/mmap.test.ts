// MindManager fixtures import with their topics, notes, links, images, icons, labels, tasks,
// boundaries and relationships; what Arbor cannot hold is in the report.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { ImportError } from '../errors.ts';
import type { ImportResult } from '../types.ts';
import { fixture, oneByText, topics } from '../xmind/test-support.ts';
import { readZip } from '../zip.ts';
import { mmapFormat } from './index.ts';

const parse = (rel: string, lenient = false) => mmapFormat.parse(fixture(rel), { lenient }) as ImportResult;

describe('MindManager .mmap', () => {
  test('mindmanager23-mac-test-dom: 12 topics with every feature of the test map', () => {
    const r = parse('mindmanager/mindmanager23-mac-test-dom.mmap');
    const d = r.doc;
    assert.equal(r.format, 'mmap');
    assert.equal(r.sheets.length, 1);
    assert.equal(topics(d).length, 12);
    assert.equal(d.topics[d.rootId]?.text, 'Test');
    assert.equal(d.title, 'Test');
    assert.deepEqual(
      topics(d)
        .filter((t) => t.parentId === d.rootId)
        .sort((a, b) => (a.index < b.index ? -1 : 1))
        .map((t) => t.text),
      ['1', '4', '2', '3', '5', '6', ''],
    );
    assert.equal(oneByText(d, '1').href, 'https://www.microsoft.com');
    const internal = oneByText(d, '3');
    assert.equal(internal.note, 'This is a test');
    assert.equal(d.topics[internal.href?.slice(7) ?? '']?.labels?.[0], 'Tag1', 'the xpointer link points at the labelled topic');
    assert.equal(oneByText(d, '2').note, 'Notes for 2');
    assert.match(oneByText(d, '4').image?.src ?? '', /^data:image\/png;base64,iVBORw0KGgo/);
    assert.deepEqual(oneByText(d, '6').markers, ['symbol-exclam']);
    assert.deepEqual(oneByText(d, '5').markers, ['task-100']);
    assert.deepEqual(oneByText(d, '5').task, { done: true });
    assert.deepEqual(d.topics[d.rootId]?.markers, ['task-50']);
    assert.equal(oneByText(d, '1').side, 'right');
    assert.equal(oneByText(d, '4').side, 'left');
    assert.equal(Object.keys(d.boundaries).length, 2);
    const rels = Object.values(d.relationships).map((x) => [d.topics[x.from]?.text, d.topics[x.to]?.text]);
    assert.deepEqual(rels, [
      ['1', '4'],
      ['12', '111'],
    ]);
    assert.deepEqual(r.report.map((i) => i.kind).sort(), ['formatting-dropped', 'icon-dropped']);
  });

  test('mindmanager23-win-test-dom: 11 topics', () => {
    const r = parse('mindmanager/mindmanager23-win-test-dom.mmap');
    const d = r.doc;
    assert.equal(topics(d).length, 11);
    assert.equal(oneByText(d, '3').note, 'This is a test');
    assert.equal(oneByText(d, '111').parentId, oneByText(d, '11').id);
    assert.equal(Object.keys(d.relationships).length, 2);
    assert.deepEqual(oneByText(d, '').labels, ['Tag1']);
    assert.deepEqual(oneByText(d, '').markers, ['arrow-up']);
  });

  test('a missing image is named, and recovered leniently', () => {
    const files = readZip(fixture('mindmanager/mindmanager23-win-test-dom.mmap'), 'mmap');
    const image = [...files.keys()].find((k) => k.startsWith('bin/'));
    assert.ok(image);
    files.delete(image);
    const broken = zipSync(Object.fromEntries(files));
    assert.throws(
      () => mmapFormat.parse(broken),
      (e: unknown) => e instanceof ImportError && e.message.includes(`1 image missing from the archive: ${image}`),
    );
    const r = mmapFormat.parse(broken, { lenient: true }) as ImportResult;
    assert.equal(topics(r.doc).length, 11);
    assert.equal(r.report.find((i) => i.kind === 'image-missing')?.count, 1);
  });

  test('callouts and floating topics', () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?><ap:Map xmlns:ap="http://schemas.mindjet.com/MindManager/Application/2003"><ap:OneTopic><ap:Topic OId="r"><ap:Text PlainText="root"/><ap:SubTopics><ap:Topic OId="a"><ap:Text PlainText="a"/><ap:Callouts><ap:Topic OId="c"><ap:Text PlainText="callout"/></ap:Topic></ap:Callouts></ap:Topic></ap:SubTopics><ap:FloatingTopics><ap:Topic OId="f"><ap:Text PlainText="floating"/><ap:Offset CX="40" CY="-10"/></ap:Topic></ap:FloatingTopics></ap:Topic></ap:OneTopic></ap:Map>`;
    const r = mmapFormat.parse(zipSync({ 'Document.xml': new TextEncoder().encode(doc) })) as ImportResult;
    assert.deepEqual(
      topics(r.doc).map((t) => t.text),
      ['root', 'a', 'floating'],
    );
    assert.deepEqual(oneByText(r.doc, 'floating').position, { x: 40, y: -10 });
    assert.equal(r.report.find((i) => i.kind === 'callout-dropped')?.message, '1 MindManager callout dropped');
  });

  test('detects .mmap archives only', () => {
    assert.equal(mmapFormat.detect(fixture('mindmanager/mindmanager23-mac-test-dom.mmap')), true);
    assert.equal(mmapFormat.detect(fixture('xmind-zen/xmindparser-xmind2026.xmind')), false);
    assert.equal(mmapFormat.serialize, undefined);
  });
});
