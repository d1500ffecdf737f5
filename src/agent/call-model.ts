import { ConnectionError } from '../errors.js';
import { abortable } from '../models/abortable.js';
import { messageText } from '../models/message-text.js';
import type { CallOptions, ModelRequest, ModelResponse } from '../models/types.js';
import { scopedIterable } from './call-scope.js';
import type { AgentEvent } from './events.js';
import { watchIdle } from './idle-watch.js';
import type { ModelStepInput } from './model-step.js';
import { Notices } from './notices.js';
import { raced } from './raced-deltas.js';

/**
 * One attempt at a model call, with the request already fitted: streamed for `stream()` (a `text-delta`
 * per delta) or complete for `run()` (replayed as one `text-delta`, so both emit the same events), its
 * retries as `model-retry` events, and the whole call watched for silence (`modelIdleTimeoutMs`, the run's
 * or the agent's). Sets `sent.text` once text went out, after which the caller must not retry.
 * @throws the model's error, or a `ConnectionError` (`timeout`) when the idle watch cut the call off.
 */
export async function* callModel(
  input: ModelStepInput,
  request: ModelRequest,
  sent: { text: boolean },
): AsyncGenerator<AgentEvent, ModelResponse> {
  const { agent, runId, step, signal } = input;
  const retries = new Notices<AgentEvent>();
  const model = input.model.id;
  const idleTimeoutMs = input.modelIdleTimeoutMs;
  const watch = watching(idleTimeoutMs) ? watchIdle({ idleTimeoutMs, signal, model, step }) : undefined;
  const callSignal = watch?.signal ?? signal;
  const callOptions: CallOptions = {
    signal: callSignal,
    onRetry: ({ retry, delayMs, error }) => {
      watch?.touch();
      retries.push({ type: 'model-retry', runId, agent: agent.name, step, model, retry, delayMs, error });
    },
  };
  const runner = input.scope?.({
    type: 'model-call',
    runId,
    agent: agent.name,
    step,
    request,
    streaming: input.streaming,
  });
  try {
    let response: ModelResponse | undefined;
    if (input.streaming) {
      const open = () => input.model.stream(request, callOptions);
      const deltas = runner ? scopedIterable(runner, open) : open();
      // Retries happen before the first delta; their events come out just before it.
      for await (const delta of raced(deltas, callSignal, watch)) {
        yield* retries.flush();
        if (delta.type === 'text-delta') {
          if (delta.text === '') continue;
          sent.text = true;
          yield { type: 'text-delta', runId, agent: agent.name, step, text: delta.text };
        } else if (delta.type === 'finish') response = delta.response;
      }
    } else {
      const generate = () => input.model.generate(request, callOptions);
      const call = runner ? runner(generate) : generate();
      const answer = watch ? watch.wait(call) : call;
      response = yield* retries.until(abortable(answer, callSignal, 'The model call'));
      const text = messageText(response.message);
      if (text !== '') yield { type: 'text-delta', runId, agent: agent.name, step, text };
    }
    if (response === undefined) {
      throw new ConnectionError(
        'malformed-response',
        `The stream from model "${model}" ended without a final chunk.`,
      );
    }
    return response;
  } catch (error) {
    yield* retries.flush();
    // Whatever a model that was cut off by the idle watch threw, the run fails with the timeout.
    throw watch?.timedOut ?? error;
  } finally {
    watch?.stop();
  }
}

/** Whether an idle timeout is set: `0` and `Infinity` turn it off. */
function watching(idleTimeoutMs: number): boolean {
  return idleTimeoutMs > 0 && idleTimeoutMs !== Number.POSITIVE_INFINITY;
}
