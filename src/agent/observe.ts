import type { AgentEvent, AgentEventEmitter, ListenerErrorEvent } from './events.js';

type Listener = (event: AgentEvent) => unknown;

/**
 * Passes every event of a run through to the consumer after giving it to the agent's emitter. Each listener
 * runs on its own: one that throws (or returns a rejected promise) is reported as a `listener-error` event and
 * the others still run. Stopping the iteration early stops the inner run too.
 */
export async function* observe<Result>(
  emitter: AgentEventEmitter,
  events: AsyncGenerator<AgentEvent, Result>,
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
      const errors = notify(emitter, event);
      yield event;
      if (errors) for (const error of errors) yield error;
    }
  } finally {
    if (!done) await events.return(undefined as Result);
  }
}

/**
 * Calls the event's listeners one by one; returns the `listener-error` events of those that threw (already
 * given to the `listener-error` listeners), or `undefined`.
 */
export function notify(emitter: AgentEventEmitter, event: AgentEvent): ListenerErrorEvent[] | undefined {
  if (emitter.listenerCount(event.type) === 0) return undefined;
  let errors: ListenerErrorEvent[] | undefined;
  for (const listener of emitter.listeners(event.type) as Listener[]) {
    // Removes the listener only if it was registered with once(): we call listeners ourselves, one at a time.
    emitter.removeListener(event.type, listener as never, undefined, true);
    const report = (error: unknown): ListenerErrorEvent => ({
      type: 'listener-error',
      runId: event.runId,
      agent: event.agent,
      eventType: event.type,
      error,
    });
    try {
      const returned = listener(event);
      if (returned instanceof Promise)
        returned.catch((error: unknown) => notifyQuietly(emitter, report(error)));
    } catch (error) {
      const failure = report(error);
      notifyQuietly(emitter, failure);
      errors ??= [];
      errors.push(failure);
    }
  }
  return errors;
}

// Errors of listener-error listeners go nowhere: reporting them would loop.
function notifyQuietly(emitter: AgentEventEmitter, event: ListenerErrorEvent): void {
  if (event.eventType === 'listener-error') return;
  for (const listener of emitter.listeners('listener-error') as Listener[]) {
    emitter.removeListener('listener-error', listener as never, undefined, true);
    try {
      const returned = listener(event);
      if (returned instanceof Promise) returned.catch(() => {});
    } catch {
      // ignored on purpose, see above
    }
  }
}
