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

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { cliTarget } from '../packages/cli/scripts/build.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const webDir = join(root, 'packages/web');

/** Files a build never depends on. */
const IGNORED = /(?:^|\/)(?:node_modules|dist|\.[^/]*)(?:\/|$)|\.test\.tsx?$/;

function walk(dir, out, ignored = IGNORED, base = root) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (ignored.test(relative(base, p))) continue;
    if (statSync(p).isDirectory()) walk(p, out, ignored, base);
    else out.push(p);
  }
  return out;
}

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

/** Hash of the contents (and names) of `files`. */
export function hashFiles(files) {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

const TEXT_ASSET = /\.(?:js|mjs|css|html|svg|json|txt|wasm|ttf|otf)$/;

/** Writes .gz and .br beside each text file worth compressing, for the server to send as they are. */
function precompress(dir) {
  let files = 0;
  for (const f of walk(dir, [], /(?:^|\/)\./, dir)) {
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
      files.push(...walk(join(dir, 'src'), []));
    }
    files.push(join(webDir, 'index.html'), join(webDir, 'vite.config.ts'), ...walk(join(webDir, 'public'), []));
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

/**
 * What `npm run build` builds. A target: `name`; `skip()` and `unavailable()` → a reason or null;
 * `stampFile`; `inputs()` → the files whose contents decide staleness; `build(log)`.
 */
export const TARGETS = [webApp, cliTarget];

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Takes a lock shared by every build run on this checkout; waits up to 10 minutes for another run. */
async function withLock(fn) {
  const lock = join(tmpdir(), `arbor-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let pid = 0;
      let since = Date.now();
      try {
        since = statSync(lock).mtimeMs;
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // taken an instant ago (no pid yet) or released meanwhile: look again
      }
      let alive = true;
      if (pid > 0) {
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
      } else if (Date.now() - since > 30_000) alive = false; // a lock left without a pid
      if (!alive) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build (pid ${pid}) holds ${lock}`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the stale targets (all of them with `force`); with `check`, builds nothing and returns how many are stale. */
export async function buildAll({ force = false, check = false, log = true, targets = TARGETS } = {}) {
  let stale = 0;
  for (const t of targets) {
    const skip = t.skip();
    if (skip) {
      if (log) console.log(`build: ${t.name}: skipped (${skip})`);
      continue;
    }
    const fresh = () => !force && readStamp(t.stampFile)?.inputs === hashFiles(t.inputs());
    if (fresh()) {
      if (log && check) console.log(`build: ${t.name}: up to date`);
      continue;
    }
    if (check) {
      if (log) console.log(`build: ${t.name}: stale`);
      stale++;
      continue;
    }
    const unavailable = t.unavailable();
    if (unavailable) {
      // An install without devDependencies serves the build it has (or says how to build).
      if (force) throw new Error(`${t.name}: ${unavailable}`);
      console.warn(`build: ${t.name}: not built, ${unavailable}`);
      continue;
    }
    await withLock(async () => {
      if (fresh()) return; // built by the run we waited for
      const started = performance.now();
      if (log) console.log(`build: ${t.name}…`);
      const inputs = hashFiles(t.inputs());
      await t.build(log);
      writeFileSync(t.stampFile, `${JSON.stringify({ inputs, builtAt: new Date().toISOString() })}\n`);
      if (log) console.log(`build: ${t.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !['--force', '--check', '--quiet'].includes(a));
  if (unknown.length) {
    console.error(`build: unknown option ${unknown.join(' ')} (use --force, --check or --quiet)`);
    process.exit(2);
  }
  try {
    const stale = await buildAll({ force: args.has('--force'), check: args.has('--check'), log: !args.has('--quiet') });
    process.exit(stale ? 1 : 0);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
