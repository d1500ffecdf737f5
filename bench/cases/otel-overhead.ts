/**
 * `npm run bench -- otel`: what tracing costs per run. The same agent (Mistral adapter, one `add` tool, the
 * 2-request tool run) against the peer benchmark's loopback fake server, in these modes:
 *
 * - off: no listener;
 * - empty listener: an `onEvent` that does nothing (the cost of delivering events);
 * - SDK floor: a listener making the same 4 spans with the same parents and lifetimes, with no attributes:
 *   what any instrumentation pays the OpenTelemetry SDK for 4 spans;
 * - SDK floor, same attributes: the same 4 spans with the same attributes as "on" (names, types, counts,
 *   when they are set), through bare SDK calls (_otel-floor-attributes.ts): the conventions' attribute load;
 * - noop tracer: dragoman/otel on the API's no-op tracer (our bookkeeping without an SDK);
 * - on: dragoman/otel on the SDK, as configured by default; on (scopeCalls: false): the same spans, with the
 *   calls left in the caller's context (no context switch per call); on + contents: with `captureContent`.
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
 *
 * After the tables, the context manager's own price (_otel-context-hook.ts): every mode above, "off" included,
 * runs with its promise hook on, so that price is not in any of their differences.
 */

import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { type RunOptions, run, withCallScope } from '../../src/agent/index.js';
import { createTracing } from '../../src/otel/index.js';
import { benchAgent, rotatedBlocks } from './_otel-bench-run.js';
import { contextHookCost } from './_otel-context-hook.js';
import { sdkFloorWithAttributes } from './_otel-floor-attributes.js';
import { type Recording, replayCost, sdkFloor } from './_otel-replay.js';
import { startPeerServer } from './_peer-server.js';

const WARMUP = 300;
const ROUNDS = Number(process.env.OTEL_BENCH_ROUNDS ?? 200);
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

const quantile = (sorted: number[], q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

const contextManager = withContextManager ? new AsyncLocalStorageContextManager().enable() : undefined;
if (contextManager) context.setGlobalContextManager(contextManager);
const server = await startPeerServer();
try {
  const { agent, once } = benchAgent(server.origin);
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const modes: Record<string, RunOptions<typeof agent.tools>> = {
    off: {},
    'empty listener': { onEvent: () => {} },
    'SDK floor (4 bare spans)': { onEvent: sdkFloor(provider) },
    'SDK floor, same attributes (40)': { onEvent: sdkFloorWithAttributes(provider) },
    'noop tracer': { onEvent: createTracing({ tracer: trace.getTracer('noop') }).onEvent },
    on: { onEvent: createTracing({ tracerProvider: provider }).onEvent },
    'on (scopeCalls: false)': {
      onEvent: createTracing({ tracerProvider: provider, scopeCalls: false }).onEvent,
    },
    'on + contents': { onEvent: createTracing({ tracerProvider: provider, captureContent: true }).onEvent },
  };
  const names = Object.keys(modes);
  for (let index = 0; index < WARMUP; index++) for (const name of names) await once(modes[name]!);
  const { wall, cpu } = await rotatedBlocks(modes, once, { rounds: ROUNDS, runsPerBlock: RUNS_PER_BLOCK });
  await provider.forceFlush();
  console.log('## Tracing overhead (dragoman/otel), per 2-request tool run\n');
  console.log(
    `Node ${process.version}; context manager: ${withContextManager ? 'AsyncLocalStorageContextManager' : 'none'}; ` +
      `${ROUNDS} rounds x ${RUNS_PER_BLOCK} runs per mode, order rotated each round. Wall: time per run. CPU: the ` +
      "client process's CPU time per run (user + system, all its threads; the server is another process), which " +
      "waiting for a busy core does not inflate. Overhead: per-round ratio to the same round's off block, median " +
      '[interquartile range] over the rounds.\n',
  );
  console.log('| mode | wall per run | wall overhead [IQR] | CPU per run | CPU overhead [IQR] | CPU added |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const median = (values: number[]) =>
    quantile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  const overhead = (series: Record<string, number[]>, name: string) => {
    const ratios = series[name]!.map((value, round) => value / series.off![round]!).sort((a, b) => a - b);
    return `${percent(quantile(ratios, 0.5))} [${percent(quantile(ratios, 0.25))} .. ${percent(quantile(ratios, 0.75))}]`;
  };
  for (const name of names) {
    const isOff = name === 'off';
    const added = median(cpu[name]!.map((value, round) => value - cpu.off![round]!));
    console.log(
      `| ${name} | ${median(wall[name]!).toFixed(0)} µs | ${isOff ? '-' : overhead(wall, name)} | ` +
        `${median(cpu[name]!).toFixed(0)} µs | ${isOff ? '-' : overhead(cpu, name)} | ${isOff ? '-' : `${added.toFixed(0)} µs`} |`,
    );
  }
  console.log(
    `\nSpans recorded and handed to the exporter: ${exporter.spans.toLocaleString('en')} (4 per traced run).`,
  );

  // The listener's own CPU cost: one run's events and scoped calls, replayed without the run.
  const recording: Recording = [];
  await run(agent, 'What is 19 + 23?', {
    onEvent: withCallScope(
      (event) => void recording.push({ event, calls: [] }),
      (call) => void recording.at(-1)?.calls.push(call),
    ),
  });
  const costs = replayCost(
    agent,
    recording,
    {
      'empty listener': () => {},
      'SDK floor (4 bare spans)': sdkFloor(provider),
      'SDK floor, same attributes (40)': sdkFloorWithAttributes(provider),
      'noop tracer': createTracing({ tracer: trace.getTracer('noop') }).onEvent,
      on: createTracing({ tracerProvider: provider }).onEvent,
      'on (scopeCalls: false)': createTracing({ tracerProvider: provider, scopeCalls: false }).onEvent,
      'on + contents': createTracing({ tracerProvider: provider, captureContent: true }).onEvent,
    },
    { runs: 2_000, warmup: 2_000, rounds: 15 },
  );
  const empty = costs['empty listener']!;
  console.log(
    `\n### The listener's CPU cost per run (${recording.length} events replayed, no network; CPU time, median of 15 rounds x 2,000 runs)\n`,
  );
  console.log("| listener | CPU µs per run | minus the empty listener | share of an off run's wall time |");
  console.log('| --- | ---: | ---: | ---: |');
  const offRun = median(wall.off!);
  for (const [name, cost] of Object.entries(costs)) {
    const added = cost - empty;
    console.log(
      `| ${name} | ${cost.toFixed(1)} | ${name === 'empty listener' ? '-' : added.toFixed(1)} | ${((added / offRun) * 100).toFixed(1)}% |`,
    );
  }
  await provider.forceFlush();
  await provider.shutdown();
  if (contextManager) {
    const hook = await contextHookCost(contextManager, () => once(modes.off!), {
      rounds: Math.max(20, Math.round(ROUNDS / 4)),
      runs: RUNS_PER_BLOCK,
    });
    console.log(
      "\n### The context manager's own price, per untraced run (CPU time, median of alternating blocks)\n",
    );
    console.log(
      '| AsyncLocalStorage promise hook | CPU per run | added | share of a run with the hook off |',
    );
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| off (never entered a context) | ${hook.hookOff.toFixed(0)} µs | - | - |`);
    console.log(
      `| on (after one context.with) | ${hook.hookOn.toFixed(0)} µs | ${hook.added.toFixed(0)} µs | ` +
        `${percent(1 + hook.added / hook.hookOff)} |`,
    );
  }
} finally {
  server.child.kill();
}
