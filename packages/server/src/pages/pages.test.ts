// Server-rendered pages on SQLite and PostgreSQL: what a template page shows, hostile input staying
// inert in every page, listing pages, forms with the same-origin rule, sitemap and robots.txt.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { startTestApp, TEST_ORIGIN, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

const XSS = '<script>alert(1)</script>';
const HOSTILE_DESCRIPTION = '"><img src=x onerror=alert(1)><svg onload=alert(2)> \u0001views\u0001';

/** Every attribute of every tag as [name, raw value] (text inside quoted values never counts as markup). */
function attributes(markup: string): [string, string][] {
  const out: [string, string][] = [];
  for (const tag of markup.matchAll(/<[a-z][a-z0-9-]*((?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/gi)) {
    for (const attr of (tag[1] ?? '').matchAll(/\s+([^\s=>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      out.push([attr[1]!, attr[2] ?? attr[3] ?? attr[4] ?? '']);
    }
  }
  return out;
}

const decodeEntities = (v: string) =>
  v
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)));

/** Nothing in the page can run: no script but JSON-LD, no event handlers, no javascript: in any attribute, no injected tags. */
function assertInert(body: string, label: string): void {
  const scripts = body.match(/<script\b[^>]*>/gi) ?? [];
  for (const s of scripts) assert.match(s, /type="application\/ld\+json"/, `${label}: only JSON-LD scripts`);
  for (const [name, value] of attributes(body)) {
    assert.ok(!/^on/i.test(name), `${label}: event-handler attribute ${name}`);
    assert.ok(!/^\s*(javascript|vbscript|data):/i.test(decodeEntities(value)) || name === 'content', `${label}: script URL in ${name}`);
    assert.ok(!/javascript:/i.test(decodeEntities(value)), `${label}: javascript: in attribute ${name}`);
  }
  assert.ok(!/<img\b/i.test(body), `${label}: no injected <img>`);
  assert.ok(!body.includes(XSS), `${label}: the script tag text is escaped`);
}

function hostileDoc() {
  const b = new DocBuilder({ title: `${XSS}合同法笔记`, rootText: `${XSS}合同法笔记` });
  const c1 = b.add(b.rootId, { text: '第一章 合同的订立', note: '要约与承诺 <b>note</b>' });
  const c2 = b.add(c1, { text: XSS, href: 'javascript:alert(1)' });
  const c3 = b.add(c2, { text: '第三层 违约金', labels: ['<i>label</i>'] });
  b.add(c3, { text: '第四层 赔偿损失', href: 'https://example.org/a?b=1&c=2' });
  b.add(b.rootId, { text: '第二章 违约责任' });
  b.meta = { references: ['《中华人民共和国民法典》第五百七十七条', XSS] };
  return b.build();
}

for (const dbCase of await testDatabases()) {
  describe(`template pages (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let owner: TestClient;
    let reader: TestClient;
    let anon: TestClient;
    let ownerId = '';
    let fileId = '';
    let otherFileId = '';
    let mapId = '';

    before(async () => {
      t = await startTestApp(dbCase.make());
      owner = new TestClient(t.app);
      reader = new TestClient(t.app);
      anon = new TestClient(t.app);
      ownerId = (await owner.signup(`${XSS}作者`)).id;
      await reader.signup('Reader');
      const created = await owner.post('/api/maps', { doc: hostileDoc() });
      mapId = created.json().map.id;
      const pub = await owner.post(`/api/maps/${mapId}/publish`, {
        description: HOSTILE_DESCRIPTION,
        category: 'judicial-exam',
        tags: [XSS],
      });
      assert.equal(pub.statusCode, 201, pub.body);
      fileId = pub.json().fileId;
      const b = new DocBuilder({ title: '合同违约金笔记' });
      b.add(b.rootId, { text: '违约金 赔偿损失' });
      const other = await owner.post('/api/maps', { doc: b.build() });
      const pub2 = await owner.post(`/api/maps/${other.json().map.id}/publish`, { description: '违约金的调整规则', category: 'law-civil' });
      otherFileId = pub2.json().fileId;
    });
    after(async () => t?.close());

    test('the template page shows everything a reader needs, without JavaScript', async () => {
      const res = await anon.get(`/templates/${fileId}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
      const body = res.body;
      for (const text of ['模板', '资格考试', '司法考试', '浏览量', '已被使用0次', '收藏', '分享', '免费下载', '使用模板', '编辑']) {
        assert.ok(body.includes(text), text);
      }
      assert.ok(body.includes(`文件编号：${fileId}`));
      assert.ok(body.includes('思维导图大纲') && body.includes('引用法条') && body.includes('相关模板'));
      assert.ok(body.includes('《中华人民共和国民法典》第五百七十七条'));
      assert.match(
        body,
        /<nav class="crumbs"[^>]*><a href="\/templates">模板<\/a> › <a href="\/categories\/exams">资格考试<\/a> › <a href="\/categories\/judicial-exam">司法考试<\/a> › /,
      );
      assert.match(body, /<h3>第一章 合同的订立<\/h3><p class="note">要约与承诺 &lt;b&gt;note&lt;\/b&gt;<\/p>/);
      assert.match(
        body,
        /<h4>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h4><ul><li>第三层 违约金<span class="label">&lt;i&gt;label&lt;\/i&gt;<\/span><ul><li><a href="https:\/\/example.org\/a\?b=1&amp;c=2"/,
      );
      assert.ok(body.includes('<svg'), 'inline SVG preview');
      assert.ok(body.includes(`<link rel="canonical" href="${TEST_ORIGIN}/templates/${fileId}">`));
      assert.match(body, /<meta property="og:title" content="&lt;script&gt;/);
      assert.match(body, /<meta name="description" content="[^"]+">/);
      assert.ok(body.includes(`href="/templates/${otherFileId}"`), 'related template linked');
      assert.ok(body.includes('违约金的调整规则'), 'related template description');
      assert.ok(body.includes(`/api/templates/${fileId}/download?format=xmind`));
      assert.match(body, /<form method="post" action="\/templates\/[0-9a-f]{32}\/use" enctype="multipart\/form-data">/);
      assertInert(body, 'template page');
      assert.ok(!body.includes('\u0001'), 'a slot marker in user text is dropped, not filled');
    });

    test('hostile input is inert on every page', async () => {
      const pages = [
        '/',
        '/templates',
        '/categories/exams',
        '/categories/judicial-exam',
        `/search?q=${encodeURIComponent('合同')}`,
        `/search?q=${encodeURIComponent(XSS)}`,
        `/search?q=${encodeURIComponent('"><svg onload=alert(1)>')}&sort=${encodeURIComponent('"><b>')}`,
        `/authors/${encodeURIComponent(ownerId)}`,
        `/templates/${otherFileId}`,
      ];
      for (const url of pages) {
        const res = await anon.get(url);
        assert.equal(res.statusCode, 200, url);
        assertInert(res.body, url);
        assert.match(res.body, /<title>[^<]+<\/title>/, `${url}: title`);
        assert.match(res.body, /<link rel="canonical" href="http:\/\/arbor\.test\//, `${url}: canonical`);
        assert.match(res.body, /<meta property="og:url"/, `${url}: Open Graph`);
      }
      const svg = await anon.get(`/api/templates/${fileId}/preview.svg`);
      assertInert(svg.body, 'preview.svg');
    });

    test('counters on the page: one view per visitor per day', async () => {
      const views = (body: string) => Number(/浏览量 (\d+)/.exec(body)?.[1]);
      const a = views((await reader.get(`/templates/${otherFileId}`)).body);
      const b = views((await reader.get(`/templates/${otherFileId}`)).body);
      assert.equal(b, a);
      const c = views((await anon.get(`/templates/${otherFileId}`, { headers: { 'user-agent': 'a different browser' } })).body);
      assert.equal(c, a + 1);
    });

    test('listing pages: category subtree, search, author, pagination links, 404s', async () => {
      const exams = await anon.get('/categories/exams');
      assert.ok(exams.body.includes(`/templates/${fileId}`));
      assert.ok(!exams.body.includes(`/templates/${otherFileId}`));
      const search = await anon.get(`/search?q=${encodeURIComponent('违约金')}`);
      assert.ok(search.body.includes(`/templates/${otherFileId}`));
      assert.match(search.body, /找到 2 个模板/);
      assert.match(search.body, /<meta name="robots" content="noindex, follow">/);
      const author = await anon.get(`/authors/${encodeURIComponent(ownerId)}`);
      assert.match(author.body, /共发布 2 个模板/);
      assert.equal((await anon.get('/categories/nope')).statusCode, 404);
      assert.equal((await anon.get('/authors/nobody')).statusCode, 404);
      const missing = await anon.get('/templates/0123456789abcdef0123456789abcdef');
      assert.equal(missing.statusCode, 404);
      assert.match(String(missing.headers['content-type']), /text\/html/);
      assert.equal((await anon.get('/templates?page=99999&sort=bogus')).statusCode, 200);
    });

    test('forms: favourite, use and edit work without JavaScript; cross-site posts are refused', async () => {
      const form = { payload: '', headers: { 'content-type': 'multipart/form-data; boundary=x' } };
      const fav = await reader.request('POST', `/templates/${fileId}/favorite`, undefined, { ...form, payload: '--x--\r\n' });
      assert.equal(fav.statusCode, 303, fav.body);
      assert.equal(fav.headers.location, `/templates/${fileId}`);
      assert.match((await anon.get(`/templates/${fileId}`)).body, /收藏 1/);

      const use = await reader.request('POST', `/templates/${fileId}/use`, undefined, { ...form, payload: '--x--\r\n' });
      assert.equal(use.statusCode, 303);
      assert.match(String(use.headers.location), /^\/app\/maps\//);
      assert.match((await anon.get(`/templates/${fileId}`)).body, /已被使用1次/);

      const edit = await owner.request('POST', `/templates/${fileId}/edit`, undefined, { ...form, payload: '--x--\r\n' });
      assert.equal(edit.headers.location, `/app/maps/${encodeURIComponent(mapId)}`, 'the author edits the original map');

      const foreign = await reader.request('POST', `/templates/${fileId}/favorite`, undefined, {
        ...form,
        payload: '--x--\r\n',
        headers: { ...form.headers, origin: 'https://evil.example' },
      });
      assert.equal(foreign.statusCode, 403);
      assert.match((await anon.get(`/templates/${fileId}`)).body, /收藏 1/, 'nothing changed');

      const loggedOut = await anon.request('POST', `/templates/${fileId}/favorite`, undefined, { ...form, payload: '--x--\r\n' });
      assert.equal(loggedOut.statusCode, 303);
      assert.match(String(loggedOut.headers.location), /^\/login\?next=/);
    });

    test('sitemap.xml lists templates and categories; robots.txt points at it', async () => {
      const sitemap = await anon.get('/sitemap.xml');
      assert.equal(sitemap.statusCode, 200);
      assert.match(String(sitemap.headers['content-type']), /application\/xml/);
      assert.ok(sitemap.body.includes(`<loc>${TEST_ORIGIN}/templates/${fileId}</loc>`));
      assert.ok(sitemap.body.includes(`<loc>${TEST_ORIGIN}/categories/judicial-exam</loc>`));
      const robots = await anon.get('/robots.txt');
      assert.ok(robots.body.includes(`Sitemap: ${TEST_ORIGIN}/sitemap.xml`));
      assert.ok(robots.body.includes('Disallow: /api/'));
    });
  });
}
