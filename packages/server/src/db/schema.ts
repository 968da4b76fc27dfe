// Kysely table types: one `Database` interface for SQLite and PostgreSQL.
// Conventions (both dialects): ids are text; times are milliseconds since the epoch (bigint in
// PostgreSQL, parsed back to number); booleans are integers 0/1; JSON is stored as text.
//
// Other server areas add their tables by module augmentation from their own files, e.g.
//   declare module '../db/schema.ts' { interface Database { templates: TemplateTable } }
// together with a migration appended to `migrations/index.ts`.

export interface MigrationTable {
  id: string;
  applied_at: number;
}

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (see auth/password.ts). */
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session token; the token itself lives only in the cookie. */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface FolderTable {
  id: string;
  owner_id: string;
  parent_id: string | null;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface MapTable {
  id: string;
  owner_id: string;
  folder_id: string | null;
  title: string;
  /** Last committed version (number of op batches applied since creation). */
  version: number;
  /** Version of the newest row in map_snapshots. */
  snapshot_version: number;
  /** 'private' | 'public' (anyone with the id may read). */
  visibility: string;
  starred: number;
  /** Set when moved to the trash; null otherwise. */
  trashed_at: number | null;
  created_at: number;
  updated_at: number;
  /** Last time the owner opened it (for "recent"). */
  opened_at: number;
}

export interface MapSnapshotTable {
  map_id: string;
  version: number;
  /** The MindDoc as JSON. */
  doc: string;
  created_at: number;
}

export interface MapOpTable {
  map_id: string;
  /** The version this batch produced. */
  version: number;
  /** 'ops' (a batch of operations) or 'restore' (the document was reset to an older version; a snapshot exists at this version). */
  kind: string;
  /** The batch of operations as applied (after rebasing), JSON array; `[]` for a restore. */
  ops: string;
  /** JSON array of the record keys this batch changed (see maps/conflicts.ts), for rebasing later batches. */
  touched: string;
  /** Who sent it: a user id, `share:<id>`, or null for the system. */
  author: string | null;
  /** The client's id for this batch (0003), so a resent batch is recognised; null when none was given. */
  batch_id: string | null;
  /** The sending tab's id (0004), so its later batches are not checked against its own; null when none was given. */
  client_id: string | null;
  created_at: number;
}

export interface ShareTable {
  id: string;
  map_id: string;
  /** SHA-256 (hex) of the link token. */
  token_hash: string;
  /** 'view' | 'edit' */
  role: string;
  password_hash: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  created_by: string;
  created_at: number;
}

export interface LoginAttemptTable {
  /** `ip|email` */
  key: string;
  window_start: number;
  failures: number;
}

export interface Database {
  migrations: MigrationTable;
  users: UserTable;
  sessions: SessionTable;
  folders: FolderTable;
  maps: MapTable;
  map_snapshots: MapSnapshotTable;
  map_ops: MapOpTable;
  shares: ShareTable;
  login_attempts: LoginAttemptTable;
}

export type Dialect = 'sqlite' | 'postgres';
