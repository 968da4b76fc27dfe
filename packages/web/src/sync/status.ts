// The save status shown to the user: which of saved / saving / offline / error / readonly the
// client is in, and the message (简体中文 first, English second) for each server refusal.
// Pure functions of the client's state; SyncClient decides when to emit.

import type { SaveStatus, StatusDetail, SyncError } from './types.ts';

/** What the status is computed from: a snapshot of the client's sending, stream and store state. */
export interface StatusInputs {
  /** Batches not yet acknowledged (the open one included). */
  pending: number;
  /** When the next send attempt is due (ms since the epoch), 0 for none. */
  retryAt: number;
  readonly: boolean;
  /** Why sending is refused (401/403/404/410). */
  blocked: SyncError | undefined;
  /** Why the live stream is refused, or the map was deleted. */
  streamBlocked: SyncError | undefined;
  /** 5xx / 429 / a bad answer from the ops endpoint. */
  serverTrouble: SyncError | undefined;
  sendOffline: boolean;
  streamOffline: boolean;
  /** The local store failed (saving goes on, but a reload could lose edits). */
  storeError: string | undefined;
}

/** The refusal that view-only access gives every push. */
export function readOnlyError(): SyncError {
  return { status: 403, code: 'read-only', message: '只读：无法修改 (read-only: changes are not saved)' };
}

/** The user's message for a refusal or a server error. */
export function messageFor(status: number, code: string, fallback: string): string {
  if (status === 401) return '登录已过期，请重新登录；修改已保存在本机 (signed out: sign in again; your changes are kept on this device)';
  if (status === 403 && code === 'csrf') return `请求被拒绝 (request refused): ${fallback}`;
  if (status === 403) return '没有编辑权限；修改已保存在本机 (no permission to edit; your changes are kept on this device)';
  if (status === 404) return '找不到这张导图，或已无权访问 (map not found, or no longer shared with you)';
  if (status === 410) return '导图在回收站中，恢复后才能保存 (the map is in the trash; restore it to save)';
  if (status === 429) return '请求过于频繁，稍后重试 (too many requests; retrying)';
  return `服务器出错，稍后重试 (server error; retrying): ${fallback}`;
}

export function computeStatus(s: StatusInputs): { status: SaveStatus; detail: StatusDetail } {
  const pending = s.pending;
  const retryInMs = s.retryAt ? Math.max(0, s.retryAt - Date.now()) : undefined;
  const withRetry = (d: StatusDetail): StatusDetail => (retryInMs !== undefined ? { ...d, retryInMs } : d);
  if (s.readonly) return { status: 'readonly', detail: { pending, message: '只读 (view only)' } };
  const blocked = s.blocked ?? s.streamBlocked;
  if (blocked) {
    const message = messageFor(blocked.status, blocked.code, blocked.message);
    return { status: 'error', detail: withRetry({ pending, message, blocked: { status: blocked.status, code: blocked.code } }) };
  }
  const browserOffline = (globalThis.navigator as Navigator | undefined)?.onLine === false;
  if (s.sendOffline || browserOffline || (s.streamOffline && pending > 0)) {
    return {
      status: 'offline',
      detail: withRetry({
        pending,
        message: '离线：修改保存在本机，联网后自动发送 (offline: changes are kept and sent when back online)',
      }),
    };
  }
  if (s.serverTrouble) {
    return {
      status: 'error',
      detail: withRetry({ pending, message: messageFor(s.serverTrouble.status, s.serverTrouble.code, s.serverTrouble.message) }),
    };
  }
  if (s.storeError) return { status: pending > 0 ? 'saving' : 'saved', detail: { pending, message: s.storeError } };
  return { status: pending > 0 ? 'saving' : 'saved', detail: { pending } };
}

/** Two statuses with the same key look the same to the user: only a change is emitted. */
export function statusKey(status: SaveStatus, detail: StatusDetail): string {
  return `${status}|${detail.pending}|${detail.message ?? ''}|${detail.retryInMs === undefined ? '' : 'r'}`;
}
