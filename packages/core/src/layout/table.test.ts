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

test('rows copied to another table move with their subtree and keep their connectors', () => {
  const src = new LayoutTable(4);
  for (let i = 0; i < 6; i++) {
    src.addTopic(asTopicId(`s${i}`), 10 * i, 5 * i, 8, 4, i === 0 ? 0 : 1 + (i % 2), 0, directionCode('right'), 'mindmap', measure);
    src.frame[i] = 1;
    if (i > 0) src.addConnector(i - 1, asTopicId(`s${i}`), 'straight', [i, i + 0.5, i + 1, i + 1.5], 4);
  }
  const dst = new LayoutTable(2);
  dst.addTopic(asTopicId('root'), 0, 0, 8, 4, 0, 0, 0, 'mindmap', measure);
  const extent = { x0: 0, y0: 0, x1: 8, y1: 4 };
  // Rows 2…4 of the source (and the connectors from them) land after the root, moved by (100, -50).
  const start = dst.copyTopicRows(src, 2, 5, 100, -50, extent);
  assert.equal(start, 1);
  const c0 = src.firstConnectorFrom(2);
  const c1 = src.firstConnectorFrom(5);
  assert.deepEqual([c0, c1], [2, 5]);
  dst.copyConnectorRows(src, c0, c1, start - 2, 100, -50);
  assert.equal(dst.size, 4);
  assert.deepEqual(dst.rectAt(1), { x: 120, y: -40, width: 8, height: 4 });
  assert.deepEqual([dst.ids[3], dst.depth[3], dst.frame[3]], ['s4', 1, 1]);
  assert.deepEqual(extent, { x0: 0, y0: -40, x1: 148, y1: 4 });
  assert.equal(dst.connectorCount, 3);
  // Connector 2 of the source (row 2 → s3) is now from row 1, with its points moved.
  assert.deepEqual(dst.connector(0), { from: 's2', to: 's3', kind: 'straight', coords: [103, -46.5, 104, -45.5] });
  // Without a move, coordinates are copied as they are.
  dst.copyConnectorRows(src, 0, 1, 0, 0, 0);
  assert.deepEqual(dst.connector(3).coords, [1, 1.5, 2, 2.5]);
});
