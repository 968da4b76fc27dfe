#!/usr/bin/env node
// Entry for `arbor`. Runs the prebuilt bundle in ../dist (`node packages/cli/scripts/build.mjs`) while
// no source it was built from is newer than it, and otherwise the TypeScript sources through tsx,
// so a fresh clone works before any build and an edited checkout never runs a stale bundle.
// ARBOR_CLI_SOURCE=1 always runs the sources.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

function bundleIsFresh() {
  if (process.env.ARBOR_CLI_SOURCE === '1') return false;
  try {
    const stamp = JSON.parse(readFileSync(new URL('.stamp', dist), 'utf8'));
    const root = new URL('../../../', import.meta.url);
    for (const file of stamp.files) if (statSync(new URL(file, root)).mtimeMs > stamp.builtAtMs) return false;
    return true;
  } catch {
    return false;
  }
}

try {
  let main;
  if (bundleIsFresh()) ({ main } = await import(new URL('arbor.mjs', dist).href));
  else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../src/main.ts'));
  }
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`arbor: ${err instanceof Error ? err.message.replace(/\s*\n\s*/g, ' ') : String(err)}\n`);
  if (process.env.ARBOR_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}
