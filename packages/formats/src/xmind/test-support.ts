// Helpers for the XMind and MindManager tests (Node only; not part of the package entry).

import { existsSync, readFileSync } from 'node:fs';
import { childrenByParent, DocBuilder, type MindDoc, type Topic, type TopicId } from '@arbor/core';
import { toDataUrl } from './media.ts';

const REPO_FIXTURES = new URL('../../test/fixtures/', import.meta.url);
/** `../shared` next to the repository, where the full fixture set lives. */
export const SHARED_FIXTURES = new URL('../../../../../shared/fixtures/formats/', import.meta.url);

export const fixture = (rel: string): Uint8Array => new Uint8Array(readFileSync(new URL(rel, REPO_FIXTURES)));

export function sharedFixture(rel: string): Uint8Array | undefined {
  const url = new URL(rel, SHARED_FIXTURES);
  return existsSync(url) ? new Uint8Array(readFileSync(url)) : undefined;
}

export const topics = (doc: MindDoc): Topic[] => Object.values(doc.topics);
export const byText = (doc: MindDoc, text: string): Topic[] => topics(doc).filter((t) => t.text === text);
export function oneByText(doc: MindDoc, text: string): Topic {
  const found = byText(doc, text);
  if (found.length !== 1) throw new Error(`expected one topic "${text}", found ${found.length}`);
  return found[0] as Topic;
}

/**
 * An id-free description of a document, for comparing a document with its round trip: topics
 * as paths of sibling positions, with every field a format can carry.
 */
export function canonical(doc: MindDoc) {
  const kids = childrenByParent(doc);
  const path = new Map<TopicId, string>();
  const out: Record<string, unknown>[] = [];
  const stack: [Topic, string][] = [[doc.topics[doc.rootId] as Topic, 'root']];
  const visit: [Topic, string][] = [];
  while (stack.length) {
    const [t, p] = stack.pop() as [Topic, string];
    path.set(t.id, p);
    visit.push([t, p]);
    const list = kids.get(t.id) ?? [];
    const seen: Record<string, number> = { a: 0, d: 0, s: 0 };
    for (const c of list) {
      const kind = c.summaryId ? 's' : c.detached ? 'd' : 'a';
      stack.push([c, `${p}/${kind}${seen[kind]++}`]);
    }
  }
  for (const [t, p] of visit) {
    out.push({
      path: p,
      text: t.text,
      note: t.note,
      href: t.href,
      labels: t.labels,
      markers: t.markers,
      image: t.image
        ? { src: t.image.src.slice(0, 80), length: t.image.src.length, width: t.image.width, height: t.image.height }
        : undefined,
      folded: t.folded,
      structure: t.structure,
      position: t.position,
      side: t.side,
      style: t.style,
    });
  }
  const p = (id: string) => path.get(id as TopicId) ?? `missing:${id}`;
  // Internal links name their target by path, so ids may differ.
  for (const o of out) if (typeof o.href === 'string' && o.href.startsWith('#topic:')) o.href = `#topic:${p(o.href.slice(7))}`;
  const sortKey = (o: object) => JSON.stringify(o);
  return {
    structure: doc.structure,
    topics: out.sort((a, b) => ((a.path as string) < (b.path as string) ? -1 : 1)),
    relationships: Object.values(doc.relationships)
      .map((r) => ({ from: p(r.from), to: p(r.to), label: r.label, controlPoints: r.controlPoints, style: r.style }))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
    summaries: Object.values(doc.summaries)
      .map((s) => ({ parent: p(s.parentId), from: p(s.fromId), to: p(s.toId), topic: p(s.topicId) }))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
    boundaries: Object.values(doc.boundaries)
      .map((b) => ({ parent: p(b.parentId), from: p(b.fromId), to: p(b.toId), label: b.label, style: b.style }))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
  };
}

/** Notes, links (web and topic), labels, markers, an image, a summary, boundaries, a relationship, a floating topic. */
export function sampleDoc(): MindDoc {
  const b = new DocBuilder({ rootText: 'Central 中心', structure: 'logic-right' });
  const png = new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0,
  ]);
  const a = b.add(b.rootId, {
    text: 'A <&> "quoted"',
    note: 'line 1\nline 2 <b>not html</b>',
    labels: ['x', '标签'],
    markers: ['priority-1', 'task-50'],
  });
  const bb = b.add(b.rootId, { text: 'B 乙', href: 'https://example.com/?a=1&b=2', folded: true, structure: 'org-down' });
  const c = b.add(b.rootId, { text: '', image: { src: toDataUrl(png, 'image/png'), width: 20, height: 30 } });
  b.add(a, { text: 'links to B', href: `#topic:${bb}` });
  b.add(bb, { text: 'child of B', markers: ['flag-red', 'star-yellow', 'smiley-laugh'] });
  b.addSummary(b.rootId, a, c, { text: 'summary of A–C', note: 'summary note' });
  b.addBoundary({ parentId: b.rootId, fromId: a, toId: bb, label: 'frame' });
  const floating = b.add(b.rootId, { text: 'floating', detached: true, position: { x: 300, y: -120 } });
  b.addBoundary({ parentId: b.rootId, fromId: floating, toId: floating });
  b.addRelationship({
    from: a,
    to: floating,
    label: 'see also',
    controlPoints: [
      { x: 10, y: 20 },
      { x: -30, y: 40 },
    ],
  });
  return b.build();
}
