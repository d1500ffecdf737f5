/**
 * Iteration counts and load sizes for the reliability suite. `npm run test:reliability` runs the full
 * sizes; CI sets `RELIABILITY_BOUNDED=1` and gets the bounded ones, so the whole suite stays under 3 minutes
 * on 2 cores.
 */

/** True when the suite runs bounded (CI). */
export const bounded = process.env.RELIABILITY_BOUNDED === '1';

/** `full` normally, `boundedValue` under `RELIABILITY_BOUNDED=1`. */
export function scale<T>(full: T, boundedValue: T): T {
  return bounded ? boundedValue : full;
}
