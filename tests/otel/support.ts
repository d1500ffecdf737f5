/** An OpenTelemetry SDK with the in-memory exporter, and helpers to read the finished spans as a tree. */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach } from 'vitest';
import { z } from 'zod';
import { createTracing, type TracingOptions } from '../../src/otel/index.js';
import {
  createMockMistralServer,
  type MockMistralServer,
  type MockServerOptions,
} from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

// Parent links across awaits need a context manager, as any real setup (the Node SDK) registers one.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

/** A tracer provider writing to memory, and a `Tracing` on it. */
export function createTestTracing(options: Omit<TracingOptions, 'tracerProvider' | 'tracer'> = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracing = createTracing({ ...options, tracerProvider: provider });
  return { exporter, provider, tracing, spans: () => exporter.getFinishedSpans() };
}

/** The one finished span named `name` (fails the test when there is not exactly one). */
export function only(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected one span "${name}", found ${found.length} in: ${spans.map((s) => s.name).join(', ')}`,
    );
  }
  return found[0]!;
}

/** The spans whose parent is `parent`, in start order. */
export function childrenOf(spans: readonly ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  return spans
    .filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)
    .sort((a, b) => compareTime(a.startTime, b.startTime));
}

/** The span tree as indented names, children in start order: easy to compare whole. */
export function treeOf(spans: readonly ReadableSpan[]): string[] {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const roots = spans.filter((span) => !ids.has(span.parentSpanContext?.spanId ?? ''));
  const lines: string[] = [];
  const walk = (span: ReadableSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${span.name}`);
    for (const child of childrenOf(spans, span)) walk(child, depth + 1);
  };
  for (const root of roots.sort((a, b) => compareTime(a.startTime, b.startTime))) walk(root, 0);
  return lines;
}

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** What a span holds, as plain data: for searching it whole (the secrets test). */
export function spanRecords(spans: readonly ReadableSpan[]) {
  return spans.map((span) => ({
    name: span.name,
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    status: span.status,
    links: span.links.map((link) => link.attributes),
  }));
}

/** The tool the span tests' agents call: the weather for a city. */
export const weatherTool = tool({
  description: 'Weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `Sunny in ${city}`,
});

/** Starts one mock Mistral server per test and closes it after the test; `start` returns it. */
export function mockMistralPerTest() {
  let server: MockMistralServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    async start(options: MockServerOptions): Promise<MockMistralServer> {
      server = await createMockMistralServer(options);
      return server;
    },
  };
}
