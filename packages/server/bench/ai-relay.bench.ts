// Server relay cost per chunk (issue 15: ≤ 5 ms): a local OpenAI-protocol server streams an answer
// of N frames as fast as it can; the same answer is read (a) directly by @arbor/ai's client and (b)
// through POST /api/ai/generate on a listening Arbor server (SQLite, temp dir) over real HTTP. The
// difference per model frame is what the server adds: parsing, ops, SSE framing, the second hop.
// Prints figures; never passes or fails on time.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SseDecoder, streamChat } from '@arbor/ai';
import { FakeOpenAi } from '@arbor/ai/testing';
import { loadAiConfig } from '../src/ai/config.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const TOPICS = 1500;
const RUNS = 7;
const answer = `# 根\n${Array.from({ length: TOPICS }, (_, i) => (i % 5 === 0 ? `- 分支${i}` : `  - 主题${i} 说明`)).join('\n')}\n`;
const PIECE = 3;
const frames = Math.ceil([...answer].length / PIECE);

const fake = await new FakeOpenAi().start();
fake.fallback = { chunks: [] };
const dir = mkdtempSync(join(tmpdir(), 'arbor-ai-bench-'));
const ai = { ...loadAiConfig({}), baseUrl: fake.url, model: 'bench', ratePerMinute: 0, dailyTokens: 0 };
const app = await buildApp(loadConfig({ NODE_ENV: 'test' }, { dataDir: dir, seedDemo: false, logger: false, scryptLogN: 10, ai }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const signup = await fetch(`${origin}/api/auth/signup`, {
  method: 'POST',
  headers: { origin, 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.org', password: 'long enough pw', name: 'Bench' }),
});
const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function direct(): Promise<number> {
  fake.answer(answer, { pieceChars: PIECE });
  const t0 = performance.now();
  const s = streamChat({ baseUrl: fake.url, model: 'bench' }, [{ role: 'user', content: 'x' }]);
  for await (const _ of s.deltas());
  return performance.now() - t0;
}

async function relayed(): Promise<{ ms: number; ops: number; events: number }> {
  fake.answer(answer, { pieceChars: PIECE });
  const t0 = performance.now();
  const res = await fetch(`${origin}/api/ai/generate`, {
    method: 'POST',
    headers: { origin, cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ topic: '根', depth: 3 }),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const d = new SseDecoder();
  let ops = 0;
  let events = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const e of d.push(value)) {
      events++;
      if (e.event === 'ops') ops += (JSON.parse(e.data) as { ops: unknown[] }).ops.length;
      if (e.event === 'error') throw new Error(e.data);
    }
  }
  return { ms: performance.now() - t0, ops, events };
}

const a: number[] = [];
const b: number[] = [];
let last = { ops: 0, events: 0 };
for (let i = 0; i < RUNS; i++) {
  a.push(await direct());
  const r = await relayed();
  b.push(r.ms);
  last = r;
}
a.sort((x, y) => x - y);
b.sort((x, y) => x - y);
const med = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
const perFrame = ((med(b) - med(a)) / frames) * 1000;
console.log(`load average ${loadavg()[0]?.toFixed(2)}; ${frames} model frames, ${last.ops} ops in ${last.events} events`);
console.log(`direct client: median ${med(a).toFixed(1)} ms; through the server: median ${med(b).toFixed(1)} ms (min ${b[0]?.toFixed(1)})`);
console.log(
  `server relay adds ${perFrame.toFixed(1)} µs per model frame (median difference; min-to-min ${((((b[0] as number) - (a[0] as number)) / frames) * 1000).toFixed(1)} µs)`,
);
await app.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
