// The saving layer in a real browser (Debian's Chromium through playwright-core): real IndexedDB,
// Web Locks, fetch streaming and the online/offline events, against a real server. The module is
// bundled with esbuild and put into a same-origin page of the server. Skipped without Chromium.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { sqliteTestDatabase, startTestApp, type TestApp } from '../../../server/src/http/testing.ts';

const CHROMIUM = process.env.ARBOR_CHROMIUM || '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium); skipping the browser tests of sync`;

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely in this test
type Json = any;

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let bundle: string;

/** In the page: `window.ArborSync` (the module) and `window.sync` helpers recording callbacks. */
const PAGE_HELPERS = `
window.rec = { remote: [], rejected: [], statuses: [], resets: 0 };
window.makeClient = ({ pushOnHide, ...opts }) => {
  const c = new ArborSync.SyncClient({
    ...opts,
    beforeHide: pushOnHide ? () => c.push([pushOnHide]) : undefined,
    onRemote: (ch) => window.rec.remote.push(ch),
    onReset: () => window.rec.resets++,
    onRejected: (b, e) => window.rec.rejected.push({ tag: b.tag, code: e.code }),
    onStatus: (s, d) => window.rec.statuses.push({ status: s, pending: d.pending }),
  });
  c.start();
  window.client = c;
  return c.clientId;
};
window.lastStatus = () => window.rec.statuses.at(-1)?.status;
`;

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/healthz`);
  await page.addScriptTag({ content: `${bundle}\n${PAGE_HELPERS}` });
  return page;
}

async function signedInContext(): Promise<{
  context: BrowserContext;
  api: (method: string, path: string, body?: unknown) => Promise<Json>;
}> {
  const context = await browser.newContext({ baseURL: baseUrl, bypassCSP: true });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await context.request.fetch(path, {
      method,
      headers: { origin: baseUrl, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
    });
    return res.json();
  };
  await api('POST', '/api/auth/signup', { email: `b-${Date.now()}-${Math.random()}@example.org`, password: 'long enough pw', name: 'B' });
  return { context, api };
}

const create = (id: string, parentId: string, text: string) => ({ type: 'topic.create', parentId, topic: { id, text } });

describe('SyncClient in Chromium', { skip }, () => {
  before(async () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      globalName: 'ArborSync',
      write: false,
      target: 'chrome110',
    });
    bundle = out.outputFiles[0]?.text ?? '';
    t = await startTestApp(sqliteTestDatabase());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const a = t.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('a page closed mid-typing leaves its batch in IndexedDB; the next page recovers it (Web Locks tell it the old one is gone)', async () => {
    const { context, api } = await signedInContext();
    const mapId = (await api('POST', '/api/maps', { title: '刷新' })).map.id as string;
    const got = await api('GET', `/api/maps/${mapId}`);
    const first = await openPage(context);
    const clientId = await first.evaluate(
      ({ mapId, version }) => (window as Json).makeClient({ mapId, baseVersion: version, debounceMs: 60_000, maxWaitMs: 60_000 }),
      { mapId, version: got.map.version },
    );
    await first.evaluate((op) => (window as Json).client.push([op]), create('typed', got.doc.rootId, '输入到一半'));
    // The open batch is in IndexedDB, and this page's lock is held, so a recover elsewhere leaves it alone.
    const second = await openPage(context);
    const held = await second.evaluate(async (mapId) => {
      const store = new (window as Json).ArborSync.IndexedDbPendingStore();
      return { stored: (await store.list(mapId)).length, recovered: await (window as Json).ArborSync.SyncClient.recover(mapId) };
    }, mapId);
    assert.deepEqual(held, { stored: 1, recovered: 0 });
    assert.equal((await api('GET', `/api/maps/${mapId}`)).map.version, 0);
    await first.close();
    const recovered = await second.evaluate((mapId) => (window as Json).ArborSync.SyncClient.recover(mapId), mapId);
    assert.equal(recovered, 1);
    const saved = await api('GET', `/api/maps/${mapId}`);
    assert.equal(saved.doc.topics.typed.text, '输入到一半');
    assert.ok(clientId);
    await context.close();
  });

  test('a reload mid-typing: what the editor pushes in beforeHide is saved (sent, or recovered by the next page)', async () => {
    const { context, api } = await signedInContext();
    const mapId = (await api('POST', '/api/maps', { title: '打字中刷新' })).map.id as string;
    const got = await api('GET', `/api/maps/${mapId}`);
    const page = await openPage(context);
    await page.evaluate((s) => (window as Json).makeClient(s), {
      mapId,
      baseVersion: got.map.version,
      debounceMs: 60_000,
      maxWaitMs: 60_000,
      pushOnHide: create('typing', got.doc.rootId, '正在输入的字'),
    });
    await page.reload();
    await page.addScriptTag({ content: `${bundle}\n${PAGE_HELPERS}` });
    // IndexedDB lost the write (Chromium drops those started during unload); the stash kept it.
    const after = await page.evaluate(async (mapId) => {
      const sync = (window as Json).ArborSync;
      const inStore = (await new sync.IndexedDbPendingStore().list(mapId)).length;
      const stashed = Object.keys(localStorage).filter((k) => k.startsWith('arbor-sync-stash:')).length;
      return { inStore, stashed, recovered: await sync.SyncClient.recover(mapId) };
    }, mapId);
    assert.equal(after.stashed, 1);
    assert.equal(after.recovered, 1, 'sent again: a duplicate if the keepalive request made it, else the save');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0);
    assert.equal((await api('GET', `/api/maps/${mapId}`)).doc.topics.typing?.text, '正在输入的字');
    await context.close();
  });

  test('a started client adopts what a gone tab left, and gets it back as a remote change', async () => {
    const { context, api } = await signedInContext();
    const mapId = (await api('POST', '/api/maps', { title: '接手' })).map.id as string;
    const got = await api('GET', `/api/maps/${mapId}`);
    const start = { mapId, baseVersion: got.map.version };
    const gone = await openPage(context);
    await gone.evaluate((s) => (window as Json).makeClient({ ...s, debounceMs: 60_000, maxWaitMs: 60_000, live: false }), start);
    await gone.evaluate((op) => (window as Json).client.push([op]), create('left', got.doc.rootId, '留下的'));
    await gone.close();
    // This page loaded the map without the batch (no recover) and then starts its client.
    const page = await openPage(context);
    await page.evaluate((s) => (window as Json).makeClient({ ...s, debounceMs: 20 }), start);
    await page.waitForFunction(() => (window as Json).rec.remote.length === 1, undefined, { timeout: 10_000 });
    const remote = await page.evaluate(() => (window as Json).rec.remote[0]);
    assert.deepEqual(remote.ops, [create('left', got.doc.rootId, '留下的')]);
    assert.equal((await api('GET', `/api/maps/${mapId}`)).doc.topics.left.text, '留下的');
    await page.waitForFunction(() => (window as Json).client.pending === 0);
    await context.close();
  });

  test('offline and back: the status follows, and the online event sends at once', async () => {
    const { context, api } = await signedInContext();
    const mapId = (await api('POST', '/api/maps', { title: '离线' })).map.id as string;
    const got = await api('GET', `/api/maps/${mapId}`);
    const page = await openPage(context);
    await page.evaluate(({ mapId, version }) => (window as Json).makeClient({ mapId, baseVersion: version, debounceMs: 20 }), {
      mapId,
      version: got.map.version,
    });
    await page.waitForFunction(() => (window as Json).rec.statuses.length > 0);
    await context.setOffline(true);
    await page.evaluate((op) => (window as Json).client.push([op]), create('off', got.doc.rootId, '离线编辑'));
    await page.waitForFunction(() => (window as Json).lastStatus() === 'offline');
    const t0 = Date.now();
    await context.setOffline(false);
    await page.waitForFunction(() => (window as Json).lastStatus() === 'saved' && (window as Json).client.pending === 0, undefined, {
      timeout: 10_000,
    });
    const waited = Date.now() - t0;
    assert.equal((await api('GET', `/api/maps/${mapId}`)).doc.topics.off.text, '离线编辑');
    assert.ok(waited < 5_000, `saved ${waited} ms after the network came back`);
    await context.close();
  });

  test('two browser contexts see each other’s edits through the live stream', async () => {
    const a = await signedInContext();
    const mapId = (await a.api('POST', '/api/maps', { title: '协作' })).map.id as string;
    const share = (await a.api('POST', `/api/maps/${mapId}/shares`, { role: 'edit' })).share.token as string;
    const got = await a.api('GET', `/api/maps/${mapId}`);
    const pageA = await openPage(a.context);
    const other = await browser.newContext({ baseURL: baseUrl, bypassCSP: true });
    const pageB = await openPage(other);
    const start = { mapId, baseVersion: got.map.version };
    await pageA.evaluate((s) => (window as Json).makeClient({ ...s, debounceMs: 20 }), start);
    await pageB.evaluate((s) => (window as Json).makeClient({ ...s, debounceMs: 20, share: { token: s.share } }), { ...start, share });
    await pageA.waitForFunction(() => (window as Json).rec.statuses.length > 0);
    await pageB.waitForFunction(() => (window as Json).rec.statuses.length > 0);
    await pageA.waitForTimeout(200);
    await pageA.evaluate((op) => (window as Json).client.push([op]), create('fromA', got.doc.rootId, '甲方'));
    await pageB.waitForFunction(() => (window as Json).rec.remote.length === 1);
    await pageB.evaluate(() => (window as Json).client.push([{ type: 'topic.update', id: 'fromA', patch: { text: '乙方改' } }]));
    await pageA.waitForFunction(() => (window as Json).rec.remote.length === 1);
    const remoteA = await pageA.evaluate(() => (window as Json).rec.remote);
    assert.deepEqual(remoteA[0].ops, [{ type: 'topic.update', id: 'fromA', patch: { text: '乙方改' } }]);
    assert.equal(await pageB.evaluate(() => (window as Json).rec.remote.length), 1, 'B got no echo of its own edit');
    assert.equal((await a.api('GET', `/api/maps/${mapId}`)).doc.topics.fromA.text, '乙方改');
    await a.context.close();
    await other.close();
  });
});
