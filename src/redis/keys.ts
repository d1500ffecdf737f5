/** The default key prefix of everything dragoman/redis stores. */
export const DEFAULT_PREFIX = 'dragoman:';

/**
 * The Redis keys of one session. The session id sits in a hash tag (`{...}`), so a session's keys share one
 * slot on Redis Cluster and the commit script may touch them together.
 */
export interface SessionKeys {
  /** A list: one JSON array of messages per committed turn. */
  turns: string;
  /** A hash: `rev`, the revision a conditional commit compares against. */
  meta: string;
  /** A hash: turn id (run id) -> index of that turn in `turns`, for idempotent commits. */
  ids: string;
}

/** The keys of `sessionId` under `prefix`. */
export function sessionKeys(prefix: string, sessionId: string): SessionKeys {
  const base = `${prefix}session:{${sessionId}}`;
  return { turns: `${base}:turns`, meta: `${base}:meta`, ids: `${base}:ids` };
}

/** The sorted set of session ids by last write time (ms), for listing. */
export function sessionIndexKey(prefix: string): string {
  return `${prefix}sessions`;
}

/** The keys of one durable run: its record (a hash) and its event stream. */
export interface RunKeys {
  record: string;
  events: string;
}

/** The keys of run `runId` under `prefix` (one hash tag, so a script may touch both). */
export function runKeys(prefix: string, runId: string): RunKeys {
  const base = `${prefix}run:{${runId}}`;
  return { record: base, events: `${base}:events` };
}
