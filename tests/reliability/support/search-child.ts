/**
 * Runs `search_files` with the given patterns through the agent loop (FakeModel), in its own process, so
 * a regular expression that blocks the event loop cannot block the test runner. Prints `done <ms>` at the end.
 * Usage: node --import tsx search-child.ts <workspace root> <pattern>... (SEARCH_GLOB=<glob> adds a glob)
 */
import { defineAgent, run } from '../../../src/agent/index.js';
import { FakeModel } from '../../../src/testing/fake-model.js';
import { readOnlyWorkspaceTools } from '../../../src/tools/builtin/index.js';

const [root, ...patterns] = process.argv.slice(2);
if (!root) throw new Error('usage: search-child <root> <pattern>...');
const started = performance.now();
const model = new FakeModel({
  steps: [
    {
      toolCalls: patterns.map((pattern) => ({
        name: 'search_files',
        arguments: {
          pattern,
          path: '.',
          ...(process.env.SEARCH_GLOB ? { glob: process.env.SEARCH_GLOB } : {}),
        },
      })),
    },
    { text: 'done' },
  ],
});
const agent = defineAgent({
  name: 'search',
  model,
  tools: readOnlyWorkspaceTools({ root }),
  toolTimeoutMs: 1_000,
  toolErrorBudget: { consecutive: 100, total: 100 },
});
await run(agent, 'Search');
process.stdout.write(`done ${Math.round(performance.now() - started)}\n`);
