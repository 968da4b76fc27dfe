import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asTopicId, type TopicId } from '../model.ts';
import type { TextLayout } from '../text/types.ts';
import { directionCode, LayoutTable, PlacedLayout } from './table.ts';
import type { TopicMeasure } from './topic-size.ts';

const text: TextLayout = { lines: ['x'], width: 10, height: 20, lineHeight: 20, font: { size: 14 } };
const measure: TopicMeasure = { width: 10, height: 20, text, parts: { text: { x: 1, y: 2, width: 3, height: 4 } } };

test('a table grows past its capacity and reads back what was written', () => {
  const t = new LayoutTable(2);
  const ids: TopicId[] = [];
  for (let i = 0; i < 40; i++) {
    const id = asTopicId(`t${i}`);
    ids.push(id);
    t.addTopic(id, i, i + 0.5, 10 + i, 20, i % 3, i, directionCode(i % 2 ? 'left' : 'down'), 'mindmap', measure);
    if (i > 0) t.addConnector(i - 1, id, i % 2 ? 'curve' : 'elbow', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], i % 2 ? 8 : 4);
  }
  assert.equal(t.size, 40);
  assert.equal(t.connectorCount, 39);
  const b = t.box(37);
  assert.deepEqual([b.id, b.x, b.y, b.width, b.height, b.depth, b.hiddenCount, b.direction], [ids[37], 37, 37.5, 47, 20, 1, 37, 'left']);
  // Connector j joins row j to row j + 1.
  assert.deepEqual(t.connector(35), { from: ids[35], to: ids[36], kind: 'elbow', coords: [1, 2, 3, 4] });
  assert.deepEqual(t.connector(36), { from: ids[36], to: ids[37], kind: 'curve', coords: [1, 2, 3, 4, 5, 6, 7, 8] });
  assert.equal(t.fromRow[36], 36);
  const r = new PlacedLayout(t, [], [], [], { x: 0, y: 0, width: 1, height: 1 });
  assert.equal(r.boxes.size, 40);
  assert.equal(r.boxes.get(ids[12] as TopicId)?.x, 12);
  assert.equal(r.connectors.length, 39);
  // Rows after a row that are deeper form its subtree.
  assert.deepEqual(t.subtreeRect(1), { x: 1, y: 1.5, width: 13, height: 21 });
});
