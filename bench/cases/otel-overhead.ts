/**
 * `npm run bench -- otel`: what tracing costs per run. The same agent (Mistral adapter, one `add` tool, the
 * 2-request tool run) against the peer benchmark's loopback fake server, in these modes:
 *
 * - off: no listener;
 * - empty listener: an `onEvent` that does nothing (the cost of delivering events);
 * - SDK floor: a listener making the same 4 spans with the same parents and lifetimes, with no attributes:
 *   what any instrumentation pays the OpenTelemetry SDK for 4 spans;
 * - noop tracer: dragoman/otel on the API's no-op tracer (our bookkeeping without an SDK);
 * - on: dragoman/otel on the SDK; on + contents: with `captureContent`.
 *
 * The setup is the one a Node user of the SDK has: `AsyncLocalStorageContextManager` registered (as
 * `NodeSDK` / `NodeTracerProvider.register()` do; it is also what lets HTTP spans nest), always-on sampling, a
 * `BatchSpanProcessor`, and an exporter that drops the batches, so the SDK's recording is measured and not an
 * exporter's network I/O (which depends on the backend, not on dragoman). `OTEL_BENCH_CONTEXT=none` runs
 * without the context manager.
 *
 * Modes run in blocks of RUNS_PER_BLOCK runs; every round runs each mode once, in an order rotated each round,
 * so drifting machine load and position effects hit them alike. Each mode's overhead is computed per round
 * against that round's "off" block (a paired ratio), and reported as the median and interquartile range of
 * those ratios over the rounds. Target: "on" <= 5% over "off".
 */

import { type Context, context, type Span, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { type AgentEvent, defineAgent, type RunOptions, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createTracing } from '../../src/otel/index.js';
import { tool } from '../../src/tools/index.js';
import { startPeerServer } from './_peer-server.js';

const WARMUP = 300;
const ROUNDS = Number(process.env.OTEL_BENCH_ROUNDS ?? 60);
const RUNS_PER_BLOCK = 30;
const withContextManager = process.env.OTEL_BENCH_CONTEXT !== 'none';

/** Counts what it is given and drops it. */
class DroppingExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans += spans.length;
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

/** The same spans dragoman/otel makes for this run (run, 2 chats, 1 tool), with no attributes at all. */
function sdkFloor(provider: BasicTracerProvider): (event: AgentEvent) => void {
  const tracer = provider.getTracer('floor');
  let runSpan: Span | undefined;
  let runContext: Context = context.active();
  let child: Span | undefined;
  return (event) => {
    if (event.type === 'run-start') {
      runSpan = tracer.startSpan('invoke_agent', {}, context.active());
      runContext = trace.setSpan(context.active(), runSpan);
    } else if (event.type === 'step-start' || event.type === 'tool-call-start') {
      child = tracer.startSpan(event.type, {}, runContext);
    } else if (event.type === 'model-call-end' || event.type === 'tool-call-end') {
      child?.end();
    } else if (event.type === 'run-end') {
      runSpan?.end();
    }
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

if (withContextManager) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const server = await startPeerServer();
try {
  const model = createMistral({ apiKey: 'bench', serverURL: server.origin })('mistral-small-latest');
  const add = tool({
    description: 'Add two integers and return their sum.',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });
  const agent = defineAgent({ name: 'bench', model, tools: { add } });
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const modes: Record<string, RunOptions<typeof agent.tools>> = {
    off: {},
    'empty listener': { onEvent: () => {} },
    'SDK floor (4 bare spans)': { onEvent: sdkFloor(provider) },
    'noop tracer': { onEvent: createTracing({ tracer: trace.getTracer('noop') }).onEvent },
    on: { onEvent: createTracing({ tracerProvider: provider }).onEvent },
    'on + contents': { onEvent: createTracing({ tracerProvider: provider, captureContent: true }).onEvent },
  };
  const names = Object.keys(modes);
  const once = async (options: RunOptions<typeof agent.tools>) => {
    const result = await run(agent, 'What is 19 + 23?', options);
    if (result.text !== 'The answer is 42.') throw new Error(`unexpected answer: ${result.text}`);
  };
  for (let index = 0; index < WARMUP; index++) for (const name of names) await once(modes[name]!);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let position = 0; position < names.length; position++) {
      const name = names[(round + position) % names.length]!;
      const started = performance.now();
      for (let index = 0; index < RUNS_PER_BLOCK; index++) await once(modes[name]!);
      times[name]!.push((performance.now() - started) / RUNS_PER_BLOCK);
    }
  }
  await provider.forceFlush();
  const off = times.off!;
  console.log('## Tracing overhead (dragoman/otel), per 2-request tool run\n');
  console.log(
    `Node ${process.version}; context manager: ${withContextManager ? 'AsyncLocalStorageContextManager' : 'none'}; ` +
      `${ROUNDS} rounds x ${RUNS_PER_BLOCK} runs per mode, order rotated each round. Overhead = per-round ratio ` +
      "to the same round's off block: median [interquartile range] over the rounds.\n",
  );
  console.log('| mode | per run (median) | overhead vs off | IQR |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const name of names) {
    const sorted = [...times[name]!].sort((a, b) => a - b);
    const perRun = `${(quantile(sorted, 0.5) * 1000).toFixed(0)} µs`;
    if (name === 'off') {
      console.log(`| off | ${perRun} | - | - |`);
      continue;
    }
    const ratios = times[name]!.map((value, round) => value / off[round]!).sort((a, b) => a - b);
    console.log(
      `| ${name} | ${perRun} | ${percent(quantile(ratios, 0.5))} | ${percent(quantile(ratios, 0.25))} .. ${percent(quantile(ratios, 0.75))} |`,
    );
  }
  console.log(
    `\nSpans recorded and handed to the exporter: ${exporter.spans.toLocaleString('en')} (4 per traced run).`,
  );
  await provider.shutdown();
} finally {
  server.child.kill();
}
