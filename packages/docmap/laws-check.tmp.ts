import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { documentToMap } from '/work/main/packages/docmap/src/index.ts';

const root = '/work/shared/corpus/laws';
const files: string[] = [];
const walk = (d: string) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.md')) files.push(p);
  }
};
walk(root);
let bad = 0;
let missing = 0;
const t0 = performance.now();
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f));
  try {
    const { doc } = await documentToMap(bytes, { fileName: f });
    const text = new TextDecoder().decode(bytes);
    const articles = new Set(text.match(/^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?(?=\s)/gm) ?? []);
    const topics = new Set<string>();
    for (const t of Object.values(doc.topics)) {
      const m = /^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?/.exec(t.text);
      if (m) topics.add(m[0]);
    }
    const miss = [...articles].filter((a) => !topics.has(a));
    if (miss.length) {
      missing++;
      if (missing < 15) console.log('MISS', f.slice(root.length), miss.length, miss.slice(0, 5).join(','));
    }
  } catch (e) {
    bad++;
    console.log('ERR', f, (e as Error).message);
  }
}
console.log(files.length, 'files', bad, 'errors', missing, 'with missing articles', Math.round(performance.now() - t0), 'ms');
