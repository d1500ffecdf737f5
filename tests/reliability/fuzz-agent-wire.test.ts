/**
 * Fuzzing whole agent runs over the wire: mutated streams and bodies from a raw server reach a streamed (and
 * a non-streamed) agent run with a tool and a session, through both adapters. Every run must end, within
 * its bound, with a result or a typed DragomanError, and a failed run must leave the session unchanged.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { isDragomanError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/index.js';
import { tool } from '../../src/tools/index.js';
import { settle, within } from './support/bounded-time.js';
import { cuts, mutate, mutation, splitAt } from './support/byte-mutations.js';
import { FAKE_API_KEY } from './support/fake-key.js';
import { rawModel } from './support/fuzz-models.js';
import { providerKinds } from './support/providers.js';
import { type RawServer, startRawServer } from './support/raw-server.js';
import { scale } from './support/scale.js';
import { sampleCompletion, sampleStreamFrames } from './support/wire-samples.js';

const RUNS = scale(150, 30);
const encoder = new TextEncoder();

describe.each(providerKinds)('fuzzing agent runs over the %s adapter', (kind) => {
  let server: RawServer;
  beforeAll(async () => {
    server = await startRawServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('mutated answers end every run with a result or a typed error, and a failed run stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(mutation, { maxLength: 3 }),
        cuts,
        async (streamed, changes, points) => {
          const body = streamed ? sampleStreamFrames().join('') : JSON.stringify(sampleCompletion());
          server.setAnswer({
            contentType: streamed ? 'text/event-stream' : 'application/json',
            chunks: splitAt(mutate(encoder.encode(body), changes), points),
          });
          const memory = new InMemoryStore();
          await memory.append('s', [
            { role: 'user', content: 'earlier' },
            { role: 'assistant', content: 'earlier answer' },
          ]);
          const before = await memory.load('s');
          const lookup = tool({
            description: 'Look up a key.',
            parameters: z.object({ key: z.string() }),
            execute: ({ key }) => `value of ${key}`,
          });
          // The sample answer calls `lookup` every time, so an intact answer loops until maxSteps.
          const agent = defineAgent({
            name: 'fuzz',
            model: rawModel(kind, server.url),
            tools: { lookup },
            memory,
            maxSteps: 3,
          });
          const outcome = streamed
            ? stream(agent, 'Go', { session: 's' }).result()
            : run(agent, 'Go', { session: 's' });
          const error = await settle(within(outcome, 10_000, 'the run'));
          const after = await memory.load('s');
          if (error === undefined) {
            expect(after.slice(0, before.length)).toEqual(before);
            expect(after.length).toBeGreaterThan(before.length);
          } else {
            expect(isDragomanError(error), `not a DragomanError: ${String(error)}`).toBe(true);
            expect(String((error as Error).message)).not.toContain(FAKE_API_KEY);
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
