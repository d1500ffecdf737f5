import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defineAgent, run } from '../../src/agent/index.js';
import { SessionConflictError } from '../../src/errors.js';
import type { Model, ModelRequest, ModelResponse } from '../../src/models/types.js';
import { RedisStore } from '../../src/redis/index.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await redis?.stop();
});

/** Answers with the number of user messages it saw, so each turn records the history it was computed from. */
const countingModel: Model = {
  id: 'counting',
  provider: 'test',
  async generate(request: ModelRequest): Promise<ModelResponse> {
    await new Promise((resolve) => setImmediate(resolve));
    const users = request.messages.filter((message) => message.role === 'user').length;
    return {
      message: { role: 'assistant', content: `seen ${users}` },
      finishReason: 'stop',
      usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
      meta: { model: 'counting' },
    } as ModelResponse;
  },
  stream() {
    throw new Error('not used');
  },
};

it('two instances racing on one session 500 times lose and duplicate no turn', async () => {
  const instances = [0, 1].map((index) => {
    const client = new Redis(redis.url);
    clients.push(client);
    const memory = new RedisStore({ client, prefix: 'race:' });
    return defineAgent({ name: `instance-${index}`, model: countingModel, memory });
  });
  let conflicts = 0;
  const turnOf = async (agent: (typeof instances)[number], label: string) => {
    for (;;) {
      try {
        return await run(agent, label, { session: 'shared', runId: label });
      } catch (error) {
        if (!(error instanceof SessionConflictError)) throw error;
        conflicts++;
      }
    }
  };
  const labels = Array.from({ length: 500 }, (_, index) => `turn-${index}`);
  // Each instance works through its half with 2 runs in flight, so the two keep colliding.
  await Promise.all(
    instances.flatMap((agent, which) =>
      Array.from({ length: 2 }, async (_, lane) => {
        for (let index = which * 250 + lane; index < (which + 1) * 250; index += 2) {
          await turnOf(agent, labels[index]!);
        }
      }),
    ),
  );
  const history = await new RedisStore({ client: clients[0]!, prefix: 'race:' }).load('shared');
  expect(history).toHaveLength(1000);
  const users = history.filter((message) => message.role === 'user').map((message) => message.content);
  expect(new Set(users).size).toBe(500);
  expect([...users].sort()).toEqual([...labels].sort());
  // Every answer saw exactly the turns before it: no turn was committed onto a history it was not computed from.
  history.forEach((message, index) => {
    if (message.role === 'assistant') expect(message.content).toBe(`seen ${(index + 1) / 2}`);
  });
  expect(conflicts).toBeGreaterThan(0);
}, 60_000);
