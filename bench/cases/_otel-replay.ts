/**
 * The CPU cost of turning one run's events into spans, without the run: the events (and the call-scope calls)
 * of a recorded run are replayed under fresh run ids into a listener many times. No network and no loop, so
 * the figure is steadier than the end-to-end one; it is what tracing adds on top of delivering the events.
 */

import { type Context, context, type Span, trace } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { Agent } from '../../src/agent/agent.js';
import { callScopeOf } from '../../src/agent/call-scope.js';
import type { AgentEvent, ScopedCall } from '../../src/agent/index.js';
import type { ToolSet } from '../../src/tools/types.js';

/** One recorded run: its events, each followed by the scoped calls the loop made after it. */
export type Recording = Array<{ event: AgentEvent; calls: ScopedCall[] }>;

type Listener = (event: AgentEvent) => void;

/**
 * Median (over rounds) of the mean CPU microseconds (user + system, this process) per replayed run, for each
 * listener; modes interleaved. CPU time, not wall time: on a shared machine, waiting for a core is not cost.
 */
export function replayCost(
  agent: Agent<ToolSet, unknown>,
  recording: Recording,
  listeners: Record<string, Listener>,
  options: { runs: number; warmup: number; rounds: number },
): Record<string, number> {
  const names = Object.keys(listeners);
  let counter = 0;
  const replay = (listener: Listener, runs: number) => {
    const scope = callScopeOf(agent, listener);
    for (let index = 0; index < runs; index++) {
      const runId = `replay-${counter++}`;
      for (const { event, calls } of recording) {
        listener({ ...event, runId } as AgentEvent);
        for (const call of calls) scope?.({ ...call, runId })?.(() => undefined);
      }
    }
  };
  for (const name of names) replay(listeners[name]!, options.warmup);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let position = 0; position < names.length; position++) {
      const name = names[(round + position) % names.length]!;
      const started = process.cpuUsage();
      replay(listeners[name]!, options.runs);
      const used = process.cpuUsage(started);
      samples[name]!.push((used.user + used.system) / options.runs);
    }
  }
  return Object.fromEntries(
    names.map((name) => [name, [...samples[name]!].sort((a, b) => a - b)[Math.floor(options.rounds / 2)]!]),
  );
}

/** The same spans dragoman/otel makes for this run (run, 2 chats, 1 tool), with no attributes at all. */
export function sdkFloor(provider: BasicTracerProvider): (event: AgentEvent) => void {
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
