// GET /api/maps/:id/publish: what the editor's publish dialog starts from, owner only.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`publish info (${name})`, { skip }, () => {
    let t: TestApp;
    let alice: TestClient;
    let bob: TestClient;
    before(async () => {
      t = await startTestApp(make());
      alice = new TestClient(t.app);
      bob = new TestClient(t.app);
      await alice.signup('Alice');
      await bob.signup('Bob');
    });
    after(async () => t?.close());

    test('nothing before publishing; after it, the category, tags, description and page link; owner only', async () => {
      const mapId = (await alice.post('/api/maps', { title: '时间管理四象限' })).json().map.id as string;
      const before = await alice.get(`/api/maps/${mapId}/publish`);
      assert.equal(before.statusCode, 200);
      assert.deepEqual(before.json(), { template: null });
      const published = await alice.post(`/api/maps/${mapId}/publish`, {
        category: 'law-civil',
        tags: ['效率', '<b>粗体</b>'],
        description: '把事情按重要和紧急分成四类',
      });
      assert.equal(published.statusCode, 201, published.body);
      const info = await alice.get(`/api/maps/${mapId}/publish`);
      assert.equal(info.statusCode, 200, info.body);
      const body = info.json().template;
      assert.equal(body.fileId, published.json().fileId);
      assert.equal(body.url, published.json().url);
      assert.equal(body.category, 'law-civil');
      assert.equal(body.description, '把事情按重要和紧急分成四类');
      assert.ok(Array.isArray(body.tags) && body.tags.includes('效率'), JSON.stringify(body.tags));
      assert.equal((await bob.get(`/api/maps/${mapId}/publish`)).statusCode, 404, 'a foreign map is not found');
      assert.equal((await new TestClient(t.app).get(`/api/maps/${mapId}/publish`)).statusCode, 401);
    });
  });
}
