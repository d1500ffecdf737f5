/**
 * How much, and for how long, dragoman reads a response once it has started. The start timeout bounds the
 * wait for headers; these bound what comes after: a body that never ends, a stream that stalls, a small
 * compressed body that inflates to gigabytes.
 * @module
 */
import { UserInputError } from '../../errors.js';

/** Bounds on reading one response body (a JSON answer or a whole event stream). */
export interface ResponseLimits {
  /**
   * Largest decoded body, in bytes (after gzip/brotli), and so also the largest single stream event. The
   * largest real chat answer is a few MB; the cap stops compression bombs and runaway servers.
   * @default 33_554_432 (32 MiB)
   */
  maxResponseBytes?: number;
  /** Longest silence between two chunks of a body once it started; `0` or `Infinity` turns it off. @default 60_000 */
  idleTimeoutMs?: number;
  /** Longest a whole body may take to arrive (a stream from headers to its end); `0` or `Infinity` turns it off. @default 900_000 */
  totalTimeoutMs?: number;
}

/** The defaults of {@link ResponseLimits}. */
export const DEFAULT_RESPONSE_LIMITS: Readonly<Required<ResponseLimits>> = {
  maxResponseBytes: 32 * 1024 * 1024,
  idleTimeoutMs: 60_000,
  totalTimeoutMs: 900_000,
};

/** Fills in defaults and checks each value, naming a bad one. */
export function resolveLimits(limits: ResponseLimits = {}, path = 'limits'): Required<ResponseLimits> {
  if (typeof limits !== 'object' || limits === null) {
    throw new UserInputError('invalid-config', `${path} is ${String(limits)}.`, {
      path,
      hint: 'Pass { maxResponseBytes?, idleTimeoutMs?, totalTimeoutMs? }.',
    });
  }
  const resolved = { ...DEFAULT_RESPONSE_LIMITS };
  for (const key of ['maxResponseBytes', 'idleTimeoutMs', 'totalTimeoutMs'] as const) {
    const value = limits[key];
    if (value === undefined) continue;
    const ok = typeof value === 'number' && (key === 'maxResponseBytes' ? value > 0 : value >= 0);
    if (!ok) {
      throw new UserInputError('invalid-config', `${path}.${key} is ${String(value)}.`, {
        path: `${path}.${key}`,
        hint:
          key === 'maxResponseBytes'
            ? 'Use a number of bytes > 0.'
            : 'Use milliseconds >= 0 (0 or Infinity: no limit).',
      });
    }
    resolved[key] = value;
  }
  return resolved;
}
