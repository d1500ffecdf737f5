import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDragomanError, SessionConflictError } from '../../src/errors.js';
import { RedisStore } from '../../src/redis/index.js';
import { describeMemoryStoreContract } from '../memory/support/memory-store-contract.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
const clients: Redis[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await redis?.stop();
});

function client(): Redis {
  const created = new Redis(redis.url, { lazyConnect: false });
  clients.push(created);
  return created;
}
/** A store on its own prefix, so each test starts empty. */
function freshStore(options: { ttlSeconds?: number } = {}): RedisStore {
  return new RedisStore({ client: client(), prefix: `t${++prefixes}:`, ...options });
}

describeMemoryStoreContract('RedisStore', () => freshStore());

const turn = (label: string) => [
  { role: 'user' as const, content: `${label} question` },
  { role: 'assistant' as const, content: `${label} answer` },
];

describe('RedisStore', () => {
  it('commits only onto the revision the history was read at', async () => {
    const store = freshStore();
    const first = await store.loadRevision('s');
    const second = await store.loadRevision('s');
    expect(await store.commit('s', turn('a'), { revision: first.revision, turnId: 'run-a' })).toBe(
      'committed',
    );
    const error = await store
      .commit('s', turn('b'), { revision: second.revision, turnId: 'run-b' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SessionConflictError);
    expect(isDragomanError(error) && error.code).toBe('session-conflict');
    expect(await store.load('s')).toEqual(turn('a'));
  });

  it('stores a run id once: a second commit of the same turn id is a duplicate', async () => {
    const store = freshStore();
    const { revision } = await store.loadRevision('s');
    await store.commit('s', turn('a'), { revision, turnId: 'run-1' });
    const again = await store.commit('s', turn('a again'), { revision, turnId: 'run-1' });
    expect(again).toBe('duplicate');
    expect(await store.load('s')).toEqual(turn('a'));
    expect(await store.committedTurn('s', 'run-1')).toEqual(turn('a'));
    expect(await store.committedTurn('s', 'run-2')).toBeUndefined();
  });

  it('a turn read before a clear cannot commit after it', async () => {
    const store = freshStore();
    await store.append('s', turn('old'));
    const { revision } = await store.loadRevision('s');
    await store.clear('s');
    await expect(store.commit('s', turn('late'), { revision, turnId: 'late' })).rejects.toBeInstanceOf(
      SessionConflictError,
    );
    expect(await store.load('s')).toEqual([]);
  });

  it('lists sessions by last write and drops cleared ones', async () => {
    const store = freshStore();
    await store.append('first', turn('1'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.append('second', turn('2'));
    expect((await store.listSessions()).map((info) => info.sessionId)).toEqual(['second', 'first']);
    expect((await store.listSessions({ limit: 1, offset: 1 })).map((info) => info.sessionId)).toEqual([
      'first',
    ]);
    await store.clear('second');
    expect((await store.listSessions()).map((info) => info.sessionId)).toEqual(['first']);
  });

  it('expires a session after its TTL', async () => {
    const store = freshStore({ ttlSeconds: 0.2 });
    await store.append('brief', turn('x'));
    expect(await store.load('brief')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.load('brief')).toEqual([]);
    expect(await store.listSessions()).toEqual([]);
  });

  it('rejects bad options with a UserInputError naming the value', () => {
    expect(() => new RedisStore({ client: {} as Redis })).toThrow(/ioredis client/);
    expect(() => new RedisStore({ client: client(), ttlSeconds: -1 })).toThrow(/ttlSeconds -1/);
  });
});
