import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/tools/map-concurrent.js';

describe('mapConcurrent', () => {
  it('never exceeds the bound and returns results in input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(5), { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (delays, bound) => {
          let running = 0;
          let peak = 0;
          const results = await mapConcurrent(delays, bound, async (delay, index) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setTimeout(resolve, delay));
            running--;
            return index * 10;
          });
          expect(results).toEqual(delays.map((_delay, index) => index * 10));
          expect(peak).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('rejects with the first error', async () => {
    await expect(
      mapConcurrent([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('two');
        return item;
      }),
    ).rejects.toThrow('two');
  });
});
