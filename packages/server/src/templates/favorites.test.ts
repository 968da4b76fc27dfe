// A user's favourite templates (`GET /api/templates/favorites`) and own templates
// (`GET /api/templates?author=me`) on SQLite and PostgreSQL: newest favourite first, paged, an
// un-favourited template leaves the list, another user's favourites never show, 401 signed out.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocBuilder } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

interface Page {
  items: { fileId: string; title: string; category: string; categoryName: string; author: string; favorites: number; url: string }[];
  total: number;
  page: number;
  pageSize: number;
}

for (const dbCase of await testDatabases()) {
  describe(`favourite and own templates (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let author: TestClient;
    let reader: TestClient;
    let other: TestClient;
    let anon: TestClient;
    const ids: string[] = [];

    before(async () => {
      t = await startTestApp(dbCase.make());
      author = new TestClient(t.app);
      reader = new TestClient(t.app);
      other = new TestClient(t.app);
      anon = new TestClient(t.app);
      await author.signup('Author');
      await reader.signup('Reader');
      await other.signup('Other');
      for (const title of ['劳动合同要点', '婚姻家庭编', '刑法总则']) {
        const b = new DocBuilder({ title, rootText: title });
        b.add(b.rootId, { text: '第一章' });
        const map = await author.post('/api/maps', { doc: b.build() });
        const pub = await author.post(`/api/maps/${map.json().map.id}/publish`, { description: title, category: 'law-civil' });
        assert.equal(pub.statusCode, 201, pub.body);
        ids.push(pub.json().fileId);
      }
    });
    after(async () => t?.close());

    const favorites = async (client: TestClient, query = '') => {
      const res = await client.get(`/api/templates/favorites${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Page;
    };
    const favorite = async (client: TestClient, fileId: string, on: boolean) => {
      const res = await client.post(`/api/templates/${fileId}/favorite`, { on });
      assert.equal(res.statusCode, 200, res.body);
      // Favourites are ordered by the millisecond they were made.
      await sleep(3);
    };

    test('favourites list newest first with the search list item shape', async () => {
      assert.deepEqual((await favorites(reader)).items, []);
      await favorite(reader, ids[0]!, true);
      await favorite(reader, ids[2]!, true);
      const page = await favorites(reader);
      assert.deepEqual(
        page.items.map((i) => i.fileId),
        [ids[2], ids[0]],
      );
      assert.equal(page.total, 2);
      assert.equal(page.page, 1);
      const first = page.items[0]!;
      assert.equal(first.title, '刑法总则');
      assert.equal(first.category, 'law-civil');
      assert.ok(first.categoryName.length > 0);
      assert.equal(first.author, 'Author');
      assert.equal(first.favorites, 1);
      assert.equal(first.url, `/templates/${ids[2]}`);
      // The same item as the search list gives.
      const search = (await anon.get('/api/templates?sort=new')).json() as Page;
      const same = search.items.find((i) => i.fileId === ids[2]);
      assert.deepEqual(Object.keys(first).sort(), Object.keys(same ?? {}).sort());
    });

    test('paged like search', async () => {
      const p1 = await favorites(reader, '?pageSize=1');
      const p2 = await favorites(reader, '?pageSize=1&page=2');
      assert.deepEqual([p1.total, p1.items.length, p2.items.length], [2, 1, 1]);
      assert.deepEqual([p1.items[0]!.fileId, p2.items[0]!.fileId], [ids[2], ids[0]]);
      for (const bad of ['?page=0', '?pageSize=51', '?page=x', '?page=501']) {
        const res = await reader.get(`/api/templates/favorites${bad}`);
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
      }
    });

    test('un-favouriting removes the template; another user sees only their own', async () => {
      await favorite(other, ids[1]!, true);
      await favorite(reader, ids[2]!, false);
      const mine = await favorites(reader);
      assert.deepEqual(
        mine.items.map((i) => i.fileId),
        [ids[0]],
      );
      assert.equal(mine.total, 1);
      const theirs = await favorites(other);
      assert.deepEqual(
        theirs.items.map((i) => i.fileId),
        [ids[1]],
      );
      assert.deepEqual((await favorites(author)).items, []);
    });

    test('signed out: 401', async () => {
      const res = await anon.get('/api/templates/favorites');
      assert.equal(res.statusCode, 401, res.body);
    });

    test('author=me lists the signed-in user’s own templates; 401 signed out', async () => {
      const mine = (await author.get('/api/templates?author=me&sort=new')).json() as Page;
      assert.deepEqual(new Set(mine.items.map((i) => i.fileId)), new Set(ids));
      assert.equal((await reader.get('/api/templates?author=me')).json().total, 0);
      assert.equal((await anon.get('/api/templates?author=me')).statusCode, 401);
    });
  });
}
