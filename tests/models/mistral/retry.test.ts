import { describe, expect, it, vi } from 'vitest';
import { AbortError, ApiError, ConnectionError, UserInputError } from '../../../src/errors.js';
import {
  backoffDelay,
  isRetryableError,
  parseRetryAfter,
  sleep,
  withRetry,
} from '../../../src/models/retry.js';

const rateLimited = (retryAfterMs?: number) =>
  new ApiError('rate-limit', 'Rate limited.', { status: 429, retryable: true, retryAfterMs });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('withRetry', () => {
  it('retries retryable errors up to maxRetries, then throws the last error', async () => {
    const { waits, sleep: fakeSleep } = recorder();
    const attempt = vi.fn(async () => {
      throw new ApiError('server', 'boom', { status: 503, retryable: true });
    });
    await expect(withRetry(attempt, { maxRetries: 3, sleep: fakeSleep, random: () => 0.5 })).rejects.toThrow(
      'boom',
    );
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('does not retry a non-retryable error', async () => {
    const attempt = vi.fn(async () => {
      throw new ApiError('auth', 'no', { status: 401 });
    });
    await expect(withRetry(attempt, { sleep: async () => {} })).rejects.toMatchObject({ code: 'auth' });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('returns the first success and passes the retry number', async () => {
    const seen: number[] = [];
    const result = await withRetry(
      async (retry) => {
        seen.push(retry);
        if (retry < 2) throw new ConnectionError('connection', 'reset');
        return 'ok';
      },
      { sleep: async () => {} },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('waits exactly the Retry-After the server asked for, without jitter', async () => {
    const { waits, sleep: fakeSleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw rateLimited(1500);
        return 1;
      },
      { sleep: fakeSleep, random: () => 0.99 },
    );
    expect(waits).toEqual([1500]);
  });

  it('gives up at once when Retry-After exceeds the remaining time budget', async () => {
    const { waits, sleep: fakeSleep } = recorder();
    let time = 0;
    const attempt = vi.fn(async () => {
      time += 1000;
      throw rateLimited(10_000);
    });
    await expect(
      withRetry(attempt, { sleep: fakeSleep, now: () => time, maxElapsedMs: 5000 }),
    ).rejects.toMatchObject({ code: 'rate-limit' });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('shortens a jittered wait to the remaining budget and stops when it is spent', async () => {
    const { waits, sleep: fakeSleep } = recorder();
    let time = 0;
    const attempt = vi.fn(async () => {
      time += 100;
      throw new ConnectionError('connection', 'reset');
    });
    await expect(
      withRetry(attempt, {
        sleep: async (ms) => {
          time += ms;
          await fakeSleep(ms);
        },
        now: () => time,
        random: () => 0.999,
        maxRetries: 5,
        maxElapsedMs: 1500,
        baseDelayMs: 1000,
      }),
    ).rejects.toMatchObject({ code: 'connection' });
    expect(waits).toEqual([999, 301]);
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('aborts during the backoff wait with an AbortError and leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const promise = withRetry(
        async () => {
          throw rateLimited(30_000);
        },
        { signal: controller.signal },
      );
      const settled = expect(promise).rejects.toBeInstanceOf(AbortError);
      await vi.advanceTimersByTimeAsync(10);
      expect(vi.getTimerCount()).toBe(1);
      controller.abort(new Error('user stop'));
      await settled;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not start when the signal is already aborted', async () => {
    const attempt = vi.fn(async () => 1);
    await expect(withRetry(attempt, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(attempt).not.toHaveBeenCalled();
  });

  it('rejects bad options with a typed error naming the field', async () => {
    await expect(withRetry(async () => 1, { maxRetries: -1 })).rejects.toThrow(UserInputError);
    await expect(withRetry(async () => 1, { maxRetries: 1.5 })).rejects.toMatchObject({
      path: 'retry.maxRetries',
    });
  });
});

describe('retry helpers', () => {
  it('full jitter stays under the doubling ceiling capped by maxDelayMs', () => {
    expect(backoffDelay(1, {}, () => 0.999)).toBe(499);
    expect(backoffDelay(3, {}, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, {}, () => 0.999)).toBe(7992);
    expect(backoffDelay(2, {}, () => 0)).toBe(0);
  });

  it('classifies retryable errors by their retryable flag', () => {
    expect(isRetryableError(rateLimited())).toBe(true);
    expect(isRetryableError(new ConnectionError('timeout', 't'))).toBe(true);
    expect(isRetryableError(new ConnectionError('malformed-response', 'm'))).toBe(false);
    expect(isRetryableError(new ApiError('auth', 'a', { status: 401 }))).toBe(false);
    expect(isRetryableError(new AbortError())).toBe(false);
    expect(isRetryableError(new Error('x'))).toBe(false);
  });

  it('sleep resolves after the delay and rejects at once on an aborted signal', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.25')).toBe(250);
    const now = Date.parse('Mon, 23 Nov 2026 11:00:00 GMT');
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
