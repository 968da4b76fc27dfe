import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  arborMarkerToFreemindIcon,
  arborMarkerToXmind,
  freemindIconToArbor,
  isArborMarker,
  mindManagerIconToArbor,
  mindManagerPriorityToArbor,
  percentOfTaskMarker,
  TASK_PERCENTS,
  taskMarkerForPercent,
  xmindMarkerToArbor,
} from './markers.ts';

test('XMind ids map to Arbor ids, task eighths to percentages', () => {
  assert.equal(xmindMarkerToArbor('priority-1'), 'priority-1');
  assert.equal(xmindMarkerToArbor('flag-red'), 'flag-red');
  assert.equal(xmindMarkerToArbor('star-dark-blue'), 'star-dark-blue');
  assert.equal(xmindMarkerToArbor('smiley-laugh'), 'smiley-laugh');
  assert.equal(xmindMarkerToArbor('task-start'), 'task-0');
  assert.equal(xmindMarkerToArbor('task-oct'), 'task-12');
  assert.equal(xmindMarkerToArbor('task-half'), 'task-50');
  assert.equal(xmindMarkerToArbor('task-done'), 'task-100');
  assert.equal(xmindMarkerToArbor('c_simbol-right'), 'symbol-right');
  assert.equal(xmindMarkerToArbor('c_symbol_like'), undefined, 'custom markers are not kept');
  assert.equal(xmindMarkerToArbor('priority-0'), undefined);
});

test('Arbor → XMind → Arbor is the identity on every Arbor marker XMind knows', () => {
  for (const p of TASK_PERCENTS) assert.equal(xmindMarkerToArbor(arborMarkerToXmind(`task-${p}`)), `task-${p}`);
  for (const id of ['priority-9', 'flag-green', 'people-blue', 'tag-orange', 'arrow-up-right', 'symbol-question', 'half-star-green'])
    assert.equal(xmindMarkerToArbor(arborMarkerToXmind(id)), id);
});

test('task progress snaps to the nearest eighth', () => {
  fc.assert(
    fc.property(fc.double({ min: -50, max: 150, noNaN: true }), (p) => {
      const m = taskMarkerForPercent(p);
      assert.ok(isArborMarker(m));
      const back = percentOfTaskMarker(m) as number;
      assert.ok(Math.abs(back - Math.min(100, Math.max(0, p))) <= 6.5);
    }),
  );
  assert.equal(taskMarkerForPercent(Number.NaN), 'task-0');
  assert.equal(percentOfTaskMarker('flag-red'), undefined);
});

test('FreeMind icons', () => {
  assert.equal(freemindIconToArbor('full-3'), 'priority-3');
  assert.equal(freemindIconToArbor('button_ok'), 'symbol-right');
  assert.equal(freemindIconToArbor('75%'), 'task-75');
  assert.equal(freemindIconToArbor('__proto__'), undefined);
  assert.equal(freemindIconToArbor('../Bold16'), undefined);
  assert.equal(arborMarkerToFreemindIcon('priority-3'), 'full-3');
  assert.equal(arborMarkerToFreemindIcon('flag-purple'), 'flag');
  assert.equal(arborMarkerToFreemindIcon('task-62'), '50%');
  assert.equal(arborMarkerToFreemindIcon('star-red'), undefined);
  // Every icon that maps to Arbor maps back to an icon that maps to the same marker.
  for (const icon of ['full-1', 'button_ok', 'button_cancel', 'help', 'idea', 'stop', '0%', '100%', 'back', 'ksmiletris']) {
    const marker = freemindIconToArbor(icon) as string;
    assert.equal(freemindIconToArbor(arborMarkerToFreemindIcon(marker) as string), marker);
  }
});

test('MindManager stock icons and task priorities', () => {
  assert.equal(mindManagerIconToArbor('urn:mindjet:ExclamationMark'), 'symbol-exclam');
  assert.equal(mindManagerIconToArbor('urn:mindjet:FlagRed'), 'flag-red');
  assert.equal(mindManagerIconToArbor('urn:mindjet:JudgeHammer'), undefined);
  assert.equal(mindManagerPriorityToArbor('urn:mindjet:Prio2'), 'priority-2');
  assert.equal(mindManagerPriorityToArbor(''), undefined);
});

test('every mapped id is an Arbor marker', () => {
  const mapped = [
    ...['full-1', 'button_ok', 'messagebox_warning', 'calendar', 'male1', 'flag-pink'].map(freemindIconToArbor),
    ...['ArrowUp', 'SmileySad', 'ThumbsUp', 'Dollar'].map(mindManagerIconToArbor),
  ];
  for (const m of mapped) assert.ok(m && isArborMarker(m), String(m));
});
