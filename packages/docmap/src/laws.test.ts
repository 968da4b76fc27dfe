// Every law of the shared corpus (../shared/corpus/laws, 2,122 Markdown files) converts without error,
// with 编/分编/章/节 as levels and every 第X条 as a topic under its chapter or section (never
// under another article).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MindDoc, Topic } from '@arbor/core';
import { documentToMap } from './index.ts';

const CORPUS = new URL('../../../../shared/corpus/laws', import.meta.url).pathname;
const ARTICLE = /^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?/;
const LEVEL = /^第[一二三四五六七八九十百千零〇\d]+(?:编|分编|章|节)/;

function lawFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) lawFiles(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Articles the source states at the start of a paragraph. */
function sourceArticles(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?(?=[\s\u3000])/gm)) out.add(m[0]);
  return out;
}

function checkLaw(doc: MindDoc, text: string, file: string): void {
  const found = new Set<string>();
  for (const t of Object.values(doc.topics) as Topic[]) {
    const article = ARTICLE.exec(t.text)?.[0];
    if (!article) continue;
    found.add(article);
    // An article hangs under the root or a heading (编/章/节, 附则), never under another article.
    const parent = t.parentId === null ? undefined : doc.topics[t.parentId];
    assert.ok(parent && !ARTICLE.test(parent.text), `${file}: ${article} is under "${parent?.text.slice(0, 30)}"`);
  }
  for (const t of Object.values(doc.topics) as Topic[]) {
    if (!LEVEL.test(t.text)) continue;
    const parent = t.parentId === null ? undefined : doc.topics[t.parentId];
    assert.ok(
      parent && (parent.id === doc.rootId || LEVEL.test(parent.text) || !ARTICLE.test(parent.text)),
      `${file}: ${t.text} is inside an article`,
    );
  }
  for (const a of sourceArticles(text)) assert.ok(found.has(a), `${file}: ${a} is not a topic`);
}

test('every law in the corpus converts, with 编/章/节 as levels and 第X条 as topics', { timeout: 120_000 }, async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`corpus not present at ${CORPUS}`);
    return;
  }
  const files = lawFiles(CORPUS);
  assert.ok(files.length > 2000, `only ${files.length} laws found`);
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const { doc } = await documentToMap(bytes, { fileName: file, bodyLeaves: false });
    checkLaw(doc, new TextDecoder().decode(bytes), file.slice(CORPUS.length));
  }
});
