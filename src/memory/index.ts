export { InMemoryStore } from './in-memory-store.js';
export { JsonlFileStore, type JsonlFileStoreOptions } from './jsonl-file-store.js';
export { sessionFileName } from './session-file-name.js';
export { MAX_SESSION_ID_LENGTH, validateSessionId } from './session-id.js';
export type {
  AppendOptions,
  CommitCondition,
  CommitOutcome,
  MemoryStore,
  RevisionedHistory,
} from './types.js';
