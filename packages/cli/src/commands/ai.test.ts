// `arbor ai`, run the way people run it (spawning the CLI) against a local OpenAI-protocol server.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FakeOpenAi } from '@arbor/ai/testing';
import { docToTitleTree } from '@arbor/core';
import { importFile } from '@arbor/formats';
import { parseAiArgs } from './ai.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/arbor.js');
const dir = mkdtempSync(join(tmpdir(), 'arbor-ai-'));
const fake = new FakeOpenAi();
before(() => fake.start());
after(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function arbor(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ARBOR_AI_')));
    const child = spawn(process.execPath, [BIN, 'ai', ...args], { cwd: ROOT, env: { ...clean, ARBOR_DEBUG: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('arbor ai generate "主题" -o map.xmind', async () => {
  fake.answer('# 时间管理\n- 方法\n  - 番茄工作法\n- 工具\n');
  const out = join(dir, 'map.xmind');
  const r = await arbor(['generate', '时间管理', '-o', out, '--depth', '2'], {
    ARBOR_AI_BASE_URL: fake.url,
    ARBOR_AI_MODEL: 'm',
    ARBOR_AI_API_KEY: 'sk-cli',
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /\+ 番茄工作法/);
  assert.equal(fake.requests.at(-1)?.headers.authorization, 'Bearer sk-cli');
  const { doc } = await importFile(new Uint8Array(readFileSync(out)), { fileName: 'map.xmind' });
  assert.deepEqual(docToTitleTree(doc), {
    title: '时间管理',
    children: [{ title: '方法', children: [{ title: '番茄工作法' }] }, { title: '工具' }],
  });
});

test('arbor ai document notice.docx -o map.xmind', async () => {
  fake.fallback = { chunks: [] };
  for (let i = 0; i < 40; i++) fake.answer(`- 要点${i}\n`);
  const out = join(dir, 'doc.xmind');
  const input = join(ROOT, 'packages/docmap/test/fixtures/cn_docx_safety_plan.docx');
  const r = await arbor(['document', input, '-o', out, '--concurrency', '2'], { ARBOR_AI_BASE_URL: fake.url, ARBOR_AI_MODEL: 'm' });
  fake.fallback = undefined;
  assert.equal(r.code, 0, r.stderr);
  const { doc } = await importFile(new Uint8Array(readFileSync(out)), { fileName: 'doc.xmind' });
  const texts = Object.values(doc.topics).map((t) => t.text);
  assert.ok(
    texts.some((t) => t.startsWith('要点')),
    'condensed points are in the map',
  );
  assert.ok(texts.length > 10);
});

test('without a provider: a clear message naming the variables, and the offline command for documents', async () => {
  const r = await arbor(['document', 'notice.docx', '-o', join(dir, 'x.xmind')], {});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /ARBOR_AI_BASE_URL/);
  assert.match(r.stderr, /arbor convert notice\.docx/);
});

test('arguments', () => {
  assert.deepEqual(parseAiArgs(['generate', 'x', '-o', 'a.json', '--depth=2']), {
    action: 'generate',
    input: 'x',
    output: 'a.json',
    depth: 2,
  });
  assert.throws(() => parseAiArgs(['generate', 'x']), /-o/);
  assert.throws(() => parseAiArgs(['generate', 'x', '-o', 'a.json', '--depth', '9']), /1 to 5/);
  assert.throws(() => parseAiArgs(['translate', 'x']), /generate or document/);
});
