import type { Agent } from '../agent/agent.js';
import { connect, loadBullMq, type RedisConnection } from './connection.js';
import { executeRun } from './execute-run.js';
import { DEFAULT_PREFIX } from './keys.js';
import type { RunJobData } from './run-job.js';

/** What {@link createRunWorker} takes. `connection`, `prefix` and `queueName` must match the queue's. */
export interface RunWorkerOptions {
  connection: RedisConnection;
  /** The agents this worker can run, by the name `enqueue({ agent })` uses. */
  // biome-ignore lint/suspicious/noExplicitAny: agents of any tools and output type
  agents: Record<string, Agent<any, any>>;
  /** Runs executed at once by this worker. @default 4 */
  concurrency?: number;
  /** @default 'dragoman:' */
  prefix?: string;
  /** @default 'runs' */
  queueName?: string;
  /**
   * How long a worker holds a run without renewing its lock; a worker that died is noticed after about this
   * long and its runs go to another worker. @default 30000
   */
  lockDurationMs?: number;
  /** How often workers look for runs whose worker died. @default 30000 */
  stalledIntervalMs?: number;
  /** Times a run may be recovered from a dead worker before it fails. @default 100 */
  maxStalledCount?: number;
  /** Re-executions of a run whose session changed under it before it fails. @default 20 */
  maxConflictRetries?: number;
  /**
   * Run agents with streamed model answers, so readers of `queue.stream(runId)` get `text-delta` events
   * as the model writes; false uses complete answers (fewer events, less Redis traffic). @default true
   */
  streaming?: boolean;
  /** Ended runs (record and events) are kept this long. @default 604800 (7 days) */
  retentionSeconds?: number;
}

/** A running worker. */
export interface RunWorker {
  /** Stops taking runs, waits for the running ones, and closes the connections. */
  close(): Promise<void>;
}

/**
 * Starts a worker that executes durable runs from the queue: any number of them, on any machines. A worker
 * that dies mid-run is replaced by BullMQ's stalled-job recovery; the run then executes again, and its turn
 * is still committed to the session once (see docs/scaling.md for what is exactly-once and what is not).
 * @example
 * const worker = await createRunWorker({ connection: process.env.REDIS_URL!, agents: { support }, concurrency: 8 });
 * process.on('SIGTERM', () => void worker.close());
 */
export async function createRunWorker(options: RunWorkerOptions): Promise<RunWorker> {
  const { connection, agents, prefix = DEFAULT_PREFIX, queueName = 'runs' } = options;
  const { Worker } = await loadBullMq();
  const client = await connect(connection);
  const context = {
    client,
    agents,
    prefix,
    maxConflictRetries: options.maxConflictRetries ?? 20,
    retentionMs: (options.retentionSeconds ?? 604_800) * 1000,
    streaming: options.streaming ?? true,
  };
  const blocking = await connect(connection, true);
  const worker = new Worker<RunJobData>(queueName, (job) => executeRun(context, job.data), {
    connection: blocking,
    prefix: `${prefix}queue`,
    concurrency: options.concurrency ?? 4,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 100,
  });
  worker.on('error', () => {
    // Connection errors are retried by ioredis; BullMQ reports them here too. Nothing to do.
  });
  return {
    async close() {
      await worker.close();
      await Promise.all([client.quit(), blocking.quit()]);
    },
  };
}
