// Bad requests get clear 4xx answers in the one error shape, and change nothing.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp, TestClient, testDatabases } from './testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`bad requests (${name})`, { skip }, () => {
    let t: TestApp;
    let c: TestClient;
    let mapId: string;
    let rootId: string;
    before(async () => {
      t = await startTestApp(make());
      c = new TestClient(t.app);
      await c.signup('Careful');
      mapId = (await c.post('/api/maps', { title: '稳' })).json().map.id;
      rootId = (await c.get(`/api/maps/${mapId}`)).json().doc.rootId;
    });
    after(async () => t?.close());

    const snapshot = async () => {
      const db = t.app.db;
      return {
        maps: await db.selectFrom('maps').select(['id', 'version', 'title', 'trashed_at']).orderBy('id').execute(),
        ops: (
          await db
            .selectFrom('map_ops')
            .select(({ fn }) => fn.countAll<number | string>().as('n'))
            .executeTakeFirst()
        )?.n,
        folders: await db.selectFrom('folders').select('id').execute(),
        doc: (await c.get(`/api/maps/${mapId}`)).json().doc,
      };
    };

    const expectError = (
      res: { statusCode: number; json(): { error?: { code?: string; message?: string } } },
      status: number,
      code?: string,
    ) => {
      assert.equal(res.statusCode, status);
      const body = res.json();
      assert.equal(typeof body.error?.code, 'string');
      assert.equal(typeof body.error?.message, 'string');
      if (code) assert.equal(body.error?.code, code);
    };

    test('malformed JSON, wrong types, unknown fields, huge bodies, wrong media types', async () => {
      const before = await snapshot();
      const json = { 'content-type': 'application/json' };
      expectError(
        await c.request('POST', `/api/maps/${mapId}/ops`, undefined, { payload: '{"baseVersion":0,"ops":[', headers: json }),
        400,
        'malformed-json',
      );
      expectError(await c.request('POST', `/api/maps/${mapId}/ops`, undefined, { payload: '', headers: json }), 400);
      expectError(await c.post(`/api/maps/${mapId}/ops`, { baseVersion: 'zero', ops: [] }), 400, 'invalid-request');
      expectError(await c.post(`/api/maps/${mapId}/ops`, { baseVersion: 0, ops: 'topic.create' }), 400, 'invalid-request');
      expectError(
        await c.post(`/api/maps/${mapId}/ops`, { baseVersion: 0, ops: [{ type: 'topic.update', id: rootId, patch: { text: 42 } }] }),
        400,
        'invalid-op',
      );
      expectError(
        await c.post(`/api/maps/${mapId}/ops`, {
          baseVersion: 0,
          ops: [{ type: 'topic.create', parentId: rootId, topic: { id: 'x', text: 'x', evil: true } }],
        }),
        400,
      );
      expectError(await c.post(`/api/maps/${mapId}/ops`, { baseVersion: 0, ops: [], extra: 1 }), 400);
      expectError(await c.patch(`/api/maps/${mapId}`, { title: '' }), 400);
      expectError(await c.patch(`/api/maps/${mapId}`, { starred: 'yes' }), 400);
      expectError(await c.patch(`/api/maps/${mapId}`, {}), 400);
      expectError(await c.post('/api/folders', { name: 7 }), 400);
      expectError(await c.post(`/api/maps/${mapId}/shares`, { role: 'admin' }), 400);
      expectError(await c.post(`/api/maps/${mapId}/shares`, { role: 'view', expiresAt: 5 }), 400);
      const huge = JSON.stringify({
        baseVersion: 0,
        ops: [{ type: 'topic.update', id: rootId, patch: { text: 'x'.repeat(20 * 1024 * 1024) } }],
      });
      expectError(await c.request('POST', `/api/maps/${mapId}/ops`, undefined, { payload: huge, headers: json }), 413, 'too-large');
      expectError(
        await c.request('POST', `/api/maps/${mapId}/ops`, undefined, {
          payload: 'baseVersion=0',
          headers: { 'content-type': 'text/plain' },
        }),
        403,
        'csrf',
      );
      const anon = new TestClient(t.app);
      expectError(
        await anon.request('POST', '/api/auth/login', undefined, { payload: 'a', headers: { 'content-type': 'text/plain' } }),
        415,
      );
      expectError(await c.request('POST', '/api/import', undefined, { payload: '{}', headers: json }), 415);
      assert.deepEqual(await snapshot(), before);
    });

    test('unknown ids and routes, ops on a deleted map', async () => {
      const before = await snapshot();
      expectError(await c.get('/api/maps/doesnotexist'), 404, 'not-found');
      expectError(
        await c.post('/api/maps/doesnotexist/ops', { baseVersion: 0, ops: [{ type: 'doc.update', patch: { title: 'x' } }] }),
        404,
      );
      expectError(await c.patch('/api/folders/nope', { name: 'x' }), 404);
      expectError(await c.delete('/api/maps/nope/shares/nope'), 404);
      expectError(await c.get(`/api/maps/${mapId}/versions/abc`), 400);
      expectError(await c.get(`/api/maps/${'x'.repeat(300)}`), 414);
      expectError(await c.get('/api/nothing-here'), 404, 'not-found');
      expectError(
        await c.post(`/api/maps/${mapId}/ops`, { baseVersion: 0, ops: [{ type: 'topic.delete', ids: [rootId] }] }),
        400,
        'invalid-op',
      );
      assert.deepEqual(await snapshot(), before);

      const gone = (await c.post('/api/maps', { title: 'gone' })).json().map.id;
      await c.delete(`/api/maps/${gone}`);
      expectError(
        await c.post(`/api/maps/${gone}/ops`, { baseVersion: 0, ops: [{ type: 'doc.update', patch: { title: 'x' } }] }),
        410,
        'map-in-trash',
      );
      await c.delete(`/api/maps/${gone}?permanent=true`);
      expectError(await c.post(`/api/maps/${gone}/ops`, { baseVersion: 0, ops: [{ type: 'doc.update', patch: { title: 'x' } }] }), 404);
      expectError(await c.get(`/api/maps/${gone}/versions`), 404);
    });

    test('the OpenAPI document lists the routes with their schemas', async () => {
      const res = await c.get('/api/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.0.3');
      for (const [path, method] of [
        ['/api/auth/signup', 'post'],
        ['/api/maps', 'get'],
        ['/api/maps', 'post'],
        ['/api/maps/{id}', 'patch'],
        ['/api/maps/{id}/ops', 'post'],
        ['/api/maps/{id}/versions', 'get'],
        ['/api/maps/{id}/export', 'get'],
        ['/api/import', 'post'],
        ['/api/maps/{id}/shares', 'post'],
      ] as const) {
        assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
      }
      assert.deepEqual(doc.paths['/api/maps/{id}/ops'].post.requestBody.content['application/json'].schema.required, [
        'baseVersion',
        'ops',
      ]);
      assert.equal(doc.paths['/api/maps/{id}'].patch.parameters[0].name, 'id');
    });

    test('requests the HTTP parser rejects answer in the same error shape', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(Buffer.from('GET /api/maps?q=劳动 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')),
        );
        let data = '';
        socket.on('data', (d) => {
          data += d.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      assert.match(answer, /^HTTP\/1\.1 400/);
      assert.equal(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code, 'bad-request');
    });
  });
}
