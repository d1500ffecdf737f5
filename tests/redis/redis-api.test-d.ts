import { describe, expectTypeOf, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/index.js';
import type { MemoryStore } from '../../src/memory/index.js';
import type { Model } from '../../src/models/index.js';
import {
  createRunQueue,
  createRunWorker,
  limitModel,
  type RedisStore,
  type RunQueue,
} from '../../src/redis/index.js';
import { FakeModel } from '../../src/testing/index.js';

describe('dragoman/redis types', () => {
  it('limitModel keeps the exact model type it wraps', () => {
    const limited = limitModel(new FakeModel(), {} as Parameters<typeof limitModel>[1]);
    expectTypeOf(limited).toEqualTypeOf<FakeModel>();
    expectTypeOf(limitModel({} as Model, {} as Parameters<typeof limitModel>[1])).toEqualTypeOf<Model>();
  });

  it('RedisStore is a MemoryStore; the queue streams typed agent events', () => {
    expectTypeOf<RedisStore>().toMatchTypeOf<MemoryStore>();
    expectTypeOf(createRunQueue).returns.resolves.toEqualTypeOf<RunQueue>();
    type Streamed = RunQueue['stream'] extends (...args: never[]) => AsyncIterable<infer Event>
      ? Event
      : never;
    expectTypeOf<Streamed>().toEqualTypeOf<AgentEvent>();
  });

  it('a worker needs a connection and its agents by name', () => {
    type Options = Parameters<typeof createRunWorker>[0];
    expectTypeOf<Options>().toHaveProperty('agents');
    expectTypeOf<Options>().toHaveProperty('connection');
    // @ts-expect-error: agents are required
    createRunWorker({ connection: {} as Options['connection'] });
  });
});
