// dragoman's contestant for the peer benchmark (../shared/peer-bench). Run from the repo root after
// `npm run build`:
//
//   FRAMEWORK_DIR=$PWD FRAMEWORK_ADAPTER=$PWD/bench/peer-adapter.mjs ../shared/peer-bench/run.sh
//
// peers/contestants/framework.mjs imports the built package (`framework`, i.e. dist/index.js) and calls
// setup() with the benchmark's Zod tool. Only dragoman's public API is used: createMistral, tool,
// defineAgent, run, stream. Same task as every contestant: one tool `add`, the model calls it, the tool
// runs, the model answers; return the final text.

/**
 * Builds the agent once and returns the benchmark's run/stream functions.
 * @param {{ baseURL: string, model: string, apiKey: string, framework: typeof import('../dist/index.js'),
 *   tool: { name: string, description: string, schema: import('zod').ZodObject, execute: (args: { a: number, b: number }) => number } }} config
 */
export async function setup({ baseURL, model, apiKey, framework, tool }) {
  const { createMistral, defineAgent } = framework;
  const add = framework.tool({
    description: tool.description,
    parameters: tool.schema,
    execute: tool.execute,
  });
  const agent = defineAgent({
    name: 'peer-bench',
    tools: { [tool.name]: add },
    model: createMistral({ apiKey, serverURL: baseURL })(model),
  });
  return contestant(framework, agent);
}

/**
 * The benchmark's run/stream functions for a dragoman agent; shared by both peer adapters.
 * @param {typeof import('../dist/index.js')} framework
 * @param {ReturnType<typeof import('../dist/index.js').defineAgent>} agent
 */
export function contestant({ run, stream }, agent) {
  return {
    run: async (question) => (await run(agent, question)).text,
    stream: async (question, onText) => {
      const events = stream(agent, question);
      for await (const event of events) if (event.type === 'text-delta') onText(event.text);
      return (await events.result()).text;
    },
  };
}
