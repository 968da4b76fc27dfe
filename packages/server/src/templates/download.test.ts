// GET /api/templates/:fileId/download with the PDF page options (pageSize, orientation): page
// sizes read back by pdf.js, bad values refused by the query schema, other formats untouched.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { readPdf } from '@arbor/formats/testing';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`template download with page options (${name})`, { skip }, () => {
    let t: TestApp;
    let anon: TestClient;
    let fileId = '';
    before(async () => {
      t = await startTestApp(make());
      const author = new TestClient(t.app);
      anon = new TestClient(t.app);
      await author.signup('Author');
      const b = new DocBuilder({ title: '民法典合同编', rootText: '民法典合同编' });
      for (let i = 0; i < 80; i++) b.add(b.rootId, { text: `第${i + 1}条 article ${i + 1}` });
      const map = await author.post('/api/maps', { doc: b.build() });
      assert.equal(map.statusCode, 201, map.body);
      const res = await author.post(`/api/maps/${map.json().map.id}/publish`, { description: '合同编条文', category: 'law-civil' });
      assert.equal(res.statusCode, 201, res.body);
      fileId = res.json().fileId;
    });
    after(async () => t?.close());

    const download = (query: string) => anon.get(`/api/templates/${fileId}/download?${query}`);

    test('PDF: fit by default is one page; a4 and a3 tile onto sheets of that size; orientation is kept', async () => {
      const fit = await download('format=pdf');
      assert.equal(fit.statusCode, 200, fit.body.slice(0, 300));
      assert.equal(fit.headers['content-type'], 'application/pdf');
      assert.match(String(fit.headers['content-disposition']), /attachment; .*\.pdf/);
      const one = await readPdf(fit.rawPayload);
      assert.equal(one.sizes.length, 1);
      assert.ok(one.text.includes('民法典合同编') && one.text.includes('第80条 article 80'));
      assert.deepEqual((await readPdf((await download('format=pdf&pageSize=fit')).rawPayload)).sizes, one.sizes);

      const pages: Record<string, number> = {};
      for (const [pageSize, [w, h]] of [
        ['a4', [595, 842]],
        ['a3', [842, 1191]],
      ] as const) {
        const res = await download(`format=pdf&pageSize=${pageSize}`);
        assert.equal(res.statusCode, 200, res.body.slice(0, 300));
        const pdf = await readPdf(res.rawPayload);
        for (const [pw, ph] of pdf.sizes) assert.ok((pw === w && ph === h) || (pw === h && ph === w), `${pageSize}: ${pw} × ${ph}`);
        assert.ok(pdf.text.includes('第1条 article 1') && pdf.text.includes('第80条 article 80'), `${pageSize}: every topic`);
        pages[pageSize] = pdf.sizes.length;
      }
      assert.ok((pages.a4 as number) > 1, `a4: ${pages.a4} pages`);
      assert.ok((pages.a3 as number) < (pages.a4 as number), `a3 ${pages.a3} pages, a4 ${pages.a4}`);

      const portrait = await readPdf((await download('format=pdf&pageSize=a4&orientation=portrait')).rawPayload);
      assert.ok(
        portrait.sizes.every(([pw, ph]) => pw === 595 && ph === 842),
        JSON.stringify(portrait.sizes),
      );
      const landscape = await readPdf((await download('format=pdf&pageSize=a3&orientation=landscape')).rawPayload);
      assert.ok(
        landscape.sizes.every(([pw, ph]) => pw === 1191 && ph === 842),
        JSON.stringify(landscape.sizes),
      );
    });

    test('a bad page size or orientation is a 400 naming the parameter', async () => {
      for (const query of ['pageSize=letter', 'pageSize=A4', 'orientation=sideways', 'pageSize=a4&pageSize=a3', 'pageSize=']) {
        const res = await download(`format=pdf&${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(res.json().error.code, 'invalid-request', query);
        assert.match(res.json().error.message, /pageSize|orientation/, query);
      }
    });

    test('other formats ignore the page options; an unknown template is still a 404', async () => {
      const plain = await download('format=opml');
      const withOptions = await download('format=opml&pageSize=a3&orientation=portrait');
      assert.equal(withOptions.statusCode, 200);
      assert.deepEqual(withOptions.rawPayload, plain.rawPayload);
      const missing = await anon.get('/api/templates/0123456789abcdef0123456789abcdef/download?format=pdf&pageSize=a4');
      assert.equal(missing.statusCode, 404);
    });
  });
}
