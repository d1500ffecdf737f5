import type { CallOptions, Model, ModelRequest, ModelResponse, StreamDelta } from '../models/types.js';
import type { RateLimiter } from './rate-limiter.js';

const DEFAULT_BACK_OFF_MS = 1000;

/**
 * The same model, behind the fleet's shared rate limit: each call first waits for a request slot, charges
 * its tokens afterwards, and a 429 (seen by the adapter's retries or thrown at the end) pauses every process
 * for the server's Retry-After (1 s when it gives none).
 */
export function limitModel<M extends Model>(model: M, limiter: RateLimiter): M {
  const backOffOn = (error: unknown) => {
    if ((error as { status?: unknown } | null)?.status !== 429) return;
    const retryAfter = (error as { retryAfterMs?: unknown }).retryAfterMs;
    void limiter
      .backOff(model.id, typeof retryAfter === 'number' ? retryAfter : DEFAULT_BACK_OFF_MS)
      .catch(() => undefined);
  };
  const withBackOff = (options: CallOptions = {}): CallOptions => ({
    ...options,
    onRetry(attempt) {
      backOffOn(attempt.error);
      options.onRetry?.(attempt);
    },
  });
  const limited: Pick<Model, 'generate' | 'stream'> = {
    async generate(request: ModelRequest, options?: CallOptions): Promise<ModelResponse> {
      await limiter.acquire(model.id, options?.signal);
      try {
        const response = await model.generate(request, withBackOff(options));
        await limiter.spendTokens(model.id, response.usage.totalTokens);
        return response;
      } catch (error) {
        backOffOn(error);
        throw error;
      }
    },
    async *stream(request: ModelRequest, options?: CallOptions): AsyncIterable<StreamDelta> {
      await limiter.acquire(model.id, options?.signal);
      try {
        for await (const delta of model.stream(request, withBackOff(options))) {
          if (delta.type === 'finish') await limiter.spendTokens(model.id, delta.response.usage.totalTokens);
          yield delta;
        }
      } catch (error) {
        backOffOn(error);
        throw error;
      }
    },
  };
  // The model's other members (id, provider, settings, methods such as withSettings) stay as they are.
  return new Proxy(model, {
    get(target, property, receiver) {
      if (property === 'generate' || property === 'stream') return limited[property];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
