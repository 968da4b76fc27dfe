// A small hand-made map with one of every decoration, and a hand-placed layout for it (topic sizes
// and parts from layout's TopicMeasurer): renderer tests run without the layout engine's placement.

import { DocBuilder } from '../builder.ts';
import { directionCode, LayoutTable, PlacedLayout } from '../layout/table.ts';
import { TopicMeasurer } from '../layout/topic-size.ts';
import type { LayoutResult, Rect, TopicBox } from '../layout/types.ts';
import type { TopicId } from '../model.ts';
import { stateFromDoc } from '../store.ts';
import { ApproxMeasurer } from '../text/approx-measurer.ts';
import { getTheme } from './themes.ts';

export function handMade(themeName = 'classic') {
  const b = new DocBuilder({ rootText: '中心主题 Root' });
  const a = b.add(b.rootId, {
    text: '<script>alert(1)</script>',
    markers: ['priority-1', 'task-50', 'flag-red', 'nope-x'],
    labels: ['标签', 'tag"x'],
  });
  const c = b.add(b.rootId, { text: 'Second', note: 'a note & more', href: 'https://example.com/?a=1&b=2', task: { done: true } });
  const d = b.add(b.rootId, { text: 'Folded', folded: true, image: { src: 'javascript:alert(1)', width: 40, height: 30 } });
  b.add(d, { text: 'hidden' });
  const e = b.add(b.rootId, {
    text: 'Pic',
    image: { src: 'data:image/png;base64,AAAA', width: 40, height: 30 },
    href: 'javascript:alert(2)',
  });
  const f = b.add(b.rootId, { text: 'Float', detached: true, position: { x: 0, y: 200 } });
  b.addRelationship({ from: a, to: c, label: '关系 <b>' });
  b.addBoundary({ parentId: b.rootId, fromId: a, toId: c, label: '边界' });
  const { topicId: summaryTopic } = b.addSummary(b.rootId, a, c, { text: '总结' });
  const state = stateFromDoc(b.build());
  const theme = getTheme(themeName)!;
  const sizes = new TopicMeasurer(theme, new ApproxMeasurer());

  const boxes = new Map<TopicId, TopicBox>();
  const table = new LayoutTable(8);
  const rows = new Map<TopicId, number>();
  const place = (id: TopicId, x: number, y: number, depth: number, hiddenCount = 0): TopicBox => {
    const m = sizes.measure(state.topics.get(id)!, depth);
    const box: TopicBox = {
      id,
      x,
      y,
      width: m.width,
      height: m.height,
      depth,
      direction: 'right',
      structure: 'mindmap',
      text: m.text,
      parts: m.parts,
      hiddenCount,
    };
    if (m.parts.image) box.image = m.parts.image;
    boxes.set(id, box);
    rows.set(id, table.addTopic(id, x, y, m.width, m.height, depth, hiddenCount, directionCode('right'), 'mindmap', m));
    return box;
  };
  const rootSize = sizes.measure(state.topics.get(b.rootId)!, 0);
  const root = place(b.rootId, -rootSize.width / 2, -rootSize.height / 2, 0);
  let y = -130;
  for (const id of [a, c, d, e]) {
    const t = place(id, root.x + root.width + 60, y, 1, id === d ? 1 : 0);
    const start = { x: root.x + root.width, y: 0 };
    const end = { x: t.x, y: t.y + t.height / 2 };
    const coords = [start.x, start.y, start.x + 30, 0, start.x + 30, end.y, end.x, end.y];
    table.addConnector(rows.get(b.rootId)!, id, 'curve', coords, coords.length);
    y += t.height + 14;
  }
  place(f, -40, y + 30, 1);
  const ba = boxes.get(a)!;
  const bc = boxes.get(c)!;
  const right = Math.max(ba.x + ba.width, bc.x + bc.width);
  const frame: Rect = { x: ba.x - 8, y: ba.y - 8, width: right - ba.x + 16, height: bc.y + bc.height - ba.y + 16 };
  const st = place(summaryTopic, right + 40, (ba.y + bc.y + bc.height) / 2 - 16, 1);
  const layout: LayoutResult = new PlacedLayout(
    table,
    [
      {
        id: 's1',
        start: { x: right + 12, y: ba.y },
        end: { x: right + 12, y: bc.y + bc.height },
        tip: { x: right + 26, y: st.y + st.height / 2 },
        direction: 'right',
      },
    ],
    [{ id: 'b1', rect: frame, label: { x: frame.x, y: frame.y - 22, width: 40, height: 20 } }],
    [
      {
        id: 'r1',
        start: { x: ba.x + 40, y: ba.y },
        c1: { x: ba.x - 40, y: ba.y - 60 },
        c2: { x: bc.x - 60, y: bc.y + 10 },
        end: { x: bc.x, y: bc.y + bc.height / 2 },
        labelAt: { x: ba.x - 30, y: ba.y - 30 },
      },
    ],
    { x: root.x - 10, y: frame.y - 30, width: st.x + st.width - root.x + 40, height: y + 120 - frame.y },
  );
  return { state, layout, theme, ids: { a, c, d, e, f, summaryTopic } };
}
