// Vite configuration of the browser app (ADR 0013).
//
// - `vite build` (through `npm run build`, i.e. scripts/build.mjs) writes packages/web/dist/, which the
//   server serves under /app/.
// - `npm run dev` serves the app with hot reload on :5173 and forwards every path outside /app/ (the API,
//   its live events, the template pages, /healthz…) to a running Arbor server (`ARBOR_SERVER`, default
//   http://127.0.0.1:3000). The Host header is kept, so the server's same-origin (CSRF) check sees the
//   dev server's origin on both sides.
//
// The workspace packages are TypeScript sources (`@arbor/core` → packages/core/src/index.ts); Vite compiles
// them like the app's own files. Anything Node-only (`node:` modules, a package's `/node` entry, the server
// or the CLI) stops the build with the import that pulled it in.

import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const devTarget = process.env.ARBOR_SERVER || 'http://127.0.0.1:3000';

const NODE_BUILTINS = new Set(builtinModules);
/** A package's Node entry (packages/<name>/src/node.ts) and the packages that only run in Node. */
const NODE_ONLY_FILE = /[\\/]packages[\\/](?:[^\\/]+[\\/]src[\\/]node\.ts$|(?:server|cli)[\\/])/;
const NODE_ONLY_SPECIFIER = /^@arbor\/(?:[^/]+\/node$|server(?:\/|$)|cli(?:\/|$))/;

/** Fails the build when a Node-only module would end up in the browser bundle. */
function browserOnly(): Plugin {
  return {
    name: 'arbor:browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:') || NODE_BUILTINS.has(source) || NODE_ONLY_SPECIFIER.test(source)) {
        this.error(`"${source}" is Node-only and must not reach the browser app (imported by ${importer ?? 'the entry'})`);
      }
      return null;
    },
    load(id) {
      if (NODE_ONLY_FILE.test(id.split('?')[0] ?? id)) this.error(`${id} is Node-only and must not reach the browser app`);
      return null;
    },
  };
}

/**
 * Writes dist/.vite/modules.json: for each chunk, the bytes each source module (path from the repository
 * root) contributes after tree shaking, before minifying (the bundle-size benchmark groups them by package).
 */
function moduleSizes(): Plugin {
  return {
    name: 'arbor:module-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<string, Record<string, number>> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        const mods: Record<string, number> = {};
        for (const [id, info] of Object.entries(out.modules)) {
          if (info.renderedLength > 0) mods[id.startsWith(repoRoot) ? id.slice(repoRoot.length) : id] = info.renderedLength;
        }
        chunks[out.fileName] = mods;
      }
      this.emitFile({ type: 'asset', fileName: '.vite/modules.json', source: `${JSON.stringify(chunks)}\n` });
    },
  };
}

export default defineConfig({
  root,
  base: '/app/',
  // Static files copied as they are (none yet); the app's own assets are imported and hashed.
  publicDir: 'public',
  clearScreen: false,
  plugins: [browserOnly(), moduleSizes()],
  // Preact's automatic JSX runtime for .tsx files (the same settings as tsconfig.json).
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // dist/.vite/manifest.json: the bundle-size benchmark follows the entry's static imports in it.
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: 5173,
    proxy: {
      // Everything outside /app/ belongs to the Arbor server.
      '^/(?!app(?:/|$))': { target: devTarget, changeOrigin: false, ws: false },
    },
  },
  preview: { port: 4173 },
});
