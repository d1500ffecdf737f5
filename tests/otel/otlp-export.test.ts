/**
 * Spans leave the process: an OTLP/HTTP exporter sends a run's spans to a receiver this test starts on
 * 127.0.0.1, and what arrived is checked (names, parent links, GenAI attributes, no API key).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createTracing } from '../../src/otel/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const API_KEY = 'sk-otlp-test-key-0123456789abcdef';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
}
interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: OtlpAttribute[];
}

/** A minimal OTLP/HTTP JSON receiver: records every span of every POST /v1/traces. */
async function startReceiver() {
  const spans: OtlpSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      bodies.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      const parsed = JSON.parse(body) as {
        resourceSpans: Array<{ scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }> }>;
      };
      for (const resource of parsed.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const attribute = (span: OtlpSpan | undefined, key: string) => {
  const value = span?.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.doubleValue ?? value?.boolValue;
};

let mock: MockMistralServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('export over OTLP/HTTP', () => {
  it('delivers the run span tree with its GenAI attributes to a local receiver', async () => {
    const receiver = await startReceiver();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.url }))],
    });
    try {
      mock = await createMockMistralServer({
        apiKey: API_KEY,
        reply: (request) =>
          request.body.messages?.at(-1)?.role === 'tool'
            ? { text: 'It is 4.' }
            : { toolCalls: [{ name: 'add', arguments: { a: 2, b: 2 } }] },
      });
      const model = createMistral({ apiKey: API_KEY, serverURL: mock.url })('mistral-small-latest');
      const add = tool({
        description: 'Adds.',
        parameters: z.object({ a: z.number(), b: z.number() }),
        execute: ({ a, b }) => a + b,
      });
      const agent = defineAgent({ name: 'calculator', model, tools: { add } });
      const tracing = createTracing({ tracerProvider: provider, captureContent: true });
      const result = await run(agent, 'What is 2 + 2?', { onEvent: tracing.onEvent });
      expect(result.text).toBe('It is 4.');
      await provider.forceFlush();

      expect(receiver.bodies.every((line) => line.startsWith('POST /v1/traces application/json'))).toBe(true);
      const names = receiver.spans.map((span) => span.name).sort();
      expect(names).toEqual([
        'chat mistral-small-latest',
        'chat mistral-small-latest',
        'execute_tool add',
        'invoke_agent calculator',
      ]);
      const root = receiver.spans.find((span) => span.name === 'invoke_agent calculator');
      for (const span of receiver.spans) {
        if (span !== root) expect(span.parentSpanId).toBe(root?.spanId);
      }
      const chat = receiver.spans.find((span) => span.name.startsWith('chat'));
      expect(chat?.kind).toBe(3); // SPAN_KIND_CLIENT in OTLP
      expect(attribute(chat, 'gen_ai.provider.name')).toBe('mistral_ai');
      expect(attribute(chat, 'gen_ai.operation.name')).toBe('chat');
      expect(Number(attribute(chat, 'gen_ai.usage.input_tokens'))).toBeGreaterThan(0);
      expect(
        attribute(
          receiver.spans.find((span) => span.name === 'execute_tool add'),
          'gen_ai.tool.call.result',
        ),
      ).toBe('4');
      expect(attribute(root, 'dragoman.run.id')).toBe(result.runId);
      expect(JSON.stringify(receiver.spans)).not.toContain(API_KEY);
    } finally {
      await provider.shutdown();
      await receiver.close();
    }
  });
});
