// Thumbnail benchmark: GET /api/maps/:id/thumbnail.svg draws a map with core's renderer and the
// bundled font's metrics. Prints the time to draw 1,000- and 5,000-topic maps (cold: first draw
// after an edit; the cache then answers by version). Budget from issue 16: ≤ 50 ms at 1,000 topics.
// Prints figures; asserts nothing.

import { DocBuilder, type MindDoc, type TopicId } from '@arbor/core';
import { renderThumbnail } from '../src/maps/thumbnail-routes.ts';

function makeDoc(n: number): MindDoc {
  const b = new DocBuilder({ title: `基准导图 ${n}` });
  const ids: TopicId[] = [b.rootId];
  for (let i = 1; i < n; i++) {
    // About 8 children per topic, breadth first: a broad, realistic outline.
    const parent = ids[Math.floor((i - 1) / 8)] as TopicId;
    ids.push(b.add(parent, { text: `第 ${i} 个主题 topic ${i}` }));
  }
  return b.build();
}

const RUNS = 20;
for (const n of [1000, 5000]) {
  const doc = makeDoc(n);
  renderThumbnail(doc); // warm the font measurer and the JIT
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    bytes = renderThumbnail(doc).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] as number;
  const p95 = times[Math.floor(RUNS * 0.95)] as number;
  console.log(
    `thumbnail ${n} topics: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times[RUNS - 1]?.toFixed(1)} ms (budget 50 ms at 1,000), ${(bytes / 1024).toFixed(1)} KB`,
  );
}
