// `node scripts/build.mjs [--force] [--check] [--quiet]`: builds what needs building, and only when its
// sources changed (ADR 0013). Today that is the browser app (packages/web → packages/web/dist); another
// build step (say, the CLI's) is one more entry in TARGETS.
//
// - A target is stale when the hash of its inputs' contents differs from the one in its `.stamp`
//   (written after a successful build), or when the stamp is missing. Contents, not mtimes, so a fresh
//   clone or a `git checkout` that changes nothing does not rebuild.
// - `npm install`/`npm ci` run it (the root `prepare`) and so does `npm start`; both stay quick when
//   nothing changed (hashing the sources takes tens of milliseconds).
// - `--force` builds even when fresh (`npm run build`); `--check` builds nothing and exits 1 when a
//   target is stale. `ARBOR_SKIP_WEB_BUILD=1` skips the browser app (the server then answers /app/ with
//   a page saying how to build it).
// - Concurrent runs (two test files, an install and a start) wait for each other through a lock
//   directory, then look again whether the build is still needed.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { cliTarget } from '../packages/cli/scripts/build.mjs';
import { buildTargets, root, runBuildCommand, walk } from './build-targets.mjs';

export { hashFiles } from './build-targets.mjs';

const webDir = join(root, 'packages/web');

/** Files a build never depends on. */
const IGNORED = /(?:^|\/)(?:node_modules|dist|\.[^/]*)(?:\/|$)|\.test\.tsx?$/;

/**
 * The workspace packages the browser app may import (DESIGN §1: every package but the Node-only server
 * and CLI), whether or not its package.json declares them, in a stable order.
 */
const NODE_ONLY_PACKAGES = new Set(['server', 'cli']);
function browserPackages() {
  return readdirSync(join(root, 'packages'))
    .filter((name) => !NODE_ONLY_PACKAGES.has(name) && existsSync(join(root, 'packages', name, 'package.json')))
    .sort();
}

const TEXT_ASSET = /\.(?:js|mjs|css|html|svg|json|txt|wasm|ttf|otf)$/;

/** Writes .gz and .br beside each text file worth compressing, for the server to send as they are. */
function precompress(dir) {
  let files = 0;
  for (const f of walk(dir, /(?:^|\/)\./, dir)) {
    if (!TEXT_ASSET.test(f)) continue;
    const data = readFileSync(f);
    if (data.length < 1024) continue;
    writeFileSync(`${f}.gz`, gzipSync(data, { level: 9 }));
    writeFileSync(
      `${f}.br`,
      brotliCompressSync(data, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }),
    );
    files++;
  }
  return files;
}

const webApp = {
  name: 'web app (packages/web/dist)',
  skip: () => (process.env.ARBOR_SKIP_WEB_BUILD === '1' ? 'ARBOR_SKIP_WEB_BUILD=1' : null),
  /** Why it cannot be built here (its tools are devDependencies), or null. */
  unavailable() {
    try {
      createRequire(join(webDir, 'package.json')).resolve('vite');
      return null;
    } catch {
      return 'vite is not installed (a devDependency of packages/web): run `npm install`';
    }
  },
  stampFile: join(webDir, 'dist', '.stamp'),
  inputs() {
    const files = [join(root, 'package-lock.json')];
    for (const name of browserPackages()) {
      const dir = join(root, 'packages', name);
      files.push(join(dir, 'package.json'));
      files.push(...walk(join(dir, 'src'), IGNORED));
    }
    files.push(join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), ...walk(join(webDir, 'public'), IGNORED));
    return files.filter((f) => existsSync(f));
  },
  async build(log) {
    const vitePath = createRequire(join(webDir, 'package.json')).resolve('vite');
    const vite = await import(pathToFileURL(vitePath).href);
    await vite.build({ configFile: join(webDir, 'vite.config.ts'), logLevel: log ? 'warn' : 'error' });
    const n = precompress(join(webDir, 'dist'));
    if (log) console.log(`  precompressed ${n} files (.gz, .br)`);
  },
};

/** What `npm run build` builds (targets as scripts/build-targets.mjs describes them). */
export const TARGETS = [webApp, cliTarget];

/** Builds the stale targets (all of them with `force`); with `check`, builds nothing and returns how many are stale. */
export function buildAll({ targets = TARGETS, ...options } = {}) {
  return buildTargets(targets, options);
}

await runBuildCommand(import.meta.url, TARGETS);
