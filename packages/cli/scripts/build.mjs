// `node packages/cli/scripts/build.mjs [--force] [--check] [--quiet]`: bundles the `arbor` command
// into packages/cli/dist with esbuild, so that it starts without compiling TypeScript (tsx costs
// about 0.5 s at every start). Built only when the contents of its sources changed (like
// scripts/build.mjs, whose TARGETS can take `cliTarget` as one more entry).
//
// - The bundle holds the CLI and the isomorphic packages it runs (core, formats, docmap, ai), split
//   into chunks so that a command loads only what it needs (`arbor --version` loads one small file).
//   npm packages stay external (read from node_modules), but for a few small pure-JS ones; so does
//   @arbor/server, which reads files next to its sources: `arbor serve` loads it through tsx.
// - dist/.stamp records the sources' content hash and their paths; bin/arbor.js runs the bundle only
//   while no source is newer than the stamp, and the TypeScript sources through tsx otherwise, so an
//   edited checkout never runs a stale bundle.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashFiles, runBuildCommand, walk } from '../../../scripts/build-targets.mjs';

const cliDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const root = join(cliDir, '..', '..');
const dist = join(cliDir, 'dist');
/** Workspace packages bundled into the CLI. */
const BUNDLED = ['cli', 'core', 'formats', 'docmap', 'ai', 'server'];
const IGNORED = /(?:^|\/)(?:node_modules|dist|bench|test|\.[^/]*)(?:\/|$)|\.test\.tsx?$/;

/** The files whose contents decide whether the bundle is stale. */
export function cliInputs() {
  const files = [
    join(root, 'package-lock.json'),
    join(cliDir, 'bin', 'arbor.js'),
    join(cliDir, 'scripts', 'build.mjs'),
    join(root, 'scripts', 'build-targets.mjs'),
  ];
  for (const pkg of BUNDLED) {
    const dir = join(root, 'packages', pkg);
    files.push(join(dir, 'package.json'), ...walk(join(dir, 'src'), IGNORED));
  }
  return files.filter((f) => existsSync(f));
}

/**
 * Small pure-JavaScript packages that every conversion loads go into the bundle: as separate files
 * (markdown-it alone is 68 modules) they cost more to open and compile than to run. Everything else
 * (native and WASM modules, pdfjs, mammoth, fonts, tsx) stay outside; the server is bundled too.
 */
const BUNDLED_NPM = new Set(['markdown-it', 'mdurl', 'uc.micro', 'linkify-it', 'punycode.js', 'entities', 'saxes', 'xmlchars', 'fflate']);
/**
 * The server's framework and query builder, with everything they import: hundreds of small modules
 * (kysely's ESM build alone took 0.5 s to load, fastify's tree 0.3 s), one file when bundled.
 */
const BUNDLED_TREES = new Set(['fastify', 'kysely', '@fastify/cookie', '@fastify/multipart', '@fastify/formbody', 'ioredis']);
/** Never bundled, even inside a bundled tree: native or WASM modules, and packages that read their own files. */
const NEVER = new Set(['better-sqlite3', 'pg', 'pg-native', 'subset-font', 'pdfjs-dist', 'mammoth', 'tsx', 'esbuild', 'pino-pretty', 'thread-stream']);

const packageName = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);

const externals = {
  name: 'arbor-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      if (args.path.startsWith('@arbor/') && !args.path.endsWith('/testing')) return undefined;
      const name = packageName(args.path);
      if (NEVER.has(name) || name.startsWith('@node-rs/')) return { path: args.path, external: true };
      if (BUNDLED_NPM.has(name) || BUNDLED_TREES.has(name)) return undefined;
      // Inside a bundled tree, its dependencies come along.
      if (args.importer.includes('/node_modules/')) {
        const owner = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(args.importer.slice(args.importer.lastIndexOf('/node_modules/')))?.[1];
        if (owner && !BUNDLED_NPM.has(owner)) return undefined;
      }
      return { path: args.path, external: true };
    });
  },
};

export async function buildCli({ log = true } = {}) {
  const esbuild = await import(pathToFileURL(createRequire(join(cliDir, 'package.json')).resolve('esbuild')).href);
  const startedAt = Date.now();
  const files = cliInputs();
  const inputs = hashFiles(files);
  const tmp = `${dist}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { arbor: join(cliDir, 'src', 'main.ts') },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // CommonJS packages in the bundle (fastify's tree) require Node's modules: give the chunks a require.
    banner: { js: "import { createRequire as __arborRequire } from 'node:module'; const require = __arborRequire(import.meta.url);" },
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    define: {
      __ARBOR_BUNDLE__: 'true',
      __ARBOR_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')).version),
    },
    plugins: [externals],
    logLevel: log ? 'warning' : 'error',
    legalComments: 'none',
    metafile: true,
  });
  const stamp = { inputs, builtAtMs: startedAt, builtAt: new Date(startedAt).toISOString(), files: files.map((f) => relative(root, f)) };
  writeFileSync(join(tmp, '.stamp'), `${JSON.stringify(stamp)}\n`);
  // Swap in the new build whole, so a concurrent `arbor` never sees half of one.
  rmSync(dist, { recursive: true, force: true });
  renameSync(tmp, dist);
  if (log) {
    const outputs = Object.entries(result.metafile.outputs);
    const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
    console.log(`build: arbor CLI → packages/cli/dist: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KB in ${Date.now() - startedAt} ms`);
  }
}

/** A target for scripts/build.mjs (`TARGETS.push(cliTarget)`). */
export const cliTarget = {
  name: 'arbor CLI (packages/cli/dist)',
  skip: () => (process.env.ARBOR_SKIP_CLI_BUILD === '1' ? 'ARBOR_SKIP_CLI_BUILD=1' : null),
  unavailable() {
    try {
      createRequire(join(cliDir, 'package.json')).resolve('esbuild');
      return null;
    } catch {
      return 'esbuild is not installed (a devDependency of packages/cli): run `npm install`; arbor runs its sources through tsx meanwhile';
    }
  },
  stampFile: join(dist, '.stamp.inputs'),
  inputs: cliInputs,
  async build(log) {
    await buildCli({ log });
    // scripts/build.mjs writes its own stamp file after build(); ours is dist/.stamp.
    mkdirSync(dist, { recursive: true });
  },
};

await runBuildCommand(import.meta.url, [cliTarget]);
