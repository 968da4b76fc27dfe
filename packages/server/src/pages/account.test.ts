// The account pages, the reader-aware header, the two languages and the stylesheet, on SQLite and
// PostgreSQL: forms that work without JavaScript (urlencoded, same origin only), a safe `next`,
// 使用模板 for a newcomer (sign up → straight into the editor with the copy), the JSON API
// unchanged, the stylesheet reaching the browser raw, and the web font's stylesheet and slices.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { DocBuilder } from '@arbor/core';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';
import { safeNext } from './account-routes.ts';
import { langFromAcceptLanguage } from './i18n/index.ts';
import { STYLE } from './layout.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Posts an HTML form the way a browser without JavaScript does. */
function postForm(client: TestClient, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return client.request('POST', url, undefined, { payload: form(fields), headers: { ...FORM, ...headers } });
}

/** The text between <style> and </style> of the page's own stylesheet. */
function inlineStyle(page: string): string {
  const m = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].find((s) => s[1]!.includes('box-sizing'));
  assert.ok(m, 'the page has an inline stylesheet');
  return m[1]!;
}

test('safeNext keeps same-origin paths only', () => {
  assert.equal(safeNext('/templates/abc?x=1#y'), '/templates/abc?x=1#y');
  assert.equal(safeNext('/app/maps/1'), '/app/maps/1');
  for (const bad of [
    '//evil.example/x',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    '/a\nb',
    ' /x',
    '/login?next=/x',
    42,
  ])
    assert.equal(safeNext(bad), '/app/', String(bad));
  assert.equal(safeNext('/%2F%2Fevil.example'), '/%2F%2Fevil.example', 'an encoded slash stays a path on this site');
});

test('Accept-Language picks the best language we speak', () => {
  assert.equal(langFromAcceptLanguage(undefined), 'zh');
  assert.equal(langFromAcceptLanguage('en-US,en;q=0.9'), 'en');
  assert.equal(langFromAcceptLanguage('en;q=0.5,zh-CN;q=0.8'), 'zh');
  assert.equal(langFromAcceptLanguage('fr-FR,de'), 'zh');
  assert.equal(langFromAcceptLanguage('de,en-GB;q=0.3'), 'en');
  assert.equal(langFromAcceptLanguage('en;q=0,zh;q=0.1'), 'zh');
  assert.equal(langFromAcceptLanguage('en;q=garbage'), 'en');
});

test('the stylesheet holds CSS syntax that HTML escaping would break', () => {
  assert.match(STYLE, /"Noto Sans SC"/);
  assert.match(STYLE, /details\.menu>div\{position:absolute/);
  assert.ok(!STYLE.includes('</'));
});

for (const dbCase of await testDatabases()) {
  describe(`account pages, languages and styles (${dbCase.name})`, { skip: dbCase.skip }, () => {
    let t: TestApp;
    let author: TestClient;
    let fileId = '';

    before(async () => {
      t = await startTestApp(dbCase.make());
      author = new TestClient(t.app);
      await author.signup('作者');
      const b = new DocBuilder({ title: '劳动合同法要点', rootText: '劳动合同法要点' });
      b.add(b.rootId, { text: '劳动合同的订立' });
      b.add(b.rootId, { text: '饕餮与魑魅魍魉（生僻字）' });
      const map = await author.post('/api/maps', { doc: b.build() });
      const pub = await author.post(`/api/maps/${map.json().map.id}/publish`, { description: '订立、履行与解除', category: 'law-civil' });
      assert.equal(pub.statusCode, 201, pub.body);
      fileId = pub.json().fileId;
    });
    after(async () => t?.close());

    test('the stylesheet reaches the browser raw, and the web font is linked', async () => {
      const anon = new TestClient(t.app);
      for (const url of ['/', `/templates/${fileId}`, '/search?q=x', '/login', '/signup']) {
        const res = await anon.get(url);
        assert.equal(res.statusCode, 200, url);
        const css = inlineStyle(res.body);
        assert.ok(!/&quot;|&gt;|&lt;|&amp;|&#39;/.test(css), `${url}: no HTML entity inside <style>`);
        assert.match(css, /font:15px\/1\.7 "Noto Sans SC"/, url);
        assert.match(css, /details\.menu>div\{/, url);
        assert.match(res.body, /<link rel="stylesheet" href="\/fonts\/noto-sans-sc\.css">/, url);
        assert.match(String(res.headers['content-security-policy']), /font-src 'self'/);
      }
    });

    test('the font stylesheet lists unicode-range slices; a slice is WOFF2 from this server', async () => {
      const anon = new TestClient(t.app);
      const res = await anon.get('/fonts/noto-sans-sc.css');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/css/);
      const faces = res.body.match(/@font-face\{[^}]*\}/g) ?? [];
      assert.ok(faces.length > 20, `${faces.length} slices`);
      for (const f of faces) {
        assert.match(f, /font-family:"Noto Sans SC"/);
        assert.match(f, /unicode-range:U\+[0-9A-F]/);
        assert.match(f, /src:url\(\/fonts\/noto-sans-sc\/[0-9a-f]{12}\/[a-z0-9-]+\.woff2\)/);
      }
      // The slice holding 的 (the most common character) is one of the first Han slices.
      const han = faces.find((f) => /han-00/.test(f))!;
      assert.match(han, /U\+7684/);
      const url = /url\(([^)]+)\)/.exec(han)![1]!;
      const slice = await anon.get(url);
      assert.equal(slice.statusCode, 200);
      assert.equal(slice.headers['content-type'], 'font/woff2');
      assert.match(String(slice.headers['cache-control']), /immutable/);
      assert.equal(slice.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2');
      assert.ok(slice.rawPayload.length > 10_000 && slice.rawPayload.length < 200_000, `${slice.rawPayload.length} bytes`);
      const again = await anon.get(url);
      assert.deepEqual(again.rawPayload, slice.rawPayload, 'served from the disk cache the same');
      assert.equal((await anon.get(url.replace(/\/[0-9a-f]{12}\//, '/000000000000/'))).statusCode, 404);
      assert.equal((await anon.get('/fonts/noto-sans-sc/x/..%2F..%2Fetc.woff2')).statusCode, 404);
      // A template page declares its own subset for its rarer characters, after the shared stylesheet.
      const page = (await anon.get(`/templates/${fileId}`)).body;
      const own = /<link rel="stylesheet" href="\/fonts\/noto-sans-sc\.css"><style>(@font-face\{[^}]*\})<\/style>/.exec(page);
      assert.ok(own, 'the page declares its own font subset');
      for (const ch of '饕餮魑魅魍魉') assert.match(own[1]!, new RegExp(`U\\+${ch.codePointAt(0)!.toString(16).toUpperCase()}`), ch);
      assert.ok(!own[1]!.includes('U+7684'), 'common characters stay in the shared slices');
      const subset = await anon.get(/url\(([^)]+)\)/.exec(own[1]!)![1]!);
      assert.equal(subset.statusCode, 200);
      assert.equal(subset.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2');
      assert.ok(subset.rawPayload.length < 20_000, `${subset.rawPayload.length} bytes for a few characters`);
      const compressed = await anon.get(`/templates/${fileId}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(compressed.headers['content-encoding'], 'br');
      assert.match(String(compressed.headers.vary), /Accept-Encoding/);
      assert.equal(
        brotliDecompressSync(compressed.rawPayload)
          .toString('utf8')
          .replace(/浏览量 \d+/, ''),
        page.replace(/浏览量 \d+/, ''),
      );
      const br = await anon.get('/fonts/noto-sans-sc.css', { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(br.rawPayload.length < res.rawPayload.length / 3);
    });

    test('sign up, see yourself in the header, sign out, sign in, change the password — all as plain forms', async () => {
      const user = new TestClient(t.app);
      const email = `form-${dbCase.name}@example.org`;
      const page = await user.get('/signup?next=/templates');
      assert.match(page.body, /<form class="auth" method="post" action="\/signup">/);
      assert.match(page.body, /name="next" value="\/templates"/);

      const short = await postForm(user, '/signup', { name: '小明', email, password: 'short', next: '/templates' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /密码至少需要 8 个字符/);
      assert.match(short.body, /value="小明"/, 'what was typed comes back');
      assert.ok(!short.body.includes('value="short"'), 'never the password');

      const ok = await postForm(user, '/signup', { name: '小明', email, password: 'correct horse battery', next: '/templates' });
      assert.equal(ok.statusCode, 303, ok.body);
      assert.equal(ok.headers.location, '/templates');
      const home = await user.get('/');
      assert.match(home.body, /已登录：小明/);
      assert.match(home.body, /<a href="\/app\/">我的文件<\/a>/);
      assert.match(home.body, /action="\/logout"/);
      assert.equal((await user.get('/api/auth/me')).json().user.email, email, 'the same session the API sees');

      const taken = await postForm(new TestClient(t.app), '/signup', { name: 'x', email, password: 'another password' });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /该邮箱已注册/);

      const out = await postForm(user, '/logout', {});
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/logout');
      assert.equal(user.cookie, undefined);
      assert.match((await user.get('/logout')).body, /你已退出登录/);
      assert.match((await user.get('/')).body, /href="\/login\?next=%2F">登录<\/a>/);

      const wrong = await postForm(user, '/login', { email, password: 'wrong password!', next: '/app/' });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /邮箱或密码错误/);
      const evil = await postForm(user, '/login', { email, password: 'correct horse battery', next: '//evil.example/phish' });
      assert.equal(evil.statusCode, 303);
      assert.equal(evil.headers.location, '/app/', 'a foreign next is ignored');

      const badCurrent = await postForm(user, '/account/password', { currentPassword: 'nope nope', newPassword: 'brand new password' });
      assert.equal(badCurrent.statusCode, 401);
      assert.match(badCurrent.body, /当前密码错误/);
      const changed = await postForm(user, '/account/password', {
        currentPassword: 'correct horse battery',
        newPassword: 'brand new password',
      });
      assert.equal(changed.statusCode, 200);
      assert.match(changed.body, /密码已修改/);
      const fresh = new TestClient(t.app);
      assert.equal((await postForm(fresh, '/login', { email, password: 'brand new password' })).statusCode, 303);
    });

    test('forms from another site are refused; the JSON API still refuses urlencoded bodies', async () => {
      const victim = new TestClient(t.app);
      await victim.signup('Victim');
      const foreign = await postForm(victim, '/logout', {}, { origin: 'https://evil.example' });
      assert.equal(foreign.statusCode, 403);
      assert.equal((await victim.get('/api/auth/me')).statusCode, 200, 'still signed in');
      const noOrigin = await victim.request('POST', '/logout', undefined, { payload: '', headers: FORM, noOrigin: true });
      assert.equal(noOrigin.statusCode, 403);
      const loginCsrf = await postForm(
        new TestClient(t.app),
        '/login',
        { email: 'a@b.c', password: 'xxxxxxxx' },
        { origin: 'https://evil.example' },
      );
      assert.equal(loginCsrf.statusCode, 403);
      const api = await victim.request('POST', '/api/auth/password', undefined, {
        payload: form({ currentPassword: 'correct horse battery', newPassword: 'zzzzzzzzzz' }),
        headers: FORM,
      });
      assert.equal(api.statusCode, 403, 'cookie-authenticated API writes stay JSON/multipart only');
      const apiAnon = await new TestClient(t.app).request('POST', '/api/auth/login', undefined, {
        payload: form({ email: 'a@b.c', password: 'x' }),
        headers: FORM,
      });
      assert.equal(apiAnon.statusCode, 415);
    });

    test('使用模板 for a newcomer: sign up, then straight into the editor with the copy', async () => {
      const newcomer = new TestClient(t.app);
      const multipart = { 'content-type': 'multipart/form-data; boundary=x' };
      const use = await newcomer.request('POST', `/templates/${fileId}/use`, undefined, { payload: '--x--\r\n', headers: multipart });
      assert.equal(use.statusCode, 303);
      const target = String(use.headers.location);
      assert.equal(target, `/signup?next=${encodeURIComponent(`/templates/${fileId}/use`)}`);
      const page = await newcomer.get(target);
      assert.match(page.body, new RegExp(`name="next" value="/templates/${fileId}/use"`));
      const done = await postForm(newcomer, '/signup', {
        name: '新用户',
        email: `new-${dbCase.name}@example.org`,
        password: 'correct horse battery',
        next: `/templates/${fileId}/use`,
      });
      assert.equal(done.statusCode, 303);
      const editor = String(done.headers.location);
      assert.match(editor, /^\/app\/maps\/[^/]+$/);
      const mapId = decodeURIComponent(editor.slice('/app/maps/'.length));
      const map = await newcomer.get(`/api/maps/${encodeURIComponent(mapId)}`);
      assert.equal(map.statusCode, 200);
      assert.equal(map.json().role, 'owner');
      assert.equal(map.json().doc.title, '劳动合同法要点');
      // The same link while signed in asks before copying again.
      const confirm = await newcomer.get(`/templates/${fileId}/use`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, new RegExp(`<form method="post" action="/templates/${fileId}/use">`));
      assert.equal((await newcomer.get('/templates/0000/use')).statusCode, 404);
    });

    test('two languages: Accept-Language, a remembered switch, locale dates and numbers', async () => {
      const reader = new TestClient(t.app);
      const en = await reader.get(`/templates/${fileId}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
      assert.match(en.body, /<html lang="en">/);
      assert.match(en.body, />My files</);
      assert.match(en.body, />Sign in</);
      assert.match(en.body, /hreflang="zh-CN"[^>]*>简体中文</);
      for (const label of ['Use template', 'Download free', 'About this template', 'Outline', 'Related templates', 'Views '])
        assert.ok(en.body.includes(label), label);
      assert.ok(!/使用模板|免费下载|模板简介|思维导图大纲|浏览量/.test(en.body), 'no Chinese UI string on the English template page');
      const zh = await reader.get('/templates');
      assert.match(zh.body, /<html lang="zh-CN">/);
      assert.match(zh.body, /全部模板/);
      assert.match(zh.body, /\d{4}\/\d{2}\/\d{2}/, 'dates as 2024/05/01 in Chinese');

      const sw = await reader.get(`/language?to=en&next=${encodeURIComponent('/templates?sort=new')}`);
      assert.equal(sw.statusCode, 303);
      assert.equal(sw.headers.location, '/templates?sort=new');
      const cookie = sw.cookies.find((c) => c.name === 'lang');
      assert.equal(cookie?.value, 'en');
      assert.ok(Number(cookie?.maxAge) > 300 * 24 * 3600, 'remembered');
      const remembered = await reader.get('/templates', { headers: { cookie: 'lang=en', 'accept-language': 'zh-CN' } });
      assert.match(remembered.body, /<h1>All templates<\/h1>/);
      assert.match(remembered.body, /[A-Z][a-z]{2} \d{2}, \d{4}/, 'dates as May 01, 2024 in English');
      assert.ok(!/全部模板|我的文件|登录|搜索模板/.test(remembered.body), 'no Chinese UI string left in the shell and list');
      const login = await reader.get('/login', { headers: { cookie: 'lang=en' } });
      assert.match(login.body, /Sign in to Arbor/);
      assert.equal((await reader.get('/language?to=xx&next=https://evil.example/')).headers.location, '/');
    });
  });
}
