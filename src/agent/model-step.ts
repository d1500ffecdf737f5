import {
  budgetFor,
  type ContextTrimReport,
  contextOverflowError,
  DEFAULT_OUTPUT_RESERVE,
  fitContext,
  shrinkBudgetForOverflow,
} from '../context/index.js';
import { ApiError } from '../errors.js';
import type { Message, Model, ModelRequest, ModelResponse, ModelSettings } from '../models/types.js';
import type { RouteCallSettings } from '../routing/types.js';
import { defaultTokenCounter, PROMPT_OVERHEAD_TOKENS } from '../tokens/index.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import { callModel } from './call-model.js';
import type { CallScope } from './call-scope.js';
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
  /** The route's instructions and answer prefix, when the router gave some. */
  call?: RouteCallSettings;
  /** The run's signal. */
  signal: AbortSignal;
  /** `stream()` streams; `run()` asks for one complete answer. Both yield the same events. */
  streaming: boolean;
  runId: string;
  step: number;
  /** The run's call scope (from its listeners), if any: the call runs inside it. */
  scope: CallScope | undefined;
  /** Longest silence of the call, in ms (0 or Infinity: none): the run's option, else the agent's. */
  modelIdleTimeoutMs: number;
}

/**
 * Makes one model call: fits the conversation into the window (a `context-trim` event when something was
 * dropped or shortened), calls the model, and yields `text-delta` events. On a context-overflow error before
 * any text arrived, it shrinks the window to what the error reports and retries once.
 */
export async function* modelStep(input: ModelStepInput): AsyncGenerator<AgentEvent, ModelResponse> {
  const { agent, runId, step } = input;
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
    // With the default counter, short conversations skip counting (see fitsWithoutCounting): a run that
    // never counts never loads the Tekken vocabulary, which the cold-start target (process start to first
    // result <= 1.2x Vercel AI's, docs/performance.md) needs. A counter the agent was given explicitly is
    // always used, so calibrating counters see every response.
    const mustCount =
      attempt > 1 ||
      agent.context.counter !== undefined ||
      !fitsWithoutCounting(
        messages,
        agent.toolSpecs,
        agent.toolSpecs.length === 0 ? 0 : JSON.stringify(agent.toolSpecs).length,
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
    const sent = { text: false };
    try {
      const response = yield* callModel(input, request, sent);
      if (report) calibrate(agent, report.tokens, response.usage.promptTokens);
      return response;
    } catch (error) {
      if (attempt > 1 || sent.text || !(error instanceof ApiError) || error.code !== 'context-overflow') {
        throw error;
      }
      // The provider counted more than fits: retry once with the window it reports, scaled by how far our
      // count of this prompt was below its count.
      const counted =
        (report ?? fitContext(messages, budget, agent.context).report).tokens + fixedTokens(agent);
      budget = shrinkBudgetForOverflow(budget, error, counted);
    }
  }
}

/** Tokens of the prompt besides the messages: tool schemas and the template's fixed overhead. */
function fixedTokens(agent: Agent<ToolSet, unknown>): number {
  const counter = agent.context.counter ?? defaultTokenCounter();
  return (agent.toolSpecs.length > 0 ? counter.countTools(agent.toolSpecs) : 0) + PROMPT_OVERHEAD_TOKENS;
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
