// The save status: saving / saved / offline / error, always visible (issue 14 §11). Signed out
// (the server answered 401), it says the changes are kept and offers to sign in again.

import type { SaveStatus } from '../../sync/sync-client.ts';
import { T, tr } from '../i18n.ts';

const LABELS: Record<SaveStatus | 'loading', { zh: string; en: string }> = {
  loading: T('加载中…', 'Loading…'),
  saving: T('保存中…', 'Saving…'),
  saved: T('已保存', 'Saved'),
  offline: T('离线：修改已保存在本机，恢复联网后自动同步', 'Offline: changes kept on this device, sent when back online'),
  error: T('保存出错，正在重试', 'Save failed, retrying'),
  readonly: T('只读', 'Read-only'),
};

const SIGNED_OUT = T('已退出登录：修改保存在本机', 'Signed out: changes kept on this device');

export function StatusBadge({
  status,
  pending,
  message,
  signedOut,
  onSignIn,
}: {
  status: SaveStatus | 'loading';
  pending: number;
  message?: string;
  /** The session has ended (the server answered 401): the badge says the changes are kept. */
  signedOut?: boolean;
  /** Given while signing in could unblock saving: a button that opens the sign-in dialog. */
  onSignIn?: () => void;
}) {
  const label = tr(signedOut ? SIGNED_OUT : LABELS[status]);
  return (
    <>
      <output class={`status status-${status}`} aria-live="polite" data-status={status} title={message ?? label}>
        <span class="dot" aria-hidden="true" />
        <span class="status-text">
          {label}
          {pending > 0 && status !== 'saved' ? ` (${pending})` : ''}
          {message && status === 'error' && !signedOut ? ` — ${message}` : ''}
        </span>
      </output>
      {onSignIn ? (
        <button type="button" class="status-sign-in" data-open="sign-in" onClick={onSignIn}>
          {signedOut ? tr(T('重新登录', 'Sign in')) : tr(T('换账号登录', 'Switch account'))}
        </button>
      ) : null}
    </>
  );
}
