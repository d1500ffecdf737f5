/**
 * Runaway replies: thousands of tool calls or megabytes of arguments in one model reply fail the run with
 * a clear error before any tool runs, and nothing is committed. A stream consumer that stops at `run-end`
 * gets the committed result, not an abort.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, StepLimitError, stream } from '../../src/agent/index.js';
import { InMemoryStore } from '../../src/memory/index.js';
import { FakeModel, type FakeStep } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/index.js';
import { scale } from './support/scale.js';

function counter(steps: FakeStep[]) {
  let runs = 0;
  const memory = new InMemoryStore();
  const agent = defineAgent({
    name: 'limits',
    model: new FakeModel({ steps }),
    memory,
    tools: {
      note: tool({
        description: 'Note something.',
        parameters: z.object({ text: z.string() }),
        execute: () => {
          runs++;
          return 'ok';
        },
      }),
    },
  });
  return { agent, memory, runs: () => runs };
}

describe('tool calls per step', () => {
  it.each([1_000, scale(10_000, 2_000)])(
    '%i calls in one reply: StepLimitError, no tool ran, nothing committed',
    async (count) => {
      const { agent, memory, runs } = counter([
        { toolCalls: Array.from({ length: count }, () => ({ name: 'note', arguments: { text: 'x' } })) },
      ]);
      const error = await run(agent, 'go', { session: 's' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StepLimitError);
      expect(error).toMatchObject({ limit: 'calls', actual: count, allowed: 64 });
      expect(String((error as Error).message)).toContain('maxToolCallsPerStep');
      expect(runs()).toBe(0);
      expect(await memory.load('s')).toEqual([]);
    },
  );

  it('10 MB of arguments in one reply: StepLimitError before any tool runs', async () => {
    const { agent, runs } = counter([
      { toolCalls: [{ name: 'note', arguments: { text: 'x'.repeat(10 * 1024 * 1024) } }] },
    ]);
    await expect(run(agent, 'go')).rejects.toMatchObject({ name: 'StepLimitError', limit: 'argument-bytes' });
    expect(runs()).toBe(0);
  });

  it('a reply within the limits runs as before', async () => {
    const { agent, runs } = counter([
      { toolCalls: Array.from({ length: 64 }, () => ({ name: 'note', arguments: { text: 'x' } })) },
      { text: 'done' },
    ]);
    expect((await run(agent, 'go')).status).toBe('complete');
    expect(runs()).toBe(64);
  });
});

describe('a stream consumer that stops at run-end', () => {
  it('gets the result, and the turn is committed exactly once', async () => {
    const { agent, memory } = counter([{ text: 'hello' }]);
    const events = stream(agent, 'hi', { session: 's' });
    for await (const event of events) if (event.type === 'run-end') break;
    const result = await events.result();
    expect(result.status).toBe('complete');
    expect((await memory.load('s')).map((message) => message.role)).toEqual(['user', 'assistant']);
  });
});
