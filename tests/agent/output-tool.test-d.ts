import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { type OutputTool, stream } from '../../src/agent/index.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

const add = tool({
  description: 'Add.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});
const agent = defineAgent({ name: 'o', model: new FakeModel(), tools: { add }, output: z.array(z.string()) });

describe('an agent with tools and an output schema (answering through final_answer)', () => {
  it('types the output from the schema and keeps tool events narrowed to its own tools', async () => {
    expectTypeOf(agent.outputTool).toEqualTypeOf<OutputTool | undefined>();
    const events = stream(agent, 'q');
    for await (const event of events) {
      // A valid final_answer is no tool event; an invalid one is an invalid call, whose name is any string.
      if (event.type === 'tool-call-end' && event.valid) {
        expectTypeOf(event.toolName).toEqualTypeOf<'add'>();
        expectTypeOf(event.args).toEqualTypeOf<{ a: number; b: number }>();
      }
      if (event.type === 'tool-call-end' && !event.valid)
        expectTypeOf(event.toolName).toEqualTypeOf<string>();
    }
    const result = await events.result();
    if (result.status === 'complete') expectTypeOf(result.output).toEqualTypeOf<string[]>();
  });
});
