/**
 * One worker process of the redis-fleet example: executes durable runs from the shared queue. Started by
 * main.ts with REDIS_URL and MISTRAL_SERVER_URL (the mock server) in its environment.
 * @module
 */
import { Redis } from 'ioredis';
import { createMistral, defineAgent } from '../../src/index.js';
import { createRunWorker, RedisStore } from '../../src/redis/index.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const memory = new RedisStore({ client: new Redis(url), prefix: 'fleet:' });
const model = createMistral({ serverURL: process.env['MISTRAL_SERVER_URL'] })('mistral-small-latest');
const assistant = defineAgent({ name: 'assistant', instructions: 'Answer briefly.', model, memory });
assistant.events.on('run-start', (event) => {
  process.stdout.write(`  [worker ${process.pid}] took run ${event.runId.slice(0, 8)}\n`);
});
const worker = await createRunWorker({
  connection: url,
  prefix: 'fleet:',
  agents: { assistant },
  concurrency: 2,
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
