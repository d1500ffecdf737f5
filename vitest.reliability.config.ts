import { defineConfig } from 'vitest/config';

// The reliability suite (faults, fuzzing, load, crash safety, secrets, sandbox, abort). Full by default;
// RELIABILITY_BOUNDED=1 (set by .ci/run) shrinks iteration counts so CI stays within its time budget.
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
