// Known OpenAI-compatible endpoints. A preset fills the base URL and a default model; the user or
// the admin still supplies the key (local servers need none).

export interface ProviderPreset {
  id: string;
  /** 简体中文 first, English second. */
  label: string;
  baseUrl: string;
  /** A sensible default model; any model the endpoint serves may be named instead. */
  model: string;
  needsKey: boolean;
  /** Runs on the user's own machine or network (a private address). */
  local: boolean;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'deepseek',
    label: 'DeepSeek 深度求索',
    baseUrl: 'https://api.deepseek.com/v1',
    model: 'deepseek-chat',
    needsKey: true,
    local: false,
  },
  {
    id: 'qwen',
    label: '通义千问 Qwen (DashScope compatible mode)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    model: 'qwen-plus',
    needsKey: true,
    local: false,
  },
  {
    id: 'moonshot',
    label: '月之暗面 Kimi (Moonshot)',
    baseUrl: 'https://api.moonshot.cn/v1',
    model: 'moonshot-v1-8k',
    needsKey: true,
    local: false,
  },
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', needsKey: true, local: false },
  {
    id: 'ollama',
    label: 'Ollama 本机模型 (local)',
    baseUrl: 'http://localhost:11434/v1',
    model: 'qwen2.5:7b',
    needsKey: false,
    local: true,
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server 本机 (local)',
    baseUrl: 'http://localhost:8080/v1',
    model: 'default',
    needsKey: false,
    local: true,
  },
  {
    id: 'vllm',
    label: 'vLLM 自建 (self-hosted)',
    baseUrl: 'http://localhost:8000/v1',
    model: 'Qwen/Qwen2.5-7B-Instruct',
    needsKey: false,
    local: true,
  },
];

export function findPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}
