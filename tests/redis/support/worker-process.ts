/**
 * A durable-run worker process for the tests: `node --import tsx worker-process.ts` with REDIS_URL,
 * MOCK_URL (the mock Mistral server), PREFIX, CONCURRENCY, LOCK_MS and LIMIT_RPS (optional) in the
 * environment. Prints `ready` once it takes runs, and one JSON line per tool execution.
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import { defineAgent } from '../../../src/agent/define-agent.js';
import { createMistral } from '../../../src/models/mistral/provider.js';
import { createRateLimiter, createRunWorker, limitModel, RedisStore } from '../../../src/redis/index.js';
import { tool } from '../../../src/tools/tool.js';

const env = (name: string) => process.env[name] ?? '';
const prefix = env('PREFIX');
const client = new Redis(env('REDIS_URL'));
const memory = new RedisStore({ client, prefix });
let model = createMistral({ apiKey: 'test-key', serverURL: env('MOCK_URL') })('mistral-small-latest');
if (env('LIMIT_RPS')) {
  const limiter = await createRateLimiter({
    connection: env('REDIS_URL'),
    prefix,
    limits: { 'mistral-small-latest': { requestsPerSecond: Number(env('LIMIT_RPS')) } },
  });
  model = limitModel(model, limiter);
}

const refund = tool({
  description: 'Refund an order.',
  parameters: z.object({ order: z.string() }),
  needsApproval: true,
  execute: ({ order }, context) => {
    process.stdout.write(
      `${JSON.stringify({ tool: 'refund', order, key: context.idempotencyKey, pid: process.pid })}\n`,
    );
    return `refunded ${order}`;
  },
});

const worker = await createRunWorker({
  connection: env('REDIS_URL'),
  prefix,
  agents: {
    chat: defineAgent({ name: 'chat', model, memory }),
    refunds: defineAgent({ name: 'refunds', model, memory, tools: { refund } }),
  },
  concurrency: Number(env('CONCURRENCY') || 4),
  lockDurationMs: Number(env('LOCK_MS') || 30_000),
  stalledIntervalMs: Math.max(500, Number(env('LOCK_MS') || 30_000) / 2),
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => client.quit().then(() => process.exit(0)));
});
