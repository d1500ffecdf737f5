/**
 * The GenAI client metrics (with `meterProvider`): operation duration and token usage per model call, read
 * back from the OpenTelemetry metrics SDK, for a tool run over HTTP, a model call that failed, and a run
 * whose span was not recorded.
 */
import { INVALID_SPAN_CONTEXT, type Tracer, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type HistogramMetricData,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createTracing } from '../../src/otel/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { createTestTracing } from './support.js';

const API_KEY = 'otel-metrics-test-key';
let server: MockMistralServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A reader collected on demand. */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** The histogram `name`'s data points, as plain { attributes, count, sum }. */
async function points(reader: TestReader, name: string) {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((found) => found.descriptor.name === name) as HistogramMetricData | undefined;
  return (metric?.dataPoints ?? []).map((point) => ({
    attributes: point.attributes,
    count: point.value.count,
    sum: point.value.sum,
  }));
}

const weather = tool({
  description: 'Weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `Sunny in ${city}`,
});

async function weatherAgent(faults = 0) {
  server = await createMockMistralServer({
    apiKey: API_KEY,
    faults: Array.from({ length: faults }, () => ({ type: 'status' as const, status: 503 })),
    reply: (request) =>
      request.body.messages?.at(-1)?.role === 'tool'
        ? { text: 'Sunny.' }
        : { toolCalls: [{ name: 'weather', arguments: { city: 'Rabat' } }] },
  });
  const mistral = createMistral({
    apiKey: API_KEY,
    serverURL: server.url,
    retry: { maxRetries: 1, baseDelayMs: 1 },
  });
  return defineAgent({ name: 'weather', model: mistral('mistral-small-latest'), tools: { weather } });
}

describe('GenAI client metrics', () => {
  it('records each model call: its duration and its input and output tokens, with the conventions attributes', async () => {
    const reader = new TestReader();
    const { tracing } = createTestTracing({ meterProvider: new MeterProvider({ readers: [reader] }) });
    const agent = await weatherAgent();
    const started = performance.now();
    const result = await run(agent, 'Weather in Rabat?', { onEvent: tracing.onEvent });
    const elapsed = (performance.now() - started) / 1000;
    const common = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mistral_ai',
      'gen_ai.request.model': 'mistral-small-latest',
      'gen_ai.response.model': result.steps[0]!.model,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(server!.url).port),
    };
    const durations = await points(reader, 'gen_ai.client.operation.duration');
    expect(durations).toEqual([{ attributes: common, count: 2, sum: expect.any(Number) }]);
    expect(durations[0]!.sum).toBeGreaterThan(0);
    expect(durations[0]!.sum).toBeLessThan(elapsed);
    const total = result.usage.total;
    expect(await points(reader, 'gen_ai.client.token.usage')).toEqual([
      { attributes: { ...common, 'gen_ai.token.type': 'input' }, count: 2, sum: total.promptTokens },
      { attributes: { ...common, 'gen_ai.token.type': 'output' }, count: 2, sum: total.completionTokens },
    ]);
  });

  it('records a failed model call with error.type, and no tokens for it', async () => {
    const reader = new TestReader();
    const { tracing } = createTestTracing({ meterProvider: new MeterProvider({ readers: [reader] }) });
    const agent = await weatherAgent(5);
    await expect(run(agent, 'Weather?', { onEvent: tracing.onEvent })).rejects.toMatchObject({
      code: 'server',
    });
    const durations = await points(reader, 'gen_ai.client.operation.duration');
    expect(durations).toHaveLength(1);
    expect(durations[0]).toMatchObject({ attributes: { 'error.type': 'server' }, count: 1 });
    expect(await points(reader, 'gen_ai.client.token.usage')).toEqual([]);
  });

  it('counts runs whose span is not recorded (metrics do not follow sampling)', async () => {
    const reader = new TestReader();
    const tracer = {
      startSpan: () => trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
    } as unknown as Tracer;
    const tracing = createTracing({ tracer, meterProvider: new MeterProvider({ readers: [reader] }) });
    await run(await weatherAgent(), 'Weather in Rabat?', { onEvent: tracing.onEvent });
    const durations = await points(reader, 'gen_ai.client.operation.duration');
    expect(durations.map((point) => point.count)).toEqual([2]);
  });
});
