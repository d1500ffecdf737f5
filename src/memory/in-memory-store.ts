import type { Message } from '../models/types.js';
import { validateSessionId } from './session-id.js';
import type { MemoryStore } from './types.js';

/**
 * Keeps conversations in process memory (the default store). Messages are deep-copied on append and on load,
 * so callers can never change stored history by mutating an object they passed in or got back.
 */
export class InMemoryStore implements MemoryStore {
  readonly #sessions = new Map<string, Message[]>();

  /** The session's messages in order (copies); an empty array for an unknown session. */
  async load(sessionId: string): Promise<Message[]> {
    validateSessionId(sessionId);
    return structuredClone(this.#sessions.get(sessionId) ?? []);
  }

  /** Appends one turn's messages; all of them or, when a message cannot be copied, none. */
  async append(sessionId: string, messages: readonly Message[]): Promise<void> {
    validateSessionId(sessionId);
    const copies = structuredClone([...messages]);
    const stored = this.#sessions.get(sessionId);
    if (stored) stored.push(...copies);
    else this.#sessions.set(sessionId, copies);
  }

  /** Forgets the session. */
  async clear(sessionId: string): Promise<void> {
    validateSessionId(sessionId);
    this.#sessions.delete(sessionId);
  }
}
