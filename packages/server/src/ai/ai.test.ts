// AI routes on SQLite and PostgreSQL against a local OpenAI-protocol server: not configured (4xx
// naming the settings, offline alternatives), streamed operations over real HTTP, user settings with
// the key encrypted and never returned, private addresses refused, rate limits, daily budgets,
// usage recorded, errors mid-stream as events.

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { AiRequestError, postAiStream, SseDecoder } from '@arbor/ai';
import { FakeOpenAi } from '@arbor/ai/testing';
import { startTestApp, type TestApp, TestClient, type TestDatabase, testDatabases } from '../http/testing.ts';
import { type AiServerConfig, loadAiConfig } from './config.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in this test
type Json = any;

const fake = new FakeOpenAi();
before(() => fake.start());
after(() => fake.close());

function aiConfig(o: Partial<AiServerConfig> = {}): AiServerConfig {
  return {
    ...loadAiConfig({}),
    baseUrl: fake.url,
    model: 'test-model',
    apiKey: 'sk-server',
    backoffMs: 5,
    timeoutMs: 3000,
    stallMs: 3000,
    ...o,
  };
}

function events(body: string): { event: string; data: Json }[] {
  const d = new SseDecoder();
  return [...d.push(body), ...d.end()].map((e) => ({ event: e.event, data: JSON.parse(e.data) }));
}

const OUTLINE = '- 时间管理\n  - 番茄工作法\n  - 四象限法则\n- 目标设定\n';

for (const { name, make, skip } of await testDatabases()) {
  describe(`AI routes (${name})`, { skip }, () => {
    const apps: TestApp[] = [];
    const start = async (tdb: TestDatabase, ai: AiServerConfig) => {
      const t = await startTestApp(tdb, { ai });
      apps.push(t);
      return t;
    };
    after(async () => {
      for (const t of apps) await t.close();
    });

    test('without a provider: 409 naming the settings, with the offline alternatives; anonymous: 401', async () => {
      const t = await start(make(), aiConfig({ baseUrl: undefined, model: undefined, apiKey: undefined }));
      const c = new TestClient(t.app);
      assert.equal((await c.post('/api/ai/generate', { topic: '时间管理' })).statusCode, 401);
      await c.signup('NoAi');
      const res = await c.post('/api/ai/generate', { topic: '时间管理' });
      assert.equal(res.statusCode, 409);
      const body = res.json();
      assert.equal(body.error.code, 'ai-not-configured');
      assert.match(body.error.message, /ARBOR_AI_BASE_URL/);
      assert.deepEqual(body.settings.slice(0, 3), ['ARBOR_AI_BASE_URL', 'ARBOR_AI_MODEL', 'ARBOR_AI_API_KEY']);
      assert.equal(body.offline.document.path, '/api/import');
      assert.ok(Array.isArray(body.offline.templates));
      for (const path of ['expand', 'condense', 'regenerate', 'document', 'ask']) {
        const payload =
          path === 'expand'
            ? { topicId: 'x', path: ['a'] }
            : path === 'document'
              ? { text: '第一章 总则\n内容' }
              : path === 'ask'
                ? { question: '?', text: '内容' }
                : { topicId: 'b', branch: { id: 'b', text: 'B' } };
        const r = await c.post(`/api/ai/${path}`, payload);
        assert.equal(r.statusCode, 409, `${path}: ${r.body}`);
      }
      // A published template that matches the request is offered instead.
      const { map } = (await c.post('/api/maps', { title: '时间管理方法大全' })).json();
      const pub = await c.post(`/api/maps/${map.id}/publish`, {
        description: '时间管理的常用方法',
        category: 'law-civil',
        tags: ['时间管理'],
      });
      assert.equal(pub.statusCode < 300, true, pub.body);
      const again = (await c.post('/api/ai/generate', { topic: '时间管理' })).json();
      assert.ok(
        again.offline.templates.some((t: Json) => t.title === '时间管理方法大全' && t.url.startsWith('/templates/')),
        JSON.stringify(again.offline),
      );
      const status = (await c.get('/api/ai/status')).json();
      assert.equal(status.configured, false);
      assert.ok(status.presets.some((p: Json) => p.id === 'ollama' && p.baseUrl === 'http://localhost:11434/v1'));
    });

    test('generate streams operations, then done with usage; usage is recorded', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Gen');
      fake.answer(`# 效率\n${OUTLINE}`, { usage: { prompt_tokens: 30, completion_tokens: 20 } });
      const res = await c.post('/api/ai/generate', { topic: '效率', anchorId: 'r1', depth: 2 });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/event-stream/);
      const evs = events(res.body);
      assert.equal(evs[0]?.event, 'start');
      assert.equal(evs.at(-1)?.event, 'done');
      assert.deepEqual(evs.at(-1)?.data.usage, { promptTokens: 30, completionTokens: 20, estimated: false });
      const ops = evs.filter((e) => e.event === 'ops').flatMap((e) => e.data.ops);
      assert.deepEqual(ops[0], { type: 'topic.update', id: 'r1', patch: { text: '效率' } });
      assert.deepEqual(
        ops.slice(1).map((o: Json) => o.topic.text),
        ['时间管理', '番茄工作法', '四象限法则', '目标设定'],
      );
      assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer sk-server');
      const usage = (await c.get('/api/ai/usage')).json();
      assert.equal(usage.today.requests, 1);
      assert.equal(usage.today.promptTokens + usage.today.completionTokens, 50);
      assert.equal(usage.recent[0].status, 'ok');
      assert.equal((await c.post('/api/ai/generate', { topic: '' })).statusCode, 400);
      assert.equal((await c.post('/api/ai/generate', { topic: 'x', depth: 'deep' })).statusCode, 400);
      assert.equal((await c.post('/api/ai/generate', { topic: 'x', extra: 1 })).statusCode, 400);
    });

    test('a provider failure mid-flow is an error event, recorded with its code', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Err');
      fake.reply({ status: 401, json: { error: { message: 'Invalid API key' } } });
      const evs = events((await c.post('/api/ai/generate', { topic: 'x' })).body);
      assert.equal(evs.at(-1)?.event, 'error');
      assert.equal(evs.at(-1)?.data.code, 'auth-failed');
      fake.answer('这是一段文字，而不是大纲，因为模型没有按照要求输出任何结构化的内容。');
      const prose = events((await c.post('/api/ai/generate', { topic: 'x' })).body);
      assert.equal(prose.at(-1)?.data.code, 'no-outline');
      const usage = (await c.get('/api/ai/usage')).json();
      assert.deepEqual(
        usage.recent.map((r: Json) => r.status),
        ['no-outline', 'auth-failed'],
      );
    });

    test('expand and regenerate read the map', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Mapper');
      const { map } = (await c.post('/api/maps', {})).json();
      const { doc } = (await c.get(`/api/maps/${map.id}`)).json();
      fake.answer('- 甲\n- 乙\n');
      const evs = events((await c.post('/api/ai/expand', { mapId: map.id, topicId: doc.rootId })).body);
      const ops = evs.filter((e) => e.event === 'ops').flatMap((e) => e.data.ops);
      assert.deepEqual(
        ops.map((o: Json) => [o.parentId, o.topic.text]),
        [
          [doc.rootId, '甲'],
          [doc.rootId, '乙'],
        ],
      );
      assert.match(fake.requests.at(-1)?.body.messages?.at(-1)?.content ?? '', /中心主题/);
      // Save them, then regenerate the root's branch keeping 乙 (pinned).
      const saved = await c.post(`/api/maps/${map.id}/ops`, { baseVersion: 0, ops });
      assert.equal(saved.statusCode, 200, saved.body);
      const yi = ops[1].topic.id;
      fake.answer('- 甲\n- 丙\n');
      const rev = events((await c.post('/api/ai/regenerate', { mapId: map.id, topicId: doc.rootId, keep: [yi] })).body);
      const changes = rev.filter((e) => e.event === 'proposal').flatMap((e) => e.data.changes);
      assert.deepEqual(
        changes.map((ch: Json) => `${ch.action}:${ch.text}`),
        ['keep:甲', 'add:丙', 'keep:乙'],
      );
      assert.equal((await c.post('/api/ai/expand', { mapId: map.id, topicId: 'missing' })).statusCode, 404);
      const other = new TestClient(t.app);
      await other.signup('Stranger');
      assert.equal((await other.post('/api/ai/expand', { mapId: map.id, topicId: doc.rootId })).statusCode, 404);
    });

    test('document and ask over a pasted text', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Doc');
      const text = '安全通知\n\n一、总体要求\n各单位要高度重视安全生产工作，切实落实主体责任，建立健全安全生产责任制，加强隐患排查治理。\n';
      fake.answer('- 落实主体责任\n');
      const evs = events((await c.post('/api/ai/document', { text })).body);
      assert.deepEqual(
        evs.map((e) => e.event),
        ['start', 'ops', 'progress', 'ops', 'section', 'progress', 'done'],
      );
      assert.equal(evs.at(-1)?.data.sections, 1);
      fake.answer('无法回答');
      const ask = events((await c.post('/api/ai/ask', { question: '安全生产工作谁负责？', text })).body);
      assert.equal(ask.find((e) => e.event === 'answer')?.data.answered, false);
      const bad = await c.post('/api/ai/document', { file: { name: 'x.docx', data: Buffer.from('not a zip').toString('base64') } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'invalid-document');
    });

    test('rate limit per minute and daily token budget', async () => {
      const t = await start(make(), aiConfig({ ratePerMinute: 2, dailyTokens: 60 }));
      const c = new TestClient(t.app);
      await c.signup('Limited');
      fake.answer(OUTLINE, { usage: { prompt_tokens: 40, completion_tokens: 30 } });
      assert.equal(events((await c.post('/api/ai/generate', { topic: 'a' })).body).at(-1)?.event, 'done');
      const spent = await c.post('/api/ai/generate', { topic: 'b' });
      assert.equal(spent.statusCode, 429);
      assert.equal(spent.json().error.code, 'ai-budget-exceeded');
      // A document of several sections stops before the call after the one that spent the budget.
      const t3 = await start(make(), aiConfig({ dailyTokens: 60 }));
      const c3 = new TestClient(t3.app);
      await c3.signup('Budget');
      const body =
        '安全通知\n\n一、总体要求\n各单位要高度重视安全生产工作，切实落实主体责任，建立健全安全生产责任制，加强隐患排查治理。\n\n二、培训教育\n每年组织不少于两次安全培训，新员工上岗前必须经过三级安全教育，考试合格后方可上岗作业。\n';
      fake.answer('- 要点\n', { usage: { prompt_tokens: 40, completion_tokens: 30 } }).answer('- 要点\n');
      const doc = events((await c3.post('/api/ai/document', { text: body, concurrency: 1 })).body);
      assert.equal(doc.at(-1)?.event, 'error');
      assert.equal(doc.at(-1)?.data.code, 'budget-exceeded');
      assert.equal(doc.filter((e) => e.event === 'section').length, 1);
      fake.reset(); // the second answer was never asked for
      const t2 = await start(make(), aiConfig({ ratePerMinute: 2 }));
      const c2 = new TestClient(t2.app);
      await c2.signup('Busy');
      fake.answer(OUTLINE).answer(OUTLINE);
      await c2.post('/api/ai/generate', { topic: 'a' });
      await c2.post('/api/ai/generate', { topic: 'b' });
      const third = await c2.post('/api/ai/generate', { topic: 'c' });
      assert.equal(third.statusCode, 429);
      assert.equal(third.json().error.code, 'ai-rate-limited');
      assert.ok(third.json().retryAfter >= 1);
    });

    test("a user's own provider: key encrypted at rest and never sent back; private addresses refused unless allowed", async () => {
      const strict = await start(make(), aiConfig({ baseUrl: undefined, model: undefined, userKeys: true }));
      const s = new TestClient(strict.app);
      await s.signup('Own');
      for (const baseUrl of [
        fake.url,
        'http://localhost:11434/v1',
        'http://10.0.0.8/v1',
        'http://[::1]:8080/v1',
        'http://169.254.169.254/v1',
      ]) {
        const r = await s.request('PUT', '/api/ai/settings', { baseUrl, model: 'm' });
        assert.equal(r.statusCode, 400, baseUrl);
        assert.equal(r.json().error.code, 'ai-private-address', baseUrl);
      }
      assert.equal(
        (await s.request('PUT', '/api/ai/settings', { baseUrl: 'ftp://example.org', model: 'm' })).json().error.code,
        'ai-invalid-base-url',
      );

      const open = await start(make(), aiConfig({ baseUrl: undefined, model: undefined, userKeys: true, allowPrivate: true }));
      const c = new TestClient(open.app);
      await c.signup('Local');
      const put = await c.request('PUT', '/api/ai/settings', { baseUrl: fake.url, model: 'my-model', apiKey: 'sk-user-secret-123' });
      assert.equal(put.statusCode, 200, put.body);
      assert.doesNotMatch(put.body, /sk-user-secret/);
      const got = await c.get('/api/ai/settings');
      assert.doesNotMatch(got.body, /sk-user-secret/);
      assert.equal(got.json().settings.hasKey, true);
      const row = await open.app.db.selectFrom('ai_settings').selectAll().executeTakeFirstOrThrow();
      assert.ok(row.key_cipher && !row.key_cipher.includes('sk-user-secret'));
      fake.answer(OUTLINE);
      const evs = events((await c.post('/api/ai/generate', { topic: 'x' })).body);
      assert.equal(evs[0]?.data.source, 'user');
      assert.equal(evs[0]?.data.model, 'my-model');
      assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer sk-user-secret-123');
      assert.equal((await c.delete('/api/ai/settings')).json().settings.hasKey, false);
      const off = await start(make(), aiConfig({ userKeys: false }));
      const o = new TestClient(off.app);
      await o.signup('Off');
      assert.equal((await o.request('PUT', '/api/ai/settings', { model: 'm' })).statusCode, 403);
    });

    test('over real HTTP: topics arrive before the model has finished; a client that leaves cancels the model call', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Live');
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/api/ai/generate`;
      const headers = { 'content-type': 'application/json', cookie: c.cookie as string, origin: `http://127.0.0.1:${port}` };
      fake.answer(`# 根\n${Array.from({ length: 30 }, (_, i) => `- 主题${i}`).join('\n')}\n`, { pieceChars: 4, delayMs: 20 });
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ topic: '根' }) });
      assert.equal(res.status, 200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const d = new SseDecoder();
      const started = Date.now();
      let firstOpsAt = 0;
      let doneAt = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const e of d.push(value)) {
          if (e.event === 'ops' && !firstOpsAt) firstOpsAt = Date.now() - started;
          if (e.event === 'done') doneAt = Date.now() - started;
        }
      }
      assert.ok(firstOpsAt > 0 && doneAt > 0 && firstOpsAt < doneAt / 2, `first ops at ${firstOpsAt} ms, done at ${doneAt} ms`);

      fake.reply({ endless: true, delayMs: 2 });
      const ctl = new AbortController();
      const res2 = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ topic: 'x' }), signal: ctl.signal });
      const r2 = (res2.body as ReadableStream<Uint8Array>).getReader();
      await r2.read();
      ctl.abort();
      for (let i = 0; i < 100; i++) {
        const usage = (await c.get('/api/ai/usage')).json();
        if (usage.recent[0]?.status === 'aborted') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal((await c.get('/api/ai/usage')).json().recent[0].status, 'aborted');
    });

    test('postAiStream (the client helper for the editor) reads events, and refusals as AiRequestError', async () => {
      const t = await start(make(), aiConfig());
      const c = new TestClient(t.app);
      await c.signup('Client');
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const headers = { cookie: c.cookie as string, origin };
      fake.answer(OUTLINE);
      const seen: string[] = [];
      const r = await postAiStream(
        `${origin}/api/ai/expand`,
        { topicId: 'x', path: ['效率'] },
        { headers, onEvent: (e) => seen.push(e.event) },
      );
      assert.ok(r.ok);
      assert.equal(r.done.topics, 4);
      assert.deepEqual([seen[0], seen.at(-1)], ['start', 'done']);
      const off = await start(make(), aiConfig({ baseUrl: undefined, model: undefined }));
      const c2 = new TestClient(off.app);
      await c2.signup('Client2');
      await off.app.listen({ port: 0, host: '127.0.0.1' });
      const origin2 = `http://127.0.0.1:${(off.app.server.address() as AddressInfo).port}`;
      await assert.rejects(
        postAiStream(`${origin2}/api/ai/generate`, { topic: 'x' }, { headers: { cookie: c2.cookie as string, origin: origin2 } }),
        (e: unknown) => {
          assert.ok(e instanceof AiRequestError);
          assert.equal(e.status, 409);
          assert.equal(e.code, 'ai-not-configured');
          assert.ok(Array.isArray(e.extra.settings));
          return true;
        },
      );
    });

    test('the AI routes are in the OpenAPI document', async () => {
      const t = await start(make(), aiConfig());
      const doc = (await new TestClient(t.app).get('/api/openapi.json')).json();
      for (const p of ['generate', 'expand', 'condense', 'regenerate', 'rewrite', 'document', 'ask'])
        assert.ok(doc.paths[`/api/ai/${p}`]?.post, p);
    });
  });
}
