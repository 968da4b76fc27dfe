// The CLI's version: written into the bundle by scripts/build.mjs, read from package.json when the
// sources run.

import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

declare const __ARBOR_VERSION__: string | undefined;

export const VERSION = typeof __ARBOR_VERSION__ === 'string' ? __ARBOR_VERSION__ : readVersion();
