// XMind import/export speed: the 932-topic real-world fixture, and a generated 20,000-topic map
// written and read as XMind Zen and XMind 8. Prints median, p95 and min–max of wall and CPU time;
// asserts nothing.

import { existsSync, readFileSync } from 'node:fs';
import { DocBuilder, type MindDoc, type TopicId } from '@arbor/core';
import { xmind8Format, xmindFormat } from '../src/xmind/index.ts';

const RUNS = 15;

function measure(label: string, fn: () => unknown): void {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const fmt = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    const at = (q: number) => (xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number).toFixed(1);
    return `median ${at(0.5)} ms  p95 ${at(0.95)} ms  min–max ${at(0)}–${at(1)} ms`;
  };
  // CPU time is printed too: on a shared machine, wall time also counts waiting for a core.
  console.log(`${label.padEnd(40)} wall: ${fmt(wall)}\n${''.padEnd(40)} cpu:  ${fmt(cpu)}`);
}

/** A 20,000-topic map, five children per topic, with notes, labels, markers and a few relationships. */
function generated(count: number): MindDoc {
  const b = new DocBuilder({ rootText: 'Generated map 生成的导图' });
  const queue: TopicId[] = [b.rootId];
  let n = 1;
  while (n < count) {
    const parent = queue.shift() as TopicId;
    for (let k = 0; k < 5 && n < count; k++, n++) {
      const id = b.add(parent, {
        text: `Topic ${n} 主题 ${n}`,
        note: n % 7 === 0 ? `A note for topic ${n}\n第二行` : undefined,
        labels: n % 11 === 0 ? ['label', `标签${n % 5}`] : undefined,
        markers: n % 5 === 0 ? [`priority-${(n % 9) + 1}`, 'task-50'] : undefined,
        href: n % 13 === 0 ? `https://example.com/${n}` : undefined,
      });
      queue.push(id);
      if (n % 500 === 0) b.addRelationship({ from: parent, to: id, label: `rel ${n}` });
    }
  }
  return b.build();
}

const fixture = new URL('../../../../shared/fixtures/formats/xmind-zen/ocd-pentest-active-directory.xmind', import.meta.url);
if (existsSync(fixture)) {
  const bytes = new Uint8Array(readFileSync(fixture));
  measure('import ocd-pentest (932 topics, Zen)', () => xmindFormat.parse(bytes));
} else console.log('skipped the 932-topic fixture: ../shared/fixtures/formats is absent');

const doc = generated(20_000);
const zen = xmindFormat.serialize?.(doc) as Uint8Array;
const x8 = xmind8Format.serialize?.(doc) as Uint8Array;
console.log(
  `generated map: ${Object.keys(doc.topics).length} topics; Zen ${(zen.length / 1024).toFixed(0)} KB, XMind 8 ${(x8.length / 1024).toFixed(0)} KB`,
);
measure('export 20,000 topics (Zen)', () => xmindFormat.serialize?.(doc));
measure('import 20,000 topics (Zen)', () => xmindFormat.parse(zen));
measure('export 20,000 topics (XMind 8)', () => xmind8Format.serialize?.(doc));
measure('import 20,000 topics (XMind 8)', () => xmind8Format.parse(x8));
