/**
 * The shape of every abort scenario: start the run, wait for the moment under test, abort, and measure how
 * long the run took to end after the abort. A generous bound (1 s): this checks correctness, not speed.
 */
import { expect } from 'vitest';
import { settle, within } from './bounded-time.js';

/** How long a run may take to end after its abort. */
export const ABORT_BOUND_MS = 1_000;

/** Polls `condition` every 5 ms until it holds (or fails after `ms`). */
export async function waitFor(condition: () => boolean, ms = 10_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts `start(signal)`, waits for `moment`, aborts, and asserts the run rejected with an AbortError
 * within {@link ABORT_BOUND_MS}. Returns the milliseconds from abort to the end.
 */
export async function expectPromptAbort(
  start: (signal: AbortSignal) => Promise<unknown>,
  moment: () => Promise<void>,
  hangAfterMs = 10_000,
): Promise<number> {
  const controller = new AbortController();
  const outcome = settle(start(controller.signal));
  await moment();
  const abortedAt = performance.now();
  controller.abort();
  const error = await within(outcome, hangAfterMs, 'the aborted run');
  const elapsed = performance.now() - abortedAt;
  expect((error as Error | undefined)?.name, `ended with ${String(error)}`).toBe('AbortError');
  expect((error as { code?: string }).code).toBe('aborted');
  expect(elapsed).toBeLessThan(ABORT_BOUND_MS);
  return elapsed;
}
