import type { AgentEvent, AgentEventEmitter, ListenerErrorEvent } from './events.js';

type Listener = (event: AgentEvent) => unknown;

/** The run's own listener (`run(agent, input, { onEvent })`), if any. */
export type RunListener = ((event: AgentEvent) => void) | undefined;

/**
 * Passes every event of a run through to the consumer after giving it to the agent's emitter and the run's
 * own listener. Each listener runs on its own: one that throws (or returns a rejected promise) is reported as
 * a `listener-error` event and the others still run. Stopping the iteration early stops the inner run too.
 */
export async function* observe<Result>(
  emitter: AgentEventEmitter,
  events: AsyncGenerator<AgentEvent, Result>,
  onEvent?: RunListener,
): AsyncGenerator<AgentEvent, Result> {
  let done = false;
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) {
        done = true;
        return next.value;
      }
      const event = next.value;
      const errors = notify(emitter, event, onEvent);
      yield event;
      if (errors) for (const error of errors) yield error;
    }
  } finally {
    if (!done) await events.return(undefined as Result);
  }
}

/**
 * Calls the event's listeners one by one, then the run's own listener; returns the `listener-error` events
 * of those that threw (already given to the `listener-error` listeners and the run's listener), or
 * `undefined`.
 */
export function notify(
  emitter: AgentEventEmitter,
  event: AgentEvent,
  onEvent?: RunListener,
): ListenerErrorEvent[] | undefined {
  let errors: ListenerErrorEvent[] | undefined;
  const report = (error: unknown): ListenerErrorEvent => ({
    type: 'listener-error',
    runId: event.runId,
    agent: event.agent,
    eventType: event.type,
    error,
  });
  const call = (listener: Listener) => {
    try {
      const returned = listener(event);
      if (returned instanceof Promise)
        returned.catch((error: unknown) => notifyQuietly(emitter, report(error), onEvent));
    } catch (error) {
      errors ??= [];
      errors.push(report(error));
    }
  };
  if (emitter.listenerCount(event.type) > 0) {
    for (const listener of emitter.listeners(event.type) as Listener[]) {
      // Removes the listener only if it was registered with once(): we call listeners ourselves, one at a time.
      emitter.removeListener(event.type, listener as never, undefined, true);
      call(listener);
    }
  }
  if (onEvent) call(onEvent);
  if (errors) for (const failure of errors) notifyQuietly(emitter, failure, onEvent);
  return errors;
}

// Errors of listener-error listeners go nowhere: reporting them would loop.
function notifyQuietly(emitter: AgentEventEmitter, event: ListenerErrorEvent, onEvent: RunListener): void {
  if (event.eventType === 'listener-error') return;
  const listeners = emitter.listeners('listener-error') as Listener[];
  for (const listener of onEvent ? [...listeners, onEvent] : listeners) {
    emitter.removeListener('listener-error', listener as never, undefined, true);
    try {
      const returned = listener(event);
      if (returned instanceof Promise) returned.catch(() => {});
    } catch {
      // ignored on purpose, see above
    }
  }
}
