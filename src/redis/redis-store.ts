import type { Redis } from 'ioredis';
import { abortErrorFrom, SessionConflictError, UserInputError } from '../errors.js';
import { validateSessionId } from '../memory/session-id.js';
import type {
  AppendOptions,
  CommitCondition,
  CommitOutcome,
  MemoryStore,
  RevisionedHistory,
} from '../memory/types.js';
import type { Message } from '../models/types.js';
import { DEFAULT_PREFIX, sessionIndexKey, sessionKeys } from './keys.js';
import { luaScript, runScript } from './script.js';
import { CLEAR_SCRIPT, COMMIT_SCRIPT, COMMITTED_TURN_SCRIPT, LOAD_SCRIPT } from './store-scripts.js';

/** What {@link RedisStore} takes. */
export interface RedisStoreOptions {
  /** An ioredis client (`new Redis(url)`); the store never closes it. */
  client: Redis;
  /** Prepended to every key. @default 'dragoman:' */
  prefix?: string;
  /** Forget a session this many seconds after its last write. @default no expiry */
  ttlSeconds?: number;
}

/** One stored session, as {@link RedisStore.listSessions} reports it. */
export interface SessionInfo {
  sessionId: string;
  /** Time of the last committed turn, in ms since the epoch. */
  updatedAt: number;
}

const LOAD = luaScript(LOAD_SCRIPT);
const COMMIT = luaScript(COMMIT_SCRIPT);
const CLEAR = luaScript(CLEAR_SCRIPT);
const COMMITTED_TURN = luaScript(COMMITTED_TURN_SCRIPT);

/**
 * A {@link MemoryStore} in Redis, shared by every process that points at the same server and prefix. Each
 * turn is one list entry written by a Lua script, so it is stored whole or not at all. Runs commit with
 * {@link RedisStore.commit}: only onto the revision their history was read at (else a
 * `SessionConflictError`, nothing stored) and at most once per run id. Plain `append` is unconditional.
 * Every call is one round trip.
 * @example
 * const store = new RedisStore({ client: new Redis(process.env.REDIS_URL), ttlSeconds: 7 * 86_400 });
 * const agent = defineAgent({ name: 'support', model, memory: store });
 */
export class RedisStore implements MemoryStore {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(options: RedisStoreOptions) {
    const { client, prefix = DEFAULT_PREFIX, ttlSeconds } = options ?? ({} as RedisStoreOptions);
    if (typeof client?.evalsha !== 'function') {
      throw invalid(
        'client',
        'RedisStore needs an ioredis client as options.client.',
        'Pass { client: new Redis(url) }.',
      );
    }
    if (typeof prefix !== 'string')
      throw invalid('prefix', `prefix ${String(prefix)} is not a string.`, "Use e.g. 'myapp:'.");
    if (
      ttlSeconds !== undefined &&
      !(typeof ttlSeconds === 'number' && ttlSeconds > 0 && Number.isFinite(ttlSeconds))
    ) {
      throw invalid(
        'ttlSeconds',
        `ttlSeconds ${String(ttlSeconds)} is not a positive number.`,
        'Omit it to keep sessions forever.',
      );
    }
    this.#client = client;
    this.#prefix = prefix;
    this.#ttlMs = ttlSeconds === undefined ? 0 : Math.ceil(ttlSeconds * 1000);
  }

  /** The session's messages in order; an empty array for an unknown session. */
  async load(sessionId: string): Promise<Message[]> {
    return (await this.loadRevision(sessionId)).messages;
  }

  /** The session's messages and the revision they were read at, in one atomic read. */
  async loadRevision(sessionId: string): Promise<RevisionedHistory> {
    validateSessionId(sessionId);
    const keys = sessionKeys(this.#prefix, sessionId);
    const [revision, ...turns] = (await runScript(
      this.#client,
      LOAD,
      [keys.turns, keys.meta],
      [],
    )) as string[];
    return { revision: revision ?? '0', messages: turns.flatMap((turn) => JSON.parse(turn) as Message[]) };
  }

  /** Appends one turn atomically, whatever the session's revision. An empty turn stores nothing. */
  async append(sessionId: string, messages: readonly Message[], options: AppendOptions = {}): Promise<void> {
    validateSessionId(sessionId);
    if (options.signal?.aborted) throw abortErrorFrom(options.signal, 'The append');
    if (messages.length > 0) await this.#commit(sessionId, messages, '', '');
  }

  /**
   * Appends one turn atomically, only onto `condition.revision` (else throws a `SessionConflictError` and
   * stores nothing); resolves to `'duplicate'`, storing nothing, when `condition.turnId` was committed before.
   */
  async commit(
    sessionId: string,
    messages: readonly Message[],
    condition: CommitCondition,
  ): Promise<CommitOutcome> {
    validateSessionId(sessionId);
    const { revision, turnId } = condition ?? ({} as CommitCondition);
    if (typeof revision !== 'string' || typeof turnId !== 'string' || turnId === '') {
      throw invalid(
        'condition',
        'commit() needs { revision, turnId } as strings.',
        'Pass the revision from loadRevision() and the run id.',
      );
    }
    const [outcome] = await this.#commit(sessionId, messages, revision, turnId);
    if (outcome === 'conflict') throw new SessionConflictError(sessionId);
    return outcome as CommitOutcome;
  }

  /** The messages run `turnId` committed to the session, or undefined when it committed none. */
  async committedTurn(sessionId: string, turnId: string): Promise<Message[] | undefined> {
    validateSessionId(sessionId);
    const keys = sessionKeys(this.#prefix, sessionId);
    const turn = (await runScript(this.#client, COMMITTED_TURN, [keys.turns, keys.ids], [turnId])) as
      | string
      | null;
    return turn === null ? undefined : (JSON.parse(turn) as Message[]);
  }

  /** Forgets the session (its turns and run ids). A turn computed before the clear can no longer commit. */
  async clear(sessionId: string): Promise<void> {
    validateSessionId(sessionId);
    const keys = sessionKeys(this.#prefix, sessionId);
    const index = sessionIndexKey(this.#prefix);
    await runScript(this.#client, CLEAR, [keys.turns, keys.meta, keys.ids, index], [sessionId, this.#ttlMs]);
  }

  /** Stored sessions, most recently written first (sessions past their TTL are left out and pruned). */
  async listSessions(options: { limit?: number; offset?: number } = {}): Promise<SessionInfo[]> {
    const { limit = 100, offset = 0 } = options;
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
      throw invalid(
        'limit',
        `listSessions({ limit: ${limit}, offset: ${offset} }) is out of range.`,
        'Use a limit >= 1 and an offset >= 0.',
      );
    }
    const index = sessionIndexKey(this.#prefix);
    if (this.#ttlMs > 0) await this.#client.zremrangebyscore(index, '-inf', `(${Date.now() - this.#ttlMs}`);
    const flat = await this.#client.zrevrange(index, offset, offset + limit - 1, 'WITHSCORES');
    const sessions: SessionInfo[] = [];
    for (let at = 0; at < flat.length; at += 2) {
      sessions.push({ sessionId: flat[at]!, updatedAt: Number(flat[at + 1]) });
    }
    return sessions;
  }

  async #commit(sessionId: string, messages: readonly Message[], revision: string, turnId: string) {
    const keys = sessionKeys(this.#prefix, sessionId);
    const index = sessionIndexKey(this.#prefix);
    const args = [revision, turnId, this.#ttlMs, Date.now(), sessionId, JSON.stringify(messages)];
    return (await runScript(this.#client, COMMIT, [keys.turns, keys.meta, keys.ids, index], args)) as [
      string,
      string,
    ];
  }
}

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-config', message, { path, hint });
}
