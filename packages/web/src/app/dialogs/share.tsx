// The share dialog: create a view or edit link (optional password and expiry), copy it, show its
// QR code, and list or revoke the map's links. The server shows a link's token only once, when it
// is made; older links can be revoked, not copied again. `url` from the API is `/s/:token`, made
// absolute with `location.origin`.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { lang, T, tr } from '../i18n.ts';
import { formatTime, Modal } from './modal.tsx';
import { qrDataUrl } from './qr.ts';

interface Share {
  id: string;
  role: 'view' | 'edit';
  hasPassword: boolean;
  expiresAt: number | null;
  revokedAt: number | null;
  createdAt: number;
  token?: string;
  url?: string;
}

const EXPIRY: readonly { value: string; ms: number | null; label: ReturnType<typeof T> }[] = [
  { value: 'never', ms: null, label: T('永不过期', 'Never') },
  { value: '1d', ms: 86_400_000, label: T('1 天', '1 day') },
  { value: '7d', ms: 7 * 86_400_000, label: T('7 天', '7 days') },
  { value: '30d', ms: 30 * 86_400_000, label: T('30 天', '30 days') },
];

export function ShareDialog({ mapId, onClose }: { mapId: string; onClose(): void }) {
  const [items, setItems] = useState<Share[] | null>(null);
  const [created, setCreated] = useState<Share | null>(null);
  const [error, setError] = useState('');
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const base = `/api/maps/${encodeURIComponent(mapId)}/shares`;

  const refresh = () =>
    api<{ items: Share[] }>(base)
      .then((r) => setItems(r.items))
      .catch((e) => setError(String((e as Error).message)));
  useEffect(() => {
    void refresh();
  }, []);

  const create = async (form: FormData) => {
    setBusy(true);
    setError('');
    try {
      const role = form.get('role') === 'edit' ? 'edit' : 'view';
      const password = String(form.get('password') ?? '');
      if (!/^[\x20-\x7E]*$/.test(password))
        throw new Error(tr(T('密码只能用英文字母、数字和符号', 'Letters, digits and symbols (ASCII) only')));
      const expiry = EXPIRY.find((x) => x.value === form.get('expiry'))?.ms ?? null;
      const r = await api<{ share: Share }>(base, {
        method: 'POST',
        body: { role, ...(password ? { password } : {}), expiresAt: expiry === null ? null : Date.now() + expiry },
      });
      setCreated(r.share);
      setCopied(false);
      await refresh();
    } catch (e) {
      setError(String((e as Error).message));
    }
    setBusy(false);
  };

  const revoke = async (id: string) => {
    try {
      await api(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (created?.id === id) setCreated(null);
      await refresh();
    } catch (e) {
      setError(String((e as Error).message));
    }
  };

  const link = created?.url ? new URL(created.url, location.origin).href : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl+C copies it.
      const input = document.querySelector<HTMLInputElement>('.share-url input');
      input?.select();
      setError(tr(T('无法访问剪贴板，请按 Ctrl+C 复制已选中的链接', 'No clipboard access: press Ctrl+C to copy the selected link')));
    }
  };
  const roleLabel = (r: 'view' | 'edit') => (r === 'edit' ? tr(T('可编辑', 'Can edit')) : tr(T('仅查看', 'View only')));
  const live = (items ?? []).filter((s) => s.revokedAt === null);

  return (
    <Modal title={tr(T('分享导图', 'Share the map'))} onClose={onClose} class="share-dialog">
      <form
        class="form-rows"
        onSubmit={(e) => {
          e.preventDefault();
          void create(new FormData(e.currentTarget));
        }}
      >
        <label>
          {tr(T('权限', 'Access'))}
          <select name="role" data-autofocus>
            <option value="view">{tr(T('仅查看（无需账号）', 'View only (no account needed)'))}</option>
            <option value="edit">{tr(T('可编辑', 'Can edit'))}</option>
          </select>
        </label>
        <label>
          {tr(T('密码（可选）', 'Password (optional)'))}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            pattern="[\x20-\x7E]*"
            title={tr(T('密码只能用英文字母、数字和符号', 'Letters, digits and symbols (ASCII) only'))}
            aria-describedby="share-password-hint"
          />
          <span id="share-password-hint" class="muted">
            {tr(
              T('仅限英文字母、数字和符号（密码随请求头发送）', 'ASCII letters, digits and symbols only (it travels in a request header)'),
            )}
          </span>
        </label>
        <label>
          {tr(T('有效期', 'Expires'))}
          <select name="expiry">
            {EXPIRY.map((x) => (
              <option key={x.value} value={x.value}>
                {tr(x.label)}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {tr(T('创建链接', 'Create link'))}
          </button>
        </div>
      </form>
      {error ? (
        <p role="alert" class="error-text">
          {error}
        </p>
      ) : null}
      {created && link ? (
        <section class="share-created" aria-label={tr(T('新链接', 'New link'))}>
          <h3>
            {tr(T('新链接', 'New link'))} · {roleLabel(created.role)}
          </h3>
          <p class="muted">{tr(T('链接只显示这一次，请现在复制。', 'The link is shown only this once: copy it now.'))}</p>
          <div class="share-url">
            <input readOnly value={link} aria-label={tr(T('分享链接', 'Share link'))} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="secondary" onClick={() => void copy()}>
              {copied ? tr(T('已复制', 'Copied')) : tr(T('复制链接', 'Copy link'))}
            </button>
          </div>
          <img class="qr" src={qrDataUrl(link)} alt={tr(T('分享链接的二维码', 'QR code of the share link'))} />
        </section>
      ) : null}
      <h3>{tr(T('有效的链接', 'Active links'))}</h3>
      {items === null ? <p>{tr(T('加载中…', 'Loading…'))}</p> : null}
      {items && live.length === 0 ? <p class="muted">{tr(T('还没有分享链接。', 'No share links yet.'))}</p> : null}
      <ul class="share-links">
        {live.map((s) => (
          <li key={s.id} data-share-id={s.id}>
            <span>
              <strong>{roleLabel(s.role)}</strong>
              {s.hasPassword ? ` · ${tr(T('有密码', 'password'))}` : ''}
              {' · '}
              {s.expiresAt ? `${tr(T('过期于', 'expires'))} ${formatTime(s.expiresAt, lang())}` : tr(T('永不过期', 'never expires'))}
            </span>
            <span class="muted">
              {tr(T('创建于', 'Created'))} {formatTime(s.createdAt, lang())}
            </span>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void revoke(s.id)}>
                {tr(T('撤销', 'Revoke'))}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
