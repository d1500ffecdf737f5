/**
 * What both tracing benches (`bench -- otel` and bench/otel-ablation.ts) run: the 2-request tool run of one
 * `add` tool against the peer server, and the modes in blocks, rotated each round, timed in CPU and wall time.
 */
import { z } from 'zod';
import { defineAgent, type RunOptions, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { tool } from '../../src/tools/index.js';

/** The bench agent on the server at `origin`, and one checked run of it with some options. */
export function benchAgent(origin: string) {
  const model = createMistral({ apiKey: 'bench', serverURL: origin })('mistral-small-latest');
  const add = tool({
    description: 'Add two integers and return their sum.',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });
  const agent = defineAgent({ name: 'bench', model, tools: { add } });
  const once = async (options: RunOptions<typeof agent.tools>): Promise<void> => {
    const result = await run(agent, 'What is 19 + 23?', options);
    if (result.text !== 'The answer is 42.') throw new Error(`unexpected answer: ${result.text}`);
  };
  return { agent, once };
}

/**
 * Runs every mode once per round in blocks of `runsPerBlock` runs, the order rotated each round, so drifting
 * load and position effects hit the modes alike. Returns each mode's µs per run, one sample per round.
 */
export async function rotatedBlocks<Options>(
  modes: Record<string, Options>,
  once: (options: Options) => Promise<void>,
  options: { rounds: number; runsPerBlock: number },
): Promise<{ wall: Record<string, number[]>; cpu: Record<string, number[]> }> {
  const names = Object.keys(modes);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let position = 0; position < names.length; position++) {
      const name = names[(round + position) % names.length]!;
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      for (let index = 0; index < options.runsPerBlock; index++) await once(modes[name]!);
      const used = process.cpuUsage(cpuStarted);
      wall[name]!.push(((performance.now() - started) * 1000) / options.runsPerBlock);
      cpu[name]!.push((used.user + used.system) / options.runsPerBlock);
    }
  }
  return { wall, cpu };
}
