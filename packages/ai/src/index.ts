// @arbor/ai — LLM providers (OpenAI-compatible), prompts, the streaming outline parser and the
// generation flows (DESIGN §7). Isomorphic: no `node:` imports and no DOM globals here.

export { AiRequestError, type AiStreamEvent, type AiStreamOptions, type AiStreamResult, postAiStream } from './client.ts';
export { AiError, type AiErrorCode, isAiError } from './errors.ts';
export { type AskInput, askDocument, type Passage, rankPassages, splitPassages } from './flows/ask.ts';
export {
  addUsage,
  chat,
  type FlowContext,
  type FlowEvent,
  type FlowResult,
  NO_USAGE,
  type ProposedChange,
  streamOutline,
} from './flows/context.ts';
export { chunkText, type DocumentInput, type DocumentSkeleton, documentSkeleton, documentToMapWithModel } from './flows/document.ts';
export { type ExpandInput, expandTopic, type GenerateInput, generateMap, type RewriteInput, rewriteTopics } from './flows/generate.ts';
export { type BranchNode, type ReviseInput, reviseBranch } from './flows/revise.ts';
export { hashText, identityText, StableIds } from './ids.ts';
export { type ClassifiedLine, classifyLine, type OutlineNode, OutlineParser, type OutlineParserOptions, parseOutline } from './outline.ts';
export { findPreset, PROVIDER_PRESETS, type ProviderPreset } from './presets.ts';
export { type Language, type RewriteStyle, renderOutline } from './prompts.ts';
export {
  type ChatMessage,
  type ChatOptions,
  ChatStream,
  chatCompletionsUrl,
  estimateTokens,
  type ProviderConfig,
  streamChat,
  type Usage,
} from './provider.ts';
export { formatSse, SseDecoder, type SseEvent } from './sse.ts';
export { isPrivateHost } from './url.ts';
