/**
 * Where tracing's cost goes in a real run: the ablations behind docs/performance.md's "where the cost goes"
 * (issue 17). Same setup as `npm run bench -- otel` (the peer server on loopback, the 2-request tool run,
 * `AsyncLocalStorageContextManager`, `BatchSpanProcessor` and a dropping exporter, modes in rotated blocks,
 * CPU time, paired differences to the same round's "off" block), with modes that take one piece away at a time:
 *
 * - spans forgotten at end: the bare floor on a provider whose processor keeps nothing (what holding finished
 *   spans until a 512-span batch costs, GC included);
 * - plain runner / value-only context: dragoman/otel with a call scope that runs the call without a context
 *   switch, or switches to a context holding one plain value and no span (what the scope's switch costs);
 * - then the time spent inside each listener during real runs, by event type (performance.now() around each
 *   call: where the end-to-end difference is), and a replay of one run's events, in a hot loop and with 2 MB
 *   of memory touched between events (what cold caches do to the same code).
 *
 *   ABLATION_ROUNDS=200 npx tsx bench/otel-ablation.ts
 * @module
 */
import { context, createContextKey } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { callScopeOf } from '../src/agent/call-scope.js';
import { type AgentEvent, type RunOptions, run, withCallScope } from '../src/agent/index.js';
import { createTracing } from '../src/otel/index.js';
import { benchAgent, rotatedBlocks } from './cases/_otel-bench-run.js';
import { sdkFloorWithAttributes } from './cases/_otel-floor-attributes.js';
import { type Recording, sdkFloor } from './cases/_otel-replay.js';
import { startPeerServer } from './cases/_peer-server.js';

const ROUNDS = Number(process.env.ABLATION_ROUNDS ?? 200);
const RUNS_PER_BLOCK = 30;
const KEY = createContextKey('dragoman.bench.ablation');
const forgetful: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const server = await startPeerServer();
try {
  const { agent, once } = benchAgent(server.origin);
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new BatchSpanProcessor({ export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} }),
    ],
  });
  const forgetting = new BasicTracerProvider({ spanProcessors: [forgetful] });
  const unscoped = createTracing({ tracerProvider: provider, scopeCalls: false }).onEvent;
  const withScope = (runner: () => <T>(work: () => T) => T) =>
    withCallScope((event: AgentEvent) => unscoped(event), runner);
  const modes: Record<string, RunOptions<typeof agent.tools>> = {
    off: {},
    'SDK floor (4 bare spans)': { onEvent: sdkFloor(provider) },
    'SDK floor, spans forgotten at end': { onEvent: sdkFloor(forgetting) },
    'SDK floor, same attributes': { onEvent: sdkFloorWithAttributes(provider) },
    'on (scopeCalls: false)': { onEvent: unscoped },
    'on, scope without a context switch': { onEvent: withScope(() => (work) => work()) },
    'on, switch to a value-only context': {
      onEvent: withScope(() => {
        const scoped = context.active().setValue(KEY, true);
        return (work) => context.with(scoped, work);
      }),
    },
    on: { onEvent: createTracing({ tracerProvider: provider }).onEvent },
  };
  const names = Object.keys(modes);
  for (let index = 0; index < 200; index++) for (const name of names) await once(modes[name]!);
  const { cpu } = await rotatedBlocks(modes, once, { rounds: ROUNDS, runsPerBlock: RUNS_PER_BLOCK });
  console.log(
    `## Tracing ablations (${ROUNDS} rounds x ${RUNS_PER_BLOCK} runs per mode, Node ${process.version})\n`,
  );
  console.log('| mode | CPU per run | CPU added (median of paired differences) |\n| --- | ---: | ---: |');
  for (const name of names) {
    const added = median(cpu[name]!.map((value, round) => value - cpu.off![round]!));
    console.log(
      `| ${name} | ${median(cpu[name]!).toFixed(0)} µs | ${name === 'off' ? '-' : `${added.toFixed(0)} µs`} |`,
    );
  }

  // Time spent inside each listener during real runs, by event type: where the end-to-end difference is.
  const timed = (listener: (event: AgentEvent) => void) => {
    const spent: Record<string, number> = {};
    const onEvent = (event: AgentEvent) => {
      const started = performance.now();
      listener(event);
      spent[event.type] = (spent[event.type] ?? 0) + (performance.now() - started) * 1000;
    };
    return { spent, onEvent };
  };
  const inside = {
    empty: timed(() => {}),
    'SDK floor (4 bare spans)': timed(sdkFloor(provider)),
    'SDK floor, same attributes': timed(sdkFloorWithAttributes(provider)),
    'on (scopeCalls: false)': timed(createTracing({ tracerProvider: provider, scopeCalls: false }).onEvent),
  };
  const insideRuns = ROUNDS * 10;
  for (let index = 0; index < 200; index++)
    for (const { onEvent } of Object.values(inside)) await once({ onEvent });
  for (const { spent } of Object.values(inside)) for (const type of Object.keys(spent)) spent[type] = 0;
  for (let index = 0; index < insideRuns; index++)
    for (const { onEvent } of Object.values(inside)) await once({ onEvent });
  const types = Object.keys(inside['on (scopeCalls: false)'].spent);
  console.log(
    `\n| µs inside the listener per run (${insideRuns} runs each) | total | ${types.join(' | ')} |`,
  );
  console.log(`| --- | ---: |${types.map(() => ' ---: |').join('')}`);
  for (const [name, { spent }] of Object.entries(inside)) {
    const per = (type: string) => ((spent[type] ?? 0) / insideRuns).toFixed(1);
    const total = Object.values(spent).reduce((sum, value) => sum + value, 0) / insideRuns;
    console.log(`| ${name} | ${total.toFixed(1)} | ${types.map(per).join(' | ')} |`);
  }

  // The same listeners on one run's events replayed, hot and with the caches made cold between events.
  const recording: Recording = [];
  await run(agent, 'What is 19 + 23?', {
    onEvent: withCallScope(
      (event) => void recording.push({ event, calls: [] }),
      (call) => void recording.at(-1)?.calls.push(call),
    ),
  });
  const junk = new Float64Array((2 * 1024 * 1024) / 8);
  let sink = 0;
  const listeners: Record<string, (event: AgentEvent) => void> = {
    empty: () => {},
    'SDK floor (4 bare spans)': sdkFloor(provider),
    'on (scopeCalls: false)': unscoped,
  };
  let counter = 0;
  const replay = (listener: (event: AgentEvent) => void, runs: number, cold: boolean) => {
    const scope = callScopeOf(agent, listener);
    const started = process.cpuUsage();
    for (let index = 0; index < runs; index++) {
      const runId = `ablation-${counter++}`;
      for (const { event, calls } of recording) {
        // One read per 64-byte cache line of 2 MB: evicts L1 and L2 between events, as a real run's work does.
        if (cold) for (let at = 0; at < junk.length; at += 8) sink += junk[at]!;
        listener({ ...event, runId } as AgentEvent);
        for (const call of calls) scope?.({ ...call, runId })?.(() => undefined);
      }
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / runs;
  };
  console.log(
    '\n| replayed listener | hot loop: CPU µs per run | caches cold between events |\n| --- | ---: | ---: |',
  );
  const costs: Record<string, number[][]> = {};
  for (let round = 0; round < 15; round++) {
    for (const [name, listener] of Object.entries(listeners)) {
      costs[name] ??= [[], []];
      costs[name][0]!.push(replay(listener, 300, false));
      costs[name][1]!.push(replay(listener, 300, true));
      await new Promise((resolve) => setImmediate(resolve)); // lets the batch processor export, as in a run
    }
  }
  const [hotEmpty, coldEmpty] = costs.empty!.map(median) as [number, number];
  for (const [name, [hot, cold]] of Object.entries(costs)) {
    if (name === 'empty') continue;
    console.log(
      `| ${name} | ${(median(hot!) - hotEmpty).toFixed(1)} | ${(median(cold!) - coldEmpty).toFixed(1)} |`,
    );
  }
  if (sink < 0) console.log(sink);
  await provider.shutdown();
} finally {
  server.child.kill();
}
