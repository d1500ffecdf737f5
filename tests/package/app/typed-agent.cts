// The same compiler settings, resolving the CommonJS types (index.d.cts) through `require`.
import { defineAgent, run, tool } from 'dragoman';
import { FakeModel } from 'dragoman/testing';
import { z } from 'zod';

const add = tool({
  description: 'Add two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});
const agent = defineAgent({ name: 'calc', model: new FakeModel(), tools: { add } });

export async function sum(): Promise<number | undefined> {
  const result = await run(agent, 'What is 2 + 3?');
  const call = result.steps[0]?.toolCalls[0];
  return call?.valid && call.toolName === 'add' ? call.args.a + call.args.b : undefined;
}
