/**
 * What the context manager itself costs every run of a process, traced or not. `AsyncLocalStorageContextManager`
 * (the one the Node SDK registers) is built on Node's `AsyncLocalStorage`; on Node 20 the first `context.with`
 * anywhere (a `BatchSpanProcessor` export does one, so does any instrumentation) turns on a promise hook that
 * from then on runs for every promise the process makes. The main table's modes share one process, so every
 * mode there, "off" included, runs with the hook on; this measures the hook itself, on untraced runs.
 */
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import type { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

const KEY = createContextKey('dragoman.bench.hook');

/**
 * Median CPU µs per untraced run with the hook off (the manager disabled, nothing entering a context) and on
 * (after one `context.with`), in alternating blocks, and the median of the paired differences. Call it after
 * the tracer provider is shut down, so no export turns the hook on in the middle of an "off" block.
 */
export async function contextHookCost(
  manager: AsyncLocalStorageContextManager,
  once: () => Promise<void>,
  options: { rounds: number; runs: number },
): Promise<{ hookOff: number; hookOn: number; added: number }> {
  const samples = { hookOff: [] as number[], hookOn: [] as number[] };
  for (let round = 0; round < options.rounds; round++) {
    for (const on of round % 2 === 0 ? [false, true] : [true, false]) {
      if (on) context.with(ROOT_CONTEXT.setValue(KEY, true), () => undefined);
      else manager.disable();
      const started = process.cpuUsage();
      for (let index = 0; index < options.runs; index++) await once();
      const used = process.cpuUsage(started);
      (on ? samples.hookOn : samples.hookOff).push((used.user + used.system) / options.runs);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    hookOff: median(samples.hookOff),
    hookOn: median(samples.hookOn),
    added: median(samples.hookOn.map((value, index) => value - samples.hookOff[index]!)),
  };
}
