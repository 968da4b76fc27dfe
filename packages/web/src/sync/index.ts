// The editor's saving layer: see the comment at the top of sync-client.ts.
export { IndexedDbPendingStore, MemoryPendingStore, type PendingStore, type StoredBatch } from './pending-store.ts';
export {
  type RecoverOptions,
  type RemoteChange,
  type SaveStatus,
  type ShareAccess,
  type StatusDetail,
  SyncClient,
  type SyncError,
  type SyncOptions,
} from './sync-client.ts';
