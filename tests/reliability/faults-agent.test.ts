/**
 * Fault injection through a whole agent run with a session: the fault hits the second model call of a
 * turn (after a tool call, so a partial turn exists). A failed turn must leave the stored history exactly as
 * it was; a recovered one must add one whole turn. Runs through run() (generate) and stream() (SSE).
 */
import { describe, expect, it } from 'vitest';
import { run, stream } from '../../src/agent/index.js';
import type { Message } from '../../src/models/types.js';
import { drain, settle } from './support/bounded-time.js';
import { expectTypedError } from './support/expect-outcome.js';
import { faultCases } from './support/fault-cases.js';
import { activeResources, leakedResources } from './support/handles.js';
import { expectedAnswer, lookupAgent, lookupReply } from './support/lookup-agent.js';
import { providerKinds, startHarness } from './support/providers.js';
import { storeFactories } from './support/stores.js';

const SESSION = 'fault-session';

describe.each(providerKinds)('a session turn through the %s adapter', (kind) => {
  describe.each(storeFactories())('stored in %s', (factory) => {
    for (const faultCase of faultCases) {
      for (const mode of ['generate', 'stream'] as const) {
        for (const retries of [0, 2]) {
          const bug = faultCase.knownBugs?.[kind]?.[mode];
          const outcome = faultCase[mode];
          const fails = !outcome.ok && (retries === 0 || !faultCase.recovers[mode]);
          const title = `${faultCase.name}, ${mode === 'generate' ? 'run()' : 'stream()'}, ${retries} retries: ${fails ? 'history unchanged' : 'one whole turn added'}${bug ? ` (known bug ${bug})` : ''}`;
          (bug ? it.fails : it)(title, async () => {
            const before = activeResources();
            const harness = await startHarness(kind, lookupReply);
            const { store, cleanup } = await factory.create();
            try {
              let armed = false;
              const agent = lookupAgent({
                model: harness.model({
                  timeoutMs: faultCase.timeoutMs,
                  retry: { maxRetries: retries, baseDelayMs: 20, maxDelayMs: 50 },
                }),
                memory: store,
                duringTool: () => {
                  if (armed) harness.injectFault(faultCase.fault);
                },
              });
              const first = await run(agent, 'Find key alpha', { session: SESSION });
              expect(first.text).toBe(expectedAnswer('alpha'));
              const history = await store.load(SESSION);
              expect(history).toHaveLength(4);

              armed = true;
              const attempt =
                mode === 'generate'
                  ? run(agent, 'Find key beta', { session: SESSION })
                  : drain(stream(agent, 'Find key beta', { session: SESSION }));
              const error = await settle(attempt);
              const after = await store.load(SESSION);
              if (fails) {
                if (!outcome.ok) expectTypedError(error, outcome);
                expect(after).toEqual(history);
              } else {
                expect(error).toBeUndefined();
                expect(after.slice(0, 4)).toEqual(history);
                const turn = after.slice(4);
                expect(turn.map((message: Message) => message.role)).toEqual([
                  'user',
                  'assistant',
                  'tool',
                  'assistant',
                ]);
                expect(turn[3]?.content).toBe(expectedAnswer('beta'));
              }
            } finally {
              await harness.close();
              await cleanup();
            }
            expect(await leakedResources(before)).toEqual({});
          });
        }
      }
    }
  });
});
