// Regenerate or condense a branch as a per-topic diff: the new outline is matched against the
// branch's current topics (same parent, same text → kept with its id, its note, its style); what is
// new is proposed as `add`, what is gone as `remove` — except topics the user pinned or edited,
// which are always kept (with their ancestors). Each change can be accepted or rejected alone.

import type { Op, TopicId } from '@arbor/core';
import { identityText } from '../ids.ts';
import { type Language, reviseBranchPrompt } from '../prompts.ts';
import { type FlowContext, type FlowResult, type ProposedChange, streamOutline } from './context.ts';

export interface BranchNode {
  id: TopicId;
  text: string;
  children?: BranchNode[];
}

export interface ReviseInput {
  branch: BranchNode;
  /** Topics the user pinned or edited by hand: never removed, their text never replaced. */
  keep?: TopicId[];
  instruction?: string;
  language?: Language;
  /** Condense: most topics in the result. */
  maxTopics?: number;
  /** Levels below the branch topic (default 3). */
  depth?: number;
}

export async function reviseBranch(ctx: FlowContext, mode: 'condense' | 'regenerate', input: ReviseInput): Promise<FlowResult> {
  const branch = input.branch;
  const keep = new Set<string>(input.keep ?? []);
  const children = new Map<string, BranchNode[]>();
  const parentOf = new Map<string, string>();
  const all: BranchNode[] = [];
  const walk = (n: BranchNode) => {
    children.set(n.id, n.children ?? []);
    for (const c of n.children ?? []) {
      parentOf.set(c.id, n.id);
      all.push(c);
      walk(c);
    }
  };
  walk(branch);
  const pinnedTexts = all.filter((n) => keep.has(n.id)).map((n) => n.text);
  /** new id → old id for matched topics */
  const matched = new Map<string, TopicId>();
  const matchedOld = new Set<string>();
  let processed = 0;
  let proposed = 0;

  const { usage } = await streamOutline(
    ctx,
    reviseBranchPrompt({
      branch,
      mode,
      instruction: input.instruction,
      pinned: pinnedTexts,
      language: input.language ?? 'zh',
      maxTopics: input.maxTopics,
    }),
    { anchorId: branch.id, mode: 'children', maxDepth: Math.min(6, Math.max(1, input.depth ?? 3)), idPrefix: 'ai' },
    {
      transform: (_ops, parser) => {
        const changes: ProposedChange[] = [];
        for (; processed < parser.nodes.length; processed++) {
          const node = parser.nodes[processed];
          if (!node) continue;
          const parent: TopicId = node.parentId === branch.id ? branch.id : (matched.get(node.parentId) ?? node.parentId);
          const key = identityText(node.text);
          const same = (children.get(parent) ?? []).find((c) => !matchedOld.has(c.id) && identityText(c.text) === key);
          if (same) {
            matched.set(node.id, same.id);
            matchedOld.add(same.id);
            changes.push({ id: same.id, action: 'keep', reason: 'matched', parentId: parent, text: same.text, ops: [] });
          } else {
            const op: Op = { type: 'topic.create', parentId: parent, topic: { id: node.id, text: node.text } };
            changes.push({ id: node.id, action: 'add', parentId: parent, text: node.text, ops: [op] });
          }
          proposed++;
        }
        if (changes.length) ctx.emit({ type: 'proposal', changes });
        return [];
      },
    },
  );
  const kept = new Set<string>();
  for (const n of all) {
    if (!matchedOld.has(n.id) && !keep.has(n.id)) continue;
    for (let id: string | undefined = n.id; id && id !== branch.id && !kept.has(id); id = parentOf.get(id)) kept.add(id);
  }
  const changes: ProposedChange[] = [];
  for (const n of all) {
    if (matchedOld.has(n.id)) continue;
    if (kept.has(n.id)) {
      changes.push({ id: n.id, action: 'keep', reason: 'pinned', parentId: parentOf.get(n.id) as TopicId, text: n.text, ops: [] });
      continue;
    }
    const parent = parentOf.get(n.id) as string;
    if (parent !== branch.id && !kept.has(parent)) continue; // removed with its parent
    changes.push({ id: n.id, action: 'remove', parentId: parent as TopicId, text: n.text, ops: [{ type: 'topic.delete', ids: [n.id] }] });
  }
  if (changes.length) ctx.emit({ type: 'proposal', changes });
  return { usage, topics: proposed };
}
