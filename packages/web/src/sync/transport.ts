// Talking to the server's ops endpoint: one batch per request, the answer classified into what
// the sender does next (saved, refused, blocked, retry later, offline). Also the request headers
// for share-link access, and the backoff and id helpers the rest of the sync layer uses.

import type { StoredBatch } from './pending-store.ts';
import { errorOf } from './sse.ts';
import type { ShareAccess, SyncError } from './types.ts';

/** What a send came to, and so what the sender does next. */
export type Outcome =
  | { kind: 'saved'; version: number; unchanged: boolean }
  | { kind: 'rejected'; error: SyncError }
  | { kind: 'blocked'; error: SyncError }
  | { kind: 'retry'; error: SyncError; afterMs?: number }
  | { kind: 'network'; error: SyncError };

/** A random id from the platform's CSPRNG (randomUUID needs a secure context; this does not). */
export function randomId(bytes = 12): string {
  const b = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s… up to `cap`, each between half and all of it. */
export function backoffMs(attempt: number, cap = 30_000, base = 500): number {
  const full = Math.min(cap, base * 2 ** Math.min(attempt, 20));
  return Math.round(full / 2 + Math.random() * (full / 2));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Statuses that mean "not you / not here" rather than "try again": saving waits for the user. */
export function isBlockingStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 404 || status === 410;
}

export function headersFor(share: ShareAccess | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (share) {
    h['x-share-token'] = share.token;
    if (share.password !== undefined) h['x-share-password-utf8'] = encodeURIComponent(share.password);
  }
  return h;
}

export function opsUrl(apiBase: string, mapId: string): string {
  return `${apiBase}/api/maps/${encodeURIComponent(mapId)}/ops`;
}

export function eventsUrl(apiBase: string, mapId: string, since: number): string {
  return `${apiBase}/api/maps/${encodeURIComponent(mapId)}/events?since=${since}`;
}

/** Sends one batch and classifies the answer. */
export async function sendBatch(
  fetchFn: typeof fetch,
  url: string,
  share: ShareAccess | undefined,
  stored: StoredBatch,
  timeoutMs: number,
  keepalive: boolean,
): Promise<Outcome> {
  const body = JSON.stringify({ baseVersion: stored.baseVersion, ops: stored.ops, clientId: stored.clientId, batchId: stored.batchId });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor(share) },
      body,
      credentials: 'same-origin',
      signal: controller.signal,
      // Lets the request outlive a closing tab; browsers allow it for small bodies only.
      keepalive: keepalive && body.length < 60_000,
    });
  } catch (err) {
    return { kind: 'network', error: { status: 0, code: 'network', message: (err as Error).message || 'network error' } };
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) {
    let answer: { version?: unknown; unchanged?: unknown };
    try {
      answer = (await res.json()) as typeof answer;
    } catch (err) {
      // The batch was committed but its answer was cut: the resend will get its version.
      return { kind: 'network', error: { status: 0, code: 'network', message: (err as Error).message } };
    }
    if (typeof answer.version !== 'number') {
      return { kind: 'retry', error: { status: res.status, code: 'bad-answer', message: 'the server answered without a version' } };
    }
    return { kind: 'saved', version: answer.version, unchanged: answer.unchanged === true };
  }
  const { code, message } = await errorOf(res);
  const error: SyncError = { status: res.status, code, message };
  if (res.status === 429 || res.status >= 500 || res.status === 408) {
    const after = Number(res.headers.get('retry-after'));
    return { kind: 'retry', error, ...(after > 0 ? { afterMs: Math.min(after * 1000, 120_000) } : {}) };
  }
  if (isBlockingStatus(res.status)) return { kind: 'blocked', error };
  return { kind: 'rejected', error };
}
