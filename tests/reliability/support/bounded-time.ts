/** Thrown by {@link within} when a promise did not settle in time: a hang, not a typed failure. */
export class HangError extends Error {
  override name = 'HangError';
}

/**
 * Settles like `promise`, or rejects with a {@link HangError} after `ms`. The timer is cleared either way,
 * so it never shows up as a leaked handle.
 */
export async function within<T>(promise: Promise<T>, ms: number, what = 'The operation'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HangError(`${what} did not settle within ${ms} ms.`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error `promise` rejects with, or `undefined` when it resolves. */
export async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Drains an async iterable, returning everything it yielded. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
