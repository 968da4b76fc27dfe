import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOps, DocBuilder, stateFromDoc } from '@arbor/core';
import { addLabel, checkColour, checkLink, progressIndex, progressPercent, removeLabel, setMarker, taskProgress } from './topic-logic.ts';

function tasks() {
  const b = new DocBuilder({ rootText: 'root' });
  const a = b.add(b.rootId, { text: 'A' });
  const a1 = b.add(a, { text: 'a1', task: { done: true } });
  const a2 = b.add(a, { text: 'a2', task: { done: false } });
  const a21 = b.add(a2, { text: 'a21', task: { done: true } });
  const plain = b.add(b.rootId, { text: 'no tasks' });
  return { state: stateFromDoc(b.build()), root: b.rootId, a, a1, a2, a21, plain };
}

test('progress rolls up the done share of task descendants to every ancestor', () => {
  const { state, root, a, a2, a21, plain } = tasks();
  assert.deepEqual(taskProgress(state, a), { done: 2, total: 3 });
  assert.deepEqual(taskProgress(state, a2), { done: 1, total: 1 }, 'a task topic counts what is below it, not itself');
  assert.deepEqual(taskProgress(state, root), { done: 2, total: 3 });
  assert.deepEqual(taskProgress(state, plain), { done: 0, total: 0 });
  assert.deepEqual(taskProgress(state, a21), { done: 0, total: 0 });
  assert.equal(progressPercent(taskProgress(state, a)), 67);
  assert.equal(progressPercent(taskProgress(state, plain)), null);
});

test('progress is computed again after a change (never stored), cached within one version', () => {
  const { state, root, a, a2 } = tasks();
  const first = progressIndex(state);
  assert.equal(progressIndex(state), first, 'same version: same index');
  applyOps(state, [{ type: 'topic.update', id: a2, patch: { task: { done: true } } }]);
  assert.deepEqual(taskProgress(state, a), { done: 3, total: 3 });
  applyOps(state, [{ type: 'topic.delete', ids: [a2] }]);
  assert.deepEqual(taskProgress(state, root), { done: 1, total: 1 });
  assert.equal(state.topics.get(a)?.task, undefined, 'the parent record holds no progress');
});

test('progress over a deep chain does not overflow the stack', () => {
  const b = new DocBuilder({ rootText: 'root' });
  let p = b.rootId;
  for (let i = 0; i < 20000; i++) p = b.add(p, { text: `n${i}`, task: { done: i % 2 === 0 } });
  const state = stateFromDoc(b.build());
  assert.deepEqual(taskProgress(state, b.rootId), { done: 10000, total: 20000 });
});

test('bulk markers: set replaces the family on every topic, clear removes only that marker', () => {
  assert.deepEqual(setMarker(['priority-2', 'flag-red'], 'priority-1', true), ['flag-red', 'priority-1']);
  assert.deepEqual(setMarker(undefined, 'priority-1', true), ['priority-1']);
  assert.deepEqual(setMarker(['priority-1', 'flag-red'], 'priority-1', false), ['flag-red']);
  assert.equal(setMarker(['priority-1'], 'priority-1', false), null);
  assert.deepEqual(setMarker(['priority-2'], 'priority-1', false), ['priority-2'], 'clearing leaves another of the family alone');
});

test('labels: trimmed, no duplicates, removed', () => {
  assert.deepEqual(addLabel(undefined, '  重点  '), ['重点']);
  assert.equal(addLabel(['重点'], '重点'), null);
  assert.equal(addLabel(['a'], '   '), null);
  assert.deepEqual(removeLabel(['a', 'b'], 'a'), ['b']);
  assert.equal(removeLabel(['a'], 'a'), null);
});

test('links and colours: what is stored and what is refused with a reason', () => {
  assert.deepEqual(checkLink('https://example.com/a?b=1'), { href: 'https://example.com/a?b=1' });
  assert.deepEqual(checkLink('example.com'), { href: 'https://example.com' });
  assert.deepEqual(checkLink(''), { href: null });
  assert.deepEqual(checkLink('#topic:t12'), { href: '#topic:t12' });
  for (const bad of ['javascript:alert(1)', 'data:text/html,<script>', 'ftp://x', 'not a link']) {
    const r = checkLink(bad);
    assert.equal(r.href, null, bad);
    assert.ok(r.error, `${bad} gets a reason`);
  }
  assert.equal(checkColour('#A1B2C3'), '#a1b2c3');
  assert.equal(checkColour('red; x'), null);
  assert.equal(checkColour(''), null);
});
