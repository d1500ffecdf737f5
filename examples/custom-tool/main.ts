/**
 * Custom tool: the smallest agent with one typed tool.
 *
 *   npm run example:custom-tool [-- "question"]
 *
 * Without MISTRAL_API_KEY it runs against the local mock server, which calls the tool once.
 * @module
 */
import { pathToFileURL } from 'node:url';
import { defineAgent, run } from '../../src/index.js';
import { connectBackend } from '../shared/backend.js';
import { type ExampleIO, runAsScript } from '../shared/io.js';
import { customToolScript } from './script.js';
import { splitBill } from './tip-tool.js';

/** Runs the custom-tool example; returns the process exit code. */
export async function main(args: readonly string[], io: ExampleIO): Promise<number> {
  const backend = await connectBackend(io.env, customToolScript);
  io.stdout.write(`${backend.banner}\n`);
  try {
    const agent = defineAgent({
      name: 'bill-splitter',
      instructions: 'Use split_bill for any bill arithmetic. Answer in one sentence.',
      model: backend.provider('mistral-small-latest'),
      tools: { split_bill: splitBill },
    });
    agent.events.on('tool-call-end', (event) =>
      io.stdout.write(`[tool] ${event.toolName} → ${event.result}\n`),
    );
    const result = await run(
      agent,
      args[0] ?? 'Dinner was 84 euros for three of us. With a 20% tip, how much does each pay?',
      io.signal ? { signal: io.signal } : {},
    );
    io.stdout.write(`${result.text}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript((io) => main(process.argv.slice(2), io));
}
