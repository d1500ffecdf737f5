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
}
