// dragoman's OpenAI-compatible adapter as a peer-benchmark contestant: the same agent as peer-adapter.mjs,
// but its model is `openaiCompatible()` over HTTP (no SDK; dragoman's default node transport), pointed at the benchmark's fake server,
// which speaks the OpenAI-compatible chat completions wire at /v1/chat/completions. Run after `npm run build`:
//
//   FRAMEWORK_DIR=$PWD FRAMEWORK_ADAPTER=$PWD/bench/peer-adapter-openai.mjs ../shared/peer-bench/run.sh

import { contestant } from './peer-adapter.mjs';

/**
 * Builds the agent once and returns the benchmark's run/stream functions.
 * @param {{ baseURL: string, model: string, apiKey: string, framework: typeof import('../dist/index.js'),
 *   tool: { name: string, description: string, schema: import('zod').ZodObject, execute: (args: { a: number, b: number }) => number } }} config
 */
export async function setup({ baseURL, model, apiKey, framework, tool }) {
  const { openaiCompatible, defineAgent } = framework;
  const add = framework.tool({
    description: tool.description,
    parameters: tool.schema,
    execute: tool.execute,
  });
  const agent = defineAgent({
    name: 'peer-bench-openai',
    tools: { [tool.name]: add },
    model: openaiCompatible({
      baseURL: `${baseURL.replace(/\/$/, '')}/v1`,
      apiKey,
      model,
      family: 'generic',
    }),
  });
  return contestant(framework, agent);
}
