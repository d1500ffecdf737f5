import type { Message } from '../models/types.js';

/** Stores conversations by session id. Implementations: in-memory (default) and JSONL file. */
export interface MemoryStore {
  /** The session's messages in order; an empty array for an unknown session. */
  load(sessionId: string): Promise<Message[]>;
  /** Appends one complete turn's messages atomically: all of them are stored, or none. */
  append(sessionId: string, messages: readonly Message[]): Promise<void>;
  /** Forgets the session. */
  clear(sessionId: string): Promise<void>;
}
