import { ApiError, ConnectionError } from '../errors.js';
import {
  budgetFor,
  type ContextTrimReport,
  contextOverflowError,
  DEFAULT_OUTPUT_RESERVE,
  fitContext,
  PROMPT_OVERHEAD_TOKENS,
} from '../memory/index.js';
import { messageText } from '../models/message-text.js';
import type {
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  StreamDelta,
} from '../models/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { AgentEvent } from './events.js';
import { fitsWithoutCounting } from './fits-without-counting.js';

/** What one model call needs. */
export interface ModelStepInput {
  agent: Agent<ToolSet, unknown>;
  model: Model;
  contextWindow: number;
  /** The conversation, without the system message. */
  conversation: readonly Message[];
  settings: ModelSettings;
  /** The run's signal, when the caller gave one (see the note in the loop). */
  signal: AbortSignal | undefined;
  /** `stream()` streams; `run()` asks for one complete answer. Both yield the same events. */
  streaming: boolean;
  runId: string;
  step: number;
}

/**
 * Makes one model call: fits the conversation into the window (a `context-trim` event when something was
 * dropped or shortened), calls the model, and yields `text-delta` events. On a context-overflow error before
 * any text arrived, it shrinks the window to what the error reports and retries once.
 */
export async function* modelStep(input: ModelStepInput): AsyncGenerator<AgentEvent, ModelResponse> {
  const { agent, runId, step } = input;
  let contextWindow = input.contextWindow;
  for (let attempt = 1; ; attempt++) {
    const system: Message[] = agent.instructions ? [{ role: 'system', content: agent.instructions }] : [];
    const reserveOutput = input.settings.maxTokens ?? agent.context.reserveOutput ?? DEFAULT_OUTPUT_RESERVE;
    const messages = [...system, ...input.conversation];
    let report: ContextTrimReport | undefined;
    let fittedMessages = messages;
    // With the default counter, short conversations skip counting (see fitsWithoutCounting); a counter the
    // agent was given explicitly is always used, so calibrating counters see every response.
    const mustCount =
      attempt > 1 ||
      agent.context.counter !== undefined ||
      !fitsWithoutCounting(messages, agent.toolSpecs, toolsLength(agent), contextWindow, reserveOutput);
    if (mustCount) {
      const budget = budgetFor({ contextWindow, maxTokens: reserveOutput, tools: agent.toolSpecs });
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
    let textSent = false;
    try {
      let response: ModelResponse | undefined;
      if (input.streaming) {
        for await (const delta of input.model.stream(request, input.signal ? { signal: input.signal } : {})) {
          if (delta.type === 'text-delta') {
            if (delta.text === '') continue;
            textSent = true;
            yield { type: 'text-delta', runId, agent: agent.name, step, text: delta.text };
          } else if (delta.type === 'finish') response = delta.response;
        }
      } else {
        // run(): one complete answer, replayed as one text delta so both paths emit the same events.
        response = await input.model.generate(request, input.signal ? { signal: input.signal } : {});
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
    } catch (error) {
      if (attempt > 1 || textSent || !(error instanceof ApiError) || error.code !== 'context-overflow')
        throw error;
      contextWindow = shrunkWindow(contextWindow, error);
    }
  }
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

// The server counted more tokens than we did, or its window is smaller than the catalog says: scale the
// window by the server's own numbers (5% extra off for the next count's error), or by 20% without them.
function shrunkWindow(contextWindow: number, error: ApiError): number {
  const { promptTokens, maxContextTokens } = error;
  if (promptTokens && maxContextTokens && promptTokens > 0) {
    const ceiling = Math.min(contextWindow, maxContextTokens);
    return Math.floor(ceiling * Math.min(0.95, maxContextTokens / promptTokens));
  }
  return Math.floor(contextWindow * 0.8);
}
