/**
 * Custom tool: the smallest agent with one typed tool.
 *
 *   npm run example:custom-tool [-- "question"]
 *
 * Without MISTRAL_API_KEY it runs the sample question against the local mock server, which calls the tool
 * once; it refuses a question of yours there, since the script could not answer it.
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
  const question = args.join(' ').trim();
  if (args.length > 0 && (question === '' || !backend.live)) {
    await backend.close();
    io.stdout.write(
      question === ''
        ? 'The question is empty: ask something, or pass nothing for the sample question.\n'
        : 'Offline (no MISTRAL_API_KEY), only the sample question runs: the scripted model cannot answer yours.\nSet MISTRAL_API_KEY to ask a real model, or pass nothing for the offline demo.\n',
    );
    return 2;
  }
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
      question || 'Dinner was 84 euros for three of us. With a 20% tip, how much does each pay?',
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
