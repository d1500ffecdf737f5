import type { Redis } from 'ioredis';
import { UserInputError } from '../errors.js';
import { sleep } from '../models/retry.js';
import { connect, type RedisConnection } from './connection.js';
import { DEFAULT_PREFIX } from './keys.js';
import { BACK_OFF_SCRIPT, RESERVE_SCRIPT, SPEND_TOKENS_SCRIPT } from './limit-scripts.js';
import { luaScript, runScript } from './script.js';

/** The workspace's limits for one model id. */
export interface ModelLimits {
  requestsPerSecond?: number;
  tokensPerMinute?: number;
}

/** What {@link createRateLimiter} takes. Every process of the fleet passes the same limits and prefix. */
export interface RateLimiterOptions {
  connection: RedisConnection;
  /** @default 'dragoman:' */
  prefix?: string;
  /** Limits by model id (as `model.id` says); models not named here are not limited. */
  limits: Record<string, ModelLimits>;
}

/** One rate limit shared by every process on the same Redis. Wrap models with {@link limitModel}. */
export interface RateLimiter {
  /** Waits for the model's next request slot (fleet-wide). */
  acquire(modelId: string, signal?: AbortSignal): Promise<void>;
  /** Charges tokens a call used to the model's per-minute budget. */
  spendTokens(modelId: string, tokens: number): Promise<void>;
  /** Makes the whole fleet wait `ms` before its next request to the model (after a 429). */
  backOff(modelId: string, ms: number): Promise<void>;
  /** Closes the limiter's connection. */
  close(): Promise<void>;
}

const RESERVE = luaScript(RESERVE_SCRIPT);
const SPEND = luaScript(SPEND_TOKENS_SCRIPT);
const BACK_OFF = luaScript(BACK_OFF_SCRIPT);

/**
 * Connects a fleet-wide rate limiter: requests per second are spaced evenly across all processes, tokens per
 * minute are charged after each call, and a 429 pauses every process for the server's Retry-After.
 * @example
 * const limiter = await createRateLimiter({ connection: url, limits: { 'mistral-large-latest': { requestsPerSecond: 5, tokensPerMinute: 500_000 } } });
 * const model = limitModel(mistral('mistral-large-latest'), limiter);
 */
export async function createRateLimiter(options: RateLimiterOptions): Promise<RateLimiter> {
  const { prefix = DEFAULT_PREFIX, limits } = options ?? ({} as RateLimiterOptions);
  checkLimits(limits);
  const client: Redis = await connect(options.connection);
  const keysOf = (modelId: string) => {
    const base = `${prefix}limit:{${modelId}}`;
    return { requests: `${base}:requests`, tokens: `${base}:tokens`, backoff: `${base}:backoff` };
  };
  return {
    async acquire(modelId, signal) {
      const limit = limits[modelId];
      if (limit === undefined) return;
      const keys = keysOf(modelId);
      const interval = limit.requestsPerSecond ? 1000 / limit.requestsPerSecond : 0;
      const waitMs = (await runScript(
        client,
        RESERVE,
        [keys.requests, keys.tokens, keys.backoff],
        [interval],
      )) as number;
      if (waitMs > 0) await sleep(waitMs, signal);
    },
    async spendTokens(modelId, tokens) {
      const perMinute = limits[modelId]?.tokensPerMinute;
      if (!perMinute || !(tokens > 0)) return;
      await runScript(client, SPEND, [keysOf(modelId).tokens], [(tokens * 60_000) / perMinute]);
    },
    async backOff(modelId, ms) {
      if (limits[modelId] === undefined || !(ms > 0)) return;
      await runScript(client, BACK_OFF, [keysOf(modelId).backoff], [Math.ceil(ms)]);
    },
    async close() {
      await client.quit();
    },
  };
}

function checkLimits(limits: Record<string, ModelLimits>): void {
  if (typeof limits !== 'object' || limits === null) {
    throw new UserInputError('invalid-config', 'createRateLimiter needs limits by model id.', {
      path: 'limits',
      hint: "Pass { limits: { 'mistral-small-latest': { requestsPerSecond: 5 } } }.",
    });
  }
  for (const [modelId, limit] of Object.entries(limits)) {
    for (const key of ['requestsPerSecond', 'tokensPerMinute'] as const) {
      const value = limit?.[key];
      if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
        throw new UserInputError('invalid-config', `limits.${modelId}.${key} is ${String(value)}.`, {
          path: `limits.${modelId}.${key}`,
          hint: 'Use a positive number, or leave it out for no limit.',
        });
      }
    }
  }
}
