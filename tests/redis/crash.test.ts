import { it } from 'vitest';
import { crashFleet, expectEveryRunOnce } from './support/crash-fleet.js';

// A bounded size for every `npm test`; tests/reliability/redis-crash.test.ts runs the full 300 runs / 50 kills.
it('loses, repeats and duplicates no run while worker processes are SIGKILLed (60 runs, 10 kills)', async () => {
  const report = await crashFleet({ runs: 60, kills: 10, sessions: 6, deadlineMs: 150_000 });
  expectEveryRunOnce(report);
}, 200_000);
