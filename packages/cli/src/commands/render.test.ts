import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DocBuilder } from '@arbor/core';

const root = new URL('../../../../', import.meta.url).pathname;
const bin = join(root, 'packages/cli/bin/arbor.js');
const dir = mkdtempSync(join(tmpdir(), 'arbor-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function arbor(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'render', ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sampleDoc() {
  const b = new DocBuilder({ rootText: '项目计划 Plan' });
  const a = b.add(b.rootId, { text: '需求 <script>alert(1)</script>', markers: ['priority-1'] });
  b.add(a, { text: '访谈用户' });
  const c = b.add(b.rootId, { text: 'Design', labels: ['v1'] });
  b.addRelationship({ from: a, to: c, label: 'feeds' });
  return b.build();
}

const write = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const topicCount = (svg: string) => (svg.match(/<g class="topic" data-id="/g) ?? []).length;

test('renders a bare document and an envelope to SVG', () => {
  const doc = sampleDoc();
  const bare = write('bare.json', JSON.stringify(doc));
  const env = write('env.json', JSON.stringify({ format: 'arbor', version: 1, doc }));
  for (const input of [bare, env]) {
    const out = `${input}.svg`;
    const r = arbor(input, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(out, 'utf8');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.equal(topicCount(svg), 4);
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /<g class="topic" data-id="t1" data-rect="-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+"/);
  }
});

test('--structure and --theme change the drawing; -o - writes to standard output', () => {
  const input = write('doc.json', JSON.stringify(sampleDoc()));
  const plain = arbor(input, '-o', '-');
  const org = arbor(input, '-o', '-', '--structure', 'org-down', '--theme=dark');
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(org.code, 0, org.stderr);
  assert.notEqual(plain.stdout, org.stdout);
  assert.ok(org.stdout.includes('fill="#1e222b"'), 'dark background');
  assert.equal(topicCount(org.stdout), 4);
});

test('unknown structure or theme names list the valid ones on one line', () => {
  const input = write('doc2.json', JSON.stringify(sampleDoc()));
  const s = arbor(input, '-o', 'x.svg', '--structure', 'spiral');
  assert.equal(s.code, 2);
  assert.match(s.stderr, /^arbor render: unknown structure "spiral" \(structures: mindmap, .*fishbone-right, brace\)\n$/);
  const t = arbor(input, '-o', 'x.svg', '--theme', 'neon');
  assert.equal(t.code, 2);
  assert.match(t.stderr, /^arbor render: unknown theme "neon" \(themes: classic, dark, rainbow, .*\)\n$/);
});

test('bad input is one clear line and a non-zero exit, never a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [[write('bad.json', '{"topics": {'), '-o', 'o.svg'], /bad\.json: malformed JSON at line 1, column \d+/],
    [[write('arr.json', '[1,2]'), '-o', 'o.svg'], /arr\.json: the document must be a JSON object/],
    [[write('notopics.json', '{"rootId": "a"}'), '-o', 'o.svg'], /notopics\.json: topics is missing/],
    [[write('badenv.json', '{"format": "xmind", "doc": {}}'), '-o', 'o.svg'], /format must be "arbor"/],
    [[join(dir, 'missing.json'), '-o', 'o.svg'], /cannot read .*missing\.json: no such file/],
    [[write('ok.json', JSON.stringify(sampleDoc()))], /no output file/],
    [[], /no input file/],
    [[write('ok2.json', JSON.stringify(sampleDoc())), '-o', join(dir, 'no/such/dir/o.svg')], /cannot write .*: no such directory/],
    [['a.json', '-o', 'o.svg', '--padding', 'wide'], /--padding must be a number/],
  ];
  for (const [args, pattern] of cases) {
    const r = arbor(...args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!r.stderr.includes('    at '), r.stderr);
  }
});

test('a structurally broken document is repaired, reported and rendered', () => {
  const doc = sampleDoc() as unknown as { topics: Record<string, { parentId: string | null }> };
  (doc.topics.t3 as { parentId: string }).parentId = 'ghost';
  const input = write('broken.json', JSON.stringify(doc));
  const r = arbor(input, '-o', '-');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /repaired \d+ problems? in .*broken\.json/);
  assert.equal(topicCount(r.stdout), 4);
});
