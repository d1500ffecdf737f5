/**
 * Leak checks on the process's active resources. We use `process.getActiveResourcesInfo()` (the resources
 * that keep the event loop alive: timers, sockets, servers, child processes) rather than vitest's
 * `--detect-async-leaks`, because it can be compared before and after one scenario inside a running test.
 * Unref'd timers are not listed, by design: they cannot keep a process alive.
 */

/** Resource types a scenario can leak: timers, TCP sockets and servers, child processes, pipes. */
const WATCHED = new Set([
  'Timeout',
  'TCPSocketWrap',
  'TCPServerWrap',
  'ProcessWrap',
  'PipeWrap',
  'Immediate',
]);

/** Counts of watched active resources by type. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (WATCHED.has(type)) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** Resource types whose count is above `before`, with the excess. */
export function excessResources(before: Record<string, number>): Record<string, number> {
  const now = activeResources();
  const excess: Record<string, number> = {};
  for (const [type, count] of Object.entries(now)) {
    const extra = count - (before[type] ?? 0);
    if (extra > 0) excess[type] = extra;
  }
  return excess;
}

/**
 * Waits (up to `ms`) for the active resources to fall back to `before` and returns what is still in
 * excess: `{}` when nothing leaked. Closing a socket or server takes a few event-loop turns, so a leak is
 * only what outlives the wait.
 */
export async function leakedResources(
  before: Record<string, number>,
  ms = 1000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const excess = excessResources(before);
    if (Object.keys(excess).length === 0 || Date.now() >= deadline) return excess;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10).unref());
  }
}
