import type { CalibratingTokenCounter } from './message-counter.js';
import { createTokenCounter } from './token-counter.js';

let shared: CalibratingTokenCounter | undefined;

/**
 * The counter {@link fitContext} uses when none is passed: one Tekken counter per process, created on first
 * use. It is shared on purpose: the engine holds about 30 MB and takes ~200 ms to load, so a fresh one per
 * call would cost more than the fit itself. It is a cache, not state: it never changes a result.
 */
export function defaultTokenCounter(): CalibratingTokenCounter {
  shared ??= createTokenCounter();
  return shared;
}
