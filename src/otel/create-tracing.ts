import {
  context,
  type MeterProvider,
  type SpanContext,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { Agent } from '../agent/agent.js';
import { withCallScope } from '../agent/call-scope.js';
import type { AgentEvent } from '../agent/events.js';
import { UserInputError } from '../errors.js';
import type { ToolSet } from '../tools/types.js';
import { type ContentPolicy, redactSecrets } from './content.js';
import { ModelCallMetrics } from './metrics.js';
import { RunTrace } from './run-trace.js';
import { SCHEMA_URL } from './semconv.js';

/** Options of {@link createTracing}. */
export interface TracingOptions {
  /** The tracer spans are made with. @default the `dragoman` tracer of `tracerProvider` */
  tracer?: Tracer;
  /** Where the default tracer comes from. @default the global provider (`trace.getTracerProvider()`) */
  tracerProvider?: TracerProvider;
  /**
   * Also record the conventions' GenAI client metrics with this provider's `dragoman` meter:
   * `gen_ai.client.operation.duration` (seconds) and `gen_ai.client.token.usage` (input and output tokens),
   * once per model call, whether or not the run's span is sampled. Pass `metrics.getMeterProvider()` for the
   * global one. @default no metrics
   */
  meterProvider?: MeterProvider;
  /**
   * Put message contents, tool arguments and results and progress messages on spans (as
   * `gen_ai.input.messages`, `gen_ai.output.messages`, `gen_ai.tool.call.arguments` ...). They may hold
   * personal data, so this is off unless you turn it on; what is captured goes through `redact` first.
   * @default false
   */
  captureContent?: boolean;
  /**
   * Run each model call and tool call of a traced run inside its span's context, so what the call traces
   * (an HTTP instrumentation's request span, a tool's own spans) nests under its `chat` / `execute_tool`
   * span, and the loop's own I/O (the session's load and save, a router's choice) under `invoke_agent`.
   * Each call then pays an `AsyncLocalStorage` context switch: 15-40 µs per run, 1-2.5% of the warm 2-request
   * run of `npm run bench -- otel` (docs/performance.md). Turn it off when nothing is traced inside calls;
   * the spans and their attributes stay the same. @default true
   */
  scopeCalls?: boolean;
  /** Cleans captured content. @default {@link redactSecrets} (bearer tokens, key-shaped and long random strings) */
  redact?: (text: string) => string;
  /**
   * Characters kept of one captured text: a message's text, a tool call's arguments or result, a progress
   * message. Each is cut on its own, so captured message JSON stays valid. @default 4096
   */
  maxContentLength?: number;
}

/** Turns a run's events into OpenTelemetry spans. */
export interface Tracing {
  /**
   * A per-run listener: `run(agent, input, { onEvent: tracing.onEvent })`. The run span becomes a child of
   * the span active when the run starts; each model call and tool call runs inside its own span's context, so
   * an HTTP instrumentation's request span is a child of the `chat` span.
   */
  readonly onEvent: (event: AgentEvent) => void;
  /** Traces every run of `agent` (through `agent.events`) until the returned function is called. */
  instrument(agent: Agent<ToolSet, unknown>): () => void;
}

/** Runs paused for approvals whose spans a resumed run links to; the oldest are forgotten first. */
const PAUSED_RUNS_KEPT = 1_000;

/**
 * Makes the tracing of agent runs: one `invoke_agent` span per run, a `chat` span per model call and an
 * `execute_tool` span per tool call, on the OpenTelemetry GenAI semantic conventions (see docs/observability.md).
 * Use it per run (`onEvent`) or for every run of an agent (`instrument`), not both for the same run.
 * @example
 * const tracing = createTracing();
 * await run(agent, 'What is 2 + 3?', { onEvent: tracing.onEvent });
 */
export function createTracing(options: TracingOptions = {}): Tracing {
  const tracer =
    options.tracer ??
    (options.tracerProvider ?? trace.getTracerProvider()).getTracer('dragoman', undefined, {
      schemaUrl: SCHEMA_URL,
    });
  const content = contentPolicy(options);
  const scopeCalls = checkBoolean(options.scopeCalls, 'scopeCalls', 'Leave it out to scope calls.') ?? true;
  const metrics = options.meterProvider ? new ModelCallMetrics(options.meterProvider) : undefined;
  const runs = new Map<string, RunTrace>();
  const paused = new Map<string, SpanContext>();

  const traceOptions = { tracer, content };
  // text-delta only matters for the answer's content.
  const handled = new Set<string>(TRACED_TYPES.filter((type) => content || type !== 'text-delta'));

  const listener = (event: AgentEvent): void => {
    metrics?.handle(event);
    if (event.type === 'run-start') {
      // Only a resumed run can continue a paused one.
      const previous = event.resumed ? paused.get(event.runId) : undefined;
      if (previous) paused.delete(event.runId);
      runs.set(event.runId, new RunTrace(traceOptions, event, context.active(), previous));
      return;
    }
    if (!handled.has(event.type)) return;
    const run = runs.get(event.runId);
    if (run === undefined || !run.handle(event)) return;
    runs.delete(event.runId);
    if (event.type === 'run-end' && event.status === 'pending-approval') {
      paused.set(event.runId, run.spanContext);
      if (paused.size > PAUSED_RUNS_KEPT) paused.delete(paused.keys().next().value as string);
    }
  };
  // The listener carries a call scope: the loop runs each model and tool call of a traced run inside its span.
  const onEvent = withCallScope(listener, (call) => runs.get(call.runId)?.scope(call, scopeCalls));

  return {
    onEvent,
    instrument(agent) {
      const events = agent.events as unknown as {
        on(type: string, listener: (event: AgentEvent) => void): void;
        off(type: string, listener: (event: AgentEvent) => void): void;
      };
      for (const type of TRACED_TYPES) events.on(type, onEvent);
      return () => {
        for (const type of TRACED_TYPES) events.off(type, onEvent);
      };
    },
  };
}

// Every event type the spans use; text-delta only matters when contents are captured.
const TRACED_TYPES = [
  'run-start',
  'route-select',
  'model-substituted',
  'model-deprecated',
  'context-trim',
  'step-start',
  'model-retry',
  'text-delta',
  'model-call-end',
  'tool-call-start',
  'tool-progress',
  'tool-call-end',
  'tool-approval-request',
  'run-end',
  'run-error',
] as const satisfies ReadonlyArray<AgentEvent['type']>;

function contentPolicy(options: TracingOptions): ContentPolicy | undefined {
  checkBoolean(options.captureContent, 'captureContent', 'Leave it out to keep message contents off spans.');
  const maxLength = options.maxContentLength ?? 4096;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new UserInputError(
      'invalid-config',
      `createTracing: maxContentLength must be a positive integer, got ${String(maxLength)}.`,
      { path: 'maxContentLength', hint: 'Pass a character count such as 4096.' },
    );
  }
  if (!options.captureContent) return undefined;
  return {
    redact: options.redact ?? redactSecrets,
    maxLength,
    messages: new WeakMap(),
    tools: new WeakMap(),
  };
}

/** A boolean option, or `undefined`; throws a `UserInputError` naming the option and the value otherwise. */
function checkBoolean(value: unknown, path: string, hint: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new UserInputError(
    'invalid-config',
    `createTracing: ${path} must be true or false, got ${JSON.stringify(value)}.`,
    { path, hint },
  );
}
