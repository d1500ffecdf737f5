import type { RunState } from '../agent/types.js';

/**
 * Where the chat handler keeps the state of runs paused for approvals, keyed by chat id, between the
 * response that asked and the request that answers. The state never goes to the browser, so a client cannot
 * change the pending calls it approves. Use a shared store (Redis, a database) when requests of one chat
 * may reach different server instances.
 */
export interface RunStateStore {
  /** Keeps `state` under `key`, replacing any earlier one. */
  set(key: string, state: RunState): Promise<void>;
  /** Returns and removes the state under `key`, so one approval answer resumes a run only once. */
  take(key: string): Promise<RunState | undefined>;
  /** Forgets the state under `key` (the user moved on without answering). */
  delete(key: string): Promise<void>;
}

/** Options of {@link createMemoryRunStateStore}. */
export interface MemoryRunStateStoreOptions {
  /** The most paused runs kept; the oldest is forgotten beyond it. @default 1000 */
  maxEntries?: number;
}

/**
 * A {@link RunStateStore} in this process's memory: right for one server process and for tests. States
 * are JSON round-tripped on the way in, as a shared store would do, so later changes cannot leak in.
 * @example
 * const handler = createChatHandler(agent, { runStates: createMemoryRunStateStore({ maxEntries: 100 }) });
 */
export function createMemoryRunStateStore(options: MemoryRunStateStoreOptions = {}): RunStateStore {
  const maxEntries = options.maxEntries ?? 1000;
  const states = new Map<string, string>();
  return {
    async set(key, state) {
      states.delete(key);
      states.set(key, JSON.stringify(state));
      for (const oldest of states.keys()) {
        if (states.size <= maxEntries) break;
        states.delete(oldest);
      }
    },
    async take(key) {
      const saved = states.get(key);
      states.delete(key);
      return saved === undefined ? undefined : (JSON.parse(saved) as RunState);
    },
    async delete(key) {
      states.delete(key);
    },
  };
}
