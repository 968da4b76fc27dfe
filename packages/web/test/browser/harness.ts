// Browser test harness (DESIGN §10): a real Arbor server on a temporary SQLite database, listening on
// 127.0.0.1 with a free port and serving the built app (built first when missing or stale), and Debian's
// Chromium driven by playwright-core. One server and one Chromium per test file, a context per test:
//
//   browserSuite('editor keyboard', (env) => {
//     test('Tab adds a child', async () => {
//       const { page, errors } = await env().newPage();
//       await signUp(page.context());
//       const { id } = await createMap(page);
//       await openEditor(page, id);
//       …
//       await checkA11y(page);
//       errors.assertNone();
//
// Also: getMap (the saved document through the API), shareMap (a view/edit link), imeType (Chinese
// through CDP's IME composition). Playwright's own context.setOffline() emulates a network cut.
//     });
//   });
//
// Without /usr/bin/chromium (or `ARBOR_CHROMIUM`) the suite is skipped with a message; `.ci/run` installs
// it. Screenshots go to `.tmp/screens/` at the repository root (gitignored).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MindDoc } from '@arbor/core';
import { buildApp, loadConfig, type ServerConfig } from '@arbor/server';
import type { FastifyInstance } from 'fastify';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const CHROMIUM = process.env.ARBOR_CHROMIUM || '/usr/bin/chromium';
export const SCREENS_DIR = join(REPO_ROOT, '.tmp', 'screens');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or false when they can. */
export function browserSkipReason(): string | false {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk); skipping browser tests`;
  return false;
}

/** Builds the web app when its build is missing or stale (scripts/build.mjs, which locks against parallel runs). */
export function ensureWebBuild(): void {
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), '--quiet'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ARBOR_SKIP_WEB_BUILD: '' },
  });
  if (res.status !== 0) throw new Error(`the web app did not build:\n${res.stdout}${res.stderr}`);
}

/**
 * Errors the page reported: console errors, uncaught exceptions, failed requests of its own origin
 * (except those the browser aborted itself, as a reload or a closed EventSource does).
 */
export class PageErrors {
  readonly list: string[] = [];
  constructor(page: Page, origin: string) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        this.list.push(`console.error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => this.list.push(`uncaught: ${err.stack ?? err.message}`));
    page.on('requestfailed', (req) => {
      const reason = req.failure()?.errorText ?? '';
      if (req.url().startsWith(origin) && reason !== 'net::ERR_ABORTED') {
        this.list.push(`request failed: ${req.method()} ${req.url()} (${reason})`);
      }
    });
  }
  /**
   * Throws with every error collected so far, but those matching one of `allow` (what a test provokes
   * on purpose, such as `/ERR_INTERNET_DISCONNECTED/` while offline).
   */
  assertNone(what = 'the page', allow: RegExp[] = []): void {
    const left = this.list.filter((e) => !allow.some((re) => re.test(e)));
    if (left.length) throw new Error(`${what} reported ${left.length} error(s):\n  ${left.join('\n  ')}`);
  }
  /** Forgets the errors collected so far. */
  clear(): void {
    this.list.length = 0;
  }
}

export interface NewPage {
  context: BrowserContext;
  page: Page;
  errors: PageErrors;
}

export interface BrowserEnv {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  server: FastifyInstance;
  browser: Browser;
  /** A fresh context (own cookies, storage) with baseURL set, at 1280×800 unless told. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context, with its errors collected. */
  newPage(options?: BrowserContextOptions): Promise<NewPage>;
  close(): Promise<void>;
}

export interface BrowserEnvOptions {
  /** Seed the demo template library (off by default: it costs time). */
  seedDemo?: boolean;
  config?: Partial<ServerConfig>;
  /** browserSuite only: the whole suite fails after this many ms (default 10 minutes), so a hang cannot stall CI. */
  timeout?: number;
}

/** Starts a server and Chromium. Call close() when done; browserSuite() does both. */
export async function startBrowserEnv(options: BrowserEnvOptions = {}): Promise<BrowserEnv> {
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'arbor-browser-'));
  let server: FastifyInstance | undefined;
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  const cleanup = async () => {
    await Promise.allSettled([...contexts].map((c) => c.close()));
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await buildApp(
      loadConfig(
        { NODE_ENV: 'test' },
        { dataDir, host: '127.0.0.1', port: 0, seedDemo: options.seedDemo ?? false, logger: false, scryptLogN: 10, ...options.config },
      ),
    );
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const b = browser;
    const newContext = async (opts: BrowserContextOptions = {}) => {
      const context = await b.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', ...opts });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      return context;
    };
    return {
      baseUrl,
      server,
      browser,
      newContext,
      async newPage(opts) {
        const context = await newContext(opts);
        const page = await context.newPage();
        return { context, page, errors: new PageErrors(page, baseUrl) };
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * A describe() with one server and one Chromium for its tests, skipped with a message when Chromium
 * is missing. `env()` returns the running environment inside tests.
 */
export function browserSuite(name: string, body: (env: () => BrowserEnv) => void, options: BrowserEnvOptions = {}): void {
  const skip = browserSkipReason();
  describe(name, { skip, timeout: options.timeout ?? 10 * 60_000 }, () => {
    let env: BrowserEnv | undefined;
    before(async () => {
      env = await startBrowserEnv(options);
    });
    after(async () => {
      await env?.close();
    });
    body(() => {
      if (!env) throw new Error('the browser environment did not start');
      return env;
    });
  });
}

type RequestTarget = Page | BrowserContext | APIRequestContext;

function requestOf(target: RequestTarget): APIRequestContext {
  return 'request' in target ? target.request : target;
}

/** The origin of a target's baseURL, sent as Origin on writes (the server's CSRF check wants one). */
async function originOf(target: RequestTarget, api: APIRequestContext): Promise<string> {
  if ('url' in target && typeof target.url === 'function') {
    const u = target.url();
    if (u.startsWith('http')) return new URL(u).origin;
  }
  const res = await api.get('/healthz');
  return new URL(res.url()).origin;
}

async function postJson(target: RequestTarget, url: string, body: unknown): Promise<unknown> {
  const api = requestOf(target);
  const origin = await originOf(target, api);
  const res = await api.post(url, { data: body, headers: { origin } });
  const text = await res.text();
  if (!res.ok()) throw new Error(`POST ${url} → ${res.status()}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

let userCounter = 0;

/** Signs a fresh user up through the API; the session cookie lands in the context (its pages share it). */
export async function signUp(context: BrowserContext, name = `测试用户${++userCounter}`): Promise<TestUser> {
  const email = `user-${process.pid}-${Date.now().toString(36)}-${userCounter}@example.org`;
  const password = 'correct horse battery';
  const answer = (await postJson(context, '/api/auth/signup', { email, password, name })) as { user: { id: string; name: string } };
  return { id: answer.user.id, name: answer.user.name, email, password };
}

/** Creates a map as the signed-in user: blank (titled `title`) or holding `doc`. Returns its id. */
export async function createMap(target: RequestTarget, doc?: MindDoc, title?: string): Promise<{ id: string; title: string }> {
  const body: Record<string, unknown> = {};
  if (doc) body.doc = doc;
  if (title !== undefined) body.title = title;
  const answer = (await postJson(target, '/api/maps', body)) as { map: { id: string; title: string } };
  return { id: answer.map.id, title: answer.map.title };
}

/** GET /api/maps/:id as the target's user (or share): the map, the caller's role and the saved document. */
/** Waits until the editor has sent every change and the server took it (the status says 已保存). */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const a = (window as unknown as { arbor?: { sync: { pending: number } } }).arbor;
      return a && a.sync.pending === 0 && document.querySelector('.status')?.getAttribute('data-status') === 'saved';
    },
    undefined,
    { timeout: 15_000 },
  );
}

export async function getMap(target: RequestTarget, mapId: string, headers: Record<string, string> = {}) {
  const res = await requestOf(target).get(`/api/maps/${encodeURIComponent(mapId)}`, { headers });
  const text = await res.text();
  if (!res.ok()) throw new Error(`GET /api/maps/${mapId} → ${res.status()}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { map: { id: string; title: string; version?: number }; role: string; doc: MindDoc };
}

/** Creates a share link for a map the target's user owns; the token is only shown here. */
export async function shareMap(
  target: RequestTarget,
  mapId: string,
  role: 'view' | 'edit',
): Promise<{ id: string; token: string; url: string }> {
  const answer = (await postJson(target, `/api/maps/${encodeURIComponent(mapId)}/shares`, { role })) as {
    share: { id: string; token: string; url: string };
  };
  return answer.share;
}

export interface ImeOptions {
  /** Keys pressed while the composition is open, as an input method receives them (keyCode 229). */
  pressDuring?: string[];
}

/**
 * Types `commit` through an input method, as a Chinese IME does: the composition shows each of
 * `steps` (say `['z', 'zh', 'zhong', '中']`), keys in `pressDuring` arrive meanwhile, then the text is
 * committed. Uses CDP (`Input.imeSetComposition`, `Input.insertText`) on the focused element.
 */
export async function imeType(page: Page, steps: string[], commit: string, options: ImeOptions = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    for (const key of options.pressDuring ?? []) {
      const code = key.length === 1 ? `Key${key.toUpperCase()}` : key;
      for (const type of ['rawKeyDown', 'keyUp'] as const) {
        await cdp.send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      }
    }
    await cdp.send('Input.insertText', { text: commit });
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Opens /app/maps/:id and waits until the app has rendered something into #app. */
export async function openEditor(page: Page, mapId: string): Promise<void> {
  const res = await page.goto(`/app/maps/${encodeURIComponent(mapId)}`, { waitUntil: 'load' });
  if (!res?.ok()) throw new Error(`/app/maps/${mapId} answered ${res?.status()}`);
  await page.waitForFunction(() => (document.getElementById('app')?.childNodes.length ?? 0) > 0, undefined, { timeout: 15_000 });
}

let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface A11yOptions {
  /** CSS selectors left out of the check. */
  exclude?: string[];
  /** Rule ids not checked (say why at the call site). */
  disableRules?: string[];
}

/**
 * Runs axe-core in the page (evaluated through DevTools, so the app's CSP stays on) against WCAG 2.0,
 * 2.1 and 2.2 A and AA, and throws a readable list of the violations.
 */
export async function checkA11y(page: Page, options: A11yOptions = {}): Promise<void> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    async ([exclude, disabled]) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      const rules: Record<string, { enabled: boolean }> = {};
      for (const id of disabled) rules[id] = { enabled: false };
      const result = await axe.run(exclude.length ? { exclude: exclude.map((s) => [s]) } : document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        rules,
        resultTypes: ['violations'],
      });
      return result.violations;
    },
    [options.exclude ?? [], options.disableRules ?? []] as const,
  )) as AxeViolation[];
  if (violations.length === 0) return;
  const lines = violations.map((v) => {
    const where = v.nodes
      .slice(0, 5)
      .map(
        (n) => `      at ${n.target.map(String).join(' › ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ').trim()}` : ''}`,
      )
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${where}${more}`;
  });
  throw new Error(`${violations.length} accessibility violation(s) (WCAG 2 A/AA) on ${page.url()}:\n${lines.join('\n')}`);
}

/** Screenshots the page at 1280 px and 375 px wide into .tmp/screens/<name>-<width>.png; returns the paths. */
export async function screenshot(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const safe = name.replace(/[^\w.-]+/g, '_');
  const before = page.viewportSize();
  const paths: string[] = [];
  try {
    for (const [width, height] of [
      [1280, 800],
      [375, 812],
    ] as const) {
      await page.setViewportSize({ width, height });
      // Two frames, so that layout and paint follow the resize.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const path = join(SCREENS_DIR, `${safe}-${width}.png`);
      await page.screenshot({ path });
      paths.push(path);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return paths;
}
