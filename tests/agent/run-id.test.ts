import { expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { isDragomanError } from '../../src/errors.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';
import type { ToolContext } from '../../src/tools/types.js';

function payingAgent(seen: ToolContext[], model: FakeModel) {
  const pay = tool({
    description: 'Pay an invoice.',
    parameters: z.object({ invoice: z.string() }),
    execute: (_args, context) => {
      seen.push(context);
      return 'paid';
    },
  });
  return defineAgent({ name: 'payer', tools: { pay }, model });
}

it('uses the runId option and gives tools <runId>:<toolCallId> as their idempotency key', async () => {
  const seen: ToolContext[] = [];
  const model = new FakeModel({
    steps: [
      { toolCalls: [{ id: 'call00001', name: 'pay', arguments: { invoice: 'A-1' } }] },
      { text: 'done' },
    ],
  });
  const result = await run(payingAgent(seen, model), 'pay A-1', { runId: 'job-42' });
  expect(result.runId).toBe('job-42');
  expect(seen[0]?.runId).toBe('job-42');
  expect(seen[0]?.idempotencyKey).toBe('job-42:call00001');
});

it.each([[''], [42], ['x'.repeat(201)]])('rejects the runId %j with a UserInputError', async (runId) => {
  const agent = payingAgent([], new FakeModel({ steps: [{ text: 'never' }] }));
  const error = await run(agent, 'hi', { runId: runId as string }).catch((caught: unknown) => caught);
  expect(isDragomanError(error) && error.name === 'UserInputError' && error.message).toContain('runId');
});
