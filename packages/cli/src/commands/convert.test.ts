// `arbor convert`, tested the way people run it: by spawning the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DocBuilder } from '@arbor/core';
import { exportDoc } from '@arbor/formats';
import { readPdf } from '@arbor/formats/testing';
import { runArbor } from '../run-arbor.testing.ts';
import { parseConvertArgs, sheetFileName } from './convert.ts';

const arbor = (args: string[], stdin?: Uint8Array) => runArbor(['convert', ...args], { stdin });

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/arbor.js');
const FIXTURES = join(ROOT, 'packages/formats/test/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'arbor-convert-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function sheet(root: string) {
  const b = new DocBuilder({ rootText: root });
  b.add(b.add(b.rootId, { text: `${root} A` }), { text: `${root} A1` });
  return b.build();
}

describe('arbor convert', { timeout: 600_000 }, () => {
  test('argument parsing', () => {
    assert.deepEqual(parseConvertArgs(['a.mm', '-', '--to=tree-json', '--sheet', 'all']), {
      input: 'a.mm',
      output: '-',
      to: 'tree-json',
      sheet: 'all',
      lenient: false,
    });
    assert.throws(() => parseConvertArgs(['a.mm']), /needs an input and an output/);
    assert.throws(() => parseConvertArgs(['a', 'b', '--sheet', 'x']), /sheet number/);
    assert.throws(() => parseConvertArgs(['a', 'b', '--bogus']), /unknown option --bogus/);
    assert.equal(sheetFileName('out/map.v2.xmind', 3), 'out/map.v2-3.xmind');
    assert.deepEqual(parseConvertArgs(['a.md', 'b.pdf', '--page-size', 'A4', '--orientation=landscape']), {
      input: 'a.md',
      output: 'b.pdf',
      lenient: false,
      pageSize: 'a4',
      orientation: 'landscape',
    });
    assert.throws(() => parseConvertArgs(['a', 'b.pdf', '--page-size', 'letter']), /--page-size must be fit, a4 or a3, not "letter"/);
    assert.throws(() => parseConvertArgs(['a', 'b.pdf', '--orientation=sideways']), /--orientation must be auto, portrait or landscape/);
    assert.throws(() => parseConvertArgs(['a', 'b.pdf', '--page-size']), /--page-size needs a value/);
  });

  test('prints only the tree JSON on stdout', async () => {
    const r = await arbor([join(FIXTURES, 'opml/opmlpackage-states-drummer.opml'), '-', '--to', 'tree-json']);
    assert.equal(r.code, 0, r.stderr);
    const tree = JSON.parse(r.stdout);
    assert.equal(tree.title, 'United States');
    assert.equal(tree.children[0].title, 'Far West');
    assert.ok(!('children' in tree.children[0].children[0]), 'leaves have no children key');
  });

  test('FreeMind → Markdown file → FreeMind, formats from the extensions and --from', async () => {
    const md = join(dir, 'features.md');
    const r1 = await arbor([join(FIXTURES, 'freemind/arbor-features.mm'), md]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stderr, /icons without an Arbor marker/); // the import report goes to stderr
    assert.match(readFileSync(md, 'utf8'), /^# 学习计划\n/);
    const mm = join(dir, 'back.mm');
    const r2 = await arbor([md, mm, '--from', 'markdown']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(readFileSync(mm, 'utf8'), /TEXT="Chapter 1"/);
  });

  test('--sheet N and --sheet all, to stdout and to numbered files', async () => {
    const xmind = join(dir, 'two.xmind');
    writeFileSync(xmind, await exportDoc(sheet('one'), 'xmind', { extraSheets: [sheet('two')] }));
    const second = await arbor([xmind, '-', '--to', 'tree-json', '--sheet', '2']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).title, 'two');
    const all = await arbor([xmind, '-', '--to', 'tree-json', '--sheet', 'all']);
    assert.deepEqual(
      JSON.parse(all.stdout).map((t: { title: string }) => t.title),
      ['one', 'two'],
    );
    const out = join(dir, 'sheets.opml');
    const files = await arbor([xmind, out, '--sheet', 'all']);
    assert.equal(files.code, 0, files.stderr);
    assert.match(readFileSync(join(dir, 'sheets-1.opml'), 'utf8'), /text="one"/);
    assert.match(readFileSync(join(dir, 'sheets-2.opml'), 'utf8'), /text="two"/);
    assert.ok(!existsSync(out));
  });

  test('reads stdin with --from, and documents go through docmap unless --from names an outline', async () => {
    const opml = readFileSync(join(FIXTURES, 'opml/opmlpackage-states-drummer.opml'));
    const r = await arbor(['-', '-', '--from', 'opml', '--to', 'text'], opml);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^United States\n\tFar West\n\t\tAlaska\n/);
    const txt = join(dir, 'outline.txt');
    writeFileSync(txt, 'Plan\n\tfirst\n\t\tdetail\n\tsecond\n');
    const asOutline = await arbor([txt, '-', '--from', 'text', '--to', 'tree-json']);
    assert.deepEqual(JSON.parse(asOutline.stdout), {
      title: 'Plan',
      children: [{ title: 'first', children: [{ title: 'detail' }] }, { title: 'second' }],
    });
    const asDocument = await arbor([txt, '-', '--to', 'tree-json']);
    assert.equal(asDocument.code, 0, asDocument.stderr);
    assert.equal(typeof JSON.parse(asDocument.stdout).title, 'string');
  });

  test('PDF page options: fit is one page, a4/a3 tile onto sheets of that size, orientation is kept', async () => {
    const md = join(dir, 'articles.md');
    writeFileSync(md, `# 民法典合同编\n${Array.from({ length: 80 }, (_, i) => `- 第${i + 1}条 article ${i + 1}\n`).join('')}`);
    const make = async (name: string, flags: string[]) => {
      const out = join(dir, name);
      const r = await arbor([md, out, '--from', 'markdown', ...flags]);
      assert.equal(r.code, 0, r.stderr);
      return readPdf(new Uint8Array(readFileSync(out)));
    };
    const fit = await make('fit.pdf', []);
    assert.equal(fit.sizes.length, 1);
    assert.ok(fit.text.includes('民法典合同编') && fit.text.includes('第80条 article 80'));

    const a4 = await make('a4.pdf', ['--page-size', 'a4']);
    assert.ok(a4.sizes.length > 1, `a4: ${a4.sizes.length} pages`);
    for (const [w, h] of a4.sizes) assert.ok((w === 595 && h === 842) || (w === 842 && h === 595), `a4 page ${w} × ${h}`);
    assert.ok(a4.text.includes('第1条 article 1') && a4.text.includes('第80条 article 80'));
    assert.ok(a4.text.includes(`1 / ${a4.sizes.length}`), 'numbered sheets');

    const a3 = await make('a3.pdf', ['--page-size=a3', '--orientation', 'landscape']);
    assert.ok(
      a3.sizes.every(([w, h]) => w === 1191 && h === 842),
      JSON.stringify(a3.sizes),
    );
    const portrait = await make('a4-portrait.pdf', ['--page-size', 'a4', '--orientation', 'portrait']);
    assert.ok(
      portrait.sizes.every(([w, h]) => w === 595 && h === 842),
      JSON.stringify(portrait.sizes),
    );

    // To standard output with --to, and with --sheet all (every sheet gets the options).
    const piped = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'convert', md, '-', '--from', 'markdown', '--to', 'pdf', '--page-size', 'a4'], {
        cwd: ROOT,
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`exit ${code}`))));
    });
    assert.equal((await readPdf(new Uint8Array(piped))).sizes.length, a4.sizes.length);
    const xmind = join(dir, 'two-sheets.xmind');
    writeFileSync(xmind, await exportDoc(sheet('one'), 'xmind', { extraSheets: [sheet('two')] }));
    const all = await arbor([xmind, join(dir, 'sheet.pdf'), '--sheet', 'all', '--page-size', 'a3', '--orientation', 'portrait']);
    assert.equal(all.code, 0, all.stderr);
    for (const n of [1, 2]) {
      const pdf = await readPdf(new Uint8Array(readFileSync(join(dir, `sheet-${n}.pdf`))));
      assert.deepEqual(pdf.sizes, [[842, 1191]], `sheet ${n}`);
    }
  });

  test('PDF page options are refused for other outputs and for unknown values (exit 2, nothing written)', async () => {
    const md = join(dir, 'small.md');
    writeFileSync(md, '# Plan\n- first\n');
    const svg = join(dir, 'small.svg');
    const notPdf = await arbor([md, svg, '--from', 'markdown', '--page-size', 'a4']);
    assert.equal(notPdf.code, 2);
    assert.match(notPdf.stderr, /^arbor convert: --page-size is for PDF output only, not "svg"\n/);
    assert.match(notPdf.stderr, /arbor convert IN OUT\.pdf \[--page-size fit\|a4\|a3\]/);
    assert.ok(!existsSync(svg));
    const both = await arbor([md, '-', '--from', 'markdown', '--to', 'opml', '--page-size', 'fit', '--orientation', 'portrait']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--page-size and --orientation are for PDF output only, not "opml"/);
    assert.equal(both.stdout, '');
    const bad = await arbor([md, join(dir, 'small.pdf'), '--from', 'markdown', '--orientation', 'diagonal']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--orientation must be auto, portrait or landscape, not "diagonal"/);
    assert.ok(!existsSync(join(dir, 'small.pdf')));
  });

  test('errors are one clear line and a non-zero exit', async () => {
    const missing = await arbor([join(dir, 'nope.mm'), '-', '--to', 'json']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^arbor convert: .*nope\.mm/);
    const pdf = join(dir, 'slides.xmind');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const fake = await arbor([pdf, join(dir, 'x.mm')]);
    assert.equal(fake.code, 1);
    assert.equal(fake.stderr.trim().split('\n').length, 1);
    assert.match(fake.stderr, /really a PDF document/);
    const usage = await arbor([pdf, join(dir, 'x.unknownext')]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /cannot write "unknownext"/);
    const noTo = await arbor([pdf, '-']);
    assert.equal(noTo.code, 2);
    assert.match(noTo.stderr, /add --to/);
  });
});
