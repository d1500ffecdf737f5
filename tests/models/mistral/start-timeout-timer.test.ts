import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../../../src/errors.js';
import { createStartTimeoutTimer, withStartTimeout } from '../../../src/models/timeout.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A start that never resolves on its own and rejects with the signal's reason when aborted. */
function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

describe('createStartTimeoutTimer', () => {
  it('times out each pending call at its own deadline, with one shared timer', async () => {
    vi.useFakeTimers();
    const timer = createStartTimeoutTimer();
    const first = withStartTimeout(hangUntilAborted, { timeoutMs: 100, timer, what: 'first' }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(40);
    const second = withStartTimeout(hangUntilAborted, { timeoutMs: 100, timer, what: 'second' }).catch(
      (error: unknown) => error,
    );
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(60);
    const firstError = await first;
    expect(firstError).toBeInstanceOf(ConnectionError);
    expect((firstError as Error).message).toContain('first did not start responding within 100 ms');
    let secondSettled = false;
    void second.then(() => {
      secondSettled = true;
    });
    await vi.advanceTimersByTimeAsync(39);
    expect(secondSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await second).toMatchObject({ code: 'timeout' });
  });

  it('never fires for a call that started in time, and fires an earlier deadline first', async () => {
    vi.useFakeTimers();
    const timer = createStartTimeoutTimer();
    await expect(withStartTimeout(async () => 'started', { timeoutMs: 1000, timer })).resolves.toBe(
      'started',
    );
    const late = withStartTimeout(hangUntilAborted, { timeoutMs: 50, timer }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(await late).toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves the caller abort as-is, not a timeout', async () => {
    const timer = createStartTimeoutTimer();
    const controller = new AbortController();
    const promise = withStartTimeout(hangUntilAborted, { timeoutMs: 5000, timer, signal: controller.signal });
    controller.abort(new DOMException('stop', 'AbortError'));
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('does not keep the process alive once no call is pending', async () => {
    const timer = createStartTimeoutTimer();
    const started = { hasRef: true };
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await withStartTimeout(
      async () => {
        const handle = spy.mock.results.at(-1)?.value as { hasRef(): boolean };
        started.hasRef = handle.hasRef();
        return 'ok';
      },
      { timeoutMs: 60_000, timer },
    );
    const handle = spy.mock.results.at(-1)?.value as { hasRef(): boolean; unref(): void };
    spy.mockRestore();
    expect(started.hasRef).toBe(true);
    expect(handle.hasRef()).toBe(false);
    clearTimeout(handle as never);
  });
});
