// Document → map with the model: docmap's skeleton first (headings, each with its body text in the
// note and its source span — the map is whole before any model call), then each section's body is
// condensed by the model into key points, in parallel chunks. Every generated point keeps its
// section's source span. Resumable: each finished section is announced (`section` event); sending
// those ids back in `resume` skips them (and the skeleton, which the client already has).

import type { MindDoc, NewTopic, Op, Topic, TopicId } from '@arbor/core';
import { type DocumentMap, documentToMap, textToMap } from '@arbor/docmap';
import { AiError } from '../errors.ts';
import { StableIds } from '../ids.ts';
import { type Language, sectionPrompt } from '../prompts.ts';
import type { Usage } from '../provider.ts';
import { addUsage, type FlowContext, type FlowResult, NO_USAGE, streamOutline } from './context.ts';

export interface DocumentInput {
  /** Root of the target map: it takes the document's title. */
  anchorId: TopicId;
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
  /** Sections already condensed in an earlier, interrupted run. */
  resume?: TopicId[];
  /** Model calls at once (default 2). */
  concurrency?: number;
  /** Longest piece of a section sent in one call (characters, default 6,000). */
  chunkChars?: number;
  /** Most characters sent to the model in all (default 400,000); more is refused before any call. */
  maxInputChars?: number;
  /** A skeleton made beforehand (e.g. to refuse a bad file before streaming starts). */
  skeleton?: DocumentSkeleton;
  /** Sections shorter than this stay as they are (default 40 characters). */
  minSectionChars?: number;
  language?: Language;
}

/** Errors that stop the whole run; the others fail one section, which a later run can resume. */
const SECTION_ERRORS = new Set(['no-outline', 'malformed-stream', 'stream-too-long', 'stalled', 'stream-interrupted', 'timeout']);

function childrenOf(doc: MindDoc): Map<string, Topic[]> {
  const m = new Map<string, Topic[]>();
  for (const t of Object.values(doc.topics)) {
    if (t.parentId === null) continue;
    let list = m.get(t.parentId);
    if (!list) m.set(t.parentId, (list = []));
    list.push(t);
  }
  for (const list of m.values()) list.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  return m;
}

/** Splits text into pieces of at most `max` characters at paragraph (else sentence) boundaries. */
export function chunkText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let cur = '';
  const pieces = text.split(/(?<=\n)|(?<=[。！？!?；;])/);
  for (const p of pieces) {
    if (cur.length + p.length > max && cur) {
      out.push(cur);
      cur = '';
    }
    if (p.length > max) {
      for (let i = 0; i < p.length; i += max) out.push(p.slice(i, i + max));
      continue;
    }
    cur += p;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

export interface DocumentSkeleton {
  map: DocumentMap;
  /** The skeleton as operations against the target map (the anchor takes the title). */
  ops: Op[];
  /** Sections to condense: target id, title, body text, source span. */
  sections: { id: TopicId; title: string; text: string; source?: Topic['source'] }[];
}

/** docmap's map re-keyed with ids stable by (parent, text) under the anchor, as operations. */
export async function documentSkeleton(input: DocumentInput): Promise<DocumentSkeleton> {
  const options = { fileName: input.fileName, bodyLeaves: false };
  const map = input.bytes ? await documentToMap(input.bytes, options) : textToMap(input.text ?? '', options);
  const doc = map.doc;
  const kids = childrenOf(doc);
  const ids = new StableIds('doc');
  const ops: Op[] = [];
  const sections: DocumentSkeleton['sections'] = [];
  const root = doc.topics[doc.rootId] as Topic;
  const fields = (t: Topic): Partial<NewTopic> => {
    const { id: _i, parentId: _p, index: _x, summaryId: _s, ...rest } = t;
    return rest;
  };
  const { text: rootText, ...rootRest } = fields(root);
  ops.push({ type: 'topic.update', id: input.anchorId, patch: { text: rootText ?? doc.title, ...rootRest } });
  const minChars = input.minSectionChars ?? 40;
  // A section's body runs from the end of its heading to the start of the next topic in the text.
  const starts = Object.values(doc.topics)
    .map((t) => t.source?.start)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  const bodySpan = (t: Topic): Topic['source'] => {
    if (!t.source) return undefined;
    const from = t.source.end;
    const next = starts.find((n) => n >= from);
    return { start: from, end: next ?? map.text.length, ...(t.source.page !== undefined ? { page: t.source.page } : {}) };
  };
  const visit = (old: Topic, id: TopicId) => {
    if (old.note && old.note.length >= minChars)
      sections.push({ id, title: old.text, text: old.note, source: bodySpan(old) ?? old.source });
    for (const c of kids.get(old.id) ?? []) {
      if (c.summaryId) continue;
      const cid = ids.next(id, c.text);
      ops.push({ type: 'topic.create', parentId: id, topic: { ...fields(c), id: cid, text: c.text } });
      visit(c, cid);
    }
  };
  visit(root, input.anchorId);
  if (doc.meta?.references?.length) ops.push({ type: 'doc.update', patch: { meta: { ...doc.meta } } });
  return { map, ops, sections };
}

export async function documentToMapWithModel(
  ctx: FlowContext,
  input: DocumentInput,
): Promise<FlowResult & { sections: number; failed: number }> {
  const skeleton = input.skeleton ?? (await documentSkeleton(input));
  const resume = new Set<string>(input.resume ?? []);
  const remaining = skeleton.sections.filter((s) => !resume.has(s.id));
  const chunkChars = Math.max(500, input.chunkChars ?? 6000);
  const inputChars = remaining.reduce((n, s) => n + s.text.length, 0);
  const maxInput = input.maxInputChars ?? 400_000;
  if (inputChars > maxInput) {
    throw new AiError(
      'input-too-large',
      `文档太长（${inputChars} 字），超过模型处理上限 ${maxInput} 字；可先用离线导入（不经模型）生成导图 (the document is too long for the model; import it offline instead)`,
    );
  }
  if (!resume.size) for (let i = 0; i < skeleton.ops.length; i += 200) ctx.emit({ type: 'ops', ops: skeleton.ops.slice(i, i + 200) });
  const total = skeleton.sections.length;
  let done = total - remaining.length;
  let failed = 0;
  let topics = 0;
  let usage: Usage = NO_USAGE;
  ctx.emit({ type: 'progress', done, total, label: '文档结构 (skeleton)' });
  let next = 0;
  let fatal: unknown;
  const worker = async () => {
    while (next < remaining.length && fatal === undefined) {
      const section = remaining[next++];
      if (!section) break;
      const chunks = chunkText(section.text, chunkChars);
      try {
        for (let k = 0; k < chunks.length; k++) {
          const r = await streamOutline(
            ctx,
            sectionPrompt({
              title: section.title,
              text: chunks[k] as string,
              language: input.language ?? 'zh',
              part: chunks.length > 1 ? [k + 1, chunks.length] : undefined,
            }),
            {
              anchorId: section.id,
              mode: 'children',
              maxDepth: 2,
              maxTopics: 40,
              idPrefix: k ? `ai${k}-` : 'ai',
              taken: ctx.taken,
              decorate: () => (section.source ? { source: section.source } : undefined),
            },
          );
          usage = addUsage(usage, r.usage);
          topics += r.parser.count;
        }
        done++;
        ctx.emit({ type: 'section', id: section.id, status: 'done' });
      } catch (err) {
        if (err instanceof AiError && SECTION_ERRORS.has(err.code)) {
          failed++;
          ctx.emit({ type: 'section', id: section.id, status: 'failed', error: { code: err.code, message: err.message } });
        } else {
          fatal ??= err;
          return;
        }
      }
      ctx.emit({ type: 'progress', done, total, label: section.title });
    }
  };
  const n = Math.min(Math.max(1, input.concurrency ?? 2), 8);
  await Promise.all(Array.from({ length: n }, worker));
  if (fatal !== undefined) throw fatal;
  return { usage, topics, sections: total, failed };
}
