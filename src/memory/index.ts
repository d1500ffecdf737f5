/** Stores. The JSONL file store needs Node and is exported from `dragoman/node` (src/node). */
export { InMemoryStore } from './in-memory-store.js';
export { MAX_SESSION_ID_LENGTH, validateSessionId } from './session-id.js';
export type {
  AppendOptions,
  CommitCondition,
  CommitOutcome,
  MemoryStore,
  RevisionedHistory,
} from './types.js';
