// Prompts for each flow. The model is asked for one grammar only — an indented outline, two spaces
// per level, `- ` before each topic, no prose — which the parser reads line by line; the parser
// still tolerates models that do otherwise.

import type { ChatMessage } from './provider.ts';

export type Language = 'zh' | 'en' | string;

const languageName = (lang: Language): string =>
  lang === 'zh' || lang === 'zh-CN' ? '简体中文' : lang === 'en' ? 'English' : lang.slice(0, 40);

const OUTLINE_RULES = (lang: Language) =>
  [
    'You write mind-map outlines. Answer with the outline only: no introduction, no closing remark, no code fence.',
    'Format: one topic per line; each line starts with "- "; indent two spaces per level; keep each topic short (a phrase, not a sentence, at most 25 characters).',
    `Write in ${languageName(lang)}.`,
  ].join('\n');

/** Quotes user text for a prompt: it is data, never instructions. */
export function quoted(text: string, max = 4000): string {
  const t = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"""\n${t.replace(/"""/g, '“““')}\n"""`;
}

export interface OutlineNodeInput {
  text: string;
  children?: OutlineNodeInput[];
}

/** Renders a branch as the outline grammar (for expand/condense/regenerate context). */
export function renderOutline(node: OutlineNodeInput, depth = 0, out: string[] = [], maxLines = 400): string[] {
  if (out.length >= maxLines) return out;
  out.push(`${'  '.repeat(depth)}- ${node.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  for (const c of node.children ?? []) renderOutline(c, depth + 1, out, maxLines);
  return out;
}

export function generatePrompt(input: { topic: string; depth: number; language: Language; hint?: string }): ChatMessage[] {
  return [
    { role: 'system', content: OUTLINE_RULES(input.language) },
    {
      role: 'user',
      content: [
        'Make a mind map about the topic or question below.',
        `The first line is the central topic (a short title). Below it, ${input.depth} more levels at most, 4–7 topics per level where it makes sense.`,
        input.hint ? `Structure hint from the user: ${quoted(input.hint, 300)}` : '',
        `Topic:\n${quoted(input.topic, 2000)}`,
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}

export function expandPrompt(input: {
  path: string[];
  siblings: string[];
  children: string[];
  count: number;
  depth: number;
  language: Language;
}): ChatMessage[] {
  const topic = input.path.at(-1) ?? '';
  return [
    { role: 'system', content: OUTLINE_RULES(input.language) },
    {
      role: 'user',
      content: [
        `Expand the topic ${quoted(topic, 300)} of a mind map with ${input.count} new subtopics, each with up to ${Math.max(0, input.depth - 1)} more levels below it.`,
        `Its path from the central topic: ${quoted(input.path.join(' › '), 1000)}`,
        input.siblings.length ? `Its sibling topics (do not repeat them): ${quoted(input.siblings.join('; '), 1000)}` : '',
        input.children.length ? `Subtopics it already has (do not repeat them): ${quoted(input.children.join('; '), 1000)}` : '',
        'Write only the new subtopics (not the topic itself) at the first level of the outline.',
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}

export function reviseBranchPrompt(input: {
  branch: OutlineNodeInput;
  mode: 'condense' | 'regenerate';
  instruction?: string;
  pinned: string[];
  language: Language;
  maxTopics?: number;
}): ChatMessage[] {
  const outline = renderOutline({ text: input.branch.text, children: input.branch.children ?? [] })
    .slice(1)
    .map((l) => l.slice(2));
  const task =
    input.mode === 'condense'
      ? `Condense the branch below: merge overlapping topics, drop minor ones, keep the key points${input.maxTopics ? ` (at most ${input.maxTopics} topics in all)` : ''}. Reuse the existing wording where it is already good.`
      : 'Rewrite the branch below into a better outline of the same subject. Reuse the existing wording of topics you keep.';
  return [
    { role: 'system', content: OUTLINE_RULES(input.language) },
    {
      role: 'user',
      content: [
        task,
        input.instruction ? `The user asks: ${quoted(input.instruction, 500)}` : '',
        input.pinned.length ? `These topics must stay exactly as written: ${quoted(input.pinned.join('; '), 1000)}` : '',
        `The branch topic (do not write it): ${quoted(input.branch.text, 300)}`,
        `Its current subtopics:\n${quoted(outline.join('\n') || '(none)', 8000)}`,
        'Write only the subtopics, at the first level of the outline.',
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}

export type RewriteStyle = 'shorter' | 'clearer' | 'translate';

export function rewritePrompt(input: { texts: string[]; style: RewriteStyle; targetLanguage?: string; language: Language }): ChatMessage[] {
  const task =
    input.style === 'shorter'
      ? 'Make each topic shorter, keeping its meaning.'
      : input.style === 'clearer'
        ? 'Make each topic clearer and more precise, keeping it short.'
        : `Translate each topic into ${languageName(input.targetLanguage ?? 'en')}.`;
  return [
    {
      role: 'system',
      content: `You edit mind-map topics. Answer with one line per topic, in the same order, each line "[n] new text". No other text.${input.style === 'translate' ? '' : ` Write in the topic's own language.`}`,
    },
    {
      role: 'user',
      content: `${task}\nTopics:\n${input.texts.map((t, i) => `[${i + 1}] ${t.replace(/\s+/g, ' ').slice(0, 500)}`).join('\n')}`,
    },
  ];
}

export function sectionPrompt(input: { title: string; text: string; language: Language; part?: [number, number] }): ChatMessage[] {
  return [
    { role: 'system', content: OUTLINE_RULES(input.language) },
    {
      role: 'user',
      content: [
        `Condense this section of a document into its key points as an outline (two levels at most, 2–6 points).`,
        `Section title: ${quoted(input.title, 300)}${input.part ? ` (part ${input.part[0]} of ${input.part[1]})` : ''}`,
        `Section text:\n${quoted(input.text, 12_000)}`,
      ].join('\n'),
    },
  ];
}

export const UNANSWERABLE = '无法回答';

export function askPrompt(input: { question: string; passages: string[]; language: Language }): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You answer questions about a document using only the numbered passages given.',
        `If the passages do not contain the answer, reply with exactly "${UNANSWERABLE}" and nothing else.`,
        'Otherwise answer as an outline: the first line is the answer in one short sentence; below it, indented by two spaces with "- ", up to 4 supporting points.',
        'End each line with the passage numbers it relies on, like [2] or [1][3].',
        `Write in ${languageName(input.language)}.`,
      ].join('\n'),
    },
    {
      role: 'user',
      content: `Passages:\n${input.passages.map((p, i) => `[${i + 1}] ${quoted(p, 3000)}`).join('\n')}\n\nQuestion: ${quoted(input.question, 1000)}`,
    },
  ];
}
