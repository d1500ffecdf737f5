// Run from a fresh project that installed the packed tarball: `require` resolves the CommonJS build.
const { createMistral, createTokenCounter, defineAgent, run, stream, tool } = require('dragoman');
const { createMockMistralServer, FakeModel } = require('dragoman/testing');
const { z } = require('zod');

async function main() {
  const add = tool({
    description: 'Add two numbers.',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });
  const model = new FakeModel({
    steps: [{ toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] }, { text: 'The sum is 5.' }],
  });
  const result = await run(defineAgent({ name: 'calc', model, tools: { add } }), 'What is 2 + 3?');

  const server = await createMockMistralServer({ reply: () => ({ text: 'Bonjour !' }) });
  let streamed = '';
  try {
    const mistral = createMistral({ apiKey: 'test-key', serverURL: server.url });
    const agent = defineAgent({ name: 'wire', model: mistral('mistral-small-latest') });
    for await (const event of stream(agent, 'Say hello in French.')) {
      if (event.type === 'text-delta') streamed += event.text;
    }
  } finally {
    await server.close();
  }

  const counter = createTokenCounter();
  console.log(
    JSON.stringify({
      module: 'cjs',
      exact: counter.exact,
      tokens: counter.countText('Bonjour, comment ça va ?'),
      status: result.status,
      output: result.status === 'complete' ? result.output : undefined,
      toolResult: result.steps[0]?.toolCalls[0]?.result,
      streamed,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
