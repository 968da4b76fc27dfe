// Serving the built browser app under /app/: routes answer index.html, hashed assets are immutable,
// precompressed files are used, nothing outside the build (or hidden in it) is served, and a missing
// build says how to build it. The build here is a small real directory written by the test.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { sqliteTestDatabase, startTestApp, type TestApp, TestClient } from './http/testing.ts';
import { APP_CSP, acceptsEncoding } from './web-app.ts';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/app/assets/index-AbC123.js"></script></head><body><div id="app"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('编辑器 '.repeat(400))});\n`;

function writeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-webdist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets/index-AbC123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets/index-AbC123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'assets/logo-9f8e7d.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(dir, '.stamp'), '{"inputs":"secret-ish"}\n');
  writeFileSync(join(dir, '.vite/manifest.json'), '{"index.html":{}}');
  return dir;
}

describe('web app under /app/', () => {
  let dist: string;
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    dist = writeBuild();
    t = await startTestApp(sqliteTestDatabase(), { webDir: dist });
    client = new TestClient(t.app);
  });
  after(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  test('/app/ and every route of the app answer index.html, no-cache, with the strict CSP', async () => {
    for (const url of ['/app/', '/app/maps/m_123', '/app/maps/m_123?focus=t1', '/app/settings/account', '/app/index.html']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, INDEX, url);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.headers['content-security-policy'], APP_CSP);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
    assert.match(APP_CSP, /script-src 'self'(;|$)/);
    assert.match(APP_CSP, /img-src 'self' data: blob:/);
    assert.match(APP_CSP, /connect-src 'self'/);
    assert.match(APP_CSP, /frame-ancestors 'none'/);
  });

  test('index.html revalidates with its ETag; HEAD answers without a body', async () => {
    const first = await client.get('/app/');
    const etag = String(first.headers.etag);
    assert.ok(etag.length > 4);
    const again = await client.get('/app/maps/x', { headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const head = await client.request('HEAD', '/app/');
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });

  test('/app redirects to /app/ (keeping the query)', async () => {
    const res = await client.get('/app');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/app/');
    const q = await client.get('/app?x=1');
    assert.equal(q.headers.location, '/app/?x=1');
  });

  test('a share link /s/:token opens the app viewer', async () => {
    const res = await client.get('/s/AbC_123-xyz');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/app/s/AbC_123-xyz');
    const odd = await client.get('/s/%3Cb%3E%20x');
    assert.equal(odd.headers.location, '/app/s/%3Cb%3E%20x', 'the token stays encoded');
    const long = await client.get(`/s/${'a'.repeat(300)}`);
    assert.ok(long.statusCode >= 400 && long.statusCode < 500, `${long.statusCode}`);
  });

  test('hashed assets are immutable and sent precompressed when accepted', async () => {
    const plain = await client.get('/app/assets/index-AbC123.js', { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.body, SCRIPT);
    assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.headers['content-encoding'], undefined);

    const br = await client.get('/app/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), SCRIPT);

    const gz = await client.get('/app/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, br;q=0' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');

    const svg = await client.get('/app/assets/logo-9f8e7d.svg');
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    const txt = await client.get('/app/robots.txt');
    assert.equal(txt.body, 'User-agent: *\n');
    assert.equal(txt.headers['cache-control'], 'no-cache');
  });

  test('a missing asset is a 404, never index.html', async () => {
    for (const url of ['/app/assets/index-Old999.js', '/app/assets/gone', '/app/maps/chunk-x.js', '/app/.vite/manifest.json']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'not-found');
      assert.doesNotMatch(res.body, /<div id="app">/);
    }
  });

  test('nothing outside the build, and no hidden file of it, is served', async () => {
    for (const url of [
      '/app/../package.json',
      '/app/%2e%2e/%2e%2e/package.json',
      '/app/assets/..%2f..%2fpackage.json',
      '/app/.stamp',
      '/app/assets/%2e%2e%2f.stamp',
      '/app/%00index.html',
    ]) {
      const res = await client.get(url);
      assert.ok(res.statusCode === 200 || res.statusCode === 404 || res.statusCode === 400, `${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"name"|secret-ish/, url);
      if (res.statusCode === 200) assert.equal(res.body, INDEX, url);
    }
  });
});

test('without a build, /app/ answers 503 with a page saying how to build', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'arbor-nodist-'));
  const t = await startTestApp(sqliteTestDatabase(), { webDir: join(empty, 'dist') });
  try {
    const client = new TestClient(t.app);
    for (const url of ['/app/', '/app/maps/m_1']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /编辑器尚未构建/);
      assert.match(res.body, /npm run build/);
      assert.doesNotMatch(res.body, new RegExp(empty));
    }
  } finally {
    await t.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('acceptsEncoding reads q-values and wildcards', () => {
  assert.equal(acceptsEncoding('gzip, deflate, br', 'br'), true);
  assert.equal(acceptsEncoding('gzip;q=1.0, br;q=0', 'br'), false);
  assert.equal(acceptsEncoding('*', 'gzip'), true);
  assert.equal(acceptsEncoding('identity', 'gzip'), false);
  assert.equal(acceptsEncoding(undefined, 'gzip'), false);
  assert.equal(acceptsEncoding(' BR ; q=0.5', 'br'), true);
});
