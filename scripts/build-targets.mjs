// What scripts/build.mjs and packages/cli/scripts/build.mjs share (ADR 0013): listing a target's input
// files, hashing their contents into its stamp, building only the stale targets under a lock shared by
// every run on this checkout, and the `[--force] [--check] [--quiet]` command line.
//
// A target: `name`; `skip()` and `unavailable()` → a reason or null; `stampFile` (JSON `{inputs, builtAt}`
// written after a successful build); `inputs()` → the files whose contents decide staleness; `build(log)`.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** The files below `dir`, sorted, but those whose path relative to `base` matches `ignored`. */
export function walk(dir, ignored, base = root, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (ignored.test(relative(base, p))) continue;
    if (statSync(p).isDirectory()) walk(p, ignored, base, out);
    else out.push(p);
  }
  return out;
}

/** Hash of the contents (and names, relative to the checkout) of `files`. */
export function hashFiles(files) {
  const h = createHash('sha256');
  for (const f of files) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

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

/** Builds the stale `targets` (all of them with `force`); with `check`, builds nothing and returns how many are stale. */
export async function buildTargets(targets, { force = false, check = false, log = true } = {}) {
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

/**
 * When `moduleUrl` is the script node was started with, runs the build command line over `targets`:
 * exit 0 when done (or fresh), 1 when `--check` finds a stale target or a build fails, 2 on a bad option.
 */
export async function runBuildCommand(moduleUrl, targets) {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !['--force', '--check', '--quiet'].includes(a));
  if (unknown.length) {
    console.error(`build: unknown option ${unknown.join(' ')} (use --force, --check or --quiet)`);
    process.exit(2);
  }
  try {
    const stale = await buildTargets(targets, { force: args.has('--force'), check: args.has('--check'), log: !args.has('--quiet') });
    process.exit(stale ? 1 : 0);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
