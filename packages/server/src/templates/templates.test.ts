// The template library API on SQLite and PostgreSQL: categories, publish/republish, search,
// related templates, counters (views once a day, favourites, uses), downloads, errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

function lawDoc(title: string, chapters: Record<string, string[]>, references: string[] = []): MindDoc {
  const b = new DocBuilder({ title, rootText: title });
  for (const [chapter, articles] of Object.entries(chapters)) {
    const c = b.add(b.rootId, { text: chapter });
    for (const a of articles) b.add(c, { text: a });
  }
  if (references.length) b.meta = { references };
  return b.build();
}

async function createMap(client: TestClient, doc: MindDoc): Promise<string> {
  const res = await client.post('/api/maps', { doc });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().map.id as string;
}

async function publish(client: TestClient, mapId: string, body: Record<string, unknown>) {
  return client.post(`/api/maps/${mapId}/publish`, body);
}

for (const dbCase of await testDatabases()) {
  describe(`template library API (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let alice: TestClient;
    let bob: TestClient;
    let anon: TestClient;
    let aliceId = '';
    const ids: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(dbCase.make());
      alice = new TestClient(t.app);
      bob = new TestClient(t.app);
      anon = new TestClient(t.app);
      aliceId = (await alice.signup('Alice')).id;
      await bob.signup('Bob');
      const docs: [string, MindDoc, string, string][] = [
        [
          'contract',
          lawDoc('合同法要点', { 合同的订立: ['要约与承诺', '合同成立'], 违约责任: ['违约金', '损害赔偿'] }, [
            '《中华人民共和国民法典》第四百六十九条',
          ]),
          'law-civil',
          '合同订立、履行与违约责任的要点',
        ],
        [
          'contract2',
          lawDoc('合同违约与解除', { 合同解除: ['法定解除', '约定解除'], 违约责任: ['违约金调整'] }),
          'law-civil',
          '合同解除与违约',
        ],
        [
          'crime',
          lawDoc('刑法总则', { 犯罪构成: ['犯罪主体', '犯罪故意', '犯罪过失'], 刑罚: ['主刑', '附加刑'] }),
          'law-criminal',
          '犯罪与刑罚',
        ],
        [
          'politics',
          lawDoc('考研政治马原', { 唯物论: ['物质', '意识'], 辩证法: ['联系', '发展'] }),
          'kaoyan',
          '考研政治马克思主义基本原理',
        ],
      ];
      for (const [key, doc, category, description] of docs) {
        const mapId = await createMap(alice, doc);
        const res = await publish(alice, mapId, { description, category, tags: ['法考', key] });
        assert.equal(res.statusCode, 201, res.body);
        ids[key] = res.json().fileId;
        ids[`${key}Map`] = mapId;
      }
    });
    after(async () => t?.close());

    test('categories come as a tree with slugs', async () => {
      const res = await anon.get('/api/categories');
      assert.equal(res.statusCode, 200);
      const roots = res.json().categories as { slug: string; name: string; children: { slug: string; name: string }[] }[];
      const exams = roots.find((c) => c.name === '资格考试');
      assert.ok(exams?.children.some((c) => c.name === '司法考试' && c.slug === 'judicial-exam'));
      const laws = roots.find((c) => c.slug === 'laws');
      assert.ok(laws?.children.some((c) => c.name === '宪法'));
    });

    test('publish answers a 32-hex fileId and a page url; only the owner may publish', async () => {
      assert.match(ids.contract!, /^[0-9a-f]{32}$/);
      const res = await publish(bob, ids.contractMap!, { description: 'x', category: 'law-civil' });
      assert.equal(res.statusCode, 404, 'a private map of someone else is not even visible');
      assert.equal((await publish(anon, ids.contractMap!, { category: 'law-civil' })).statusCode, 401);
      const bad = await publish(alice, ids.contractMap!, { category: 'no-such-category' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'unknown-category');
      const wrongType = await publish(alice, ids.contractMap!, { category: 'law-civil', tags: 'x' });
      assert.equal(wrongType.statusCode, 400);
      assert.ok(wrongType.json().error.message);
    });

    test('search finds by title, description and outline words, with totals and pages', async () => {
      const byOutline = await anon.get(`/api/templates?q=${encodeURIComponent('违约金')}`);
      assert.equal(byOutline.statusCode, 200);
      const keys = byOutline.json().items.map((i: { fileId: string }) => i.fileId);
      assert.ok(keys.includes(ids.contract) && keys.includes(ids.contract2));
      assert.ok(!keys.includes(ids.crime));

      const byTitle = await anon.get(`/api/templates?q=${encodeURIComponent('刑法')}`);
      assert.equal(byTitle.json().items[0].fileId, ids.crime);
      const item = byTitle.json().items[0];
      for (const f of ['fileId', 'title', 'description', 'category', 'author', 'views', 'uses', 'favorites', 'createdAt', 'url'])
        assert.ok(f in item, f);
      assert.equal(item.author, 'Alice');
      assert.equal(item.url, `/templates/${ids.crime}`);

      const both = await anon.get(`/api/templates?q=${encodeURIComponent('合同 违约')}&sort=new`);
      assert.equal(both.json().total, 2);
      const page2 = await anon.get(`/api/templates?q=${encodeURIComponent('合同')}&pageSize=1&page=2`);
      assert.equal(page2.json().items.length, 1);
      assert.equal(page2.json().total, 2);
      const none = await anon.get(`/api/templates?q=${encodeURIComponent('量子力学')}`);
      assert.deepEqual(none.json(), { items: [], total: 0, page: 1, pageSize: 20 });
    });

    test('category filter covers the subtree; author filter; bad parameters are 400', async () => {
      const laws = await anon.get('/api/templates?category=laws');
      assert.equal(laws.json().total, 3);
      const civil = await anon.get('/api/templates?category=law-civil&sort=hot');
      assert.equal(civil.json().total, 2);
      const exams = await anon.get('/api/templates?category=exams');
      assert.equal(exams.json().items[0].fileId, ids.politics);
      const mine = await anon.get(`/api/templates?author=${encodeURIComponent(aliceId)}&sort=new`);
      assert.equal(mine.json().total, 4);
      assert.equal((await anon.get('/api/templates?author=nobody')).json().total, 0);
      assert.equal((await anon.get('/api/templates?sort=random')).statusCode, 400);
      assert.equal((await anon.get('/api/templates?page=0')).statusCode, 400);
      assert.equal((await anon.get('/api/templates?category=nope')).statusCode, 400);
    });

    test('related templates are the most similar ones', async () => {
      const res = await anon.get(`/api/templates/${ids.contract}`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.related[0].fileId, ids.contract2);
      assert.ok(!body.related.some((r: { fileId: string }) => r.fileId === ids.contract));
      assert.deepEqual(body.citations, ['《中华人民共和国民法典》第四百六十九条']);
      assert.ok(!('mapId' in body), 'the source map id is not shown to others');
      assert.equal((await alice.get(`/api/templates/${ids.contract}`)).json().mapId, ids.contractMap);
      assert.deepEqual(
        body.categoryPath.map((c: { name: string }) => c.name),
        ['法律法规', '民法商法'],
      );
      const other = await anon.get(`/api/templates/${ids.contract2}`);
      assert.equal(other.json().related[0].fileId, ids.contract, 'the neighbour list was refreshed incrementally');
    });

    test('republish keeps the fileId and updates content, search and related lists', async () => {
      const doc = lawDoc('刑法分则', { 侵犯财产罪: ['盗窃罪', '诈骗罪'], 犯罪构成: ['犯罪故意'] });
      const mapId = await createMap(alice, doc);
      const first = await publish(alice, mapId, { description: '第一版', category: 'law-criminal' });
      assert.equal(first.statusCode, 201);
      const again = await publish(alice, mapId, { description: '第二版 盗窃', category: 'judicial-exam', tags: ['法考'] });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().fileId, first.json().fileId);
      const detail = (await anon.get(`/api/templates/${first.json().fileId}`)).json();
      assert.equal(detail.description, '第二版 盗窃');
      assert.equal(detail.category, 'judicial-exam');
      assert.equal(detail.related[0].fileId, ids.crime);
      const found = await anon.get(`/api/templates?q=${encodeURIComponent('盗窃')}`);
      assert.equal(found.json().total, 1);
      const crime = (await anon.get(`/api/templates/${ids.crime}`)).json();
      assert.ok(crime.related.some((r: { fileId: string }) => r.fileId === first.json().fileId));
    });

    test('views count once per visitor per day', async () => {
      const before = (await bob.get(`/api/templates/${ids.politics}`)).json().views;
      const again = (await bob.get(`/api/templates/${ids.politics}`)).json().views;
      assert.equal(again, before);
      const stranger = await anon.get(`/api/templates/${ids.politics}`, { headers: { 'user-agent': 'another browser' } });
      assert.equal(stranger.json().views, before + 1);
      assert.ok(stranger.cookies.some((c) => c.name === 'arbor_vid'));
    });

    test('favourite toggles and sets; needs a login', async () => {
      const url = `/api/templates/${ids.crime}/favorite`;
      assert.equal((await anon.post(url, {})).statusCode, 401);
      assert.deepEqual((await bob.post(url, {})).json(), { favorited: true, favorites: 1 });
      assert.deepEqual((await bob.post(url, { on: true })).json(), { favorited: true, favorites: 1 });
      assert.deepEqual((await alice.post(url, { on: true })).json(), { favorited: true, favorites: 2 });
      assert.deepEqual((await bob.post(url, {})).json(), { favorited: false, favorites: 1 });
      assert.deepEqual((await bob.post(url, { on: false })).json(), { favorited: false, favorites: 1 });
      assert.equal((await bob.post(url, { on: 'yes' })).statusCode, 400);
    });

    test('use copies the template into my files and counts', async () => {
      const res = await bob.post(`/api/templates/${ids.contract}/use`, {});
      assert.equal(res.statusCode, 201, res.body);
      const mapId = res.json().id;
      const map = await bob.get(`/api/maps/${mapId}`);
      assert.equal(map.statusCode, 200);
      assert.equal(map.json().doc.title, '合同法要点');
      const viaMaps = await bob.post('/api/maps', { templateFileId: ids.contract });
      assert.equal(viaMaps.statusCode, 201);
      const detail = (await anon.get(`/api/templates/${ids.contract}`)).json();
      assert.equal(detail.uses, 2);
      assert.equal((await anon.post(`/api/templates/${ids.contract}/use`, {})).statusCode, 401);
    });

    test('download works in the writable formats; unknown ids and formats are clear errors', async () => {
      for (const format of ['json', 'opml', 'markdown', 'xmind', 'mm']) {
        const res = await anon.get(`/api/templates/${ids.contract}/download?format=${format}`);
        assert.equal(res.statusCode, 200, `${format}: ${res.body.slice(0, 200)}`);
        assert.match(String(res.headers['content-disposition']), /attachment/);
        assert.ok(res.rawPayload.length > 0);
      }
      const bad = await anon.get(`/api/templates/${ids.contract}/download?format=doc`);
      assert.equal(bad.statusCode, 400);
      assert.equal((await anon.get('/api/templates/0123456789abcdef0123456789abcdef')).statusCode, 404);
      assert.equal((await anon.get('/api/templates/not-an-id')).statusCode, 404);
      assert.equal((await anon.get('/api/templates/not-an-id')).json().error.code, 'not-found');
    });

    test('the preview is an SVG rendered by core', async () => {
      const res = await anon.get(`/api/templates/${ids.contract}/preview.svg`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /^<svg/);
      assert.ok(res.body.includes('合同法要点'));
    });
  });
}
