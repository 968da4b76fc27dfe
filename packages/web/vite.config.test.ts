// The Vite configuration: the browser bundle compiles the workspace's TypeScript sources and Preact
// JSX, and refuses anything Node-only (ADR 0013). Builds small real entries, writing nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
let dir: string;

before(() => {
  // Inside packages/web so that the workspace's node_modules resolve; a dot directory, which the
  // build's staleness hash ignores.
  dir = mkdtempSync(join(webDir, '.vite-config-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(name: string, source: string): Promise<Rollup.RollupOutput> {
  const entry = join(dir, name);
  writeFileSync(entry, source);
  const out = await build({
    configFile: join(webDir, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, manifest: false, rollupOptions: { input: entry } },
  });
  return (Array.isArray(out) ? out[0] : out) as Rollup.RollupOutput;
}

test('a .tsx entry with Preact JSX and @arbor/core sources bundles', async () => {
  const out = await bundle(
    'ok.tsx',
    `import { render } from 'preact';
import { DocBuilder } from '@arbor/core';
const doc = new DocBuilder({ rootText: '中心主题' }).build();
function App() { return <p class="title">{doc.title}</p>; }
render(<App />, document.getElementById('app')!);
`,
  );
  const js = out.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  assert.equal(js.length, 1);
  const code = js[0]!.code;
  assert.ok(code.includes('中心主题'));
  assert.ok(!code.includes('React.createElement'), 'JSX goes through the automatic runtime, not React');
  assert.ok(js[0]!.fileName.startsWith('assets/'));
});

for (const [name, source, culprit] of [
  ['builtin.ts', "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n", 'node:fs'],
  ['bare-builtin.ts', "import { join } from 'path';\nconsole.log(join);\n", '"path"'],
  ['node-entry.ts', "import * as n from '@arbor/core/node';\nconsole.log(n);\n", '@arbor/core/node'],
  ['node-file.ts', "import * as n from '../../core/src/node.ts';\nconsole.log(n);\n", 'core/src/node.ts'],
  ['server.ts', "import { buildApp } from '@arbor/server';\nconsole.log(buildApp);\n", '@arbor/server'],
] as const) {
  test(`a Node-only import stops the build: ${culprit}`, async () => {
    await assert.rejects(bundle(name, source), (err: Error) => {
      assert.match(err.message, /Node-only and must not reach the browser app/);
      assert.ok(err.message.includes(culprit), err.message);
      return true;
    });
  });
}
