// `arbor` itself, spawned as people run it: --version, --help, help COMMAND, a usage line and exit
// code 2 for every mistake, standard input for convert, and the command table.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COMMANDS, commandHelp, mainHelp } from './main.ts';
import { runArbor } from './run-arbor.testing.ts';

const arbor = (args: string[], stdin?: string) => runArbor(args, { stdin });

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

describe('arbor', { timeout: 300_000 }, () => {
  test('--version prints the version alone', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await arbor([flag]);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${VERSION}\n`, '']);
    }
  });

  test('--help lists every command of the table; help COMMAND and COMMAND --help print its usage', async () => {
    const help = await arbor(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stdout, mainHelp());
    for (const c of COMMANDS) assert.match(help.stdout, new RegExp(`^  ${c.name} +\\S`, 'm'));
    const convert = await arbor(['help', 'convert']);
    assert.deepEqual(
      [convert.code, convert.stdout],
      [0, commandHelp(COMMANDS.find((c) => c.name === 'convert') as (typeof COMMANDS)[number])],
    );
    assert.match(convert.stdout, /^usage: arbor convert IN OUT/);
    assert.match(convert.stdout, /--from FORMAT/);
    const dashed = await arbor(['convert', '--help']);
    assert.equal(dashed.stdout, convert.stdout);
  });

  test('every mistake prints what is wrong and a usage line, and exits 2', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^arbor .*\n\nusage: arbor COMMAND/],
      [['bogus'], /^arbor: unknown command "bogus"\nusage: arbor COMMAND \[ARGS…\] \(commands: convert, /],
      [['--frob'], /^arbor: unknown option --frob\nusage: arbor COMMAND/],
      [['help', 'nothing'], /^arbor help: unknown command "nothing"\nusage: arbor COMMAND/],
      [['convert', 'a.md'], /^arbor convert: convert needs an input and an output\nusage: arbor convert IN OUT/],
      [['convert', 'a.md', 'b.xmind', 'c'], /^arbor convert: convert takes one input and one output, not 3 paths\nusage: arbor convert/],
      [['convert', 'a.md', 'b.xmind', '--bogus'], /^arbor convert: unknown option --bogus\nusage: arbor convert/],
      [['convert', 'a.md', 'b', '--sheet', 'x'], /^arbor convert: --sheet takes .*\nusage: arbor convert/],
      [['convert', 'a.md', 'b'], /^arbor convert: cannot tell the output format of "b": add --to FORMAT\nusage: arbor convert/],
      [['serve', '--port', 'x'], /^arbor serve: --port must be a port number .*\nusage: arbor serve/],
      [['render', 'x.json'], /^arbor render: no output file.*\nusage: arbor render/],
    ];
    for (const [args, re] of cases) {
      const r = await arbor(args);
      assert.equal(r.code, 2, `arbor ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re, `arbor ${args.join(' ')}`);
      assert.equal(
        r.stderr
          .trimEnd()
          .split('\n')
          .filter((l) => l.startsWith('usage:')).length,
        1,
        r.stderr,
      );
      assert.equal(r.stdout, '');
    }
  });

  test('convert - reads standard input: a map file, and a document (Markdown, HTML) when it is not one', async () => {
    const outline = await arbor(['convert', '-', '-', '--from', 'md', '--to', 'tree-json'], '# R\n\n## A\n- a1\n  - a11\n- a2\n');
    assert.equal(outline.code, 0, outline.stderr);
    assert.deepEqual(JSON.parse(outline.stdout), {
      title: 'R',
      children: [{ title: 'A', children: [{ title: 'a1', children: [{ title: 'a11' }] }, { title: 'a2' }] }],
    });
    const bare = await arbor(['convert', '-', '-', '--to', 'tree-json'], '# R\n\n## A\n- a1\n  - a11\n');
    assert.equal(bare.code, 0, bare.stderr);
    assert.deepEqual(JSON.parse(bare.stdout), {
      title: 'R',
      children: [{ title: 'A', children: [{ title: 'a1', children: [{ title: 'a11' }] }] }],
    });
    const page = await arbor(
      ['convert', '-', '-', '--to', 'tree-json'],
      '<!doctype html><title>页</title><main><h1>标题</h1><p>正文<li>项</main>',
    );
    assert.equal(page.code, 0, page.stderr);
    assert.deepEqual(JSON.parse(page.stdout), { title: '标题', children: [{ title: '正文' }, { title: '项' }] });
    const opml = '<?xml version="1.0"?><opml version="2.0"><body><outline text="根"><outline text="子"/></outline></body></opml>';
    const detected = await arbor(['convert', '-', '-', '--to', 'tree-json'], opml);
    assert.equal(detected.code, 0, detected.stderr);
    assert.deepEqual(JSON.parse(detected.stdout), { title: '根', children: [{ title: '子' }] });
  });

  test('hostile input is one line on stderr, no stack trace', async () => {
    const deep = `${'>'.repeat(100_000)} x\n`;
    const r = await arbor(['convert', '-', '-', '--from', 'md', '--to', 'tree-json'], deep);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^arbor convert: .*nested more than \d+ levels deep.*\n$/);
    assert.equal(r.stderr.split('\n').length, 2);
  });
});
