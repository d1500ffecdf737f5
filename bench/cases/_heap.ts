/** Heap figures for bench cases: what is retained after a forced GC (`npm run bench` passes --expose-gc). */

/** Bytes of heap in use after two forced garbage collections. */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes as megabytes with two decimals, e.g. `11.01 MB`. */
export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
