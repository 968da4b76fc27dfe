// A share password with Chinese characters: browsers cannot put it in a header as it is, so they send
// it percent-encoded in x-share-password-utf8; the plain header and the query parameter still work.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`share passwords in UTF-8 (${name})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(make());
    });
    after(async () => t?.close());

    test('x-share-password-utf8 opens a link whose password is Chinese; a wrong one is refused', async () => {
      const owner = new TestClient(t.app);
      await owner.signup('Owner');
      const mapId = (await owner.post('/api/maps', { title: '密码' })).json().map.id as string;
      const share = (await owner.post(`/api/maps/${mapId}/shares`, { role: 'edit', password: '芝麻开门' })).json().share as {
        token: string;
      };
      const anon = new TestClient(t.app);
      const open = (headers: Record<string, string>) => anon.get(`/api/shares/${share.token}`, { headers });
      assert.equal((await open({ 'x-share-password-utf8': encodeURIComponent('芝麻开门') })).statusCode, 200);
      assert.equal(
        (
          await anon.get(`/api/maps/${mapId}`, {
            headers: { 'x-share-token': share.token, 'x-share-password-utf8': encodeURIComponent('芝麻开门') },
          })
        ).statusCode,
        200,
      );
      const wrong = await open({ 'x-share-password-utf8': encodeURIComponent('芝麻关门') });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().error.code, 'share-password-wrong');
      assert.equal((await open({ 'x-share-password-utf8': '%E8%8A' })).statusCode, 401, 'a broken encoding is no password');
    });
  });
}
