// The provider against a local OpenAI-protocol server (real HTTP, real SSE framing) replaying
// recorded streams: normal, slow, split in odd places, malformed, disconnected, rate limited,
// endless, silent, cancelled.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AiError } from './errors.ts';
import { chatCompletionsUrl, estimateTokens, streamChat } from './provider.ts';
import { deltaFrame, FakeOpenAi, recordedStream, splitBytes } from './testing/fake-openai.ts';

const fake = new FakeOpenAi();
before(() => fake.start());
after(() => fake.close());

const ANSWER = '# 人工智能\n- 机器学习\n  - 监督学习 😀\n- 深度学习\n';
const provider = () => ({ baseUrl: fake.url, apiKey: 'sk-test', model: 'test-model' });
const fast = { backoffMs: 5, timeoutMs: 2000, stallMs: 2000 };

async function collect(opts: Parameters<typeof streamChat>[2] = fast) {
  const s = streamChat(provider(), [{ role: 'user', content: '人工智能' }], opts);
  const deltas: string[] = [];
  for await (const d of s.deltas()) deltas.push(d);
  return { s, deltas, text: deltas.join('') };
}

async function rejects(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AiError, `expected AiError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('a normal stream: text, usage from the provider, request shape and key', async () => {
  fake.answer(ANSWER, { usage: { prompt_tokens: 12, completion_tokens: 34 } });
  const { s, text, deltas } = await collect();
  assert.equal(text, ANSWER);
  assert.ok(deltas.length > 5);
  assert.deepEqual(s.usage, { promptTokens: 12, completionTokens: 34, estimated: false });
  const req = fake.requests.at(-1);
  assert.equal(req?.path, '/v1/chat/completions');
  assert.equal(req?.headers.authorization, 'Bearer sk-test');
  assert.equal(req?.body.model, 'test-model');
  assert.equal(req?.body.stream, true);
});

test('a slow stream arrives whole', async () => {
  fake.reply({ chunks: splitBytes(new TextEncoder().encode(recordedStream(ANSWER)), [40, 90, 200, 260, 400]), delayMs: 30 });
  assert.equal((await collect()).text, ANSWER);
});

test('splits inside a UTF-8 character, inside a line and inside "data:" give the same text', async () => {
  const bytes = new TextEncoder().encode(recordedStream(ANSWER, { pieceChars: 5 }));
  // Every offset: each piece boundary falls somewhere new (inside 😀, inside "da|ta:", between \n\n…).
  for (const step of [1, 2, 3, 7, 13]) {
    const offsets: number[] = [];
    for (let i = step; i < bytes.length; i += step) offsets.push(i);
    fake.reply({ chunks: splitBytes(bytes, offsets) });
    assert.equal((await collect()).text, ANSWER, `step ${step}`);
  }
});

test('CRLF line breaks and comments are read like LF', async () => {
  fake.reply({ chunks: [`: keep-alive\r\n\r\n${recordedStream(ANSWER).replace(/\n/g, '\r\n')}`] });
  assert.equal((await collect()).text, ANSWER);
});

test('malformed chunks are skipped; the rest of the answer arrives', async () => {
  const good = recordedStream(ANSWER);
  const i = good.indexOf('data:', 200);
  fake.reply({ chunks: [good.slice(0, i), 'data: {"choices": [ broken\n\n', 'data: not json at all\n\n', good.slice(i)] });
  assert.equal((await collect()).text, ANSWER);
});

test('a stream of nothing but garbage is a malformed-stream error', async () => {
  fake.reply({ chunks: ['data: {oops\n\n', 'data: <html>\n\n'] });
  await rejects(collect(), 'malformed-stream');
});

test('a disconnect mid-stream is a stream-interrupted error after the text that arrived', async () => {
  const bytes = new TextEncoder().encode(recordedStream(ANSWER));
  fake.reply({ chunks: splitBytes(bytes, [400, 500]), disconnectAfter: 1, delayMs: 30 });
  const s = streamChat(provider(), [{ role: 'user', content: 'x' }], fast);
  let got = '';
  await rejects(
    (async () => {
      for await (const d of s.deltas()) got += d;
    })(),
    'stream-interrupted',
  );
  assert.ok(got.length > 0 && ANSWER.startsWith(got));
  assert.ok(s.partialUsage().completionTokens > 0);
});

test('429 then success: retried with backoff (Retry-After honoured)', async () => {
  fake.reply(
    { status: 429, headers: { 'retry-after': '0' }, json: { error: { message: 'slow down' } } },
    { status: 503, json: { error: 'busy' } },
  );
  fake.answer(ANSWER);
  const { s, text } = await collect();
  assert.equal(text, ANSWER);
  assert.equal(s.retries, 2);
});

test('429 every time gives up with rate-limited; 401 is not retried', async () => {
  fake.reply(...Array.from({ length: 4 }, () => ({ status: 429, json: { error: { message: 'quota' } } })));
  await rejects(collect({ ...fast, retries: 3 }), 'rate-limited');
  const n = fake.requests.length;
  fake.reply({ status: 401, json: { error: { message: 'Incorrect API key provided: sk-t***' } } });
  await rejects(collect(), 'auth-failed');
  assert.equal(fake.requests.length, n + 1);
  fake.reply({ status: 404, json: { error: { message: 'model not found' } } });
  await rejects(collect(), 'model-not-found');
});

test('an endless stream is cut off at the length limit', async () => {
  fake.reply({ endless: true, delayMs: 1 });
  await rejects(collect({ ...fast, maxOutputChars: 2000 }), 'stream-too-long');
});

test('an endless stream is also cut off at the duration limit', async () => {
  fake.reply({ endless: true, delayMs: 5 });
  await rejects(collect({ ...fast, maxDurationMs: 300 }), 'stream-too-long');
});

test('a stream that ends without finishing is interrupted; one that goes silent is cut off', async () => {
  fake.reply({ chunks: [deltaFrame('- 开始\n')] });
  await rejects(collect(), 'stream-interrupted');
  fake.reply({ silent: true });
  await rejects(collect({ ...fast, stallMs: 150 }), 'stalled');
});

test('cancellation through an AbortSignal', async () => {
  fake.reply({ endless: true, delayMs: 2 });
  const ctl = new AbortController();
  const s = streamChat(provider(), [{ role: 'user', content: 'x' }], { ...fast, signal: ctl.signal });
  let n = 0;
  await rejects(
    (async () => {
      for await (const _ of s.deltas()) if (++n === 5) ctl.abort();
    })(),
    'aborted',
  );
});

test('a server that refuses stream_options gets the request again without it', async () => {
  fake.reply({ status: 400, json: { error: { message: 'Unrecognized request argument supplied: stream_options' } } });
  fake.answer(ANSWER);
  const { text } = await collect();
  assert.equal(text, ANSWER);
  assert.equal(fake.requests.at(-1)?.body.stream_options, undefined);
  assert.deepEqual(fake.requests.at(-2)?.body.stream_options, { include_usage: true });
});

test('a redirect is refused (the key never follows it elsewhere)', async () => {
  fake.reply({ status: 307, headers: { location: 'http://127.0.0.1:9/v1/chat/completions' }, json: {} });
  await rejects(collect({ ...fast, retries: 0 }), 'network');
});

test('a server that ignores stream:true and answers JSON', async () => {
  fake.reply({
    json: { choices: [{ message: { role: 'assistant', content: ANSWER } }], usage: { prompt_tokens: 3, completion_tokens: 4 } },
  });
  const { text, s } = await collect();
  assert.equal(text, ANSWER);
  assert.equal(s.usage.completionTokens, 4);
});

test('an unreachable server is a network error after the retries', async () => {
  const s = streamChat({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }, [{ role: 'user', content: 'x' }], { ...fast, retries: 1 });
  await rejects(
    (async () => {
      for await (const _ of s.deltas());
    })(),
    'network',
  );
});

test('usage is estimated when the provider sends none', async () => {
  const body = recordedStream(ANSWER).replace(/data: \{[^\n]*"usage"[^\n]*\n\n/, '');
  fake.reply({ chunks: [body] });
  const { s } = await collect();
  assert.equal(s.usage.estimated, true);
  assert.equal(s.usage.completionTokens, estimateTokens(ANSWER));
});

test('provider quirks: reasoning deltas and null content (DeepSeek), extra fields and no usage (llama.cpp), keep-alive comments', async () => {
  const frame = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
  const deepseek = [
    frame({ choices: [{ index: 0, delta: { role: 'assistant', content: null, reasoning_content: '' } }] }),
    frame({ choices: [{ index: 0, delta: { content: null, reasoning_content: '先想一想' } }] }),
    ': keep-alive\n\n',
    frame({ choices: [{ index: 0, delta: { content: '- 甲\n', reasoning_content: null } }] }),
    frame({
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
    }),
    'data: [DONE]\n\n',
  ];
  fake.reply({ chunks: deepseek });
  const a = await collect();
  assert.equal(a.text, '- 甲\n');
  assert.equal(a.s.usage.promptTokens, 9);
  const llamacpp = [
    frame({ choices: [{ index: 0, delta: { content: '- 乙' } }], created: 1, id: 'x', model: 'gguf', object: 'chat.completion.chunk' }),
    frame({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], timings: { predicted_ms: 12.5 } }),
    'data: [DONE]\n\n',
  ];
  fake.reply({ chunks: llamacpp });
  const b = await collect();
  assert.equal(b.text, '- 乙');
  assert.equal(b.s.usage.estimated, true);
  // An Ollama-style stream that ends after finish_reason without [DONE] is complete too.
  fake.reply({ chunks: [frame({ choices: [{ index: 0, delta: { content: '- 丙' }, finish_reason: 'stop' }] })] });
  assert.equal((await collect()).text, '- 丙');
});

test('base URLs: /chat/completions appended once, non-http and credentials refused', () => {
  assert.equal(chatCompletionsUrl('https://api.deepseek.com/v1/'), 'https://api.deepseek.com/v1/chat/completions');
  assert.equal(chatCompletionsUrl('http://localhost:11434/v1/chat/completions'), 'http://localhost:11434/v1/chat/completions');
  assert.throws(() => chatCompletionsUrl('file:///etc/passwd'), /http/);
  assert.throws(() => chatCompletionsUrl('https://u:p@example.com/v1'), /credentials/);
  assert.throws(() => chatCompletionsUrl('not a url'), /not a URL/);
});
