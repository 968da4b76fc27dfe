import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

function multipart(fileName: string, content: string | Uint8Array, fields: Record<string, string> = {}) {
  const boundary = `----arbor${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from(content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const { name, make, skip } of await testDatabases()) {
  describe(`my files (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    before(async () => {
      t = await startTestApp(make());
      c = new TestClient(t.app);
      await c.signup('Filer');
    });
    after(async () => t?.close());

    const list = async (query = '') =>
      (await c.get(`/api/maps${query}`)).json() as { items: { id: string; title: string }[]; total: number };

    test('a new blank map has a root topic and sits in my files', async () => {
      const res = await c.post('/api/maps', {});
      assert.equal(res.statusCode, 201);
      const { map } = res.json();
      assert.equal(map.title, '未命名导图');
      assert.equal(map.version, 0);
      const got = (await c.get(`/api/maps/${map.id}`)).json();
      assert.equal(got.role, 'owner');
      assert.equal(got.doc.topics[got.doc.rootId].text, '中心主题');
      assert.ok((await list()).items.some((m) => m.id === map.id));
    });

    test('a map from a posted document keeps its topics; a broken document is refused', async () => {
      const doc = {
        schema: 1,
        id: 'x',
        title: '读书笔记',
        rootId: 'r',
        topics: {
          r: { id: 'r', parentId: null, index: 'a0', text: '读书笔记' },
          c: { id: 'c', parentId: 'r', index: 'a0', text: '第一章' },
        },
        relationships: {},
        summaries: {},
        boundaries: {},
        structure: 'mindmap',
        theme: { name: 'classic' },
      };
      const res = await c.post('/api/maps', { doc });
      assert.equal(res.statusCode, 201, res.body);
      const got = (await c.get(`/api/maps/${res.json().map.id}`)).json();
      assert.equal(got.map.title, '读书笔记');
      assert.equal(got.doc.topics.c.text, '第一章');
      const newer = await c.post('/api/maps', { doc: { schema: 999, rootId: 'r', topics: {} } });
      assert.equal(newer.statusCode, 400, 'a document from a newer Arbor cannot be read');
      assert.equal(newer.json().error.code, 'invalid-doc');
      assert.equal((await c.post('/api/maps', { doc: { rootId: 'r', topics: [] } })).statusCode, 400);
      // What can be repaired is repaired (here: a missing root) instead of refused.
      const repaired = await c.post('/api/maps', { doc: { rootId: 'nope', topics: {} } });
      assert.equal(repaired.statusCode, 201);
      const fixed = (await c.get(`/api/maps/${repaired.json().map.id}`)).json().doc;
      assert.ok(fixed.topics[fixed.rootId]);
      const tpl = await c.post('/api/maps', { templateFileId: '0123456789abcdef0123456789abcdef' });
      assert.equal(tpl.statusCode, 404, 'an unknown template');
    });

    test('folders, moving, recent, starred, rename, duplicate', async () => {
      const f1 = (await c.post('/api/folders', { name: '考研' })).json().folder;
      const f2 = (await c.post('/api/folders', { name: '政治', parentId: f1.id })).json().folder;
      assert.equal(f2.parentId, f1.id);
      assert.equal((await c.patch(`/api/folders/${f1.id}`, { parentId: f2.id })).statusCode, 400, 'no folder cycles');
      const a = (await c.post('/api/maps', { title: 'A', folderId: f2.id })).json().map;
      const b = (await c.post('/api/maps', { title: 'B' })).json().map;
      assert.deepEqual(
        (await list(`?folder=${f2.id}`)).items.map((m) => m.title),
        ['A'],
      );
      assert.equal((await c.patch(`/api/maps/${b.id}`, { folderId: f2.id, starred: true, title: 'B 改名' })).statusCode, 200);
      const inFolder = await list(`?folder=${f2.id}`);
      assert.deepEqual(inFolder.items.map((m) => m.title).sort(), ['A', 'B 改名']);
      assert.deepEqual(
        (await list('?view=starred')).items.map((m) => m.id),
        [b.id],
      );
      const renamed = (await c.get(`/api/maps/${b.id}`)).json();
      assert.equal(renamed.doc.title, 'B 改名', 'the rename reached the document');
      assert.equal(renamed.map.version, 1, 'as a new version');
      // Opening a map puts it first in "recent".
      await new Promise((r) => setTimeout(r, 5));
      await c.get(`/api/maps/${a.id}`);
      assert.equal((await list('?view=recent')).items[0]?.id, a.id);
      const dup = await c.post(`/api/maps/${a.id}/duplicate`, {});
      assert.equal(dup.statusCode, 201);
      assert.equal(dup.json().map.title, 'A 副本');
      assert.equal(dup.json().map.folderId, f2.id);
      assert.equal((await list('?q=副本')).total, 1);
      // Deleting a folder moves its maps to the top level.
      assert.equal((await c.delete(`/api/folders/${f1.id}`)).statusCode, 200);
      assert.deepEqual((await c.get('/api/folders')).json().items, []);
      const top = await list('?folder=root');
      assert.ok(top.items.some((m) => m.id === a.id) && top.items.some((m) => m.id === b.id));
      // Someone else's folder cannot be used.
      const other = new TestClient(t.app);
      await other.signup('Other');
      const theirs = (await other.post('/api/folders', { name: 'x' })).json().folder;
      assert.equal((await c.patch(`/api/maps/${a.id}`, { folderId: theirs.id })).statusCode, 404);
      assert.equal((await c.post(`/api/maps/${a.id}/duplicate`, {}, { headers: {} })).statusCode, 201);
      assert.equal((await other.post(`/api/maps/${a.id}/duplicate`, {})).statusCode, 404, 'no copying of private maps');
    });

    test('trash, restore, delete for good, empty trash', async () => {
      const m = (await c.post('/api/maps', { title: '垃圾' })).json().map;
      assert.equal((await c.delete(`/api/maps/${m.id}`)).statusCode, 200);
      assert.ok(!(await list()).items.some((x) => x.id === m.id));
      assert.deepEqual(
        (await list('?view=trash')).items.map((x) => x.id),
        [m.id],
      );
      const write = await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [{ type: 'doc.update', patch: { title: 'x' } }] });
      assert.equal(write.statusCode, 410, 'no edits in the trash');
      assert.equal(write.json().error.code, 'map-in-trash');
      assert.equal((await c.get(`/api/maps/${m.id}`)).statusCode, 200, 'the owner may still look');
      assert.equal((await c.post(`/api/maps/${m.id}/restore`)).statusCode, 200);
      assert.ok((await list()).items.some((x) => x.id === m.id));
      assert.equal((await c.delete(`/api/maps/${m.id}?permanent=true`)).statusCode, 200);
      assert.equal((await c.get(`/api/maps/${m.id}`)).statusCode, 404);
      assert.equal(
        (await c.post(`/api/maps/${m.id}/ops`, { baseVersion: 0, ops: [{ type: 'doc.update', patch: { title: 'x' } }] })).statusCode,
        404,
      );
      const n = (await c.post('/api/maps', { title: 'n' })).json().map;
      await c.delete(`/api/maps/${n.id}`);
      const emptied = await c.delete('/api/trash');
      assert.equal(emptied.json().deleted, 1);
      assert.equal((await list('?view=trash')).total, 0);
      const rows = await t.app.db.selectFrom('map_ops').select('map_id').where('map_id', 'in', [m.id, n.id]).execute();
      assert.equal(rows.length, 0, 'the log went with the map');
    });

    test('import a map file and a document; export in several formats', async () => {
      const md = multipart(
        'plan.opml',
        '<?xml version="1.0"?><opml version="2.0"><head><title>计划</title></head><body><outline text="计划"><outline text="目标"/><outline text="步骤"/></outline></body></opml>',
      );
      const res = await c.request('POST', '/api/import', undefined, { payload: md.payload, headers: md.headers });
      assert.equal(res.statusCode, 201, res.body);
      const { id, report } = res.json();
      assert.ok(Array.isArray(report));
      const doc = (await c.get(`/api/maps/${id}`)).json().doc;
      assert.deepEqual(
        Object.values(doc.topics as Record<string, { text: string }>)
          .map((x) => x.text)
          .sort(),
        ['步骤', '目标', '计划'],
      );

      const law = multipart(
        '劳动法.txt',
        '中华人民共和国劳动法\n第一章 总则\n第一条 为了保护劳动者的合法权益，制定本法。\n第二章 促进就业\n第十条 国家通过促进经济和社会发展，创造就业条件，扩大就业机会。\n',
      );
      const docRes = await c.request('POST', '/api/import', undefined, { payload: law.payload, headers: law.headers });
      assert.equal(docRes.statusCode, 201, docRes.body);
      const lawDoc = (await c.get(`/api/maps/${docRes.json().id}`)).json().doc;
      const texts = Object.values(lawDoc.topics as Record<string, { text: string }>).map((x) => x.text);
      assert.ok(
        texts.some((x) => x.includes('总则')),
        texts.join(' | '),
      );

      const garbage = multipart('x.xmind', 'this is not a zip');
      const bad = await c.request('POST', '/api/import', undefined, { payload: garbage.payload, headers: garbage.headers });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'import-failed');
      const empty = multipart('x.opml', '');
      assert.equal((await c.request('POST', '/api/import', undefined, { payload: empty.payload, headers: empty.headers })).statusCode, 400);

      for (const format of ['json', 'opml', 'markdown', 'xmind']) {
        const ex = await c.get(`/api/maps/${id}/export?format=${format}`);
        assert.equal(ex.statusCode, 200, `${format}: ${ex.body.slice(0, 200)}`);
        assert.match(String(ex.headers['content-disposition']), /attachment; filename=/);
        assert.ok(ex.rawPayload.length > 0);
      }
      const unknown = await c.get(`/api/maps/${id}/export?format=nope`);
      assert.equal(unknown.statusCode, 400);
      assert.equal((await c.get(`/api/maps/${id}/export`)).statusCode, 400, 'format is required');
    });
  });
}
