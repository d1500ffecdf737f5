import { afterEach, beforeEach } from 'vitest';

/**
 * Collects the unhandled promise rejections of each test in the calling `describe`: the returned array is
 * emptied before every test and filled while it runs.
 */
export function trackUnhandledRejections(): unknown[] {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  return unhandled;
}
