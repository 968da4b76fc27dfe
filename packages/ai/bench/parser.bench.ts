// Outline parser overhead per 1,000 tokens (issue 15: ≤ 1 ms), and the client side of a stream:
// SSE decoding + JSON per chunk. The answer is a realistic 3-level Chinese outline with a preamble,
// a fence and Markdown headings, fed in token-sized pieces (2–4 characters) as a model sends them.
// Prints figures; never passes or fails on time.

import { loadavg } from 'node:os';
import { asTopicId } from '@arbor/core';
import { OutlineParser } from '../src/outline.ts';
import { estimateTokens } from '../src/provider.ts';
import { SseDecoder } from '../src/sse.ts';
import { recordedStream } from '../src/testing/fake-openai.ts';

const WORDS = [
  '机器学习',
  '监督学习',
  '数据预处理',
  '特征工程',
  '模型评估',
  '交叉验证',
  '深度神经网络',
  '注意力机制',
  'Transformer 架构',
  '梯度下降',
];
function answer(topics: number): string {
  const lines = ['好的，以下是关于人工智能的思维导图：', '', '```markdown', '# 人工智能'];
  for (let i = 0; i < topics; i++) {
    const w = `${WORDS[i % WORDS.length]}${i}`;
    if (i % 13 === 0) lines.push(`## ${Math.floor(i / 13) + 1}. ${w}`);
    else if (i % 4 === 0) lines.push(`- **${w}**：要点说明`);
    else lines.push(`  - ${w}`);
  }
  lines.push('```', '', '希望这份思维导图对你有帮助！');
  return lines.join('\n');
}

function pieces(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0, k = 0; i < chars.length; k++) {
    const n = 2 + (k % 3);
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

const text = answer(4000);
const tokens = estimateTokens(text);
const chunks = pieces(text);
const ROUNDS = 25;

/** Wall-clock and CPU time (this process, user + system) of one parse, in ms. */
function parseOnce(): [number, number] {
  const p = new OutlineParser({ anchorId: asTopicId('root'), mode: 'title', maxTopics: 100_000 });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let ops = 0;
  for (const c of chunks) ops += p.push(c).length;
  ops += p.end().length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (ops < 4000) throw new Error(`parser produced ${ops} ops`);
  return [ms, (cpu.user + cpu.system) / 1000];
}

const times: number[] = [];
const cpus: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const [ms, cpu] = parseOnce();
  times.push(ms);
  cpus.push(cpu);
}
times.sort((a, b) => a - b);
cpus.sort((a, b) => a - b);
const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
const per1k = (ms: number) => ((ms / tokens) * 1000).toFixed(3);
console.log(
  `load average ${loadavg()[0]?.toFixed(2)}; answer: ${text.length} chars ≈ ${tokens} tokens in ${chunks.length} pieces, 4,000 topics`,
);
console.log(
  `outline parser per 1,000 tokens: wall median ${per1k(mid(times))} ms (min ${per1k(times[0] as number)}), CPU time median ${per1k(mid(cpus))} ms (min ${per1k(cpus[0] as number)})`,
);

// Client side of the wire: SSE frames (one per piece) → decoder → JSON.parse → delta.
const wire = new TextEncoder().encode(recordedStream(text, { pieceChars: 3 }));
const frames = Math.ceil([...text].length / 3);
const sseTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const d = new SseDecoder();
  const t0 = performance.now();
  let got = 0;
  for (let i = 0; i < wire.length; i += 1400) {
    for (const ev of d.push(wire.subarray(i, i + 1400))) {
      if (ev.data === '[DONE]') continue;
      const j = JSON.parse(ev.data) as { choices: { delta?: { content?: string } }[] };
      got += j.choices[0]?.delta?.content?.length ?? 0;
    }
  }
  sseTimes.push(performance.now() - t0);
  if (got < text.length - 10) throw new Error('lost text');
}
sseTimes.sort((a, b) => a - b);
const sseMedian = sseTimes[Math.floor(ROUNDS / 2)] as number;
console.log(
  `SSE decode + JSON: median ${sseMedian.toFixed(2)} ms for ${frames} frames = ${((sseMedian / frames) * 1000).toFixed(2)} µs per frame, ${((sseMedian / tokens) * 1000).toFixed(3)} ms per 1,000 tokens`,
);
