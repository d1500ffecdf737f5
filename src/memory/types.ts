import type { Message } from '../models/types.js';

/** Stores conversations by session id. Implementations: in-memory (default) and JSONL file. */
/** Options of `MemoryStore.append`. */
export interface AppendOptions {
  /** Stops a store that is still waiting to write; nothing is stored then. */
  signal?: AbortSignal;
}

export interface MemoryStore {
  /** The session's messages in order; an empty array for an unknown session. */
  load(sessionId: string): Promise<Message[]>;
  /**
   * Appends one complete turn's messages atomically: all of them are stored, or none. A store that waits
   * (for a lock, a network) stops waiting when `options.signal` aborts, and then stores nothing.
   */
  append(sessionId: string, messages: readonly Message[], options?: AppendOptions): Promise<void>;
  /** Forgets the session. */
  clear(sessionId: string): Promise<void>;
  /**
   * Optional, for stores shared by several processes (`RedisStore`): the history plus the revision it was
   * read at. When a store has both this and {@link MemoryStore.commit}, a run commits its turn with `commit`.
   */
  loadRevision?(sessionId: string): Promise<RevisionedHistory>;
  /**
   * Optional: appends one turn atomically, only onto the history at `condition.revision`; throws a
   * `SessionConflictError` (storing nothing) when the session changed since. A turn whose `turnId` (the run
   * id) was already committed is not stored again: the call resolves to `'duplicate'`.
   */
  commit?(
    sessionId: string,
    messages: readonly Message[],
    condition: CommitCondition,
  ): Promise<CommitOutcome>;
}

/** A session's messages and the revision they were read at (opaque; compare only for equality). */
export interface RevisionedHistory {
  messages: Message[];
  revision: string;
}

/** What a conditional commit checks: the revision the turn was computed from, and the turn's own id. */
export interface CommitCondition {
  revision: string;
  /** Makes the commit idempotent: a second commit with the same id stores nothing. The run id. */
  turnId: string;
}

/** `'committed'`: the turn was stored now; `'duplicate'`: a turn with this id was stored before. */
export type CommitOutcome = 'committed' | 'duplicate';
