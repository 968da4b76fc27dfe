// The server's HTTP API as the app uses it: JSON in and out, errors as ApiError with the server's
// code and message ({"error": {"code", "message"}}), share-link access headers.

import type { MindDoc } from '@arbor/core';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ShareAccess {
  token: string;
  password?: string;
}

export function shareHeaders(share?: ShareAccess): Record<string, string> {
  if (!share) return {};
  const h: Record<string, string> = { 'x-share-token': share.token };
  if (share.password) h['x-share-password-utf8'] = encodeURIComponent(share.password);
  return h;
}

/** GET requests started before the code that needs them has loaded; api() takes each over once. */
const early = new Map<string, Promise<Response>>();

export function prefetch(paths: readonly string[]): void {
  for (const path of paths) {
    const res = fetch(path, { credentials: 'same-origin' });
    res.catch(() => {}); // a failure is reported by api() when it takes the request over
    early.set(path, res);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; share?: ShareAccess } = {}): Promise<T> {
  let res: Response;
  const started = !init.method && init.body === undefined && !init.share ? early.get(path) : undefined;
  if (started) early.delete(path);
  try {
    res = await (started ??
      fetch(path, {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...shareHeaders(init.share) },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }));
  } catch (e) {
    throw new ApiError(0, 'network', `无法连接服务器 / Cannot reach the server (${(e as Error).message})`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): reported below.
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `http-${res.status}`, err?.message ?? `${res.status} ${res.statusText}`);
  }
  return json as T;
}

export interface MapSummary {
  id: string;
  title: string;
  version: number;
  updatedAt: number;
  starred: boolean;
}

export interface OpenedMap {
  map: MapSummary;
  role: 'owner' | 'edit' | 'view';
  doc: MindDoc;
}
