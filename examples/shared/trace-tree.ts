/**
 * `DRAGOMAN_TRACE=1 npm run demo`: traces the tour with dragoman/otel into the OpenTelemetry SDK's in-memory
 * exporter and prints the span tree at the end, with the attributes worth reading. In an application you
 * would register an OTLP exporter instead (docs/observability.md).
 */
import type { AttributeValue } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { AgentEvent } from '../../src/index.js';
import { createTracing } from '../../src/otel/index.js';

const SHOWN = [
  'gen_ai.provider.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.response.finish_reasons',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.tool.name',
  'dragoman.route',
  'dragoman.run.status',
  'dragoman.cost.usd',
];

/** A tracing setup for one process and a printer for what it recorded. */
export function startTraceTree() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracing = createTracing({ tracerProvider: provider });
  return {
    onEvent: tracing.onEvent as (event: AgentEvent) => void,
    print(): string {
      const spans = exporter.getFinishedSpans();
      const lines: string[] = [];
      const walk = (span: ReadableSpan, depth: number) => {
        const shown = SHOWN.filter((key) => span.attributes[key] !== undefined)
          .map((key) => `${key}=${format(span.attributes[key]!)}`)
          .join(' ');
        const events = span.events.map((event) => event.name.replace('dragoman.', '')).join(', ');
        lines.push(`${'  '.repeat(depth)}${span.name}  ${shown}${events ? `  [${events}]` : ''}`);
        for (const child of spans.filter((s) => s.parentSpanContext?.spanId === span.spanContext().spanId)) {
          walk(child, depth + 1);
        }
      };
      for (const root of spans.filter((span) => span.parentSpanContext === undefined)) walk(root, 0);
      return lines.join('\n');
    },
  };
}

function format(value: AttributeValue): string {
  if (Array.isArray(value)) return `[${value.join(',')}]`;
  return typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(6) : String(value);
}
