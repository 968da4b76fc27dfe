import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';
import { renderThumbnail, THUMBNAIL_TOPICS, visiblePart } from './thumbnail-routes.ts';

test('a big map is folded to a few dozen topics and drawn from those alone', () => {
  const b = new DocBuilder({ title: '大图', rootText: '中心 & <根>' });
  for (let i = 0; i < 20; i++) {
    const c = b.add(b.rootId, { text: `章 ${i}` });
    for (let j = 0; j < 50; j++) b.add(c, { text: `条 ${i}.${j}` });
  }
  const doc = b.build();
  const svg = renderThumbnail(doc);
  assert.match(svg, /^<svg/);
  assert.match(svg, /中心 &amp; &lt;根&gt;/);
  assert.doesNotMatch(svg, /条 0\.0/);
  const folded = {
    ...doc,
    topics: Object.fromEntries(Object.entries(doc.topics).map(([k, t]) => [k, t.text.startsWith('章') ? { ...t, folded: true } : t])),
  };
  assert.equal(Object.keys(visiblePart(folded).topics).length, 21);
  assert.ok(THUMBNAIL_TOPICS < 100);
});

for (const { name, make, skip } of await testDatabases()) {
  describe(`map thumbnails (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    before(async () => {
      t = await startTestApp(make());
      c = new TestClient(t.app);
      await c.signup('Thumb');
    });
    after(async () => t?.close());

    test('GET /api/maps/:id/thumbnail.svg: an SVG by version with an ETag; others get 404', async () => {
      const m = (await c.post('/api/maps', { title: '缩略图' })).json().map as { id: string };
      const first = await c.get(`/api/maps/${m.id}/thumbnail.svg`);
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers['content-type']), /^image\/svg\+xml/);
      assert.match(first.body, /缩略图/);
      const etag = String(first.headers.etag);
      const again = await c.get(`/api/maps/${m.id}/thumbnail.svg`, { headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const root = (await c.get(`/api/maps/${m.id}`)).json().doc.rootId as string;
      const saved = await c.post(`/api/maps/${m.id}/ops`, {
        baseVersion: 0,
        ops: [{ type: 'topic.update', id: root, patch: { text: '改过的根' } }],
      });
      assert.equal(saved.statusCode, 200);
      const after = await c.get(`/api/maps/${m.id}/thumbnail.svg`, { headers: { 'if-none-match': etag } });
      assert.equal(after.statusCode, 200);
      assert.match(after.body, /改过的根/);
      const stranger = new TestClient(t.app);
      await stranger.signup('Other');
      assert.equal((await stranger.get(`/api/maps/${m.id}/thumbnail.svg`)).statusCode, 404);
    });
  });
}
