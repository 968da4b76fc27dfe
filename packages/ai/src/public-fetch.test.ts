// publicFetch against a fake resolver (no real DNS) and the local OpenAI-protocol server: names that
// resolve to loopback, private, link-local or metadata addresses are refused before any connection;
// the connection goes to the address that was checked, never to a second answer (DNS rebinding).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AiError } from './errors.ts';
import { streamChat } from './provider.ts';
import { type HostResolver, publicFetch, type ResolvedAddress, resolvePublicHost } from './public-fetch.ts';
import { FakeOpenAi } from './testing/fake-openai.ts';

const fake = new FakeOpenAi();
before(() => fake.start());
after(() => fake.close());

/** A resolver answering from a table, counting its calls; a list of answers is handed out in turn. */
function resolver(table: Record<string, string | string[]>) {
  const calls: string[] = [];
  const resolve: HostResolver = async (host) => {
    calls.push(host);
    const entry = table[host];
    if (entry === undefined) throw new Error(`ENOTFOUND ${host}`);
    const answers = Array.isArray(entry) ? entry : [entry];
    const n = calls.filter((h) => h === host).length - 1;
    const address = answers[Math.min(n, answers.length - 1)] as string;
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return { resolve, calls };
}

function refused(code = 'invalid-config', pattern = /ARBOR_AI_ALLOW_PRIVATE/) {
  return (e: unknown) => {
    assert.ok(e instanceof AiError, `expected AiError, got ${e}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  };
}

/** The fake server's URL with its host replaced by `host` (same port). */
const at = (host: string) => fake.url.replace('127.0.0.1', host);

test('names resolving to loopback, private, link-local or metadata addresses are refused, and nothing connects', async () => {
  const { resolve } = resolver({
    'loop.example.com': '127.0.0.1',
    'ten.example.com': '10.1.2.3',
    'meta.example.com': '169.254.169.254',
    'six.example.com': '::1',
    'mapped.example.com': '::ffff:192.168.0.1',
  });
  const before = fake.requests.length;
  for (const host of ['loop', 'ten', 'meta', 'six', 'mapped']) {
    const f = publicFetch({ resolve });
    await assert.rejects(f(`${at(`${host}.example.com`)}/models`), refused(), host);
  }
  await assert.rejects(
    resolvePublicHost('meta.example.com', { resolve }),
    refused('invalid-config', /meta\.example\.com → 169\.254\.169\.254/),
  );
  // Literal private hosts are refused without asking the resolver.
  const literal = resolver({});
  await assert.rejects(publicFetch({ resolve: literal.resolve })(`${fake.url}/models`), refused());
  assert.deepEqual(literal.calls, []);
  assert.equal(fake.requests.length, before, 'no request reached the server');
});

test('a name with any private address among its answers is refused', async () => {
  const resolve: HostResolver = async () => [
    { address: '93.184.216.34', family: 4 },
    { address: '10.0.0.5', family: 4 },
  ];
  await assert.rejects(resolvePublicHost('mixed.example.com', { resolve }), refused());
});

test('public addresses pass and are what the connection uses', async () => {
  const { resolve, calls } = resolver({ 'api.example.com': '93.184.216.34', 'v6.example.com': '2606:4700::6810:84e5' });
  assert.deepEqual(await resolvePublicHost('api.example.com', { resolve }), [{ address: '93.184.216.34', family: 4 }]);
  assert.deepEqual(await resolvePublicHost('v6.example.com', { resolve }), [{ address: '2606:4700::6810:84e5', family: 6 }]);
  assert.deepEqual(await resolvePublicHost('8.8.8.8', { resolve }), [{ address: '8.8.8.8', family: 4 }]);
  assert.deepEqual(calls, ['api.example.com', 'v6.example.com'], 'literal addresses are not resolved');
  await assert.rejects(resolvePublicHost('nowhere.example.com', { resolve }), refused('network', /cannot resolve/));
});

test('allowPrivate lets a local name through, connecting to the address it resolved (the name is not in real DNS)', async () => {
  const { resolve, calls } = resolver({ 'llm.example.test': '127.0.0.1' });
  fake.reset().answer('- 一\n- 二\n');
  const s = streamChat({ baseUrl: at('llm.example.test'), apiKey: 'sk-local', model: 'm' }, [{ role: 'user', content: 'hi' }], {
    fetch: publicFetch({ allowPrivate: true, resolve }),
    retries: 0,
    timeoutMs: 3000,
  });
  let text = '';
  for await (const d of s.deltas()) text += d;
  assert.equal(text, '- 一\n- 二\n');
  assert.deepEqual(calls, ['llm.example.test'], 'resolved once');
  const req = fake.requests.at(-1);
  assert.equal(req?.headers.host, `llm.example.test:${new URL(fake.url).port}`, 'the Host header keeps the name');
  assert.equal(req?.headers.authorization, 'Bearer sk-local');
});

test('DNS rebinding: a name that was public when saved and resolves privately now is refused, without retries', async () => {
  const { resolve, calls } = resolver({ 'rebind.example.com': ['93.184.216.34', '127.0.0.1'] });
  await resolvePublicHost('rebind.example.com', { resolve }); // the check when the URL was saved
  const before = fake.requests.length;
  const s = streamChat({ baseUrl: at('rebind.example.com'), model: 'm' }, [{ role: 'user', content: 'hi' }], {
    fetch: publicFetch({ resolve }),
    retries: 3,
    backoffMs: 1,
  });
  await assert.rejects(
    (async () => {
      for await (const _ of s.deltas());
    })(),
    refused('invalid-config', /rebind\.example\.com → 127\.0\.0\.1/),
  );
  assert.equal(s.retries, 0);
  assert.equal(calls.length, 2);
  assert.equal(fake.requests.length, before);
});

test('the response streams, keeps its status and headers, and redirects are not followed', async () => {
  const f = publicFetch({ allowPrivate: true });
  fake.reset().reply({ status: 429, headers: { 'retry-after': '3' }, json: { error: { message: 'slow down' } } });
  const limited = await f(`${fake.url}/chat/completions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '3');
  assert.deepEqual(await limited.json(), { error: { message: 'slow down' } });
  assert.deepEqual(fake.requests.at(-1)?.body, {});

  fake.reset().reply({ status: 302, headers: { location: 'http://169.254.169.254/' }, json: {} });
  await assert.rejects(f(`${fake.url}/chat/completions`, { method: 'POST', body: '{}', redirect: 'error' }), /redirect refused/);

  const ctl = new AbortController();
  fake.reset().reply({ silent: true });
  const pending = f(`${fake.url}/chat/completions`, { method: 'POST', body: '{}', signal: ctl.signal }).then((r) => r.text());
  setTimeout(() => ctl.abort(new Error('stop')), 50);
  await assert.rejects(pending);
});

test('addresses of every kind are checked the same way as literal hosts', async () => {
  const cases: ResolvedAddress[] = [
    { address: '0.0.0.0', family: 4 },
    { address: '100.64.1.1', family: 4 },
    { address: 'fd00::1', family: 6 },
    { address: 'fe80::1', family: 6 },
  ];
  for (const a of cases) await assert.rejects(resolvePublicHost('x.example.com', { resolve: async () => [a] }), refused(), a.address);
});
