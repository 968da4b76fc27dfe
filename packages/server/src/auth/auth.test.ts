import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cleanUp } from '../http/maintenance.ts';
import { startTestApp, type TestApp, TestClient, testDatabases } from '../http/testing.ts';

for (const { name, make, skip } of await testDatabases()) {
  describe(`accounts (${name})`, { skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(make());
    });
    after(async () => t?.close());

    test('healthz answers once migrations ran', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 200);
    });

    test('signup, me, logout, login, password change', async () => {
      const c = new TestClient(t.app);
      const u = await c.signup('Alice');
      assert.ok(c.cookie);
      const me = await c.get('/api/auth/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.email, u.email);

      const dup = await new TestClient(t.app).post('/api/auth/signup', {
        email: u.email.toUpperCase(),
        password: 'another password',
        name: 'X',
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'email-taken');

      assert.equal((await c.post('/api/auth/logout')).statusCode, 200);
      assert.equal((await c.get('/api/auth/me')).statusCode, 401);

      const bad = await c.post('/api/auth/login', { email: u.email, password: 'wrong password' });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'invalid-credentials');
      assert.equal((await c.post('/api/auth/login', { email: u.email, password: u.password })).statusCode, 200);

      const other = new TestClient(t.app);
      await other.post('/api/auth/login', { email: u.email, password: u.password });
      const wrongCurrent = await c.post('/api/auth/password', { currentPassword: 'nope nope', newPassword: 'brand new secret' });
      assert.equal(wrongCurrent.statusCode, 401);
      assert.equal((await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'brand new secret' })).statusCode, 200);
      assert.equal((await c.get('/api/auth/me')).statusCode, 200, 'this session stays');
      assert.equal((await other.get('/api/auth/me')).statusCode, 401, 'other sessions end');
      assert.equal((await new TestClient(t.app).post('/api/auth/login', { email: u.email, password: u.password })).statusCode, 401);
      assert.equal((await new TestClient(t.app).post('/api/auth/login', { email: u.email, password: 'brand new secret' })).statusCode, 200);
    });

    test('the session cookie is httpOnly and SameSite=Lax; the token is stored hashed', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        headers: { host: 'arbor.test', origin: 'http://arbor.test' },
        payload: { email: 'cookie@example.org', password: 'long enough pw', name: 'C' },
      });
      const cookie = res.cookies.find((c) => c.name === 'arbor_session');
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      const rows = await t.app.db.selectFrom('sessions').select('id').execute();
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.id !== cookie.value));
      const hashed = await t.app.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', 'cookie@example.org')
        .executeTakeFirstOrThrow();
      assert.match(hashed.password_hash, /^scrypt\$/);
    });

    test('signup validates its body', async () => {
      const c = new TestClient(t.app);
      for (const body of [
        { email: 'x@example.org', password: 'short', name: 'X' },
        { email: 'not-an-email', password: 'long enough', name: 'X' },
        { email: 'x@example.org', password: 'long enough' },
        { email: 42, password: 'long enough', name: 'X' },
      ]) {
        const res = await c.post('/api/auth/signup', body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.equal(res.json().error.code, 'invalid-request');
      }
      const malformed = await c.request('POST', '/api/auth/signup', undefined, {
        payload: '{"email":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'malformed-json');
      assert.equal(await t.app.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst(), undefined);
    });

    test('login is rate-limited per IP and email', async () => {
      const c = new TestClient(t.app);
      const u = await c.signup('Rate');
      const anon = new TestClient(t.app);
      let last = 0;
      for (let i = 0; i < 12; i++) last = (await anon.post('/api/auth/login', { email: u.email, password: `wrong-${i}` })).statusCode;
      assert.equal(last, 429);
      const blocked = await anon.post('/api/auth/login', { email: u.email, password: u.password });
      assert.equal(blocked.statusCode, 429, 'even the right password waits');
      assert.equal(blocked.json().error.code, 'rate-limited');
    });

    test('cookie-authenticated writes need a same-origin JSON or multipart request (CSRF)', async () => {
      const c = new TestClient(t.app);
      await c.signup('Csrf');
      const body = { currentPassword: 'x', newPassword: 'whatever123' };
      const noOrigin = await c.post('/api/auth/password', body, { noOrigin: true });
      assert.equal(noOrigin.statusCode, 403);
      assert.equal(noOrigin.json().error.code, 'csrf');
      const foreign = await c.post('/api/auth/password', body, { headers: { origin: 'https://evil.example' } });
      assert.equal(foreign.statusCode, 403);
      const referer = await c.post('/api/auth/logout', {}, { noOrigin: true, headers: { referer: 'http://arbor.test/app' } });
      assert.equal(referer.statusCode, 200, 'a same-origin Referer is enough');
      await c.post('/api/auth/login', { email: 'nobody@example.org', password: 'x' });
      const c2 = new TestClient(t.app);
      await c2.signup('Form');
      const form = await c2.request('POST', '/api/auth/logout', undefined, {
        payload: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(form.statusCode, 403);
      assert.equal((await c2.get('/api/auth/me')).statusCode, 200, 'the refused logout changed nothing');
    });

    test('housekeeping deletes expired sessions and stale login throttling', async () => {
      const c = new TestClient(t.app);
      const u = await c.signup('Old');
      await t.app.db
        .updateTable('sessions')
        .set({ expires_at: Date.now() - 1 })
        .where('user_id', '=', u.id)
        .execute();
      assert.equal((await c.get('/api/auth/me')).statusCode, 401, 'an expired session is not accepted');
      await t.app.db
        .insertInto('login_attempts')
        .values({ key: 'stale', window_start: Date.now() - 3600_000, failures: 3 })
        .execute();
      await cleanUp(t.app);
      assert.equal((await t.app.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).length, 0);
      assert.equal(await t.app.db.selectFrom('login_attempts').select('key').where('key', '=', 'stale').executeTakeFirst(), undefined);
    });
  });
}
