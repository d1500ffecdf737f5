import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { createRunQueue, RedisStore, type RunQueue } from '../../src/redis/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/index.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { startWorker, type WorkerProcess } from './support/workers.js';

let redis: TestRedis;
let mock: MockMistralServer;
let queue: RunQueue;
let client: Redis;
const workers: WorkerProcess[] = [];
const prefix = 'durable:';

beforeAll(async () => {
  redis = await startRedis();
  // Refunds: ask for the tool on a user turn, answer after its result; everything else: echo the user.
  mock = await createMockMistralServer({
    reply: ({ body }) => {
      const last = body.messages?.at(-1);
      if (body.tools?.length && last?.role === 'user') {
        return { toolCalls: [{ name: 'refund', arguments: { order: 'A-7' }, id: 'call0refd' }] };
      }
      if (last?.role === 'tool') return { text: `Done: ${String(last.content)}` };
      return { text: `echo: ${String(last?.content)}`, chunkSize: 4 };
    },
  });
  queue = await createRunQueue({ connection: redis.url, prefix });
  client = new Redis(redis.url);
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
});
afterAll(async () => {
  await queue?.close();
  await client?.quit();
  await mock?.close();
  await redis?.stop();
});

function worker(): WorkerProcess {
  const started = startWorker({ REDIS_URL: redis.url, MOCK_URL: mock.url, PREFIX: prefix, CONCURRENCY: '2' });
  workers.push(started);
  return started;
}

describe('durable runs', () => {
  it('streams a run executing on a worker process, as typed events, into this process', async () => {
    const runner = worker();
    await runner.ready;
    const runId = await queue.enqueue({ agent: 'chat', input: 'bonjour tout le monde', session: 'stream-1' });
    const events: AgentEvent[] = [];
    const stream = queue.stream(runId);
    for await (const event of stream) events.push(event);
    const outcome = await stream.result();
    expect(outcome.status).toBe('completed');
    expect(outcome.text).toContain('echo: bonjour tout le monde');
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-end');
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.every((event) => event.runId === runId)).toBe(true);
    const session = await new RedisStore({ client, prefix }).load('stream-1');
    expect(session.map((message) => message.content)).toEqual(['bonjour tout le monde', outcome.text]);
    // The same id again runs nothing new.
    expect(await queue.enqueue({ agent: 'chat', input: 'ignored', session: 'stream-1', runId })).toBe(runId);
    expect(await queue.result(runId)).toMatchObject({ status: 'completed', text: outcome.text });
    await runner.kill('SIGTERM');
  }, 90_000);

  it('pauses for approval on one worker, is approved from this process, and resumes on another', async () => {
    const first = worker();
    await first.ready;
    const runId = await queue.enqueue({
      agent: 'refunds',
      input: 'Refund order A-7 please',
      session: 'refund-1',
    });
    const paused = await queue.result(runId);
    expect(paused.status).toBe('pending-approval');
    expect(paused.pendingApprovals?.map((pending) => pending.toolName)).toEqual(['refund']);
    expect(await queue.status(runId)).toBe('paused');
    await first.kill();
    expect(first.lines).toEqual([]);

    const second = worker();
    await second.ready;
    const toolCallId = paused.pendingApprovals![0]!.toolCallId;
    await queue.approve(runId, { [toolCallId]: { approved: true } });
    const done = await queue.result(runId);
    expect(done.status).toBe('completed');
    expect(done.text).toBe('Done: refunded A-7');
    expect(second.lines).toEqual([
      { tool: 'refund', order: 'A-7', key: `${runId}:${toolCallId}`, pid: second.child.pid },
    ]);
    const session = await new RedisStore({ client, prefix }).load('refund-1');
    expect(session.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    await expect(queue.approve(runId, { [toolCallId]: { approved: true } })).rejects.toThrow(/not paused/);
    await second.kill('SIGTERM');
  }, 120_000);

  it('rejects a bad request with a UserInputError naming the value', async () => {
    await expect(queue.enqueue({ agent: '', input: 'x' })).rejects.toThrow(/agent/);
    await expect(queue.enqueue({ agent: 'chat', input: 'x', runId: 'a:b' })).rejects.toThrow(/runId "a:b"/);
    await expect(queue.approve('no-such-run', {})).rejects.toThrow(/No durable run/);
  });
});
