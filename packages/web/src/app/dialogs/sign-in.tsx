// Signing in again where you are: the session ended while editing (the server answered 401), the
// unsent operations wait on this device, and this dialog logs in through POST /api/auth/login
// without leaving the map. Before handing back, it checks that the account signed in may edit this
// map (another account may not: then it says so and the operations stay kept). Coming back from
// the sign-in page opened in another tab counts too: the session cookie is shared.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type OpenedMap } from '../api.ts';
import { T, type Text, tr } from '../i18n.ts';
import { Modal } from './modal.tsx';

export interface SignInDialogProps {
  mapId: string;
  /** Batches of changes waiting on this device. */
  pending: number;
  onClose(): void;
  /** Signed in as an account that may edit the map: send what waits. */
  onSignedIn(): void;
}

/** The login route's error in the user's language (the server's own message is bilingual). */
async function loginError(res: Response): Promise<string> {
  type ErrorBody = { retryAfter?: unknown; error?: { code?: string; message?: string } };
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's page): the status below says enough.
  }
  const code = body?.error?.code;
  if (res.status === 401 || code === 'invalid-credentials') return tr(T('邮箱或密码错误', 'Wrong email or password'));
  if (res.status === 429 || code === 'rate-limited') {
    const s = typeof body?.retryAfter === 'number' && body.retryAfter > 0 ? Math.ceil(body.retryAfter) : 0;
    return s
      ? tr(T(`登录尝试过多，请 ${s} 秒后再试`, `Too many sign-in attempts: try again in ${s} s`))
      : tr(T('登录尝试过多，请稍后再试', 'Too many sign-in attempts: try again later'));
  }
  if (res.status === 400) return tr(T('请输入有效的邮箱和密码', 'Enter a valid email address and password'));
  if (res.status >= 500) return tr(T('服务器出错，请稍后再试', 'The server failed: try again later'));
  return body?.error?.message ?? `${res.status} ${res.statusText}`;
}

/** Why the account now signed in cannot save to this map, or null when it can. */
async function accessProblem(mapId: string): Promise<string | null> {
  // Chinese sentences run on without a space; English ones take one.
  const kept = (why: Text) => tr(T(`${why.zh}修改仍保存在本机。`, `${why.en} Your changes are still kept on this device.`));
  try {
    const opened = await api<OpenedMap>(`/api/maps/${encodeURIComponent(mapId)}`);
    if (opened.role !== 'view') return null;
    return kept(T('这个账号只能查看这张导图，不能保存修改。', 'This account can only view this map, not save changes to it.'));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) return tr(T('登录没有生效，请重试', 'The sign-in did not take: try again'));
    if (e.status === 403 || e.status === 404)
      return kept(
        T(
          '这个账号无权编辑这张导图，请用导图所属或被分享的账号登录。',
          'This account has no access to this map: sign in with the account that owns it or that it is shared with.',
        ),
      );
    if (e.status === 410) return kept(T('导图在回收站中，恢复后才能保存。', 'The map is in the trash: restore it to save.'));
    if (e.status === 0) return tr(T('无法连接服务器，请稍后再试', 'Cannot reach the server: try again later'));
    return e.message;
  }
}

export function SignInDialog({ mapId, pending, onClose, onSignedIn }: SignInDialogProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const body = useRef<HTMLDivElement>(null);
  const password = useRef<HTMLInputElement>(null);

  /** After a login here or in another tab: hand back if this account may edit the map. */
  const verify = async (): Promise<void> => {
    const problem = await accessProblem(mapId).catch((e) => String((e as Error)?.message ?? e));
    if (problem === null) onSignedIn();
    else setError(problem);
  };

  const run = async (task: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await task();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const submit = (form: HTMLFormElement) =>
    run(async () => {
      const data = new FormData(form);
      const email = String(data.get('email') ?? '').trim();
      const pw = String(data.get('password') ?? '');
      if (!email || !pw) {
        setError(tr(T('请输入邮箱和密码', 'Enter your email and password')));
        return;
      }
      setError('');
      let res: Response;
      try {
        res = await fetch('/api/auth/login', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: pw }),
        });
      } catch {
        setError(tr(T('无法连接服务器，请稍后再试', 'Cannot reach the server: try again later')));
        return;
      }
      if (!res.ok) {
        setError(await loginError(res));
        if (password.current) password.current.value = '';
        password.current?.focus();
        return;
      }
      await verify();
    });

  // Back from the sign-in page in another tab: if the session is there now, carry on.
  useEffect(() => {
    const back = () => {
      if (document.visibilityState !== 'visible' || busyRef.current) return;
      void run(async () => {
        const me = await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(() => null);
        if (me?.ok) await verify();
      });
    };
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);

  const next = `/login?next=${encodeURIComponent(location.pathname)}`;
  return (
    <Modal title={tr(T('登录已过期', 'Your session expired'))} onClose={onClose} class="sign-in-dialog">
      <div ref={body} class="sign-in">
        <p class="sign-in-kept">
          {pending > 0
            ? tr(
                T(
                  `修改已保存在本机，有 ${pending} 组修改等待发送。重新登录后会自动保存到服务器。`,
                  `Your changes are kept on this device: ${pending} ${pending === 1 ? 'batch is' : 'batches are'} waiting to be sent. Sign in again and they are saved to the server.`,
                ),
              )
            : tr(
                T(
                  '修改会保存在本机，重新登录后自动保存到服务器。',
                  'Your changes are kept on this device and saved to the server once you sign in again.',
                ),
              )}
        </p>
        <form
          class="form-rows"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit(e.currentTarget);
          }}
        >
          <label>
            {tr(T('邮箱', 'Email'))}
            <input name="email" type="email" autoComplete="username" maxLength={254} required data-autofocus />
          </label>
          <label>
            {tr(T('密码', 'Password'))}
            <input ref={password} name="password" type="password" autoComplete="current-password" maxLength={200} required />
          </label>
          {error ? (
            <p class="error-text sign-in-error" role="alert">
              {error}
            </p>
          ) : null}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? tr(T('正在登录…', 'Signing in…')) : tr(T('登录', 'Sign in'))}
            </button>
            <button type="button" class="secondary" onClick={onClose}>
              {tr(T('稍后', 'Later'))}
            </button>
          </div>
        </form>
        <p class="sign-in-other">
          <a href={next} target="_blank" rel="noopener">
            {tr(T('在新标签页中打开登录页', 'Open the sign-in page in a new tab'))}
          </a>
        </p>
      </div>
    </Modal>
  );
}
