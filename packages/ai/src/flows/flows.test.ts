// Each flow against the local OpenAI-protocol server: the right operations or a clear error.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { applyOps, asTopicId, DocBuilder, docFromState, docToTitleTree, type Op, stateFromDoc, type TitleTree } from '@arbor/core';
import { AiError } from '../errors.ts';
import { FakeOpenAi } from '../testing/fake-openai.ts';
import { askDocument } from './ask.ts';
import type { FlowContext, FlowEvent } from './context.ts';
import { documentSkeleton, documentToMapWithModel } from './document.ts';
import { expandTopic, generateMap, rewriteTopics } from './generate.ts';
import { reviseBranch } from './revise.ts';

const fake = new FakeOpenAi();
before(() => fake.start());
after(() => fake.close());

const ROOT = asTopicId('t1');

function context(events: FlowEvent[]): FlowContext {
  return {
    provider: { baseUrl: fake.url, model: 'm' },
    chat: { backoffMs: 5, timeoutMs: 3000, stallMs: 3000 },
    emit: (e) => events.push(e),
  };
}

const opsOf = (events: FlowEvent[]): Op[] => events.flatMap((e) => (e.type === 'ops' ? e.ops : []));

function render(ops: Op[], doc = new DocBuilder({ rootText: '' }).build()): string {
  const state = stateFromDoc(doc);
  applyOps(state, ops);
  const lines: string[] = [];
  const walk = (t: TitleTree, d: number) => {
    lines.push(`${'  '.repeat(d)}${t.title}`);
    for (const c of t.children ?? []) walk(c, d + 1);
  };
  walk(docToTitleTree(docFromState(state)), 0);
  return lines.join('\n');
}

test('generate: topics stream in while the answer arrives, and build the map', async () => {
  fake.answer('好的，以下是思维导图：\n- 人工智能\n  - 机器学习\n    - 监督学习\n  - 深度学习\n', { pieceChars: 2, delayMs: 5 });
  const events: FlowEvent[] = [];
  const r = await generateMap(context(events), { topic: '人工智能', anchorId: ROOT, depth: 2, structure: 'logic-right' });
  assert.ok(events.filter((e) => e.type === 'ops').length >= 3, 'several ops events, not one at the end');
  assert.equal(render(opsOf(events)), '人工智能\n  机器学习\n    监督学习\n  深度学习');
  assert.ok(opsOf(events).some((op) => op.type === 'topic.update' && op.patch.structure === 'logic-right'));
  assert.equal(r.topics, 3);
  assert.ok(r.usage.completionTokens > 0);
  const prompt =
    fake.requests
      .at(-1)
      ?.body.messages?.map((m) => m.content)
      .join('\n') ?? '';
  assert.match(prompt, /人工智能/);
});

test('generate: prose instead of an outline is a clear no-outline error', async () => {
  fake.answer('人工智能是计算机科学的一个分支，它研究如何让机器具有智能，并已经在很多领域得到应用。');
  const events: FlowEvent[] = [];
  await assert.rejects(
    generateMap(context(events), { topic: 'AI', anchorId: ROOT }),
    (e: unknown) => e instanceof AiError && e.code === 'no-outline',
  );
});

test('expand: new subtopics under the topic, with its path and siblings in the prompt', async () => {
  fake.answer('- 强化学习\n- 迁移学习\n');
  const events: FlowEvent[] = [];
  const b = new DocBuilder({ rootText: 'AI' });
  const ml = b.add(b.rootId, { text: '机器学习' });
  await expandTopic(context(events), { anchorId: ml, path: ['AI', '机器学习'], siblings: ['深度学习'], children: ['监督学习'] });
  assert.equal(render(opsOf(events), b.build()), 'AI\n  机器学习\n    强化学习\n    迁移学习');
  const prompt = fake.requests.at(-1)?.body.messages?.at(-1)?.content ?? '';
  assert.match(prompt, /深度学习/);
  assert.match(prompt, /监督学习/);
});

test('rewrite: one topic.update per numbered line', async () => {
  fake.answer('[1] ML\n[2] DL\n');
  const events: FlowEvent[] = [];
  await rewriteTopics(context(events), {
    topics: [
      { id: asTopicId('a'), text: '机器学习' },
      { id: asTopicId('b'), text: '深度学习' },
    ],
    style: 'translate',
    targetLanguage: 'en',
  });
  assert.deepEqual(opsOf(events), [
    { type: 'topic.update', id: 'a', patch: { text: 'ML' } },
    { type: 'topic.update', id: 'b', patch: { text: 'DL' } },
  ]);
});

test('regenerate: matched topics kept with their ids, pinned ones never removed, the rest as add/remove', async () => {
  const branch = {
    id: asTopicId('B'),
    text: '学习方法',
    children: [
      { id: asTopicId('k1'), text: '番茄工作法', children: [{ id: asTopicId('k1a'), text: '25分钟' }] },
      { id: asTopicId('p1'), text: '我自己的笔记' },
      { id: asTopicId('x1'), text: '过时的方法', children: [{ id: asTopicId('x1a'), text: '细节' }] },
    ],
  };
  fake.answer('- 番茄工作法\n  - 25分钟\n  - 5分钟休息\n- 费曼学习法\n');
  const events: FlowEvent[] = [];
  await reviseBranch(context(events), 'regenerate', { branch, keep: [asTopicId('p1')] });
  const changes = events.flatMap((e) => (e.type === 'proposal' ? e.changes : []));
  const by = (action: string) => changes.filter((c) => c.action === action).map((c) => c.text);
  assert.deepEqual(by('keep'), ['番茄工作法', '25分钟', '我自己的笔记']);
  assert.deepEqual(by('add'), ['5分钟休息', '费曼学习法']);
  assert.deepEqual(by('remove'), ['过时的方法']); // its child goes with it
  const add = changes.find((c) => c.text === '5分钟休息');
  assert.equal(add?.parentId, 'k1', 'a new topic under a kept one hangs on the kept id');
  assert.deepEqual(changes.find((c) => c.action === 'remove')?.ops, [{ type: 'topic.delete', ids: ['x1'] }]);
  assert.match(fake.requests.at(-1)?.body.messages?.at(-1)?.content ?? '', /我自己的笔记/);
});

const NOTICE = `关于加强安全生产的通知

一、总体要求
各单位要高度重视安全生产工作，切实落实主体责任，建立健全安全生产责任制，加强隐患排查治理，确保不发生重大事故。各级领导要亲自抓，层层落实责任。

二、重点任务
（一）开展隐患排查
各单位要在六月底前完成一次全面的隐患排查，建立台账，明确整改责任人和整改期限，做到整改闭环管理，不留死角。
（二）加强培训教育
每年组织不少于两次安全培训，新员工上岗前必须经过三级安全教育，考试合格后方可上岗作业，特种作业人员持证上岗。
`;

test('document: skeleton first, then each section condensed in parallel, spans kept, resumable', async () => {
  const skeleton = await documentSkeleton({ anchorId: ROOT, text: NOTICE });
  assert.ok(skeleton.sections.length >= 3, `sections: ${skeleton.sections.map((s) => s.title)}`);
  fake.fallback = { chunks: [] };
  for (let i = 0; i < skeleton.sections.length; i++) fake.answer(`- 要点${i}\n  - 细节${i}\n`);
  const events: FlowEvent[] = [];
  const r = await documentToMapWithModel(context(events), { anchorId: ROOT, text: NOTICE, concurrency: 2 });
  fake.fallback = undefined;
  const first = events[0];
  assert.ok(first?.type === 'ops' && first.ops[0]?.type === 'topic.update', 'the skeleton comes first');
  const ops = opsOf(events);
  const tree = render(ops);
  assert.match(tree, /^关于加强安全生产的通知\n {2}一、总体要求\n {4}要点0\n {6}细节0/);
  assert.match(tree, /要点\d\n\s+细节\d/);
  assert.equal(r.sections, skeleton.sections.length);
  assert.equal(r.failed, 0);
  // every generated point carries its section's span
  const created = ops.filter((op) => op.type === 'topic.create' && op.topic.text?.startsWith('要点'));
  assert.ok(created.length === skeleton.sections.length && created.every((op) => op.type === 'topic.create' && op.topic.source));
  const progress = events.filter((e) => e.type === 'progress');
  assert.deepEqual(progress.at(-1), {
    type: 'progress',
    done: r.sections,
    total: r.sections,
    label: progress.at(-1)?.type === 'progress' ? progress.at(-1)?.label : '',
  });

  // Resume: sections already done are skipped, and so is the skeleton.
  const done = events.flatMap((e) => (e.type === 'section' && e.status === 'done' ? [e.id] : [])).slice(0, -1);
  fake.answer('- 最后一节\n');
  const again: FlowEvent[] = [];
  const n = fake.requests.length;
  await documentToMapWithModel(context(again), { anchorId: ROOT, text: NOTICE, resume: done });
  assert.equal(fake.requests.length, n + 1, 'only the missing section is sent');
  assert.ok(opsOf(again).every((op) => op.type === 'topic.create' && op.topic.text === '最后一节'));
});

test('document: a section whose answer breaks off fails alone; fatal errors stop the run', async () => {
  const skeleton = await documentSkeleton({ anchorId: ROOT, text: NOTICE });
  fake.reply({ chunks: ['data: {"choices":[{"delta":{"content":"- 半"}}]}\n\n'] });
  for (let i = 1; i < skeleton.sections.length; i++) fake.answer('- 好\n');
  const events: FlowEvent[] = [];
  const r = await documentToMapWithModel(context(events), { anchorId: ROOT, text: NOTICE, concurrency: 1 });
  assert.equal(r.failed, 1);
  const failed = events.find((e) => e.type === 'section' && e.status === 'failed');
  assert.equal(failed?.type === 'section' && failed.error?.code, 'stream-interrupted');
  fake.reply({ status: 401, json: { error: { message: 'bad key' } } });
  await assert.rejects(
    documentToMapWithModel(context([]), { anchorId: ROOT, text: NOTICE }),
    (e: unknown) => e instanceof AiError && e.code === 'auth-failed',
  );
  await assert.rejects(
    documentToMapWithModel(context([]), { anchorId: ROOT, text: NOTICE, maxInputChars: 50 }),
    (e: unknown) => e instanceof AiError && e.code === 'input-too-large',
  );
});

test('ask: the answer lands under the branch holding the cited passage, with the quotation', async () => {
  const skeleton = await documentSkeleton({ anchorId: ROOT, text: NOTICE });
  fake.answer('每年不少于两次安全培训 [1]\n  - 新员工须经三级安全教育 [1]\n');
  const events: FlowEvent[] = [];
  const r = await askDocument(context(events), { question: '每年要组织几次安全培训？', anchorId: ROOT, text: NOTICE });
  assert.equal(r.answered, true);
  const answer = events.find((e) => e.type === 'answer');
  assert.ok(answer?.type === 'answer' && answer.citations.length === 1);
  const training = skeleton.ops.find((op) => op.type === 'topic.create' && op.topic.text?.includes('培训'));
  assert.ok(training?.type === 'topic.create');
  assert.equal(answer.parentId, training.topic.id);
  const ops = opsOf(events);
  const created = ops[0];
  assert.ok(created?.type === 'topic.create');
  assert.equal(created.topic.text, '每年不少于两次安全培训');
  assert.match(created.topic.note ?? '', /引用[\s\S]*两次安全培训/);
  assert.ok(created.topic.source && NOTICE.slice(created.topic.source.start, created.topic.source.end).includes('两次'));
  assert.equal(render([...skeleton.ops, ...ops]).includes('新员工须经三级安全教育'), true);
});

test('ask: an unanswerable question says so and creates nothing', async () => {
  fake.answer('无法回答');
  const events: FlowEvent[] = [];
  const r = await askDocument(context(events), { question: '安全生产培训的经费由谁承担？', anchorId: ROOT, text: NOTICE });
  assert.equal(r.answered, false);
  assert.equal(opsOf(events).length, 0);
  const answer = events.find((e) => e.type === 'answer');
  assert.ok(answer?.type === 'answer' && !answer.answered && answer.text.includes('无法回答'));
  const n = fake.requests.length;
  const none = await askDocument(context([]), { question: 'quantum chromodynamics', anchorId: ROOT, text: NOTICE });
  assert.equal(none.answered, false);
  assert.equal(fake.requests.length, n, 'no passage matches: the model is not even asked');
});
