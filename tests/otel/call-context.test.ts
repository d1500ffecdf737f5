/**
 * The model's HTTP request and a tool's own I/O are children of their `chat` / `execute_tool` spans when an
 * HTTP instrumentation is active: the real @opentelemetry/instrumentation-undici (Node's fetch), against the
 * mock Mistral server on 127.0.0.1. Also: what a `chat` span says it sent (gen_ai.input.messages) and where
 * (server.address / server.port).
 */
import { context, INVALID_SPAN_CONTEXT, TraceFlags, type Tracer, trace } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import { createTracing } from '../../src/otel/index.js';
import {
  createMockMistralServer,
  createMockOpenAIServer,
  type MockMistralServer,
} from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { childrenOf, createTestTracing, only, treeOf } from './support.js';

// Shaped like a Mistral key (32 letters and digits), so the default redactor recognizes it in contents.
const API_KEY = 'Zk3vQ9mX2pL7nR4tY8wB1cD6fH0jS5aE';
let server: MockMistralServer | undefined;
// Constructed enabled (it records only when its config says so), pointed at each test's provider below.
let undici: UndiciInstrumentation;
beforeAll(() => {
  undici = new UndiciInstrumentation();
});
afterAll(() => undici.disable());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A tool that makes its own HTTP request (to the mock's model list) before answering. */
const lookup = tool({
  description: 'Look up the weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    await fetch(`${server!.url}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` } });
    return `Sunny in ${city}`;
  },
});

async function tracedAgent(
  options: { faults?: number; captureContent?: boolean; scopeCalls?: boolean } = {},
) {
  server = await createMockMistralServer({
    apiKey: API_KEY,
    faults: Array.from({ length: options.faults ?? 0 }, () => ({ type: 'status' as const, status: 503 })),
    reply: (request) =>
      request.body.messages?.at(-1)?.role === 'tool'
        ? { text: 'Sunny in Rabat.' }
        : { toolCalls: [{ name: 'lookup', arguments: { city: 'Rabat' } }] },
  });
  const testing = createTestTracing({
    captureContent: options.captureContent ?? false,
    scopeCalls: options.scopeCalls,
  });
  undici.setTracerProvider(testing.provider);
  const mistral = createMistral({ apiKey: API_KEY, serverURL: server.url, retry: { baseDelayMs: 1 } });
  const agent = defineAgent({
    name: 'weather',
    instructions: 'Answer briefly.',
    model: mistral('mistral-small-latest'),
    tools: { lookup },
  });
  return { ...testing, agent };
}

const EXPECTED_TREE = [
  'invoke_agent weather',
  '  chat mistral-small-latest',
  '    POST',
  '  execute_tool lookup',
  '    GET',
  '  chat mistral-small-latest',
  '    POST',
];

describe('call context: HTTP spans under the spans of their calls', () => {
  it('run() with tracing.onEvent: each model request under its chat span, the tool request under execute_tool', async () => {
    const { agent, tracing, spans } = await tracedAgent();
    const result = await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    expect(result.text).toBe('Sunny in Rabat.');
    const all = spans();
    expect(treeOf(all)).toEqual(EXPECTED_TREE);
    const [chat] = childrenOf(all, only(all, 'invoke_agent weather'));
    const [http] = childrenOf(all, chat!);
    expect(http?.attributes['url.full']).toBe(`${server!.url}/v1/chat/completions`);
    expect(chat?.attributes['gen_ai.request.stream']).toBe(false);
    expect(http?.spanContext().traceId).toBe(chat?.spanContext().traceId);
  });

  it('stream() with tracing.instrument(agent), and retried requests all under the one chat span', async () => {
    const { agent, tracing, spans } = await tracedAgent({ faults: 2 });
    const stop = tracing.instrument(agent);
    const events = stream(agent, 'Weather in Rabat?');
    for await (const _event of events) {
      // draining
    }
    stop();
    expect((await events.result()).text).toBe('Sunny in Rabat.');
    const all = spans();
    // Two 503s, then the answer: three requests, one chat span.
    expect(treeOf(all)).toEqual([
      'invoke_agent weather',
      '  chat mistral-small-latest',
      '    POST',
      '    POST',
      '    POST',
      '  execute_tool lookup',
      '    GET',
      '  chat mistral-small-latest',
      '    POST',
    ]);
    const [chat] = childrenOf(all, only(all, 'invoke_agent weather'));
    expect(chat?.attributes['gen_ai.request.stream']).toBe(true);
    expect(childrenOf(all, chat!).map((span) => span.attributes['http.response.status_code'])).toEqual([
      503, 503, 200,
    ]);
  });

  it('scopeCalls: false leaves the calls in the caller context, with the same spans and attributes', async () => {
    const { agent, tracing, spans } = await tracedAgent({ scopeCalls: false });
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    const all = spans();
    // The HTTP spans are roots of their own traces now; dragoman's spans are unchanged.
    expect(treeOf(all)).toEqual([
      'invoke_agent weather',
      '  chat mistral-small-latest',
      '  execute_tool lookup',
      '  chat mistral-small-latest',
      'POST',
      'GET',
      'POST',
    ]);
    const [chat] = childrenOf(all, only(all, 'invoke_agent weather'));
    expect(chat?.attributes['gen_ai.request.stream']).toBe(false);
  });

  it('a sampled-out run records nothing, not even the HTTP spans of its calls', async () => {
    const { agent, tracing, spans } = await tracedAgent();
    // The caller's span is sampled out; the default sampler follows the parent, so the run is too.
    const caller = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.NONE,
    });
    await context.with(trace.setSpan(context.active(), caller), () =>
      run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent }),
    );
    expect(spans()).toEqual([]);
    // The same tracing records the next, sampled run in full.
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    expect(treeOf(spans())).toEqual(EXPECTED_TREE);
  });

  it('a run span that does not record makes no child spans and builds no attributes', async () => {
    const { agent } = await tracedAgent();
    const started: string[] = [];
    const tracer = {
      startSpan: (name: string) => {
        started.push(name);
        return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
      },
    } as unknown as Tracer;
    await run(agent, 'Weather in Rabat?', {
      onEvent: createTracing({ tracer, captureContent: true }).onEvent,
    });
    expect(started).toEqual(['invoke_agent weather']);
  });

  it('an untraced run of the same agent leaves HTTP spans where they were', async () => {
    const { agent, spans } = await tracedAgent();
    await run(agent, 'Weather in Rabat?');
    expect(treeOf(spans())).toEqual(['POST', 'GET', 'POST']);
  });
});

describe('chat spans: what was sent, and where', () => {
  it('gen_ai.input.messages is the whole request of each call: system message, history, tool results', async () => {
    const { agent, tracing, spans } = await tracedAgent({ captureContent: true });
    await run(agent, `Weather in Rabat? my key is ${API_KEY}`, { onEvent: tracing.onEvent });
    const all = spans();
    const [first, , second] = childrenOf(all, only(all, 'invoke_agent weather'));
    const sent = (span: ReadableSpan | undefined) =>
      JSON.parse(String(span?.attributes['gen_ai.input.messages'])) as Array<{
        role: string;
        parts: unknown[];
      }>;
    expect(sent(first)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Answer briefly.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Rabat? my key is [REDACTED]' }] },
    ]);
    expect(sent(second).map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(sent(second)[2]?.parts).toEqual([
      { type: 'tool_call', id: expect.any(String), name: 'lookup', arguments: '{"city":"Rabat"}' },
    ]);
    expect(sent(second)[3]?.parts).toEqual([
      { type: 'tool_call_response', id: expect.any(String), response: 'Sunny in Rabat' },
    ]);
    expect(JSON.stringify(all.map((span) => span.attributes))).not.toContain(API_KEY);
  });

  it('server.address and server.port come from the server URL, never its path, query or credentials', async () => {
    const { agent, tracing, spans } = await tracedAgent();
    const port = Number(new URL(server!.url).port);
    await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    const chats = spans().filter((span) => span.name.startsWith('chat'));
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': port });
    }
  });

  it('an OpenAI-compatible server: provider openai, dragoman.provider says which, its host and port', async () => {
    const openai = await createMockOpenAIServer({ family: 'vllm', apiKey: API_KEY });
    try {
      const { tracing, spans } = createTestTracing();
      const model = openaiCompatible({
        baseURL: `${openai.url}/v1`,
        model: 'mistral-small-3.1',
        apiKey: API_KEY,
      });
      const result = await run(defineAgent({ name: 'compat', model }), 'hello', { onEvent: tracing.onEvent });
      expect(result.status).toBe('complete');
      const chat = only(spans(), 'chat mistral-small-3.1');
      expect(chat.attributes).toMatchObject({
        'gen_ai.provider.name': 'openai',
        'dragoman.provider': 'openai-compatible',
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(openai.url).port),
      });
      expect(JSON.stringify(spans().map((span) => span.attributes))).not.toContain(API_KEY);
    } finally {
      await openai.close();
    }
  });
});
