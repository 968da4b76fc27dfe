// Which provider serves a user's AI request: the user's own (when the admin allows it and the user
// set one) or the server's; what to say when there is none; and the guard that keeps a user's base
// URL off loopback and private networks (literal addresses and DNS answers) unless the admin allows it.

import { lookup } from 'node:dns/promises';
import { isPrivateHost, type ProviderConfig } from '@arbor/ai';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';
import { userProvider } from './store.ts';

export interface ResolvedProvider {
  provider: ProviderConfig;
  source: 'user' | 'server';
}

/** Refuses a base URL whose host is, or resolves to, a loopback/private/link-local address. */
export async function assertPublicBaseUrl(baseUrl: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ApiError(400, 'ai-invalid-base-url', '模型服务地址无效 (the base URL is not a valid URL)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ApiError(400, 'ai-invalid-base-url', '模型服务地址必须是 http(s) (the base URL must be http or https)');
  if (url.username || url.password)
    throw new ApiError(400, 'ai-invalid-base-url', '模型服务地址不能包含用户名或密码 (no credentials in the base URL)');
  const refuse = () =>
    new ApiError(
      400,
      'ai-private-address',
      '模型服务地址指向本机或内网，管理员未允许 (the base URL points at a loopback or private address; the admin can allow it with ARBOR_AI_ALLOW_PRIVATE=1)',
    );
  if (isPrivateHost(url.hostname)) throw refuse();
  let addresses: { address: string }[];
  try {
    addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true, verbatim: true });
  } catch {
    throw new ApiError(400, 'ai-invalid-base-url', `无法解析模型服务的域名 (cannot resolve the host ${url.hostname.slice(0, 100)})`);
  }
  if (addresses.some((a) => isPrivateHost(a.address))) throw refuse();
}

/** The settings an admin or user must fill in, for the 4xx answer and the status endpoint. */
export function missingSettings(app: FastifyInstance): string[] {
  const out = ['ARBOR_AI_BASE_URL', 'ARBOR_AI_MODEL', 'ARBOR_AI_API_KEY'];
  if (app.config.ai.userKeys) out.push('PUT /api/ai/settings {baseUrl, model, apiKey}');
  return out;
}

export async function resolveProvider(app: FastifyInstance, userId: string): Promise<ResolvedProvider | null> {
  const ai = app.config.ai;
  if (ai.userKeys) {
    const mine = await userProvider(app.db, app.config.secret, userId);
    if (mine) {
      if (mine.keyUnreadable) {
        throw new ApiError(
          409,
          'ai-key-unreadable',
          '保存的密钥无法解密（服务器 SECRET 已更改），请在 AI 设置中重新填写 (the saved API key cannot be decrypted because the server SECRET changed: save it again)',
        );
      }
      if (!ai.allowPrivate) await assertPublicBaseUrl(mine.baseUrl);
      return { provider: { baseUrl: mine.baseUrl, model: mine.model, ...(mine.apiKey ? { apiKey: mine.apiKey } : {}) }, source: 'user' };
    }
  }
  if (ai.baseUrl && ai.model)
    return { provider: { baseUrl: ai.baseUrl, model: ai.model, ...(ai.apiKey ? { apiKey: ai.apiKey } : {}) }, source: 'server' };
  return null;
}
