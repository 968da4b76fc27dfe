import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DocBuilder } from '@arbor/core';
import { readPdf } from '@arbor/formats/testing';
import { UsageError } from '../main.ts';
import { runArbor } from '../run-arbor.testing.ts';
import { command, parseRenderArgs, readNativeDocument } from './render.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `arbor render …` in a child process (several run side by side to keep the suite quick). */
const arbor = (...args: string[]) => runArbor(['render', ...args], { cwd: dir });

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

test('renders a bare document and an envelope to SVG', async () => {
  const doc = sampleDoc();
  const bare = write('bare.json', JSON.stringify(doc));
  const env = write('env.json', JSON.stringify({ format: 'arbor', version: 1, doc }));
  const runs = await Promise.all([bare, env].map((input) => arbor(input, '-o', `${input}.svg`)));
  for (const [i, input] of [bare, env].entries()) {
    const out = `${input}.svg`;
    const r = runs[i]!;
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(out, 'utf8');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.equal(topicCount(svg), 4);
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /<g class="topic" data-id="t1" data-rect="-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+"/);
  }
});

test('--structure and --theme change the drawing; -o - writes to standard output', async () => {
  const input = write('doc.json', JSON.stringify(sampleDoc()));
  const [plain, org] = await Promise.all([arbor(input, '-o', '-'), arbor(input, '-o', '-', '--structure', 'org-down', '--theme=dark')]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(org.code, 0, org.stderr);
  assert.notEqual(plain.stdout, org.stdout);
  assert.ok(org.stdout.includes('fill="#1e222b"'), 'dark background');
  assert.equal(topicCount(org.stdout), 4);
});

test('unknown structure or theme names list the valid ones on one line', async () => {
  const input = write('doc2.json', JSON.stringify(sampleDoc()));
  const s = await arbor(input, '-o', 'x.svg', '--structure', 'spiral');
  assert.equal(s.code, 2);
  // The mistake on one line, then the command's usage lines.
  assert.match(
    s.stderr,
    /^arbor render: unknown structure "spiral" \(structures: mindmap, .*fishbone-right, brace\)\nusage: arbor render IN\.json -o .*\n(?: {7}arbor render .*\n)*$/,
  );
  assert.throws(
    () => parseRenderArgs([input, '-o', 'x.svg', '--theme', 'neon']),
    (e: Error) => e instanceof UsageError && /^unknown theme "neon" \(themes: classic, dark, rainbow, .*\)$/.test(e.message),
  );
});

test('bad input is one clear line and a non-zero exit, never a stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [[write('bad.json', '{"topics": {'), '-o', 'o.svg'], /^arbor render: .*bad\.json: malformed JSON at line 1, column \d+/],
    [[join(dir, 'missing.json'), '-o', 'o.svg'], /^arbor render: cannot read .*missing\.json: no such file/],
  ];
  const runs = await Promise.all(cases.map(([args]) => arbor(...args)));
  cases.forEach(([args, pattern], i) => {
    const r = runs[i]!;
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
});

test('documents that cannot be read or written name the problem (in-process)', async () => {
  const cases: [string, RegExp][] = [
    ['[1,2]', /^f\.json: the document must be a JSON object$/],
    ['{"rootId": "a"}', /^f\.json: topics is missing$/],
    ['{"format": "xmind", "doc": {}}', /^f\.json: format must be "arbor", not "xmind"$/],
    ['{"format": "arbor", "version": 1, "doc": {"topics": 3}}', /^f\.json: doc\.topics must be an object keyed by topic id$/],
    ['{"a": 1,}', /^f\.json: malformed JSON at line 1, column \d+/],
  ];
  for (const [text, pattern] of cases)
    assert.throws(
      () => readNativeDocument(text, 'f.json'),
      (e: Error) => pattern.test(e.message),
    );
  const ok = write('ok2.json', JSON.stringify(sampleDoc()));
  await assert.rejects(command.run([ok, '-o', join(dir, 'no/such/dir/o.svg')]), /cannot write .*: no such directory/);
});

test('argument problems are usage errors (in-process)', () => {
  const cases: [string[], RegExp][] = [
    [[], /no input file/],
    [['a.json'], /no output file/],
    [['a.json', 'b.json', '-o', 'x'], /one input file only/],
    [['a.json', '-o'], /-o needs a value/],
    [['a.json', '-o', 'x', '--padding', 'wide'], /--padding must be a number/],
    [['a.json', '-o', 'x', '--frobnicate'], /unknown option --frobnicate/],
  ];
  for (const [args, pattern] of cases)
    assert.throws(
      () => parseRenderArgs(args),
      (e: Error) => e instanceof UsageError && pattern.test(e.message),
    );
  assert.deepEqual(
    parseRenderArgs(['in.json', '--output=out.svg', '--structure', 'tree', '--theme', 'ink', '--padding', '8', '--transparent']),
    {
      input: 'in.json',
      output: 'out.svg',
      structure: 'tree',
      theme: 'ink',
      padding: 8,
      transparent: true,
    },
  );
});

test('-o OUT.pdf writes a real PDF (fit, or A4/A3 sheets with --page-size/--orientation); -o OUT.png a PNG', async () => {
  const b = new DocBuilder({ rootText: '年度计划' });
  for (let i = 0; i < 60; i++) b.add(b.rootId, { text: `第${i + 1}项 task ${i + 1}` });
  const input = write('tall.json', JSON.stringify(b.build()));
  const out = (name: string) => join(dir, name);
  const runs = await Promise.all([
    arbor(input, '-o', out('fit.pdf')),
    arbor(input, '-o', out('a4.pdf'), '--page-size', 'a4'),
    arbor(input, '-o', out('a3.pdf'), '--page-size', 'a3', '--orientation', 'landscape'),
    arbor(input, '-o', out('map.png'), '--theme', 'dark'),
  ]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  const fit = await readPdf(readFileSync(out('fit.pdf')));
  assert.equal(fit.sizes.length, 1);
  assert.ok(fit.text.includes('年度计划') && fit.text.includes('第60项 task 60'));
  const a4 = await readPdf(readFileSync(out('a4.pdf')));
  assert.ok(a4.sizes.length > 1, `a4: ${a4.sizes.length} pages`);
  for (const [w, h] of a4.sizes) assert.ok((w === 595 && h === 842) || (w === 842 && h === 595), `a4 page ${w} × ${h}`);
  assert.ok(a4.text.includes('第1项 task 1') && a4.text.includes('第60项 task 60'));
  const a3 = await readPdf(readFileSync(out('a3.pdf')));
  assert.ok(
    a3.sizes.every(([w, h]) => w === 1191 && h === 842),
    JSON.stringify(a3.sizes),
  );
  assert.deepEqual([...readFileSync(out('map.png')).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('page options only with a .pdf output, --padding only with SVG (usage errors)', () => {
  const cases: [string[], RegExp][] = [
    [['a.json', '-o', 'a.svg', '--page-size', 'a4'], /^--page-size is for PDF output only, not "a\.svg"$/],
    [['a.json', '-o', '-', '--orientation', 'portrait'], /^--orientation is for PDF output only, not "-"$/],
    [['a.json', '-o', 'a.png', '--page-size=a3', '--orientation=auto'], /^--page-size and --orientation are for PDF output only/],
    [['a.json', '-o', 'a.pdf', '--page-size', 'letter'], /^--page-size must be fit, a4 or a3, not "letter"$/],
    [['a.json', '-o', 'a.pdf', '--orientation', 'up'], /^--orientation must be auto, portrait or landscape, not "up"$/],
    [['a.json', '-o', 'a.pdf', '--padding', '4'], /^--padding is for SVG output only, not "a\.pdf"$/],
  ];
  for (const [args, pattern] of cases)
    assert.throws(
      () => parseRenderArgs(args),
      (e: Error) => e instanceof UsageError && pattern.test(e.message),
      args.join(' '),
    );
  assert.deepEqual(parseRenderArgs(['a.json', '-o', 'A.PDF', '--page-size', 'A3', '--orientation', 'Portrait']), {
    input: 'a.json',
    output: 'A.PDF',
    structure: undefined,
    theme: undefined,
    padding: undefined,
    transparent: false,
    pageSize: 'a3',
    orientation: 'portrait',
  });
});

test('a structurally broken document is repaired, reported and rendered', async () => {
  const doc = sampleDoc() as unknown as { topics: Record<string, { parentId: string | null }> };
  (doc.topics.t3 as { parentId: string }).parentId = 'ghost';
  const input = write('broken.json', JSON.stringify(doc));
  const r = await arbor(input, '-o', '-');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /repaired \d+ problems? in .*broken\.json/);
  assert.equal(topicCount(r.stdout), 4);
});
