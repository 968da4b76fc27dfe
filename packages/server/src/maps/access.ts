// Who may do what with a map. Roles: view < edit < owner. Access comes from ownership, a share
// link (token + optional password, not revoked, not expired) or the map being public (view).
// Used by every map route and by other areas (e.g. publishing a template needs `owner`).

import type { FastifyRequest } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import { hashToken, verifyPassword } from '../auth/index.ts';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from '../auth/rate-limit.ts';
import type { Database, MapTable, ShareTable } from '../db/schema.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../http/errors.ts';

export type MapRow = Selectable<MapTable>;
export type ShareRow = Selectable<ShareTable>;
export type MapRole = 'view' | 'edit' | 'owner';

const RANK: Record<MapRole, number> = { view: 1, edit: 2, owner: 3 };

export const SHARE_TOKEN_HEADER = 'x-share-token';
export const SHARE_PASSWORD_HEADER = 'x-share-password';
/** The password percent-encoded as UTF-8: HTTP headers carry no Chinese, passwords may (browsers send this one). */
export const SHARE_PASSWORD_UTF8_HEADER = 'x-share-password-utf8';

/** The share password a request carries in a header (the UTF-8 form first), if any. */
export function sharePasswordHeader(request: FastifyRequest): string | undefined {
  const encoded = firstString(request.headers[SHARE_PASSWORD_UTF8_HEADER]);
  if (encoded !== undefined) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
  }
  return firstString(request.headers[SHARE_PASSWORD_HEADER]);
}

export interface MapAccess {
  map: MapRow;
  role: MapRole;
  via: 'owner' | 'share' | 'public';
  share?: ShareRow;
  /** Recorded as the author of what this request changes: a user id or `share:<id>`. */
  actor: string | null;
}

export interface ShareCredentials {
  token: string | undefined;
  password: string | undefined;
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** A share token and password from the headers, or from `?share=&sharePassword=` (EventSource cannot set headers). */
export function shareCredentials(request: FastifyRequest): ShareCredentials {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const token = firstString(request.headers[SHARE_TOKEN_HEADER]) ?? firstString(q.share);
  const password = sharePasswordHeader(request) ?? firstString(q.sharePassword);
  return { token: token && token.length <= 200 ? token : undefined, password };
}

/** Validates a share link; throws a clear 401/403 when it cannot be used. */
export async function checkShare(
  db: Kysely<Database>,
  share: ShareRow | undefined,
  password: string | undefined,
  ip: string,
): Promise<ShareRow> {
  if (!share) throw new ApiError(403, 'share-invalid', '分享链接无效 (share link not valid)');
  if (share.revoked_at !== null) throw new ApiError(403, 'share-revoked', '分享链接已被撤销 (share link revoked)');
  if (share.expires_at !== null && share.expires_at <= Date.now())
    throw new ApiError(403, 'share-expired', '分享链接已过期 (share link expired)');
  if (share.password_hash !== null) {
    if (password === undefined || password === '') {
      throw new ApiError(401, 'share-password-required', '此分享需要密码 (this share link needs a password)');
    }
    const key = `share:${share.id}`;
    await assertLoginAllowed(db, ip, key);
    if (!(await verifyPassword(password, share.password_hash))) {
      await recordLoginFailure(db, ip, key);
      throw new ApiError(403, 'share-password-wrong', '分享密码错误 (wrong share password)');
    }
    await clearLoginFailures(db, ip, key);
  }
  return share;
}

export async function findShareByToken(db: Kysely<Database>, token: string): Promise<ShareRow | undefined> {
  return db.selectFrom('shares').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

export interface AccessOptions {
  /** Allow the owner to reach a map in the trash (reading, restoring, deleting for good). */
  allowTrashed?: boolean;
}

/**
 * The caller's access to a map, or an ApiError: 404 unknown map (or no access while logged in),
 * 401 anonymous without access, 401/403 for a share link that cannot be used.
 */
export async function resolveMapAccess(request: FastifyRequest, mapId: string, options: AccessOptions = {}): Promise<MapAccess> {
  const db = request.server.db;
  const map = await db.selectFrom('maps').selectAll().where('id', '=', mapId).executeTakeFirst();
  if (!map) throw notFound('map');
  const user = request.user;
  if (user && user.id === map.owner_id) {
    if (map.trashed_at !== null && !options.allowTrashed)
      throw new ApiError(410, 'map-in-trash', '导图在回收站中 (the map is in the trash)');
    return { map, role: 'owner', via: 'owner', actor: user.id };
  }
  // Nobody but the owner sees a map in the trash.
  if (map.trashed_at !== null) throw notFound('map');
  const creds = shareCredentials(request);
  if (creds.token !== undefined) {
    const found = await findShareByToken(db, creds.token);
    const share = await checkShare(db, found && found.map_id === mapId ? found : undefined, creds.password, request.ip);
    const role = share.role === 'edit' ? 'edit' : 'view';
    return { map, role, via: 'share', share, actor: `share:${share.id}` };
  }
  if (map.visibility === 'public') return { map, role: 'view', via: 'public', actor: user?.id ?? null };
  if (!user) throw unauthorized();
  throw notFound('map');
}

/** Like resolveMapAccess, and 403 unless the caller has at least `needed`. */
export async function requireMapRole(
  request: FastifyRequest,
  mapId: string,
  needed: MapRole,
  options: AccessOptions = {},
): Promise<MapAccess> {
  const access = await resolveMapAccess(request, mapId, options);
  if (RANK[access.role] < RANK[needed]) {
    if (needed === 'owner' && !request.user && access.via !== 'share') throw unauthorized();
    throw forbidden(needed === 'owner' ? '只有所有者可以这样做 (only the owner may do this)' : '没有编辑权限 (read-only access)');
  }
  return access;
}

export function hasRole(access: MapAccess, needed: MapRole): boolean {
  return RANK[access.role] >= RANK[needed];
}
