// GET /api/maps/:id/export with PDF page options: validated query, page sizes read back by pdf.js,
// other formats untouched by the options.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { readPdf } from '@arbor/formats/testing';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`map export with page options (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    let mapId = '';
    before(async () => {
      t = await startTestApp(make());
      c = new TestClient(t.app);
      await c.signup('Exporter');
      const b = new DocBuilder({ title: '年度复盘' });
      for (let i = 0; i < 80; i++) b.add(b.rootId, { text: `第${i + 1}项 item ${i + 1}` });
      const res = await c.post('/api/maps', { doc: b.build(), title: '年度复盘' });
      assert.equal(res.statusCode, 201, res.body);
      mapId = res.json().map.id;
    });
    after(async () => t?.close());

    test('PDF: fit by default is one page; a4 and a3 tile onto sheets of that size', async () => {
      const fit = await c.get(`/api/maps/${mapId}/export?format=pdf`);
      assert.equal(fit.statusCode, 200, fit.body.slice(0, 300));
      assert.equal(fit.headers['content-type'], 'application/pdf');
      const one = await readPdf(fit.rawPayload);
      assert.equal(one.sizes.length, 1);
      assert.ok(one.text.includes('年度复盘') && one.text.includes('第80项 item 80'));

      for (const [pageSize, [w, h]] of [
        ['a4', [595, 842]],
        ['a3', [842, 1191]],
      ] as const) {
        const res = await c.get(`/api/maps/${mapId}/export?format=pdf&pageSize=${pageSize}`);
        assert.equal(res.statusCode, 200, res.body.slice(0, 300));
        const pdf = await readPdf(res.rawPayload);
        for (const [pw, ph] of pdf.sizes) assert.ok((pw === w && ph === h) || (pw === h && ph === w), `${pageSize}: ${pw} × ${ph}`);
        assert.ok(pdf.text.includes('第1项 item 1') && pdf.text.includes('第80项 item 80'));
        if (pageSize === 'a4') assert.ok(pdf.sizes.length > 1, `a4: ${pdf.sizes.length} pages`);
      }

      const portrait = await readPdf((await c.get(`/api/maps/${mapId}/export?format=pdf&pageSize=a4&orientation=portrait`)).rawPayload);
      assert.ok(portrait.sizes.every(([pw, ph]) => pw === 595 && ph === 842));
      const landscape = await readPdf((await c.get(`/api/maps/${mapId}/export?format=pdf&pageSize=a4&orientation=landscape`)).rawPayload);
      assert.ok(landscape.sizes.every(([pw, ph]) => pw === 842 && ph === 595));
    });

    test('bad page size or orientation is a 400 naming the parameter', async () => {
      for (const query of ['pageSize=letter', 'pageSize=A4', 'orientation=sideways', 'pageSize=a4&pageSize=a3', 'pageSize=']) {
        const res = await c.get(`/api/maps/${mapId}/export?format=pdf&${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(res.json().error.code, 'invalid-request', query);
        assert.match(res.json().error.message, /pageSize|orientation/, query);
      }
    });

    test('other formats ignore the page options', async () => {
      const plain = await c.get(`/api/maps/${mapId}/export?format=opml`);
      const withOptions = await c.get(`/api/maps/${mapId}/export?format=opml&pageSize=a3&orientation=portrait`);
      assert.equal(withOptions.statusCode, 200);
      assert.deepEqual(withOptions.rawPayload, plain.rawPayload);
    });

    test('a map the caller cannot see is not exported, whatever the options', async () => {
      const other = new TestClient(t.app);
      await other.signup('Stranger');
      const res = await other.get(`/api/maps/${mapId}/export?format=pdf&pageSize=a4`);
      assert.ok(res.statusCode === 403 || res.statusCode === 404, String(res.statusCode));
    });
  });
}
