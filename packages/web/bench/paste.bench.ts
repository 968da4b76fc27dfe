// Paste benchmarks (figures only, never asserted; issue 14 "Bad input": a 10 MB paste must be parsed
// quickly enough to ask before creating thousands of topics):
//   1. parsePastedText over 10 MB of text of each kind (indented, Markdown, numbered 公文, chat answer);
//   2. outlineToNewTopics over the 10 MB Markdown outline;
//   3. copySubtrees and readClipboard (payload → ops) of a 10,000-topic subtree;
//   4. readClipboard of 10,000 nested list items as clipboard HTML;
//   5. markdownToSafeHtml of a 20 KB note and of a 1 MB note.
// Also checks that parsing time grows linearly (1 MB vs 10 MB).
// Run: npm run bench -- paste

import { asTopicId, DocBuilder, stateFromDoc, type TopicId } from '@arbor/core';
import { parse5HtmlParser } from '../src/editor/clipboard/html-parse5.ts';
import {
  type ClipboardData,
  copySubtrees,
  outlineToNewTopics,
  parsePastedText,
  readClipboard as read,
} from '../src/editor/clipboard/index.ts';
import { markdownToSafeHtml } from '../src/panels/markdown/index.ts';

interface Figures {
  median: number;
  min: number;
  max: number;
}

function figures(samples: number[]): Figures {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] as number, min: s[0] as number, max: s[s.length - 1] as number };
}

/** Wall and CPU times of `runs` runs after one warm-up run. */
function time(runs: number, fn: () => unknown): { wall: Figures; cpu: Figures } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: figures(wall), cpu: figures(cpu) };
}

const ms = (f: Figures) => `${f.median.toFixed(1)} ms (min ${f.min.toFixed(1)}, max ${f.max.toFixed(1)})`;
const report = (label: string, r: { wall: Figures; cpu: Figures }, extra = '') =>
  console.log(`${label.padEnd(44)} wall ${ms(r.wall)}; CPU ${ms(r.cpu)}${extra ? `; ${extra}` : ''}`);

/** Repeats `unit(i)` until the text reaches `bytes` UTF-8 bytes. */
function sized(bytes: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    size += Buffer.byteLength(u);
  }
  return parts.join('');
}

const MB = 1024 * 1024;
const kinds: Record<string, (i: number) => string> = {
  indented: (i) =>
    `第${i}章 总则\n\t第一节 一般规定\n\t\t本法所称的用语含义如下所述，另有规定的除外。\n\t\tTab indented line ${i}\n    four-space line\n`,
  markdown: (i) =>
    `## 第${i}部分 **概述**\n- 要点 *一*：[链接](https://example.com/${i})\n  - 子要点 \`code\`\n    1. 有序项\n- [ ] 任务项\n`,
  numbered: (i) =>
    `${['一', '二', '三', '四', '五'][i % 5]}、总体要求\n（一）指导思想\n1. 坚持党的领导，推进各项工作。\n（1）加强组织建设\n1.1 第一小节\n1.1.1 细则条目\n`,
  chat: (i) =>
    i === 0
      ? '好的！以下是关于“项目管理”的思维导图大纲：\n\n'
      : `### **${i}. 阶段**\n- **目标**：明确范围与交付物\n  - 里程碑\n- 风险管理\n\n`,
};

/** Node has no DOMParser: parse5 stands in for it. */
const readClipboard = (data: ClipboardData, newId: () => TopicId) => read(data, newId, parse5HtmlParser);

const TEN = 10 * MB;
console.log(`parsePastedText over ${TEN / MB} MB of text (5 runs each)`);
let markdown10 = '';
for (const [name, unit] of Object.entries(kinds)) {
  const text = sized(TEN, unit);
  if (name === 'markdown') markdown10 = text;
  let count = 0;
  const r = time(5, () => {
    count = parsePastedText(text).count;
  });
  report(
    `  ${name} (${(Buffer.byteLength(text) / MB).toFixed(1)} MB)`,
    r,
    `${count.toLocaleString('en')} topics, ${((Buffer.byteLength(text) / MB / r.cpu.median) * 1000).toFixed(1)} MB per CPU second`,
  );
}

{
  const small = sized(MB, kinds.markdown as (i: number) => string);
  const a = time(5, () => parsePastedText(small));
  const b = time(3, () => parsePastedText(markdown10));
  console.log(`  linearity: 10 MB / 1 MB time = ${(b.wall.median / a.wall.median).toFixed(1)} (10 is linear)`);
}

{
  const outline = parsePastedText(markdown10);
  let n = 0;
  const r = time(5, () => outlineToNewTopics(outline, () => asTopicId(`p${++n}`)));
  report('outlineToNewTopics (10 MB Markdown)', r, `${outline.count.toLocaleString('en')} topics`);
}

{
  const b = new DocBuilder({ rootText: 'root' });
  const top = b.add(b.rootId, { text: '复制的分支', note: '备注' });
  for (let i = 0; i < 100; i++) {
    const c = b.add(top, { text: `第 ${i} 节`, markers: ['priority-1'], style: { fill: '#ffcc00' } });
    for (let j = 0; j < 99; j++) b.add(c, { text: `条目 ${i}.${j}`, note: j % 10 === 0 ? '一段备注文字' : undefined });
  }
  const state = stateFromDoc(b.build());
  const ids = [top];
  let copied = copySubtrees(state, ids);
  const rc = time(5, () => {
    copied = copySubtrees(state, ids);
  });
  report(
    'copySubtrees (10,001 topics)',
    rc,
    `json ${(copied.json.length / MB).toFixed(2)} MB, html ${(copied.html.length / MB).toFixed(2)} MB`,
  );
  let n = 0;
  const newId = (): TopicId => asTopicId(`q${++n}`);
  report(
    'readClipboard json payload (10,001 topics)',
    time(5, () => readClipboard({ json: copied.json }, newId)),
  );
  report(
    'readClipboard html payload (10,001 topics)',
    time(5, () => readClipboard({ html: copied.html }, newId)),
  );
  const plainHtml = copied.html.replace(/ data-arbor="[^"]*"/, '');
  report(
    'readClipboard html outline (10,001 items)',
    time(5, () => readClipboard({ html: plainHtml }, newId)),
  );
}

{
  const note = sized(
    20 * 1024,
    (i) => `## 小节 ${i}\n\n一段 **加粗** 与 [链接](https://example.com/${i}) 的文字。\n\n- 列表项\n- 另一项\n\n`,
  );
  report(
    'markdownToSafeHtml (20 KB note)',
    time(20, () => markdownToSafeHtml(note)),
  );
  const big = sized(MB, (i) => `段落 ${i}：*强调* 与 \`代码\` <b>raw</b>\n\n`);
  report(
    'markdownToSafeHtml (1 MB note)',
    time(3, () => markdownToSafeHtml(big)),
  );
}
