/**
 * Call scopes: a way for an observer (dragoman/otel, a logging context) to run each model call and tool call
 * inside a context of its own, so what the call does (its HTTP request, a tool's I/O) is attributed to it.
 * A scope travels on an event listener, so installing the listener installs the scope; nothing here knows
 * about OpenTelemetry.
 * @module
 */
import type { ModelRequest } from '../models/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { AgentEvent } from './events.js';

/** A model call or tool call about to run, as a {@link CallScope} sees it. */
export type ScopedCall =
  | {
      type: 'model-call';
      runId: string;
      agent: string;
      step: number;
      /** What is sent: the fitted messages (system message first), the tools and the settings. */
      request: ModelRequest;
      /** Whether the answer is streamed (`stream()`) or asked for whole (`run()`). */
      streaming: boolean;
    }
  | { type: 'tool-call'; runId: string; agent: string; step: number; toolCallId: string; toolName: string }
  | {
      /**
       * The loop's own I/O outside model and tool calls, after `run-start`: loading the session's history,
       * saving the finished turn, and a router choosing the step's route (which may list models).
       */
      type: 'run-work';
      runId: string;
      agent: string;
      work: 'session-load' | 'session-save' | 'route';
    };

/** Runs one piece of a call (its start, or one read of a streamed answer) inside a scope; returns what it returns. */
export type ScopeRunner = <T>(work: () => T) => T;

/**
 * Called just before each model call (each attempt: a call retried after a context overflow is asked again)
 * and each tool call runs, after the matching `step-start` / `tool-call-start` event reached the listeners,
 * and before the loop's own I/O (`run-work`: the session's load and save, a router's choice), which comes
 * after `run-start`. Returns the runner the call runs through, or `undefined` to leave the call alone. It
 * must not throw.
 */
export type CallScope = (call: ScopedCall) => ScopeRunner | undefined;

// A registered symbol, so a scope attached by one copy of dragoman (ESM) is found by another (CJS).
const CALL_SCOPE: unique symbol = Symbol.for('dragoman.call-scope') as never;

type ScopedListener = ((event: never) => void) & { [CALL_SCOPE]?: CallScope };

/**
 * Attaches a {@link CallScope} to an event listener and returns the listener. Given to
 * `run(agent, input, { onEvent })` or registered on `agent.events`, the listener then also scopes the run's
 * model and tool calls. dragoman/otel uses it to make the model's HTTP request a child of the `chat` span.
 * @example
 * const onEvent = withCallScope((event) => log(event), (call) => (work) => storage.run(call.runId, work));
 */
export function withCallScope<Event = AgentEvent>(
  listener: (event: Event) => void,
  scope: CallScope,
): (event: Event) => void {
  (listener as ScopedListener)[CALL_SCOPE] = scope;
  return listener;
}

/**
 * The scope of a run: those carried by the run's own listener and by listeners on `agent.events`, composed
 * (the first one outermost); `undefined` when there is none, which costs the loop nothing per call.
 */
export function callScopeOf(
  agent: Agent<ToolSet, unknown>,
  onEvent: ((event: AgentEvent) => void) | undefined,
): CallScope | undefined {
  const scopes = new Set<CallScope>();
  const emitter = agent.events;
  for (const name of emitter.eventNames()) {
    for (const listener of emitter.listeners(name) as ScopedListener[]) {
      const scope = listener[CALL_SCOPE];
      if (scope) scopes.add(scope);
    }
  }
  const own = (onEvent as ScopedListener | undefined)?.[CALL_SCOPE];
  if (own) scopes.add(own);
  if (scopes.size <= 1) return scopes.values().next().value;
  const all = [...scopes];
  return (call) => {
    const runners = all.map((scope) => scope(call)).filter((runner) => runner !== undefined);
    if (runners.length === 0) return undefined;
    return <T>(work: () => T): T =>
      runners.reduceRight<() => T>((inner, runner) => () => runner(inner), work)();
  };
}

/**
 * A streamed answer whose iterator is made, read and closed through `runner`, so each read runs in the scope
 * (a consumer's own context is what an async generator would otherwise resume in).
 */
export function scopedIterable<T>(runner: ScopeRunner, open: () => AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = runner(() => open()[Symbol.asyncIterator]());
      return {
        next: () => runner(() => iterator.next()),
        return: (value?: unknown) =>
          runner(
            () => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined as never }),
          ),
      };
    },
  };
}
