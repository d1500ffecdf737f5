import {
  budgetFor,
  type ContextTrimReport,
  contextOverflowError,
  DEFAULT_OUTPUT_RESERVE,
  fitContext,
  shrinkBudgetForOverflow,
} from '../context/index.js';
import { ApiError, ConnectionError } from '../errors.js';
import { abortable } from '../models/abortable.js';
import { messageText } from '../models/message-text.js';
import type {
  CallOptions,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  StreamDelta,
} from '../models/types.js';
import type { RouteCallSettings } from '../routing/types.js';
import { defaultTokenCounter, PROMPT_OVERHEAD_TOKENS } from '../tokens/index.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import { type CallScope, scopedIterable } from './call-scope.js';
import type { AgentEvent } from './events.js';
import { fitsWithoutCounting } from './fits-without-counting.js';
import { type IdleWatch, watchIdle } from './idle-watch.js';
import { Notices } from './notices.js';

/** What one model call needs. */
export interface ModelStepInput {
  agent: Agent<ToolSet, unknown>;
  model: Model;
  contextWindow: number;
  /** The conversation, without the system message. */
  conversation: readonly Message[];
  settings: ModelSettings;
  /** The route's instructions and answer prefix, when the router gave some. */
  call?: RouteCallSettings;
  /** The run's signal, when the caller gave one. No signal spares the adapter from combining signals. */
  signal: AbortSignal | undefined;
  /** `stream()` streams; `run()` asks for one complete answer. Both yield the same events. */
  streaming: boolean;
  runId: string;
  step: number;
  /** The run's call scope (from its listeners), if any: the call runs inside it. */
  scope: CallScope | undefined;
}

/**
 * Makes one model call: fits the conversation into the window (a `context-trim` event when something was
 * dropped or shortened), calls the model, and yields `text-delta` events. On a context-overflow error before
 * any text arrived, it shrinks the window to what the error reports and retries once.
 */
export async function* modelStep(input: ModelStepInput): AsyncGenerator<AgentEvent, ModelResponse> {
  const { agent, runId, step, signal } = input;
  const instructions = [agent.instructions, input.call?.instructions].filter(Boolean).join('\n\n');
  const system: Message[] = instructions ? [{ role: 'system', content: instructions }] : [];
  const messages = [...system, ...input.conversation];
  // A route's prefix holds the answer to a language; only a user turn is answered with text.
  if (input.call?.prefix && input.conversation.at(-1)?.role === 'user') {
    messages.push({ role: 'assistant', content: input.call.prefix, prefix: true });
  }
  const reserveOutput = input.settings.maxTokens ?? agent.context.reserveOutput ?? DEFAULT_OUTPUT_RESERVE;
  let budget = budgetFor({
    contextWindow: input.contextWindow,
    maxTokens: reserveOutput,
    tools: agent.toolSpecs,
  });
  for (let attempt = 1; ; attempt++) {
    let report: ContextTrimReport | undefined;
    let fittedMessages = messages;
    // With the default counter, short conversations skip counting (see fitsWithoutCounting); a counter the
    // agent was given explicitly is always used, so calibrating counters see every response.
    const mustCount =
      attempt > 1 ||
      agent.context.counter !== undefined ||
      !fitsWithoutCounting(
        messages,
        agent.toolSpecs,
        toolsLength(agent),
        budget.contextWindow,
        reserveOutput,
      );
    if (mustCount) {
      const fitted = fitContext(messages, budget, agent.context);
      report = fitted.report;
      fittedMessages = fitted.messages;
      if (report.dropped + report.shortened + report.summarized > 0) {
        yield { type: 'context-trim', runId, agent: agent.name, step, report };
      }
      // Even the system prompt and the latest turn do not fit: fail here, with the numbers, not on the wire.
      const overflow = contextOverflowError(report);
      if (overflow) throw overflow;
    }
    const request: ModelRequest = { messages: fittedMessages, settings: input.settings };
    if (agent.toolSpecs.length > 0) request.tools = agent.toolSpecs as ModelRequest['tools'];
    const retries = new Notices<AgentEvent>();
    const model = input.model.id;
    const idleTimeoutMs = agent.modelIdleTimeoutMs;
    const watch = watching(idleTimeoutMs) ? watchIdle({ idleTimeoutMs, signal, model, step }) : undefined;
    const callSignal = watch?.signal ?? signal;
    const callOptions: CallOptions = {
      onRetry: ({ retry, delayMs, error }) => {
        watch?.touch();
        retries.push({ type: 'model-retry', runId, agent: agent.name, step, model, retry, delayMs, error });
      },
    };
    if (callSignal) callOptions.signal = callSignal;
    let textSent = false;
    const runner = input.scope?.({ type: 'model-call', runId, agent: agent.name, step, request });
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
            textSent = true;
            yield { type: 'text-delta', runId, agent: agent.name, step, text: delta.text };
          } else if (delta.type === 'finish') response = delta.response;
        }
      } else {
        // run(): one complete answer, replayed as one text delta so both paths emit the same events.
        const generate = () => input.model.generate(request, callOptions);
        const call = runner ? runner(generate) : generate();
        const answer = watch ? watch.wait(call) : call;
        response = yield* retries.until(
          callSignal ? abortable(answer, callSignal, 'The model call') : answer,
        );
        const text = messageText(response.message);
        if (text !== '') yield { type: 'text-delta', runId, agent: agent.name, step, text };
      }
      if (response === undefined) {
        throw new ConnectionError(
          'malformed-response',
          `The stream from model "${input.model.id}" ended without a final chunk.`,
        );
      }
      if (report) calibrate(agent, report.tokens, response.usage.promptTokens);
      return response;
    } catch (caught) {
      yield* retries.flush();
      // Whatever a model that was cut off by the idle watch threw, the run fails with the timeout.
      const error = watch?.timedOut ?? caught;
      if (attempt > 1 || textSent || !(error instanceof ApiError) || error.code !== 'context-overflow') {
        throw error;
      }
      // The provider counted more than fits: retry once with the window it reports, scaled by how far our
      // count of this prompt was below its count.
      const counted =
        (report ?? fitContext(messages, budget, agent.context).report).tokens + fixedTokens(agent);
      budget = shrinkBudgetForOverflow(budget, error, counted);
    } finally {
      watch?.stop();
    }
  }
}

/** Whether an idle timeout is set: `0` and `Infinity` turn it off. */
function watching(idleTimeoutMs: number): boolean {
  return idleTimeoutMs > 0 && idleTimeoutMs !== Number.POSITIVE_INFINITY;
}

/**
 * The model's deltas, each `next()` raced against the call's signal (the run's, or the idle watch's), so a
 * model that ignores its signal cannot hold an aborted run. The watch counts the silence of each wait.
 * Leaving early closes the model's stream (without waiting for a stuck one).
 */
async function* raced(
  deltas: AsyncIterable<StreamDelta>,
  signal: AbortSignal | undefined,
  watch: IdleWatch | undefined,
): AsyncGenerator<StreamDelta> {
  if (signal === undefined) {
    yield* deltas;
    return;
  }
  const iterator = deltas[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const pending = iterator.next();
      const next = await abortable(watch ? watch.wait(pending) : pending, signal, 'The model call');
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) {
      const closing = iterator.return?.();
      if (signal.aborted) closing?.catch(() => {});
      else await closing;
    }
  }
}

/** Tokens of the prompt besides the messages: tool schemas and the template's fixed overhead. */
function fixedTokens(agent: Agent<ToolSet, unknown>): number {
  const counter = agent.context.counter ?? defaultTokenCounter();
  return (agent.toolSpecs.length > 0 ? counter.countTools(agent.toolSpecs) : 0) + PROMPT_OVERHEAD_TOKENS;
}

// The tool schemas' JSON length, computed once per agent (the specs are frozen with it).
const toolsLengths = new WeakMap<object, number>();
function toolsLength(agent: Agent<ToolSet, unknown>): number {
  let length = toolsLengths.get(agent.toolSpecs);
  if (length === undefined) {
    length = agent.toolSpecs.length === 0 ? 0 : JSON.stringify(agent.toolSpecs).length;
    toolsLengths.set(agent.toolSpecs, length);
  }
  return length;
}

// A calibrating counter (for models whose tokenizer is unpublished) learns from the provider's own count.
function calibrate(agent: Agent<ToolSet, unknown>, messageTokens: number, promptTokens: number): void {
  const counter = agent.context.counter;
  if (
    counter === undefined ||
    !('observe' in counter) ||
    typeof counter.observe !== 'function' ||
    promptTokens <= 0
  )
    return;
  const toolTokens = agent.toolSpecs.length > 0 ? counter.countTools(agent.toolSpecs) : 0;
  counter.observe(promptTokens, messageTokens + toolTokens + PROMPT_OVERHEAD_TOKENS);
}
