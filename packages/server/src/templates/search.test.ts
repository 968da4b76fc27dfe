// Search as people mean it, on SQLite and PostgreSQL: abbreviations (社保, 公积金, 个税, 医保) find the
// laws that spell them out, a law titled with the phrase comes before texts that only mention it,
// a phrase is not matched by its words scattered through a long text (时间管理), and a query
// with no good match says so on the page and offers to create the map.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

function law(title: string, articles: string[]): MindDoc {
  const b = new DocBuilder({ title, rootText: title });
  const chapter = b.add(b.rootId, { text: '第一章 总则' });
  for (const a of articles) b.add(chapter, { text: a });
  return b.build();
}

const LIBRARY: [string, MindDoc][] = [
  [
    'beijing-talent',
    law('北京市人才市场管理条例', [
      '第十条 用人单位应当为人才办理社保关系转移',
      '第十一条 社保缴费由单位代扣',
      '第十二条 人才市场管理时间',
    ]),
  ],
  ['beijing-private', law('北京市促进私营个体经济发展条例', ['第八条 私营企业应当为雇工缴纳社保', '第九条 社保费用'])],
  [
    'social-insurance',
    law('中华人民共和国社会保险法', ['第一条 为了规范社会保险关系', '第二条 国家建立基本养老保险、基本医疗保险等社会保险制度']),
  ],
  ['fund', law('上海市住房公积金管理若干规定', ['第一条 为加强住房公积金管理', '第二条 职工缴存住房公积金'])],
  ['tax', law('中华人民共和国个人所得税法', ['第一条 个人所得税的纳税人', '第二条 应纳个人所得税的所得'])],
  ['savings', law('储蓄管理条例', ['第五条 储蓄机构的营业时间由人民银行规定', '第六条 储蓄业务的管理'])],
  ['building', law('广东省建筑垃圾管理条例', ['第三条 运输时间应当避开高峰', '第四条 城市管理部门负责监督'])],
  ['labour', law('中华人民共和国劳动法', ['第十六条 劳动合同是劳动者与用人单位确立劳动关系的协议', '第三十六条 工作时间'])],
  ['labour-contract', law('中华人民共和国劳动合同法', ['第一条 为了完善劳动合同制度', '第十条 建立劳动关系，应当订立书面劳动合同'])],
  ['time-notes', law('高效学习笔记', ['一、时间管理四象限', '二、番茄工作法'])],
];

for (const dbCase of await testDatabases()) {
  describe(`search finds what people mean (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let anon: TestClient;
    const ids: Record<string, string> = {};
    const titleOf = new Map<string, string>();

    before(async () => {
      t = await startTestApp(dbCase.make());
      const author = new TestClient(t.app);
      anon = new TestClient(t.app);
      await author.signup('Librarian');
      for (const [key, doc] of LIBRARY) {
        const map = await author.post('/api/maps', { doc });
        const pub = await author.post(`/api/maps/${map.json().map.id}/publish`, { description: '', category: 'law-civil' });
        assert.equal(pub.statusCode, 201, pub.body);
        ids[key] = pub.json().fileId;
        titleOf.set(pub.json().fileId, doc.title);
      }
    });
    after(async () => t?.close());

    const search = async (q: string) => {
      const res = await anon.get(`/api/templates?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: { fileId: string }[]; total: number };
    };
    const keysOf = (items: { fileId: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.fileId));

    test('社保 ranks 社会保险法 first, then the regulations that mention 社保', async () => {
      const r = await search('社保');
      assert.deepEqual(keysOf(r.items).slice(0, 1), ['social-insurance']);
      assert.equal(r.total, 3);
      assert.deepEqual(new Set(keysOf(r.items.slice(1))), new Set(['beijing-talent', 'beijing-private']));
    });

    test('公积金, 个税 and 医保 find the laws that spell them out', async () => {
      assert.deepEqual(keysOf((await search('公积金')).items), ['fund']);
      assert.deepEqual(keysOf((await search('个税')).items), ['tax']);
      assert.deepEqual(keysOf((await search('医保')).items), ['social-insurance']);
    });

    test('时间管理 finds the phrase, not every law with 时间 in one place and 管理 in another', async () => {
      const r = await search('时间管理');
      assert.deepEqual(keysOf(r.items), ['time-notes']);
      // beijing-talent has 管理时间 (the words reversed) and its title has 管理 only: not a match either.
      const none = await search('营业时间管理');
      assert.equal(none.total, 0);
    });

    test('a title holding the whole phrase comes first (劳动合同法 before 劳动法)', async () => {
      const r = await search('劳动合同');
      assert.deepEqual(keysOf(r.items), ['labour-contract', 'labour']);
      const both = await search('劳动合同 工作时间');
      assert.deepEqual(keysOf(both.items), ['labour'], 'every segment must be present');
    });

    test('the search page says when nothing matches well and offers to create the map', async () => {
      const page = await anon.get(`/search?q=${encodeURIComponent('时间 管理 诀窍')}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /没有与“时间 管理 诀窍”直接相关的模板/);
      assert.match(page.body, /href="\/app\/\?new=map&amp;title=%E6%97%B6%E9%97%B4%20%E7%AE%A1%E7%90%86%20%E8%AF%80%E7%AA%8D"/);
      assert.ok(!page.body.includes('class="grid"'), 'no list of loosely related laws');
      const found = await anon.get(`/search?q=${encodeURIComponent('社保')}`);
      assert.match(found.body, /同时搜索了：社会保险/);
      assert.ok(found.body.indexOf('中华人民共和国社会保险法') < found.body.indexOf('北京市人才市场管理条例'));
      const en = await anon.get(`/search?q=${encodeURIComponent('量子力学')}`, { headers: { 'accept-language': 'en' } });
      assert.match(en.body, /No template is really about “量子力学”/);
      assert.match(en.body, /Create a “量子力学” mind map/);
    });
  });
}
