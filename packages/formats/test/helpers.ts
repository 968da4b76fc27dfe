// Shared helpers of the @arbor/formats tests: fixture access (own and ../shared), and id-free
// views of a document so that round trips can be compared across formats.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MindDoc, Topic, TopicId } from '@arbor/core';
import { childrenByParent } from '@arbor/core';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, 'fixtures');
/** `../shared/fixtures/formats` relative to the repository root. */
export const SHARED = join(here, '..', '..', '..', '..', 'shared', 'fixtures', 'formats');
export const sharedAvailable = existsSync(SHARED);
export const SHARED_SKIP = sharedAvailable
  ? false
  : `../shared/fixtures/formats is absent (${SHARED}); skipping tests of the shared fixtures`;

export const fixture = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, rel)));
export const shared = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(SHARED, rel)));

export const topicCount = (doc: MindDoc): number => Object.keys(doc.topics).length;
export const allTexts = (doc: MindDoc): string[] => Object.values(doc.topics).map((t) => t.text);
export const findTopic = (doc: MindDoc, text: string): Topic | undefined => Object.values(doc.topics).find((t) => t.text === text);

export type Field = 'note' | 'href' | 'labels' | 'markers' | 'task' | 'folded' | 'image' | 'side' | 'detached';

export interface OutlineNode {
  text: string;
  fields: Partial<Record<Field, unknown>>;
  children: OutlineNode[];
}

/** Positions of topics as child-index paths from the root ("0.2.1"), the id-free way to name them. */
export function topicPaths(doc: MindDoc): Map<TopicId, string> {
  const kids = childrenByParent(doc);
  const paths = new Map<TopicId, string>([[doc.rootId, 'root']]);
  const stack: TopicId[] = [doc.rootId];
  while (stack.length) {
    const id = stack.pop() as TopicId;
    const list = kids.get(id) ?? [];
    const ordinary = list.filter((t) => t.summaryId === undefined);
    ordinary.forEach((t, i) => {
      paths.set(t.id, `${paths.get(id)}.${i}`);
      stack.push(t.id);
    });
    list
      .filter((t) => t.summaryId !== undefined)
      .forEach((t, i) => {
        paths.set(t.id, `${paths.get(id)}.s${i}`);
        stack.push(t.id);
      });
  }
  return paths;
}

/** The tree of ordinary (non-summary) topics with the chosen fields; attached before detached. */
export function outline(doc: MindDoc, fields: Field[]): OutlineNode {
  const kids = childrenByParent(doc);
  const build = (t: Topic): OutlineNode => {
    const f: Partial<Record<Field, unknown>> = {};
    for (const k of fields) if (t[k] !== undefined) f[k] = t[k];
    const list = (kids.get(t.id) ?? []).filter((c) => c.summaryId === undefined);
    const ordered = [...list.filter((c) => !c.detached), ...list.filter((c) => c.detached)];
    return { text: t.text, fields: f, children: ordered.map(build) };
  };
  return build(doc.topics[doc.rootId] as Topic);
}

/** Relationships, summaries and boundaries described by topic texts instead of ids. */
export function crossLinks(doc: MindDoc) {
  const text = (id: TopicId) => doc.topics[id]?.text;
  return {
    relationships: Object.values(doc.relationships)
      .map((r) => `${text(r.from)} -> ${text(r.to)} [${r.label ?? ''}]`)
      .sort(),
    summaries: Object.values(doc.summaries)
      .map((s) => `${text(s.parentId)}: ${text(s.fromId)}..${text(s.toId)} = ${text(s.topicId)}`)
      .sort(),
    boundaries: Object.values(doc.boundaries)
      .map((b) => `${text(b.parentId)}: ${text(b.fromId)}..${text(b.toId)}`)
      .sort(),
  };
}
