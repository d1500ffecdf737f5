/**
 * `npm run bench -- openai-compatible`: per-run time of the OpenAI-compatible adapter's generate() against a
 * raw `fetch` + `JSON.parse` floor doing the same 2-request tool run (user -> tool call -> tool result ->
 * answer), in one process, against the peer benchmark's loopback fake server
 * (../shared/peer-bench/server/server.mjs, latency 0). Streamed runs are measured the same way: the adapter's
 * stream() against a hand-rolled SSE loop. Target: adapter within 1.2x of the floor.
 */

import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import type { Message, Model, ToolSpec } from '../../src/models/types.js';
import { startPeerServer } from './_peer-server.js';

const MODEL = 'mistral-small-latest';
const QUESTION = 'What is 19 + 23?';
const WARMUP = 300;
const ROUNDS = 6;
const RUNS_PER_ROUND = 400;

const addTool: ToolSpec = {
  name: 'add',
  description: 'Add two integers and return their sum.',
  parameters: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
};
const wireTools = [
  {
    type: 'function',
    function: { name: addTool.name, description: addTool.description, parameters: addTool.parameters },
  },
];

function add(argumentsText: string): string {
  const { a, b } = JSON.parse(argumentsText) as { a: number; b: number };
  return String(a + b);
}

/** The floor: the least client code that does the task with the global fetch. */
function rawRun(baseURL: string) {
  const url = `${baseURL}/chat/completions`;
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' };
  return async (): Promise<string> => {
    const messages: unknown[] = [{ role: 'user', content: QUESTION }];
    for (let step = 0; step < 5; step++) {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: MODEL, messages, tools: wireTools }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const message = JSON.parse(await response.text()).choices[0].message;
      if (!message.tool_calls?.length) return message.content;
      messages.push({ role: 'assistant', content: null, tool_calls: message.tool_calls });
      for (const call of message.tool_calls) {
        messages.push({ role: 'tool', tool_call_id: call.id, content: add(call.function.arguments) });
      }
    }
    throw new Error('too many steps');
  };
}

/** The floor for streams: fetch, a hand-rolled SSE split, JSON.parse per chunk. */
function rawStreamRun(baseURL: string) {
  const url = `${baseURL}/chat/completions`;
  const headers = {
    'content-type': 'application/json',
    authorization: 'Bearer bench',
    accept: 'text/event-stream',
  };
  return async (): Promise<string> => {
    const messages: unknown[] = [{ role: 'user', content: QUESTION }];
    const decoder = new TextDecoder();
    for (let step = 0; step < 5; step++) {
      const body = JSON.stringify({ model: MODEL, messages, tools: wireTools, stream: true });
      const response = await fetch(url, { method: 'POST', headers, body });
      const calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> =
        [];
      let text = '';
      let buffer = '';
      for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
          const delta = JSON.parse(event.slice(6)).choices[0]?.delta;
          if (delta?.content) text += delta.content;
          for (const call of delta?.tool_calls ?? []) {
            const index = call.index ?? 0;
            calls[index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
            const slot = calls[index];
            if (call.id) slot.id = call.id;
            if (call.function?.name) slot.function.name += call.function.name;
            if (call.function?.arguments) slot.function.arguments += call.function.arguments;
          }
        }
      }
      if (calls.length === 0) return text;
      messages.push({ role: 'assistant', content: null, tool_calls: calls });
      for (const call of calls)
        messages.push({ role: 'tool', tool_call_id: call.id, content: add(call.function.arguments) });
    }
    throw new Error('too many steps');
  };
}

/** The same run through the adapter's Model interface. */
function adapterRun(model: Model, streamed: boolean) {
  return async (): Promise<string> => {
    const messages: Message[] = [{ role: 'user', content: QUESTION }];
    for (let step = 0; step < 5; step++) {
      let response = undefined as Awaited<ReturnType<Model['generate']>> | undefined;
      if (streamed) {
        for await (const delta of model.stream({ messages, tools: [addTool] }))
          if (delta.type === 'finish') response = delta.response;
      } else {
        response = await model.generate({ messages, tools: [addTool] });
      }
      if (!response) throw new Error('no response');
      const calls = response.message.toolCalls ?? [];
      if (calls.length === 0)
        return typeof response.message.content === 'string' ? response.message.content : '';
      messages.push(response.message);
      for (const call of calls)
        messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: add(call.arguments) });
    }
    throw new Error('too many steps');
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function timeRuns(run: () => Promise<string>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const answer = await run();
    times.push(performance.now() - started);
    if (!answer.includes('42')) throw new Error(`wrong answer: ${answer}`);
  }
  return times;
}

/** Alternates floor and adapter in rounds so drift on a shared machine hits both alike. */
async function compare(floor: () => Promise<string>, adapter: () => Promise<string>) {
  await timeRuns(floor, WARMUP);
  await timeRuns(adapter, WARMUP);
  const floorTimes: number[] = [];
  const adapterTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = first ? await timeRuns(floor, RUNS_PER_ROUND) : undefined;
    const b = await timeRuns(adapter, RUNS_PER_ROUND);
    const c = first ? a : await timeRuns(floor, RUNS_PER_ROUND);
    floorTimes.push(...(c as number[]));
    adapterTimes.push(...b);
    ratios.push(median(b) / median(c as number[]));
  }
  return { floor: median(floorTimes), adapter: median(adapterTimes), ratio: median(ratios) };
}

const { child, origin } = await startPeerServer();
const baseURL = `${origin}/v1`;
try {
  const model = openaiCompatible({ baseURL, model: MODEL, apiKey: 'bench', family: 'generic' });
  const json = await compare(rawRun(baseURL), adapterRun(model, false));
  const sse = await compare(rawStreamRun(baseURL), adapterRun(model, true));
  const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
  console.log('## OpenAI-compatible adapter vs raw fetch floor\n');
  console.log(
    `2-request tool run against the peer-bench fake server on loopback; ${ROUNDS} alternating rounds of ${RUNS_PER_ROUND} runs after ${WARMUP} warm-up runs; medians.\n`,
  );
  console.log('| mode | raw fetch floor | adapter | ratio (median of per-round ratios) | target |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| generate() | ${us(json.floor)} | ${us(json.adapter)} | ${json.ratio.toFixed(2)}x | <= 1.20x |`,
  );
  console.log(`| stream() | ${us(sse.floor)} | ${us(sse.adapter)} | ${sse.ratio.toFixed(2)}x | (info) |`);
  console.log('\nCommand: `npm run bench -- openai-compatible`\n');
} finally {
  child.kill();
}
