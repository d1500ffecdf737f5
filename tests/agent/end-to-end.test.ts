/**
 * The loop through the real SDK, over real HTTP, against the local Mistral mock server (which enforces the
 * API's request rules: tool-call ids, one result per call, role order, no unknown fields).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { ToolBudgetError } from '../../src/agent/errors.js';
import { run } from '../../src/agent/run.js';
import { stream } from '../../src/agent/stream.js';
import type { RunState } from '../../src/agent/types.js';
import { AbortError } from '../../src/errors.js';
import { InMemoryStore } from '../../src/memory/in-memory-store.js';
import { createMistral } from '../../src/models/mistral/index.js';
import {
  createMockMistralServer,
  type MockChatRequest,
  type MockMistralServer,
  type MockReply,
  type MockWireMessage,
} from '../../src/testing/mock-server/index.js';
import { tool } from '../../src/tools/tool.js';

const API_KEY = 'test-key';
let server: MockMistralServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(reply: (request: MockChatRequest) => MockReply) {
  server = await createMockMistralServer({ reply, apiKey: API_KEY });
  return createMistral({ apiKey: API_KEY, serverURL: server.url })('mistral-small-latest');
}

const lastMessage = (request: MockChatRequest): MockWireMessage => request.body.messages!.at(-1)!;
const toolMessages = (request: MockChatRequest) =>
  request.body.messages!.filter((message) => message.role === 'tool');
const bodies = () =>
  server!.requests.map(
    (request) => request.body as { messages: MockWireMessage[] } & Record<string, unknown>,
  );

const add = tool({
  description: 'Add two integers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

describe('agent over the real SDK and HTTP', () => {
  it('runs a multi-step tool loop (run and stream)', async () => {
    const model = await start((request) => {
      const tools = toolMessages(request);
      if (tools.length === 0) return { toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] };
      if (tools.length === 1)
        return { toolCalls: [{ name: 'add', arguments: { a: Number(tools[0]!.content), b: 10 } }] };
      return { text: `The answer is ${tools.at(-1)!.content}.` };
    });
    const agent = defineAgent({ name: 'e2e', instructions: 'Use add.', tools: { add }, model });
    const result = await run(agent, 'What is 2 + 3 + 10?');
    expect(result.text).toBe('The answer is 15.');
    expect(result.steps.map((step) => step.toolCalls.length)).toEqual([1, 1, 0]);
    expect(server!.requests).toHaveLength(3);
    const sent = bodies()[2]!;
    expect(sent.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(sent.tools).toEqual([
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'add' }) }),
    ]);

    const events = stream(agent, 'again?');
    let text = '';
    for await (const event of events) if (event.type === 'text-delta') text += event.text;
    expect(text).toBe('The answer is 15.');
    expect((await events.result()).text).toBe(text);
    expect(
      server!.requests.slice(3).every((request) => (request.body as { stream?: boolean }).stream === true),
    ).toBe(true);
  });

  it('answers parallel calls in call order, one result per call', async () => {
    const model = await start((request) =>
      lastMessage(request).role === 'user'
        ? {
            toolCalls: [
              { name: 'add', arguments: { a: 1, b: 1 } },
              { name: 'add', arguments: { a: 2, b: 2 } },
              { name: 'add', arguments: { a: 3, b: 3 } },
            ],
          }
        : {
            text: toolMessages(request)
              .map((message) => message.content)
              .join(','),
          },
    );
    const result = await run(defineAgent({ name: 'par', tools: { add }, model }), 'three sums');
    expect(result.text).toBe('2,4,6');
    const [assistant, ...answers] = bodies()[1]!.messages.slice(-4);
    const ids = (assistant!.tool_calls ?? []).map((call) => call.id);
    expect(answers.map((message) => message.tool_call_id)).toEqual(ids);
    expect(ids.every((id) => /^[A-Za-z0-9]{9}$/.test(id ?? ''))).toBe(true);
  });

  it('pauses for approval and resumes from a serialized state in a new agent and model', async () => {
    const spent: number[] = [];
    const makeAgent = async () => {
      const pay = tool({
        description: 'Pay an amount.',
        parameters: z.object({ amount: z.number() }),
        needsApproval: true,
        execute: ({ amount }) => {
          spent.push(amount);
          return `paid ${amount}`;
        },
      });
      const model = createMistral({ apiKey: API_KEY, serverURL: server!.url })('mistral-small-latest');
      return defineAgent({ name: 'payer', tools: { pay }, model, memory });
    };
    const memory = new InMemoryStore();
    await start((request) =>
      lastMessage(request).role === 'user'
        ? {
            toolCalls: [
              { name: 'pay', arguments: { amount: 30 } },
              { name: 'pay', arguments: { amount: 70 } },
            ],
          }
        : {
            text: toolMessages(request)
              .map((message) => String(message.content))
              .join(' | '),
          },
    );
    const paused = await run(await makeAgent(), 'pay both bills', { session: 'alice' });
    if (paused.status !== 'pending-approval') throw new Error('expected a pause');
    expect(server!.requests).toHaveLength(1);
    expect(await memory.load('alice')).toEqual([]);
    const saved = JSON.stringify(paused.state);
    const [first, second] = paused.pendingApprovals;

    const resumed = await run(await makeAgent(), {
      resume: JSON.parse(saved) as RunState,
      approvals: {
        [first!.toolCallId]: { approved: true },
        [second!.toolCallId]: { approved: false, reason: 'over budget' },
      },
    });
    expect(spent).toEqual([30]);
    expect(resumed.text).toMatch(/^paid 30 \| The user rejected this call of tool "pay".*over budget/);
    expect((await memory.load('alice')).map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'tool',
      'assistant',
    ]);
  });

  it('aborts mid-tool: rejects at once and sends nothing more', async () => {
    const model = await start(() => ({ toolCalls: [{ name: 'wait', arguments: {} }] }));
    let toolSignal: AbortSignal | undefined;
    const wait = tool({
      description: 'Waits for a long time.',
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        toolSignal = signal;
        return new Promise((resolve) => setTimeout(resolve, 10_000));
      },
    });
    const agent = defineAgent({ name: 'abort-tool', tools: { wait }, model });
    const controller = new AbortController();
    agent.events.on('tool-call-start', () => setTimeout(() => controller.abort(), 20));
    const started = performance.now();
    await expect(run(agent, 'wait', { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(toolSignal?.aborted).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });

  it('aborts mid-stream: the SSE response stops and result() rejects', async () => {
    const model = await start(() => ({
      text: 'one two three four five six seven eight nine ten',
      chunkSize: 4,
      chunkDelayMs: 30,
    }));
    const agent = defineAgent({ name: 'abort-stream', model });
    const controller = new AbortController();
    const events = stream(agent, 'count', { signal: controller.signal });
    const deltas: string[] = [];
    await expect(async () => {
      for await (const event of events) {
        if (event.type !== 'text-delta') continue;
        deltas.push(event.text);
        if (deltas.length === 2) controller.abort();
      }
    }).rejects.toBeInstanceOf(AbortError);
    await expect(events.result()).rejects.toBeInstanceOf(AbortError);
    expect(deltas.join('').length).toBeLessThan('one two three four five six seven eight nine ten'.length);
  });

  it('closes the model stream when the consumer stops reading (no signal given)', async () => {
    const model = await start(() => ({
      text: 'a b c d e f g h i j k l m n o p',
      chunkSize: 2,
      chunkDelayMs: 40,
    }));
    const events = stream(defineAgent({ name: 'early-exit', model }), 'talk');
    const started = performance.now();
    for await (const event of events) if (event.type === 'text-delta') break;
    await expect(events.result()).rejects.toBeInstanceOf(AbortError);
    // The whole answer takes ~16 x 40 ms to stream; leaving must not wait for it.
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('stops a model that keeps sending broken arguments with ToolBudgetError, after showing it each error', async () => {
    const model = await start(() => ({ toolCalls: [{ name: 'add', arguments: '{"a": 1, "b": ' }] }));
    const error = await run(defineAgent({ name: 'broken', tools: { add }, model }), 'add').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ToolBudgetError);
    expect(server!.requests).toHaveLength(3);
    const errorsShown = bodies()[2]!.messages.filter((message) => message.role === 'tool');
    expect(errorsShown).toHaveLength(2);
    expect(errorsShown.every((message) => String(message.content).includes('are not valid JSON'))).toBe(true);
  });

  it('sends the output schema as response_format json_schema and parses the answer', async () => {
    const model = await start(() => ({ text: '{"city":"Tunis","country":"Tunisia"}' }));
    const agent = defineAgent({
      name: 'geo',
      model,
      output: z.object({ city: z.string(), country: z.string() }),
    });
    const result = await run(agent, 'Capital of Tunisia?');
    expect(result.stopReason === 'final-answer' && result.output).toEqual({
      city: 'Tunis',
      country: 'Tunisia',
    });
    expect(bodies()[0]!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'geo' } });
  });
});
