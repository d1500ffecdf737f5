import type { MemoryStore } from '../../src/memory/types.js';
import type { Message } from '../../src/models/types.js';

/**
 * A MemoryStore for the loop's tests that records every append, so a test can assert how many times and
 * what the loop committed. (The real stores are tested in tests/memory.)
 */
export class MemoryStoreForTests implements MemoryStore {
  readonly appends: Array<{ sessionId: string; messages: Message[] }> = [];
  readonly #sessions = new Map<string, Message[]>();

  async load(sessionId: string): Promise<Message[]> {
    return structuredClone(this.#sessions.get(sessionId) ?? []);
  }

  async append(sessionId: string, messages: readonly Message[]): Promise<void> {
    this.appends.push({ sessionId, messages: structuredClone([...messages]) });
    this.#sessions.set(sessionId, [
      ...(this.#sessions.get(sessionId) ?? []),
      ...structuredClone([...messages]),
    ]);
  }

  async clear(sessionId: string): Promise<void> {
    this.#sessions.delete(sessionId);
  }
}
