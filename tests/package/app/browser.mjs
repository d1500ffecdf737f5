// Bundled with esbuild --platform=browser from the packed tarball, then run in headless Chromium.
import { createTokenCounter, defineAgent, stream, tool } from 'dragoman';
import { FakeModel } from 'dragoman/testing/fake';
import { z } from 'zod';

const add = tool({
  description: 'Add two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

globalThis.dragomanSmoke = async () => {
  const model = new FakeModel({
    steps: [{ toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] }, { text: 'The sum is 5.' }],
  });
  const events = stream(defineAgent({ name: 'browser', model, tools: { add } }), 'What is 2 + 3?');
  const types = [];
  for await (const event of events) types.push(event.type);
  const result = await events.result();
  const counter = createTokenCounter();
  return {
    status: result.status,
    output: result.status === 'complete' ? result.output : undefined,
    toolResult: result.steps[0]?.toolCalls[0]?.result,
    events: types.length,
    // No file system in a browser: the per-script estimator counts.
    exact: counter.exact,
    tokens: counter.countText('Bonjour, comment ça va ?'),
  };
};
