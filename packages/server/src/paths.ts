// Where the server's own files are (seed data, the font worker) and where the web app's build is,
// found from the packages' locations rather than from this module's URL, so that they are right
// whether the server runs from its TypeScript sources or from the CLI's bundle (ADR 0016).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The root folder of a workspace package (its main entry is `<root>/src/index.ts`). */
function packageRoot(name: string, fallback: string): string {
  try {
    return dirname(dirname(require.resolve(name)));
  } catch {
    return fallback;
  }
}

/** packages/server */
export const SERVER_ROOT = packageRoot('@arbor/server', fileURLToPath(new URL('..', import.meta.url)));

/** A file of the server package, e.g. `serverFile('seed', 'laws')`. */
export const serverFile = (...parts: string[]): string => join(SERVER_ROOT, ...parts);

/** packages/web/dist: the built browser app. */
export const WEB_DIST = join(packageRoot('@arbor/web', join(SERVER_ROOT, '..', 'web')), 'dist');
