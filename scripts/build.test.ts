// scripts/build.mjs: a target is built when the contents of its inputs changed (not their mtimes),
// `force` always builds, `check` never does, and parallel runs build once.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type BuildTarget, buildAll, hashFiles, TARGETS } from './build.mjs';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A target that concatenates its two source files into out/bundle.txt and counts its builds. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-build-test-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'out'));
  const a = join(dir, 'a.ts');
  const b = join(dir, 'b.ts');
  writeFileSync(a, 'export const a = 1;\n');
  writeFileSync(b, 'export const b = 2;\n');
  const target = {
    builds: 0,
    name: 'fixture',
    skip: () => null,
    unavailable: () => null,
    stampFile: join(dir, 'out', '.stamp'),
    inputs: () => [a, b],
    async build() {
      target.builds++;
      await new Promise((r) => setTimeout(r, 30));
      writeFileSync(join(dir, 'out', 'bundle.txt'), readFileSync(a, 'utf8') + readFileSync(b, 'utf8'));
    },
  } satisfies BuildTarget & { builds: number };
  return { dir, a, b, target };
}

test('builds when the stamp is missing, then only when the contents change', async () => {
  const { dir, a, target } = fixture();
  const opts = { log: false, targets: [target] };
  assert.equal(await buildAll({ ...opts, check: true }), 1, 'stale before the first build');
  assert.equal(target.builds, 0, 'check builds nothing');
  await buildAll(opts);
  assert.equal(target.builds, 1);
  assert.match(readFileSync(join(dir, 'out', 'bundle.txt'), 'utf8'), /a = 1/);
  assert.equal(JSON.parse(readFileSync(target.stampFile, 'utf8')).inputs, hashFiles([a, join(dir, 'b.ts')]));

  await buildAll(opts);
  assert.equal(target.builds, 1, 'fresh: no rebuild');
  assert.equal(await buildAll({ ...opts, check: true }), 0);

  // A new mtime with the same contents (a checkout, a touch) is not a change.
  const later = new Date(Date.now() + 60_000);
  utimesSync(a, later, later);
  await buildAll(opts);
  assert.equal(target.builds, 1, 'touching a file does not rebuild');

  writeFileSync(a, 'export const a = 10;\n');
  assert.equal(await buildAll({ ...opts, check: true }), 1);
  await buildAll(opts);
  assert.equal(target.builds, 2, 'a changed file rebuilds');
  assert.match(readFileSync(join(dir, 'out', 'bundle.txt'), 'utf8'), /a = 10/);

  await buildAll({ ...opts, force: true });
  assert.equal(target.builds, 3, 'force rebuilds');
});

test('a corrupt stamp means stale; a skipped target is left alone', async () => {
  const { target } = fixture();
  writeFileSync(target.stampFile, 'not json');
  await buildAll({ log: false, targets: [target] });
  assert.equal(target.builds, 1);
  const skipped = { ...fixture().target, skip: () => 'switched off' };
  await buildAll({ log: false, targets: [skipped] });
  assert.equal(skipped.builds, 0);
});

test('parallel runs build once (the second waits for the first, then finds it fresh)', async () => {
  const { target } = fixture();
  await Promise.all([buildAll({ log: false, targets: [target] }), buildAll({ log: false, targets: [target] })]);
  assert.equal(target.builds, 1);
});

test('the web app target hashes its sources and every package it may import, not tests, server or CLI', () => {
  const web = TARGETS.find((t) => t.name.startsWith('web app'));
  assert.ok(web);
  const inputs = web.inputs().map((f) => f.replaceAll('\\', '/'));
  assert.ok(inputs.some((f) => f.endsWith('packages/web/index.html')));
  assert.ok(inputs.some((f) => f.endsWith('packages/web/vite.config.ts')));
  assert.ok(inputs.some((f) => f.endsWith('packages/core/src/index.ts')));
  assert.ok(inputs.some((f) => f.endsWith('packages/docmap/src/index.ts')));
  assert.ok(inputs.some((f) => f.endsWith('package-lock.json')));
  assert.ok(!inputs.some((f) => /\.test\.tsx?$/.test(f)), 'tests are not inputs');
  assert.ok(!inputs.some((f) => f.includes('packages/server/') || f.includes('packages/cli/')), 'Node-only packages are not inputs');
  assert.ok(!inputs.some((f) => f.includes('/dist/') || f.includes('/node_modules/')));
});
