import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { docToTitleTree, type MindDoc, type Topic } from '@arbor/core';
import { ImportError } from '@arbor/formats';
import { documentToMap, isDocumentFileName, sourceText, textToMap } from './index.ts';

const FIXTURES = new URL('../test/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));

function depthOf(doc: MindDoc, t: Topic): number {
  let d = 0;
  for (let cur: Topic | undefined = t; cur && cur.parentId !== null; cur = doc.topics[cur.parentId]) d++;
  return d;
}

test('isDocumentFileName', () => {
  for (const n of ['a.docx', 'B.PDF', 'x.html', 'y.htm', 'z.txt', 'r.md', 'r.markdown']) assert.ok(isDocumentFileName(n), n);
  for (const n of ['a.xmind', 'b.mm', 'c.opml', 'd.doc', 'md']) assert.ok(!isDocumentFileName(n), n);
});

test('pasted text: levels by first appearance, dates and inline enumerations stay body', () => {
  const text = [
    '关于加强管理的通知',
    '',
    '一、总体要求',
    '一是加强领导，二是落实责任。',
    '2024年3月1日起施行。',
    '（一）明确目标',
    '1. 第一项',
    '2. 第二项',
    '（二）落实责任',
    '二、保障措施',
    '具体措施如下。',
    '',
    '某某局',
    '二○二四年二月二十六日',
  ].join('\n');
  const { doc } = textToMap(text, { bodyLeaves: false });
  assert.deepEqual(docToTitleTree(doc), {
    title: '关于加强管理的通知',
    children: [
      {
        title: '一、总体要求',
        children: [{ title: '（一）明确目标', children: [{ title: '1. 第一项' }, { title: '2. 第二项' }] }, { title: '（二）落实责任' }],
      },
      { title: '二、保障措施' },
    ],
  });
});

test('every topic has a source span whose text is in the document; nothing of the document is lost', async () => {
  const bytes = fixture('cn_notice_fuxin_shebao.txt');
  const { doc, text } = await documentToMap(bytes, { fileName: 'notice.txt' });
  const collected: string[] = [];
  for (const t of Object.values(doc.topics)) {
    assert.ok(t.source, `${t.text} has no source`);
    const passage = sourceText(doc, t.id, text);
    assert.ok(passage.length > 0);
    collected.push(t.note ?? t.text);
    if (t.note) assert.equal(t.note, passage.trim());
  }
  // Every non-blank line of the file appears in some topic's note or title.
  const all = collected.join('\n');
  for (const line of new TextDecoder().decode(bytes).split('\n'))
    if (line.trim()) assert.ok(all.includes(line.trim()), `lost: ${line.slice(0, 30)}`);
});

test('options: bodyLeaves off moves paragraphs into notes; maxDepth folds deeper topics into notes; titleLength', async () => {
  const bytes = fixture('cn_notice_fuxin_shebao.txt');
  const full = (await documentToMap(bytes, { fileName: 'n.txt' })).doc;
  const headingsOnly = (await documentToMap(bytes, { fileName: 'n.txt', bodyLeaves: false })).doc;
  assert.ok(Object.keys(headingsOnly.topics).length < Object.keys(full.topics).length);
  const goal = Object.values(headingsOnly.topics).find((t) => t.text === '一、工作目标');
  assert.ok(goal?.note?.includes('通过进一步加大全市社保扩面与基金征缴工作力度'));

  const shallow = (await documentToMap(bytes, { fileName: 'n.txt', maxDepth: 2 })).doc;
  assert.ok(Object.values(shallow.topics).every((t) => depthOf(shallow, t) <= 2));
  const phase = Object.values(shallow.topics).find((t) => t.text.startsWith('(一)动员部署阶段'));
  assert.ok(phase?.note?.includes('研究制定加强社会保险扩面与基金征缴具体工作方案'), 'deeper items live on in the note');

  const short = (await documentToMap(bytes, { fileName: 'n.txt', titleLength: 8 })).doc;
  for (const t of Object.values(short.topics)) if (t.id !== short.rootId && t.note) assert.ok(t.text.length <= 30, t.text);
});

test('the title falls back to the file name', () => {
  const { doc } = textToMap('第一条 本法自公布之日起施行。\n\n第二条 其他。', { fileName: '/tmp/某某条例.txt' });
  assert.equal(doc.title, '某某条例');
  assert.equal(doc.meta?.sourceName, '某某条例.txt');
});

test('the map keeps the source text its spans point into', () => {
  const { doc, text } = textToMap('第一条 本法自公布之日起施行。\n\n第二条 其他。', { fileName: 'a.txt' });
  assert.equal(doc.meta?.sourceText, text);
  for (const t of Object.values(doc.topics)) {
    if (t.source) assert.ok(t.source.end <= text.length && t.source.start >= 0, `${t.text}: span inside the text`);
  }
  const second = Object.values(doc.topics).find((t) => t.text.startsWith('第二条'));
  assert.ok(second?.source && text.slice(second.source.start, second.source.end).includes('其他'));
});

test('bad input: empty, blank, binary .txt, oversized text — an ImportError, quickly', async () => {
  const isImportError = (e: unknown) => e instanceof ImportError;
  await assert.rejects(documentToMap(new Uint8Array(0), { fileName: 'a.txt' }), isImportError);
  await assert.rejects(documentToMap(new TextEncoder().encode(' \n\n \n'), { fileName: 'a.txt' }), isImportError);
  const binary = new Uint8Array(10_000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 2654435761) >>> 24;
  await assert.rejects(documentToMap(binary, { fileName: 'photo.txt' }), isImportError);
  const huge = new Uint8Array(100 * 1024 * 1024).fill(0x61);
  await assert.rejects(documentToMap(huge, { fileName: 'huge.txt' }), (e) => e instanceof ImportError && e.code === 'too-large');
  await assert.rejects(
    documentToMap(new TextEncoder().encode('<html><body><nav>x</nav></body></html>'), { fileName: 'a.html' }),
    isImportError,
  );
});

test('hostile text: one enormous line and deep numbering stay bounded', () => {
  const line = '很长的一行没有标点'.repeat(200_000);
  const { doc } = textToMap(line);
  const topics = Object.values(doc.topics);
  assert.equal(topics.length, 2, 'a root and one leaf');
  const leaf = topics.find((t) => t.id !== doc.rootId);
  assert.equal(leaf?.note?.length, line.length, 'the whole line is kept in the note');
  assert.ok((leaf?.text.length ?? 0) < 100, 'with a short title');
  const deep = Array.from({ length: 3000 }, (_, i) => `${'1.'.repeat((i % 3) + 1)}1 标题${i}`).join('\n');
  assert.ok(Object.keys(textToMap(deep).doc.topics).length > 1);
});

test('hostile structure stays linear: long lists of short lines, deep and unbalanced HTML, long quotes', async () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `${i + 1}. item ${i}`).join('\n');
  assert.equal(Object.keys(textToMap(lines).doc.topics).length, 20_001);
  const encode = (s: string) => new TextEncoder().encode(s);
  const deep = await documentToMap(encode(`<body>${'<div>'.repeat(50_000)}正文${'</div>'.repeat(10)}</body>`), { fileName: 'deep.html' });
  assert.equal(deep.doc.title, '正文');
  const unbalanced = await documentToMap(encode(`<body>${'<b>x</i>'.repeat(20_000)}</body>`), { fileName: 'u.html' });
  assert.ok(unbalanced.text.length >= 20_000);
  const quotes = await documentToMap(encode('> 引用\n'.repeat(50_000)), { fileName: 'q.md' });
  assert.equal(Object.keys(quotes.doc.topics).length, 2);
});
