// Fuzzing every import path with seeded byte and structure mutations of real fixtures: each case
// must produce a sound document or an ImportError — never another exception, crash or hang.
// Set ARBOR_FUZZ_CASES to run more cases, ARBOR_FUZZ_SEED to replay another sequence.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DocBuilder, type MindDoc } from '@arbor/core';
import { ImportError } from '../src/errors.ts';
import { exportDoc, importFile } from '../src/registry.ts';
import { FIXTURES, SHARED, sharedAvailable } from './helpers.ts';
import { mutateBytes, mutateStructure, seeded } from './mutate.ts';

const CASES = Number(process.env.ARBOR_FUZZ_CASES) || 2500;
const SEED = Number(process.env.ARBOR_FUZZ_SEED) || 20261127;
/** Files larger than this are left out: the fuzzer wants many small cases, not a few slow ones. */
const MAX_SEED_BYTES = 64 * 1024;

function collect(dir: string, out: { name: string; bytes: Uint8Array }[]): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (statSync(path).size <= MAX_SEED_BYTES && /\.(mm|opml|json|md|txt|xmind|mmap)$/i.test(entry))
      out.push({ name: entry, bytes: new Uint8Array(readFileSync(path)) });
  }
}

async function seeds(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  collect(FIXTURES, out);
  if (sharedAvailable) collect(SHARED, out);
  // Archives and a text outline written by Arbor itself, so every format has seeds here.
  const b = new DocBuilder({ rootText: '中心' });
  const a = b.add(b.rootId, { text: 'A', note: 'n', markers: ['priority-1'], labels: ['l'] });
  const a1 = b.add(a, { text: 'A1', href: 'https://example.org' });
  const a2 = b.add(a, { text: 'A2' });
  b.addSummary(a, a1, a2, { text: 's' });
  b.addBoundary({ parentId: a, fromId: a1, toId: a2 });
  b.addRelationship({ from: a1, to: a2, label: 'r' });
  b.add(b.rootId, { text: 'free', detached: true, position: { x: 10, y: 10 } });
  const doc = b.build();
  for (const [to, ext] of [
    ['xmind', 'xmind'],
    ['xmind8', 'xmind'],
    ['text', 'txt'],
    ['mm', 'mm'],
    ['json', 'json'],
  ])
    out.push({ name: `arbor-${to}.${ext}`, bytes: await exportDoc(doc, to as string) });
  return out;
}

/** The document invariants every importer must keep. */
function checkSound(doc: MindDoc, label: string): void {
  const root = doc.topics[doc.rootId];
  assert.ok(root, `${label}: root missing`);
  assert.equal(root.parentId, null, `${label}: root has a parent`);
  for (const t of Object.values(doc.topics)) {
    assert.equal(typeof t.text, 'string', `${label}: topic ${t.id} text`);
    if (t.id !== doc.rootId) assert.ok(t.parentId !== null && doc.topics[t.parentId], `${label}: topic ${t.id} has no parent`);
  }
  for (const r of Object.values(doc.relationships)) assert.ok(doc.topics[r.from] && doc.topics[r.to], `${label}: dangling relationship`);
  for (const s of Object.values(doc.summaries)) assert.ok(doc.topics[s.topicId] && doc.topics[s.fromId], `${label}: dangling summary`);
}

test(`fuzz: ${CASES} mutated inputs give a document or an ImportError`, { timeout: 600_000 }, async () => {
  const inputs = await seeds();
  assert.ok(inputs.length >= 8, 'enough seed files');
  const rng = seeded(SEED);
  const failures: string[] = [];
  const outcomes = { imported: 0, refused: 0 };
  for (let i = 0; i < CASES && failures.length < 10; i++) {
    const input = inputs[i % inputs.length] as { name: string; bytes: Uint8Array };
    let bytes = input.bytes;
    for (let k = 0, n = 1 + Math.floor(rng() * 3); k < n; k++)
      bytes = rng() < 0.5 ? mutateBytes(rng, bytes) : mutateStructure(rng, bytes, input.name);
    // Half the cases keep the file name (detection by extension), half rely on content sniffing.
    const fileName = rng() < 0.5 ? input.name : undefined;
    const lenient = rng() < 0.3;
    const label = `case ${i} (seed ${SEED}, ${input.name}, lenient ${lenient})`;
    const started = performance.now();
    try {
      const result = await importFile(bytes, { fileName, lenient, sheet: 'all' });
      for (const sheet of result.sheets) checkSound(sheet.doc, label);
      if (i % 4 === 0) for (const to of ['json', 'mm', 'opml', 'markdown', 'text', 'tree-json']) await exportDoc(result.doc, to);
      outcomes.imported++;
    } catch (err) {
      // An ImportError with a `cause` is a parser exception the registry wrapped: a bug.
      if (err instanceof ImportError && err.cause === undefined && err.message.length > 0) outcomes.refused++;
      else if (err instanceof ImportError) failures.push(`${label}: internal error ${String(err.cause)}\n${(err.cause as Error)?.stack}`);
      else failures.push(`${label}: ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
    }
    // Diagnostics only (never asserted): name the slow cases when asked to.
    const took = performance.now() - started;
    if (process.env.ARBOR_FUZZ_VERBOSE && took > 1000) console.log(`${label}: ${took.toFixed(0)} ms, ${bytes.length} bytes`);
  }
  if (process.env.ARBOR_FUZZ_VERBOSE) console.log(outcomes, inputs.length);
  assert.deepEqual(failures, []);
  // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
  assert.ok(outcomes.imported > CASES / 20 && outcomes.refused > CASES / 20, JSON.stringify(outcomes));
});
