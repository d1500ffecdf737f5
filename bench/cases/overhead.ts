/**
 * `npm run bench -- overhead`: client-side cost of dragoman's agent loop against a hand-written loop on the
 * raw SDK (`MistralCore` + `chatComplete` / `chatStream`, as ../shared/peer-bench's `mistral-sdk-core`
 * contestant does), in one process, doing the peer benchmark's task: one Zod tool `add`, the model calls it,
 * the tool runs, the model answers (2 requests per run). The server is the peer benchmark's loopback fake
 * (../shared/peer-bench/server/server.mjs, latency 0) in its own process, so its CPU is not ours.
 *
 * Prints the median per-run time of each, the ratio (goal: dragoman <= 1.10x the raw SDK loop), and the heap
 * after 10,000 more dragoman runs vs after warm-up (both after a forced GC; goal: no growth).
 *
 * Since issue 12 both dragoman and the raw loop send through Node's global fetch. The row "fetch passed as an
 * option" runs dragoman with a wrapping `fetch` given to createMistral, so the cost of that seam stays visible.
 */

import { MistralCore } from '@mistralai/mistralai/core.js';
import { chatComplete } from '@mistralai/mistralai/funcs/chatComplete.js';
import { chatStream } from '@mistralai/mistralai/funcs/chatStream.js';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import { messageText } from '../../src/models/message-text.js';
import { createMistral } from '../../src/models/mistral/index.js';
import type { Message } from '../../src/models/types.js';
import { toJsonSchema } from '../../src/tools/json-schema.js';
import { tool } from '../../src/tools/tool.js';
import { heapAfterGc, mb } from './_heap.js';
import { startPeerServer } from './_peer-server.js';

const MODEL = 'mistral-small-latest';
const API_KEY = 'bench-key';
const WARMUP = 300;
const ROUNDS = 5;
const RUNS_PER_ROUND = 240;
const STREAM_RUNS_PER_ROUND = 120;
const HEAP_RUNS = 10_000;

// The peer benchmark's tool (peers/contestants/_tool.mjs), declared the same way.
const AddArgs = z.object({ a: z.number().describe('first addend'), b: z.number().describe('second addend') });
const addNumbers = ({ a, b }: { a: number; b: number }) => a + b;

type Runner = (question: string) => Promise<string>;

function question(index: number): { text: string; expected: string } {
  const a = 1000 + ((index * 37) % 9000);
  const b = 1000 + ((index * 91 + 17) % 9000);
  return { text: `What is ${a} + ${b}? Use the add tool.`, expected: String(a + b) };
}

/** dragoman's agent; `fetch`, when given, is passed to createMistral in place of the global one. */
function dragomanRunners(
  baseURL: string,
  fetch?: (input: string, init: RequestInit) => Promise<Response>,
): { run: Runner; stream: Runner } {
  const add = tool({
    description: 'Add two integers and return their sum.',
    parameters: AddArgs,
    execute: addNumbers,
  });
  const model = createMistral({ apiKey: API_KEY, serverURL: baseURL, ...(fetch ? { fetch } : {}) })(MODEL);
  const agent = defineAgent({ name: 'bench', tools: { add }, model });
  return {
    run: async (text) => (await run(agent, text)).text,
    stream: async (text) => {
      let streamed = '';
      for await (const event of stream(agent, text)) if (event.type === 'text-delta') streamed += event.text;
      return streamed;
    },
  };
}

/**
 * dragoman's Mistral adapter without the agent: `model.generate()` in a hand-written loop, the tool run by
 * hand. Shows how the overhead splits between the adapter and the agent loop.
 */
function adapterRunner(baseURL: string): Runner {
  const model = createMistral({ apiKey: API_KEY, serverURL: baseURL })(MODEL);
  const tools = [
    {
      name: 'add',
      description: 'Add two integers and return their sum.',
      parameters: toJsonSchema(AddArgs, 'add', { objectRoot: true }),
    },
  ];
  return async (text) => {
    const messages: Message[] = [{ role: 'user', content: text }];
    for (let step = 0; step < 5; step++) {
      const response = await model.generate({ messages, tools });
      const calls = response.message.toolCalls ?? [];
      if (calls.length === 0) return messageText(response.message);
      messages.push(response.message);
      for (const call of calls) {
        const args = AddArgs.parse(JSON.parse(call.arguments));
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          name: call.name,
          content: String(addNumbers(args)),
        });
      }
    }
    throw new Error('too many steps');
  };
}

/** The raw SDK loop, as the peer benchmark's mistral-sdk-core contestant writes it. */
function sdkRunners(baseURL: string): { run: Runner; stream: Runner } {
  const core = new MistralCore({ apiKey: API_KEY, serverURL: baseURL });
  const tools = [
    {
      type: 'function' as const,
      function: {
        name: 'add',
        description: 'Add two integers and return their sum.',
        parameters: z.toJSONSchema(AddArgs),
      },
    },
  ];
  type SdkMessages = Parameters<typeof chatComplete>[1]['messages'];
  type SdkToolCall = { id?: string; function: { name: string; arguments: unknown } };
  const runTools = (messages: SdkMessages, toolCalls: SdkToolCall[]) => {
    messages.push({ role: 'assistant', content: '', toolCalls } as SdkMessages[number]);
    for (const call of toolCalls) {
      const raw = call.function.arguments;
      const args = AddArgs.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
      messages.push({
        role: 'tool',
        name: call.function.name,
        toolCallId: call.id ?? null,
        content: String(addNumbers(args)),
      });
    }
  };
  return {
    run: async (text) => {
      const messages: SdkMessages = [{ role: 'user', content: text }];
      for (let step = 0; step < 5; step++) {
        const result = await chatComplete(core, { model: MODEL, messages, tools });
        if (!result.ok) throw result.error;
        const message = result.value.choices[0]?.message;
        if (message === undefined) throw new Error('no choice in the answer');
        if (!message.toolCalls?.length) return String(message.content);
        runTools(messages, message.toolCalls as SdkToolCall[]);
      }
      throw new Error('too many steps');
    },
    stream: async (text) => {
      const messages: SdkMessages = [{ role: 'user', content: text }];
      for (let step = 0; step < 5; step++) {
        const result = await chatStream(core, { model: MODEL, messages, tools });
        if (!result.ok) throw result.error;
        const toolCalls: SdkToolCall[] = [];
        let streamed = '';
        for await (const event of result.value) {
          const delta = event.data.choices[0]?.delta;
          if (typeof delta?.content === 'string') streamed += delta.content;
          for (const call of delta?.toolCalls ?? []) {
            const index = call.index ?? 0;
            toolCalls[index] ??= { id: '', function: { name: '', arguments: '' } };
            const current = toolCalls[index];
            if (call.id && call.id !== 'null') current.id = call.id;
            if (call.function?.name) current.function.name += call.function.name;
            const piece = call.function?.arguments;
            if (piece)
              current.function.arguments += typeof piece === 'string' ? piece : JSON.stringify(piece);
          }
        }
        if (toolCalls.length === 0) return streamed;
        runTools(messages, toolCalls);
      }
      throw new Error('too many steps');
    },
  };
}

async function timeRuns(runner: Runner, count: number, offset: number, into: number[]): Promise<void> {
  for (let index = 0; index < count; index++) {
    const { text, expected } = question(offset + index);
    const started = performance.now();
    const answer = await runner(text);
    into.push(performance.now() - started);
    if (!answer.includes(expected))
      throw new Error(`wrong answer: expected ${expected} in ${JSON.stringify(answer)}`);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => `${(value * 1000).toFixed(0)} µs`;

const { child, origin: baseURL } = await startPeerServer();
try {
  const dragoman = dragomanRunners(baseURL);
  const onFetch = dragomanRunners(baseURL, (input, init) => fetch(input, init));
  const sdk = sdkRunners(baseURL);
  const adapter = adapterRunner(baseURL);
  const warm: number[] = [];
  for (const runner of [
    dragoman.run,
    onFetch.run,
    adapter,
    sdk.run,
    dragoman.stream,
    onFetch.stream,
    sdk.stream,
  ])
    await timeRuns(runner, WARMUP, 0, warm);

  const times = {
    dragoman: [] as number[],
    onFetch: [] as number[],
    adapter: [] as number[],
    sdk: [] as number[],
    dragomanStream: [] as number[],
    onFetchStream: [] as number[],
    sdkStream: [] as number[],
  };
  const groups: Array<{ runs: number; members: Array<[Runner, number[]]> }> = [
    {
      runs: RUNS_PER_ROUND,
      members: [
        [dragoman.run, times.dragoman],
        [onFetch.run, times.onFetch],
        [adapter, times.adapter],
        [sdk.run, times.sdk],
      ],
    },
    {
      runs: STREAM_RUNS_PER_ROUND,
      members: [
        [dragoman.stream, times.dragomanStream],
        [onFetch.stream, times.onFetchStream],
        [sdk.stream, times.sdkStream],
      ],
    },
  ];
  // Runs alternate one by one (and who goes first rotates per round), so a change in machine load hits
  // every loop alike instead of one block of runs.
  for (let round = 0; round < ROUNDS; round++) {
    for (const { runs, members } of groups) {
      const order = members.map((_member, index) => members[(index + round) % members.length]!);
      for (let run = 0; run < runs; run++) {
        for (const [runner, into] of order) await timeRuns(runner, 1, round * runs + run, into);
      }
    }
  }

  // Heap after a forced GC every 2,500 runs: a leak shows as a steady climb, noise as a wobble.
  const heapTimes: number[] = [];
  const checkpoints = [heapAfterGc()];
  for (let done = 0; done < HEAP_RUNS; done += HEAP_RUNS / 4) {
    await timeRuns(dragoman.run, HEAP_RUNS / 4, done, heapTimes);
    checkpoints.push(heapAfterGc());
  }
  const heapBefore = checkpoints[0]!;
  const heapAfter = checkpoints.at(-1)!;

  const runRatio = median(times.dragoman) / median(times.sdk);
  const streamRatio = median(times.dragomanStream) / median(times.sdkStream);
  console.log('## Agent loop overhead (2-step tool run, loopback fake server)\n');
  console.log('Command: `npm run bench -- overhead` (bench/cases/overhead.ts)\n');
  console.log(
    `Node ${process.version}; ${ROUNDS} rounds x ${RUNS_PER_ROUND} runs (streamed: x ${STREAM_RUNS_PER_ROUND}), runs alternating one by one, after ${WARMUP} warm-up runs each.\n`,
  );
  console.log('| loop | median per run | ratio to raw SDK loop |');
  console.log('| --- | ---: | ---: |');
  console.log(`| raw SDK loop (MistralCore + chatComplete) | ${ms(median(times.sdk))} | 1.00x |`);
  const adapterRatio = median(times.adapter) / median(times.sdk);
  console.log(
    `| dragoman Mistral adapter, hand-written loop | ${ms(median(times.adapter))} | ${adapterRatio.toFixed(2)}x |`,
  );
  console.log(`| dragoman run() | ${ms(median(times.dragoman))} | ${runRatio.toFixed(2)}x |`);
  const onFetchRatio = median(times.onFetch) / median(times.sdk);
  console.log(
    `| dragoman run(), fetch passed as an option | ${ms(median(times.onFetch))} | ${onFetchRatio.toFixed(2)}x |`,
  );
  console.log(`| raw SDK loop, streamed (chatStream) | ${ms(median(times.sdkStream))} | 1.00x |`);
  console.log(`| dragoman stream() | ${ms(median(times.dragomanStream))} | ${streamRatio.toFixed(2)}x |`);
  const onFetchStreamRatio = median(times.onFetchStream) / median(times.sdkStream);
  console.log(
    `| dragoman stream(), fetch passed as an option | ${ms(median(times.onFetchStream))} | ${onFetchStreamRatio.toFixed(2)}x |`,
  );
  console.log('\n| heap (after forced GC) | value |');
  console.log('| --- | ---: |');
  console.log(`| after warm-up and timing rounds | ${mb(heapBefore)} |`);
  checkpoints.slice(1).forEach((heap, index) => {
    const runs = ((index + 1) * HEAP_RUNS) / 4;
    console.log(`| after ${runs.toLocaleString('en-US')} more dragoman runs | ${mb(heap)} |`);
  });
  console.log(`| growth over ${HEAP_RUNS.toLocaleString('en-US')} runs | ${mb(heapAfter - heapBefore)} |`);
  console.log(
    `| growth over the last ${(HEAP_RUNS / 2).toLocaleString('en-US')} runs | ${mb(heapAfter - checkpoints[2]!)} |`,
  );
  console.log(`\nGoal: run() within 1.10x of the raw SDK loop: ${runRatio <= 1.1 ? 'met' : 'NOT met'}.\n`);
} finally {
  child.kill();
}
