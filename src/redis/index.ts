/**
 * `dragoman/redis`: sessions in Redis and durable agent runs on BullMQ, for apps that run on more than one
 * machine. Needs the optional peer dependencies `ioredis` (and `bullmq` for durable runs).
 * @module
 */

export { DEFAULT_PREFIX } from './keys.js';
export { RedisStore, type RedisStoreOptions, type SessionInfo } from './redis-store.js';
