/**
 * A fleet for durable-run scenarios: its own redis-server, a mock Mistral server, worker processes, a run
 * queue and a plain client, and one `close()` that stops them all (workers SIGKILLed).
 */
import { Redis } from 'ioredis';
import { createRunQueue, type RunQueue } from '../../../src/redis/index.js';
import { createMockMistralServer, type MockServerOptions } from '../../../src/testing/index.js';
import { startRedis } from './redis-server.js';
import { startWorker, type WorkerProcess } from './workers.js';

/** What {@link startFleet} starts. */
export interface FleetOptions {
  prefix: string;
  workers: number;
  /** Worker environment besides the Redis and mock URLs and the prefix (e.g. CONCURRENCY). */
  env: Record<string, string>;
  reply: MockServerOptions['reply'];
}

/** A running fleet; `workers` entries may be replaced (e.g. after a kill) and are all stopped by close(). */
export interface Fleet {
  workers: WorkerProcess[];
  queue: RunQueue;
  client: Redis;
  /** Starts one more worker with the fleet's environment (not added to `workers`). */
  startWorker(): WorkerProcess;
  close(): Promise<void>;
}

/** Starts Redis, the mock server and the workers; resolves once every worker takes runs. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const redis = await startRedis();
  const mock = await createMockMistralServer({ reply: options.reply });
  const env = { ...options.env, REDIS_URL: redis.url, MOCK_URL: mock.url, PREFIX: options.prefix };
  const workers = Array.from({ length: options.workers }, () => startWorker(env));
  const queue = await createRunQueue({ connection: redis.url, prefix: options.prefix });
  const client = new Redis(redis.url);
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    await queue.close();
    await client.quit();
    await mock.close();
    await redis.stop();
  };
  try {
    await Promise.all(workers.map((worker) => worker.ready));
  } catch (error) {
    await close();
    throw error;
  }
  return { workers, queue, client, startWorker: () => startWorker(env), close };
}
