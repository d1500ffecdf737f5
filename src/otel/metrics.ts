/**
 * The GenAI client metrics of the conventions: `gen_ai.client.operation.duration` and
 * `gen_ai.client.token.usage`, one record per model call, from the same events as the spans. Metrics do not
 * depend on sampling: a run whose span is sampled out is still counted.
 * @module
 */
import type { Attributes, Histogram, MeterProvider } from '@opentelemetry/api';
import type { AgentEvent } from '../agent/events.js';
import { ERROR_TYPE, errorType, GEN_AI, METRIC, SCHEMA_URL } from './semconv.js';
import { chatSamplingAttributes } from './span-attributes.js';

// Bucket boundaries the conventions advise for each histogram.
const DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/** Records the model-call metrics of every run it is given the events of. */
export class ModelCallMetrics {
  readonly #duration: Histogram;
  readonly #tokens: Histogram;
  /** The open model call of each run: its attributes and when it started. */
  readonly #calls = new Map<string, { attributes: Attributes; started: number }>();

  constructor(meterProvider: MeterProvider) {
    const meter = meterProvider.getMeter('dragoman', undefined, { schemaUrl: SCHEMA_URL });
    this.#duration = meter.createHistogram(METRIC.operationDuration, {
      description: 'GenAI operation duration.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.#tokens = meter.createHistogram(METRIC.tokenUsage, {
      description: 'Number of input and output tokens used.',
      unit: '{token}',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    });
  }

  /** Handles one event: starts, records or drops the run's open model call. */
  handle(event: AgentEvent): void {
    switch (event.type) {
      case 'step-start':
        this.#calls.set(event.runId, {
          attributes: chatSamplingAttributes(event),
          started: performance.now(),
        });
        return;
      case 'model-call-end': {
        const call = this.#calls.get(event.runId);
        if (call === undefined) return;
        this.#calls.delete(event.runId);
        const attributes = { ...call.attributes, [GEN_AI.responseModel]: event.model };
        this.#duration.record(event.durationMs / 1000, attributes);
        this.#tokens.record(event.usage.promptTokens, { ...attributes, [GEN_AI.tokenType]: 'input' });
        this.#tokens.record(event.usage.completionTokens, { ...attributes, [GEN_AI.tokenType]: 'output' });
        return;
      }
      case 'run-error': {
        // A model call that failed (after its retries) ends the run: its duration, with what failed.
        const call = this.#calls.get(event.runId);
        this.#calls.delete(event.runId);
        if (call === undefined) return;
        const attributes = { ...call.attributes, [ERROR_TYPE]: errorType(event.error) };
        this.#duration.record((performance.now() - call.started) / 1000, attributes);
        return;
      }
      case 'run-end':
        this.#calls.delete(event.runId);
        return;
      default:
        return;
    }
  }
}
