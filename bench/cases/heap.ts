/**
 * `npm run bench -- heap`: does an agent keep anything per run? 10,000 runs of one agent against an
 * in-process FakeModel, cycling through every way a run ends: complete through run() and through stream(),
 * paused for approval and then resumed, stopped by a tool with `endsRun`, and failed by a model error. Every
 * run gets the same long-lived AbortSignal (as a server's shutdown signal would be), so a listener left on it
 * would show. Prints the heap after a forced GC (npm run bench starts cases with --expose-gc) after warm-up
 * and every 2,500 runs, and the growth. Goal: no growth (under 1 MB over 10,000 runs, i.e. < 100 bytes/run).
 *
 * FakeModel records every request by design (tests read them); the bench empties that record after each run,
 * so only what dragoman itself retains is measured.
 */
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';
import { heapAfterGc, mb } from './_heap.js';

const RUNS = 10_000;
const WARMUP = 1_000;
const CHECKPOINT = 2_500;

const model = new FakeModel();
const sum = z.object({ a: z.number(), b: z.number() });
const agent = defineAgent({
  name: 'heap',
  model,
  tools: {
    add: tool({ description: 'Add two numbers.', parameters: sum, execute: ({ a, b }) => a + b }),
    transfer: tool({
      description: 'Move money (needs approval).',
      parameters: sum,
      needsApproval: true,
      execute: ({ a }) => `moved ${a}`,
    }),
    done: tool({ description: 'End the run.', parameters: sum, endsRun: true, execute: () => 'done' }),
  },
});
const shutdown = new AbortController();
const options = { signal: shutdown.signal, onEvent: () => {} };
const call = (name: string, index: number) => ({ toolCalls: [{ name, arguments: { a: index, b: 2 } }] });

/** One run of the kind `index` picks; returns how many runs it made (a pause and its resume are two). */
async function oneRun(index: number): Promise<number> {
  model.requests.length = 0;
  switch (index % 5) {
    case 0:
      model.push(call('add', index), { text: `${index + 2}` });
      await run(agent, `What is ${index} + 2?`, options);
      return 1;
    case 1: {
      model.push(call('add', index), { text: `The sum is ${index + 2}.` });
      const events = stream(agent, `What is ${index} + 2?`, options);
      for await (const _event of events) {
        // draining, as a consumer printing deltas would
      }
      await events.result();
      return 1;
    }
    case 2: {
      model.push(call('transfer', index), { text: 'Moved.' });
      const paused = await run(agent, `Move ${index}.`, options);
      if (paused.status !== 'pending-approval') throw new Error(`expected a pause, got ${paused.status}`);
      const approvals = Object.fromEntries(
        paused.pendingApprovals.map((pending) => [pending.toolCallId, { approved: true }]),
      );
      await run(agent, { resume: paused.state, approvals }, options);
      return 2;
    }
    case 3:
      model.push(call('done', index));
      await run(agent, 'Finish now.', options);
      return 1;
    default:
      model.push(new Error('the model failed'));
      await run(agent, 'Fail.', options).catch(() => {});
      return 1;
  }
}

let index = 0;
for (let done = 0; done < WARMUP; ) done += await oneRun(index++);
const checkpoints: Array<{ runs: number; heap: number }> = [{ runs: 0, heap: heapAfterGc() }];
const started = performance.now();
for (let done = 0; done < RUNS; ) {
  done += await oneRun(index++);
  if (done >= checkpoints.length * CHECKPOINT) checkpoints.push({ runs: done, heap: heapAfterGc() });
}
const seconds = (performance.now() - started) / 1000;
const first = checkpoints[0]!.heap;
const last = checkpoints.at(-1)!.heap;
const middle = checkpoints.find((point) => point.runs >= RUNS / 2)!;

console.log('### Heap over 10,000 agent runs (FakeModel, every way a run ends)\n');
console.log(`Node ${process.version}; ${WARMUP.toLocaleString('en-US')} warm-up runs first.\n`);
console.log('| heap (after forced GC) | value |');
console.log('| --- | ---: |');
for (const point of checkpoints) {
  const label = point.runs === 0 ? 'after warm-up' : `after ${point.runs.toLocaleString('en-US')} more runs`;
  console.log(`| ${label} | ${mb(point.heap)} |`);
}
const runs = checkpoints.at(-1)!.runs;
console.log(`| growth over ${runs.toLocaleString('en-US')} runs | ${mb(last - first)} |`);
console.log(
  `| growth over the last ${(runs - middle.runs).toLocaleString('en-US')} runs | ${mb(last - middle.heap)} |`,
);
console.log(`\n${(runs / seconds).toFixed(0)} runs/s including the forced GCs.`);
console.log(
  `\nGoal: under 1 MB growth over ${runs.toLocaleString('en-US')} runs: ${last - first < 1_048_576 ? 'met' : 'NOT met'}.\n`,
);
