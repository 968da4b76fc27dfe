// 引用法条 on template pages and in the API: citations under full names, linked to the cited law's
// template and article (`/templates/:fileId#第十条`), repealed laws with their successor; and the
// outline reading each passage once.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';
import { outlineHtml, topicText } from './outline.ts';

function law(title: string, articles: Record<string, string>): MindDoc {
  const b = new DocBuilder({ title, rootText: title });
  const chapter = b.add(b.rootId, { text: '第一章 总则' });
  for (const [label, text] of Object.entries(articles)) {
    const full = `${label} ${text}`;
    b.add(chapter, { text: full.length > 20 ? `${full.slice(0, 18)}…` : full, note: full.length > 20 ? full : undefined });
  }
  return b.build();
}

test('a title that opens its note is printed once: the whole note in a list, the number over the text as a heading', () => {
  const note = '第一条 为了保护劳动者的合法权益，调整劳动关系，建立和维护适应社会主义市场经济的劳动制度，制定本法。';
  assert.deepEqual(topicText('第一条 为了保护劳动者的合法权益，调整劳动关系…', note, false), { title: note, note: '' });
  assert.deepEqual(topicText('第一条 为了保护劳动者的合法权益，调整劳动关系…', note, true), {
    title: '第一条',
    note: note.slice(4),
  });
  assert.deepEqual(topicText('要约与承诺', '要约是希望和他人订立合同的意思表示。', true), {
    title: '要约与承诺',
    note: '要约是希望和他人订立合同的意思表示。',
  });
  assert.deepEqual(topicText('Background of the study…', 'Background of the study and its scope.\n\nMore text.', true), {
    title: 'Background of the study and its scope.',
    note: 'More text.',
  });

  const b = new DocBuilder({ title: '劳动法' });
  const ch = b.add(b.rootId, { text: '第一章 总则' });
  const sec = b.add(ch, { text: '第一节 一般规定' });
  b.add(sec, { text: '第一条 为了保护劳动者的合法权益，调整劳动关系…', note });
  const out = outlineHtml(b.build()).value;
  assert.equal(out.split('为了保护劳动者').length - 1, 1, out);
  assert.ok(out.includes(`<li id="第一条">${note}</li>`), out);
});

for (const dbCase of await testDatabases()) {
  describe(`引用法条 (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let owner: TestClient;
    const ids: Record<string, string> = {};

    const publish = async (key: string, doc: MindDoc, category: string) => {
      const created = await owner.post('/api/maps', { doc });
      const pub = await owner.post(`/api/maps/${created.json().map.id}/publish`, { description: key, category });
      assert.equal(pub.statusCode, 201, pub.body);
      ids[key] = pub.json().fileId;
    };

    before(async () => {
      t = await startTestApp(dbCase.make());
      owner = new TestClient(t.app);
      await owner.signup('Owner');
      await publish(
        '劳动法',
        law('中华人民共和国劳动法', {
          第九条: '国务院劳动行政部门主管全国劳动工作。',
          第十条: '国家通过促进经济和社会发展，创造就业条件，扩大就业机会。',
        }),
        'law-social',
      );
      await publish('劳动法2009', law('中华人民共和国劳动法（2009年版）', { 第十条: '旧版本。' }), 'law-social');
      await publish('民法典总则', law('中华人民共和国民法典 总则', { 第一条: '为了保护民事主体的合法权益，制定本法。' }), 'law-civil');
      await publish(
        '民法典合同编',
        law('中华人民共和国民法典 合同编', { 第四百六十四条: '合同是民事主体之间设立、变更、终止民事法律关系的协议。' }),
        'law-civil',
      );
      await publish('湿地保护法', law('中华人民共和国湿地保护法', { 第一条: '为了加强湿地保护，制定本法。' }), 'law-civil');
      const notes = new DocBuilder({ title: '劳动合同纠纷笔记' });
      notes.add(notes.rootId, { text: '用工与合同' });
      notes.meta = {
        references: [
          '《劳动法》第十条',
          '《合同法》第五十二条',
          '《民法典》第四百六十四条',
          '《湿地保护法》第一条',
          '《某市物业管理办法》',
          '<script>',
        ],
      };
      await publish('笔记', notes.build(), 'law-civil');
    });
    after(async () => t?.close());

    test('the page lists full names linked to the law and article, repealed laws with their successor', async () => {
      const body = (await owner.get(`/templates/${ids.笔记}`)).body;
      const list = /<section class="card citations">[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
      assert.ok(list.includes(`<a href="/templates/${ids.劳动法}#第十条">《中华人民共和国劳动法》第十条</a>`), list);
      assert.ok(list.includes('《中华人民共和国合同法》第五十二条'), list);
      assert.match(list, /已废止[\s\S]*自2021年1月1日起由<a href="\/templates\/[0-9a-f]{32}">《中华人民共和国民法典》<\/a>取代/);
      assert.ok(list.includes(`<a href="/templates/${ids.民法典合同编}#第四百六十四条">《中华人民共和国民法典》第四百六十四条</a>`), list);
      assert.ok(list.includes(`<a href="/templates/${ids.湿地保护法}#第一条">《中华人民共和国湿地保护法》第一条</a>`), list);
      assert.ok(list.includes('<li>《某市物业管理办法》</li>'), list);
      assert.ok(!list.includes('<script>'), 'escaped');
      // The cited law's page carries the article's anchor.
      const lawPage = (await owner.get(`/templates/${ids.劳动法}`)).body;
      assert.match(lawPage, /<h4 id="第十条">第十条<\/h4><p class="note">国家通过促进经济和社会发展，创造就业条件，扩大就业机会。<\/p>/);
      const outline = /<section class="card outline">[\s\S]*?<\/section>/.exec(lawPage)?.[0] ?? '';
      assert.equal(outline.split('国家通过促进经济').length - 1, 1, 'the article is printed once');
    });

    test('the API returns the same list', async () => {
      const detail = (await owner.get(`/api/templates/${ids.笔记}`)).json();
      assert.equal(detail.references[0].text, '《中华人民共和国劳动法》第十条');
      assert.equal(detail.references[0].href, `/templates/${ids.劳动法}#第十条`);
      assert.deepEqual(
        { ...detail.references[1].repealed, successorHref: undefined },
        { successor: '中华人民共和国民法典', since: '2021-01-01', successorHref: undefined },
      );
      assert.equal(detail.references[1].href, undefined);
      assert.equal(detail.references.length, 6);
    });
  });
}

test('a date or a figure is no number to split a heading at (2009年8月27日…)', () => {
  const note = '2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正';
  assert.deepEqual(topicText('2009年8月27日 第十一届全国人民代表大会常务委员会…', note, true), { title: note, note: '' });
  assert.deepEqual(topicText('1.2 Scope of the study…', '1.2 Scope of the study and its limits.', true), {
    title: '1.2',
    note: 'Scope of the study and its limits.',
  });
});
