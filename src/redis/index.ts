/**
 * `dragoman/redis`: sessions in Redis and durable agent runs on BullMQ, for apps that run on more than one
 * machine. Needs the optional peer dependencies `ioredis` (and `bullmq` for durable runs). See
 * docs/scaling.md.
 * @module
 */

export type { RedisConnection } from './connection.js';
export { DEFAULT_PREFIX } from './keys.js';
export { limitModel } from './limit-model.js';
export {
  createRateLimiter,
  type ModelLimits,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.js';
export { RedisStore, type RedisStoreOptions, type SessionInfo } from './redis-store.js';
export type { RunOutcome, RunStatus } from './run-outcome.js';
export { createRunQueue, type RunQueue, type RunQueueOptions, type RunRequest } from './run-queue.js';
export type { RunEventStream } from './run-stream.js';
export { createRunWorker, type RunWorker, type RunWorkerOptions } from './run-worker.js';
export type { SerializedError } from './serialize.js';
