// Compiled with tsc --strict, skipLibCheck false, against the .d.ts files of the packed tarball (ESM types).
import { defineAgent, type RunResult, run, stream, tool } from 'dragoman';
import { FakeModel } from 'dragoman/testing';
import { z } from 'zod';

const weather = tool({
  description: 'Current weather in a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, celsius: 21 }),
});
const convert = tool({
  description: 'Convert an amount of money.',
  parameters: z.object({ amount: z.number(), to: z.enum(['EUR', 'USD']) }),
  execute: ({ amount }) => amount * 1.08,
  needsApproval: true,
});
const agent = defineAgent({ name: 'travel', model: new FakeModel(), tools: { weather, convert } });

export async function consume(): Promise<string> {
  const lines: string[] = [];
  for await (const event of stream(agent, 'Weather in Lyon?')) {
    if (event.type === 'tool-call-start' && event.valid && event.toolName === 'weather') {
      const city: string = event.args.city;
      lines.push(city);
    }
    if (event.type === 'tool-call-end' && !event.isError && event.toolName === 'weather') {
      const celsius: number = event.output.celsius;
      lines.push(String(celsius));
    }
    if (event.type === 'tool-approval-request' && event.toolName === 'convert') {
      const to: 'EUR' | 'USD' = event.args.to;
      lines.push(to);
    }
  }
  const result: RunResult<string, { weather: typeof weather; convert: typeof convert }> = await run(
    agent,
    'q',
  );
  if (result.status === 'complete') {
    const text: string = result.output;
    lines.push(text);
  }
  return lines.join(' ');
}

// @ts-expect-error an agent needs a model or a router
defineAgent({ name: 'nothing' });
tool({
  description: 'Echo.',
  // @ts-expect-error tool parameters must be an object schema
  parameters: z.string(),
  execute: (text) => text,
});
