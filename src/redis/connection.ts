import { UserInputError } from '../errors.js';

/** Where Redis is: a `redis://` URL, or ioredis options (`{ host, port, password, tls, ... }`). */
export type RedisConnection = string | Record<string, unknown>;

type IoRedis = { Redis: typeof import('ioredis').Redis };
type BullMq = typeof import('bullmq');

/** Loads an optional peer dependency, or throws a `UserInputError` saying which package to install. */
async function loadPeer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new UserInputError(
      'invalid-config',
      `dragoman/redis needs the package "${name}", which is not installed.`,
      {
        hint: `Run npm install ${name}.`,
        cause: error,
      },
    );
  }
}

/** `ioredis`, loaded on first use. */
export const loadIoRedis = (): Promise<IoRedis> => loadPeer('ioredis', () => import('ioredis'));
/** `bullmq`, loaded on first use. */
export const loadBullMq = (): Promise<BullMq> => loadPeer('bullmq', () => import('bullmq'));

/**
 * A new ioredis client for `connection`. `blocking` clients (BullMQ workers, stream readers) never give up on
 * a command while Redis is unreachable; others fail after ioredis' default retries.
 */
export async function connect(
  connection: RedisConnection,
  blocking = false,
): Promise<import('ioredis').Redis> {
  if (typeof connection !== 'string' && (typeof connection !== 'object' || connection === null)) {
    throw new UserInputError(
      'invalid-config',
      `connection ${String(connection)} is not a Redis URL or options.`,
      {
        path: 'connection',
        hint: "Pass 'redis://host:6379' or { host, port }.",
      },
    );
  }
  const { Redis } = await loadIoRedis();
  const extra = blocking ? { maxRetriesPerRequest: null } : {};
  return typeof connection === 'string'
    ? new Redis(connection, extra)
    : new Redis({ ...connection, ...extra });
}
