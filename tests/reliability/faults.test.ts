/**
 * Fault injection at the adapter level: every fault of the mock servers, through the real Mistral adapter
 * (the SDK over HTTP) and the OpenAI-compatible adapter (fetch), streamed and not, without and with retries.
 * Each scenario owns its server, and checks that no timer, socket or server outlives it.
 */
import { describe, expect, it } from 'vitest';
import { callOnce, expectOutcome } from './support/expect-outcome.js';
import { faultCases } from './support/fault-cases.js';
import { activeResources, leakedResources } from './support/handles.js';
import { providerKinds, startHarness } from './support/providers.js';

const modes = ['generate', 'stream'] as const;

describe.each(providerKinds)('faults through the %s adapter', (kind) => {
  for (const faultCase of faultCases) {
    for (const mode of modes) {
      const bug = faultCase.knownBugs?.[kind]?.[mode];
      // A known bug (see docs/reliability.md): the test states the right behaviour and is expected to fail
      // until the bug is fixed; then vitest reports it, and `.fails` must be removed.
      const test = bug ? it.fails : it;
      const outcome = faultCase[mode];

      test(`${faultCase.name}, ${mode}, no retries: ${outcome.ok ? 'answers' : outcome.codes.join('/')}${bug ? ` (known bug ${bug})` : ''}`, async () => {
        const before = activeResources();
        const harness = await startHarness(kind);
        try {
          const model = harness.model({ timeoutMs: faultCase.timeoutMs, retry: { maxRetries: 0 } });
          harness.injectFault(faultCase.fault);
          const result = await callOnce(model, mode);
          expectOutcome(result, outcome);
          expect(harness.requests).toHaveLength(1);
          // The fault was one-shot: the same model answers the next call.
          expectOutcome(await callOnce(model, mode), { ok: true });
        } finally {
          await harness.close();
        }
        expect(await leakedResources(before)).toEqual({});
      });

      const recovers = faultCase.recovers[mode];
      test(`${faultCase.name}, ${mode}, with retries: ${!outcome.ok && recovers ? 'recovers on retry' : outcome.ok ? 'answers at once' : 'fails without retrying'}${bug ? ` (known bug ${bug})` : ''}`, async () => {
        const before = activeResources();
        const harness = await startHarness(kind);
        try {
          const model = harness.model({
            timeoutMs: faultCase.timeoutMs,
            retry: { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 50 },
          });
          harness.injectFault(faultCase.fault);
          const result = await callOnce(model, mode);
          if (outcome.ok) {
            expectOutcome(result, outcome);
            expect(harness.requests).toHaveLength(1);
          } else if (recovers) {
            expectOutcome(result, { ok: true });
            expect(harness.requests).toHaveLength(2);
          } else {
            expectOutcome(result, outcome);
            expect(harness.requests).toHaveLength(1);
          }
        } finally {
          await harness.close();
        }
        expect(await leakedResources(before)).toEqual({});
      });
    }
  }
});
