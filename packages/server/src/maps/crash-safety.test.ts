// Crash safety: a real server process receives a stream of edits and is killed with SIGKILL in
// the middle; after a restart every acknowledged edit is there (SQLite and PostgreSQL).

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type TestDatabase, testDatabases } from '../http/testing.ts';

const BIN = fileURLToPath(new URL('../../../cli/bin/arbor.js', import.meta.url));
const PLANNED_EDITS = 1000;
const WORKERS = 4;

interface Running {
  child: ChildProcess;
  origin: string;
}

function startServer(env: Record<string, string>): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, ...env, LOG: '0', SEED_DEMO: '0', SCRYPT_LOG_N: '10', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${out}${err}`));
    }, 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${out}${err}`));
    });
  });
}

function kill(run: Running): Promise<void> {
  return new Promise((resolve) => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return resolve();
    run.child.once('exit', () => resolve());
    run.child.kill('SIGKILL');
  });
}

async function call(origin: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { [k: string]: never } };
}

for (const { name, make, skip } of await testDatabases()) {
  describe(`crash safety (${name})`, { skip }, () => {
    let tdb: TestDatabase;
    const running: Running[] = [];
    after(async () => {
      for (const r of running) await kill(r);
      await tdb?.cleanup();
    });

    test('every acknowledged edit survives kill -9', { timeout: 240_000 }, async () => {
      tdb = make();
      const cfg = tdb.config();
      const env: Record<string, string> = cfg.databaseUrl
        ? { DATABASE_URL: cfg.databaseUrl, DATABASE_SCHEMA: cfg.databaseSchema ?? '' }
        : { DATA_DIR: cfg.dataDir, DATABASE_URL: '' };
      const first = await startServer(env);
      running.push(first);
      const signup = await fetch(`${first.origin}/api/auth/signup`, {
        method: 'POST',
        headers: { origin: first.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.org', password: 'long enough pw', name: 'Crash' }),
      });
      assert.equal(signup.status, 201);
      const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const created = await call(first.origin, cookie, 'POST', '/api/maps', { title: 'crash' });
      const mapId = (created.json.map as unknown as { id: string }).id;
      const opened = await call(first.origin, cookie, 'GET', `/api/maps/${mapId}`);
      const rootId = (opened.json.doc as unknown as { rootId: string }).rootId;

      // Kill somewhere in the second half of the stream, while several requests are in flight.
      const killAt = Math.floor(PLANNED_EDITS * (0.5 + Math.random() * 0.4));
      const acked = new Set<string>();
      let version = 0;
      let next = 0;
      let killed: Promise<void> | undefined;
      const worker = async () => {
        while (next < PLANNED_EDITS) {
          const id = `e${next++}`;
          try {
            const res = await call(first.origin, cookie, 'POST', `/api/maps/${mapId}/ops`, {
              baseVersion: version,
              ops: [{ type: 'topic.create', parentId: rootId, topic: { id, text: `edit ${id}` } }],
            });
            if (res.status !== 200) throw new Error(`edit ${id}: ${res.status} ${JSON.stringify(res.json)}`);
            acked.add(id);
            version = Math.max(version, res.json.version as unknown as number);
            if (acked.size >= killAt && !killed) killed = kill(first);
          } catch (err) {
            if (killed) return; // the server is gone: unacknowledged edits may or may not have landed
            throw err;
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      await (killed ?? kill(first));
      assert.ok(acked.size >= killAt, `${acked.size} edits acknowledged before the kill`);

      const second = await startServer(env);
      running.push(second);
      const login = await fetch(`${second.origin}/api/auth/login`, {
        method: 'POST',
        headers: { origin: second.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.org', password: 'long enough pw' }),
      });
      const cookie2 = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const after = await call(second.origin, cookie2, 'GET', `/api/maps/${mapId}`);
      assert.equal(after.status, 200);
      const topics = (after.json.doc as unknown as { topics: Record<string, { text: string }> }).topics;
      const missing = [...acked].filter((id) => topics[id]?.text !== `edit ${id}`);
      assert.deepEqual(missing, [], `${missing.length} of ${acked.size} acknowledged edits lost`);
      const serverVersion = (after.json.map as unknown as { version: number }).version;
      assert.ok(serverVersion >= acked.size, `version ${serverVersion} covers the ${acked.size} acknowledged edits`);
      // The restarted server keeps accepting edits on top.
      const more = await call(second.origin, cookie2, 'POST', `/api/maps/${mapId}/ops`, {
        baseVersion: serverVersion,
        ops: [{ type: 'topic.update', id: rootId, patch: { text: 'after restart' } }],
      });
      assert.equal(more.status, 200);
      await kill(second);
    });
  });
}
