/**
 * The spans of real runs, read back from the OpenTelemetry SDK's in-memory exporter: the tree, names,
 * attributes and parent links of a routed tool run over HTTP, a streamed run, an approval pause and resume,
 * a model call that failed after retries, and a run whose context was trimmed.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createRouter } from '../../src/routing/index.js';
import { createMockMistralServer, FakeModel, type MockMistralServer } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { childrenOf, createTestTracing, only, treeOf } from './support.js';

const API_KEY = 'otel-test-key';
let server: MockMistralServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const weather = tool({
  description: 'Weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `Sunny in ${city}`,
});

/** A mock that asks for the weather tool, then answers once the tool result is in. */
async function startMistral(faults = 0) {
  server = await createMockMistralServer({
    apiKey: API_KEY,
    faults: Array.from({ length: faults }, () => ({ type: 'status' as const, status: 503 })),
    reply: (request) =>
      request.body.messages?.at(-1)?.role === 'tool'
        ? { text: 'الجو مشمس في الرباط.' }
        : { toolCalls: [{ name: 'weather', arguments: { city: 'Rabat' } }] },
  });
  return createMistral({ apiKey: API_KEY, serverURL: server.url, retry: { maxRetries: 2, baseDelayMs: 1 } });
}

describe('dragoman/otel spans', () => {
  it('a routed tool run: invoke_agent under the caller span, chat and execute_tool under it', async () => {
    const { tracing, spans, provider } = createTestTracing();
    const agent = defineAgent({
      name: 'weather-bot',
      router: createRouter({ provider: await startMistral() }),
      tools: { weather },
    });
    const outer = provider.getTracer('app');
    const result = await outer.startActiveSpan('POST /chat', async (span) => {
      try {
        return await run(agent, 'ما حال الطقس في الرباط؟', { session: undefined, onEvent: tracing.onEvent });
      } finally {
        span.end();
      }
    });
    expect(result.status).toBe('complete');
    const all = spans();
    expect(treeOf(all)).toEqual([
      'POST /chat',
      '  invoke_agent weather-bot',
      '    chat mistral-small-2603',
      '    execute_tool weather',
      '    chat mistral-small-2603',
    ]);
    const root = only(all, 'invoke_agent weather-bot');
    expect(root.parentSpanContext?.spanId).toBe(only(all, 'POST /chat').spanContext().spanId);
    expect(root.kind).toBe(SpanKind.INTERNAL);
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'weather-bot',
      'gen_ai.provider.name': 'mistral_ai',
      'dragoman.run.id': result.runId,
      'dragoman.run.status': 'complete',
      'dragoman.run.stop_reason': 'final-answer',
      'dragoman.run.steps': 2,
      'gen_ai.usage.input_tokens': result.usage.total.promptTokens,
      'gen_ai.usage.output_tokens': result.usage.total.completionTokens,
      'dragoman.cost.usd': result.usage.cost.total,
    });
    // The Arabic route's Saba is retired on this server: the route and the substitution are span events.
    const routeEvent = root.events.find((event) => event.name === 'dragoman.route.select');
    expect(routeEvent?.attributes).toMatchObject({ 'dragoman.route': 'arabic', 'dragoman.step': 1 });
    expect(routeEvent?.attributes?.['dragoman.route.script_share.arabic']).toBeGreaterThan(0.9);
    expect(root.events.map((event) => event.name)).toContain('dragoman.model.substituted');

    const [firstChat, tool, secondChat] = childrenOf(all, root);
    expect(firstChat?.kind).toBe(SpanKind.CLIENT);
    expect(firstChat?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mistral_ai',
      'gen_ai.request.model': 'mistral-small-2603',
      'gen_ai.response.model': 'mistral-small-2603',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': result.steps[0]?.usage.promptTokens,
      'gen_ai.usage.output_tokens': result.steps[0]?.usage.completionTokens,
      'dragoman.route': 'arabic',
      'dragoman.step': 1,
    });
    expect(firstChat?.attributes['gen_ai.response.id']).toEqual(expect.any(String));
    expect(secondChat?.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'dragoman.step': 2,
    });
    expect(tool?.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': result.steps[0]?.toolCalls[0]?.toolCallId,
      'gen_ai.tool.type': 'function',
    });
    // The model call ends before its tool starts; the tool ends before the next call starts.
    expect(hr(firstChat!.endTime)).toBeLessThanOrEqual(hr(tool!.startTime));
    expect(hr(tool!.endTime)).toBeLessThanOrEqual(hr(secondChat!.startTime));
    // Contents are off by default.
    for (const span of all) {
      expect(Object.keys(span.attributes).filter((key) => /messages|arguments|result/.test(key))).toEqual([]);
    }
  });

  it('a streamed run traced through agent.events, with contents captured and redacted', async () => {
    const { tracing, spans } = createTestTracing({ captureContent: true });
    const model = new FakeModel({
      id: 'mistral-small-latest',
      steps: [{ toolCalls: [{ name: 'weather', arguments: { city: 'Lyon' } }] }, { text: 'Sunny, enjoy.' }],
    });
    const agent = defineAgent({
      name: 'streamer',
      model,
      tools: { weather },
      settings: { temperature: 0.3, maxTokens: 200 },
    });
    const stop = tracing.instrument(agent);
    const secret = 'sk-live-0123456789abcdefghijklmnop';
    for await (const _event of stream(agent, `Weather in Lyon? my key is ${secret}`)) {
      // draining
    }
    stop();
    const all = spans();
    expect(treeOf(all)).toEqual([
      'invoke_agent streamer',
      '  chat mistral-small-latest',
      '  execute_tool weather',
      '  chat mistral-small-latest',
    ]);
    const [first, toolSpan, second] = childrenOf(all, only(all, 'invoke_agent streamer'));
    expect(first?.attributes).toMatchObject({
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.max_tokens': 200,
      'gen_ai.provider.name': 'fake',
    });
    expect(toolSpan?.attributes).toMatchObject({
      'gen_ai.tool.call.arguments': '{"city":"Lyon"}',
      'gen_ai.tool.call.result': 'Sunny in Lyon',
    });
    expect(JSON.parse(String(second?.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Sunny, enjoy.' }], finish_reason: 'stop' },
    ]);
    const input = String(only(all, 'invoke_agent streamer').attributes['gen_ai.input.messages']);
    expect(input).toContain('Weather in Lyon?');
    expect(input).toContain('[REDACTED]');
    expect(JSON.stringify(all.map((span) => [span.attributes, span.events]))).not.toContain(secret);
    // After stop(), runs are no longer traced.
    model.push({ text: 'again' });
    await run(agent, 'again');
    expect(spans()).toHaveLength(all.length);
  });

  it('an approval pause and resume: two invoke_agent spans, linked, the tool runs in the second', async () => {
    const { tracing, spans } = createTestTracing();
    const deploy = tool({
      description: 'Deploy.',
      parameters: z.object({ env: z.string() }),
      needsApproval: true,
      execute: ({ env }) => `deployed to ${env}`,
    });
    const model = new FakeModel({
      steps: [{ toolCalls: [{ name: 'deploy', arguments: { env: 'prod' } }] }, { text: 'Done.' }],
    });
    const agent = defineAgent({ name: 'deployer', model, tools: { deploy } });
    const paused = await run(agent, 'Deploy to prod.', { onEvent: tracing.onEvent });
    if (paused.status !== 'pending-approval') throw new Error('expected a pause');
    const id = paused.pendingApprovals[0]!.toolCallId;
    const resumed = await run(
      agent,
      { resume: paused.state, approvals: { [id]: { approved: true } } },
      { onEvent: tracing.onEvent },
    );
    expect(resumed.status).toBe('complete');
    const all = spans();
    expect(treeOf(all)).toEqual([
      'invoke_agent deployer',
      '  chat fake-model',
      'invoke_agent deployer',
      '  execute_tool deploy',
      '  chat fake-model',
    ]);
    const [first, second] = all
      .filter((span) => span.name === 'invoke_agent deployer')
      .sort((a, b) => hr(a.startTime) - hr(b.startTime));
    expect(first?.attributes).toMatchObject({
      'dragoman.run.status': 'pending-approval',
      'dragoman.run.resumed': false,
    });
    expect(
      first?.events.find((event) => event.name === 'dragoman.approval.request')?.attributes,
    ).toMatchObject({
      'gen_ai.tool.name': 'deploy',
      'gen_ai.tool.call.id': id,
    });
    expect(second?.attributes).toMatchObject({
      'dragoman.run.resumed': true,
      'dragoman.run.id': paused.runId,
    });
    expect(second?.links.map((link) => link.context.spanId)).toEqual([first?.spanContext().spanId]);
    expect(only(all, 'execute_tool deploy').attributes).toMatchObject({
      'dragoman.tool.approval': 'approved',
    });
    expect(
      second?.events.find((event) => event.name === 'dragoman.approval.decision')?.attributes,
    ).toMatchObject({
      'dragoman.tool.approval': 'approved',
    });
  });

  it('a model call that failed after retries: the chat and run spans end in error, with one event per retry', async () => {
    const { tracing, spans } = createTestTracing();
    const model = (await startMistral(3))('mistral-small-latest');
    const agent = defineAgent({ name: 'unlucky', model });
    await expect(run(agent, 'hello', { onEvent: tracing.onEvent })).rejects.toMatchObject({ status: 503 });
    const all = spans();
    expect(treeOf(all)).toEqual(['invoke_agent unlucky', '  chat mistral-small-latest']);
    const chat = only(all, 'chat mistral-small-latest');
    expect(chat.status.code).toBe(SpanStatusCode.ERROR);
    expect(chat.attributes).toMatchObject({ 'error.type': 'server', 'dragoman.model.retries': 2 });
    expect(chat.events.map((event) => [event.name, event.attributes?.['dragoman.retry']])).toEqual([
      ['dragoman.model.retry', 1],
      ['dragoman.model.retry', 2],
    ]);
    const root = only(all, 'invoke_agent unlucky');
    expect(root.status).toMatchObject({
      code: SpanStatusCode.ERROR,
      message: expect.stringContaining('503'),
    });
    expect(root.attributes['error.type']).toBe('server');
  });

  it('a run whose context was trimmed: the trim is an event on its chat span', async () => {
    const { tracing, spans } = createTestTracing();
    const model = new FakeModel({ steps: [{ text: 'ok' }] });
    const agent = defineAgent({
      name: 'trimmer',
      model,
      context: { contextWindow: 600, reserveOutput: 100 },
    });
    const history = Array.from({ length: 12 }, (_, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${index} ${'lorem ipsum dolor sit amet '.repeat(12)}`,
    }));
    await run(agent, [...history, { role: 'user', content: 'and now?' }], { onEvent: tracing.onEvent });
    const chat = only(spans(), 'chat fake-model');
    const trim = chat.events.find((event) => event.name === 'dragoman.context.trim');
    expect(trim?.attributes?.['dragoman.context.dropped']).toBeGreaterThan(0);
    expect(trim?.attributes?.['dragoman.context.tokens']).toBeLessThanOrEqual(
      Number(trim?.attributes?.['dragoman.context.available']),
    );
    expect(chat.parentSpanContext?.spanId).toBe(only(spans(), 'invoke_agent trimmer').spanContext().spanId);
  });

  it('ends nothing twice and leaks no state when the same tracing sees many runs', async () => {
    const { tracing, spans } = createTestTracing();
    const model = new FakeModel({
      steps: Array.from({ length: 20 }, (_, index) => ({ text: `answer ${index}` })),
    });
    const agent = defineAgent({ name: 'busy', model });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => run(agent, `q${index}`, { onEvent: tracing.onEvent })),
    );
    const roots = spans().filter((span) => span.name === 'invoke_agent busy');
    expect(roots).toHaveLength(20);
    expect(new Set(roots.map((span) => span.spanContext().traceId)).size).toBe(20);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});

function hr(time: [number, number]): number {
  return time[0] * 1e9 + time[1];
}
