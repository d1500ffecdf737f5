/**
 * The attributes of dragoman's spans and span events, built from the events that start and end them.
 * @module
 */
import type { Attributes } from '@opentelemetry/api';
import type { ScopedCall } from '../agent/call-scope.js';
import type { AgentEventOf } from '../agent/events.js';
import { OUTPUT_TOOL_NAME } from '../agent/output-tool.js';
import { type ContentPolicy, prepareMessages } from './content.js';
import { DRAGOMAN, finishReasonName, GEN_AI, OPERATION, providerName, SERVER } from './semconv.js';
import { prepareToolDefinitions } from './tool-definitions.js';

/**
 * A `chat` span's attributes for its creation, where a sampler sees them: the ones the conventions list as
 * sampling-relevant (operation, provider, requested model, server). The rest follow in
 * {@link chatRequestAttributes}. Also the model-call metrics' attributes.
 */
export function chatSamplingAttributes(event: AgentEventOf<'step-start'>): Attributes {
  const attributes: Attributes = {
    [GEN_AI.operationName]: OPERATION.chat,
    [GEN_AI.providerName]: providerName(event.provider),
    [GEN_AI.requestModel]: event.model,
  };
  if (event.server !== undefined) {
    attributes[SERVER.address] = event.server.address;
    attributes[SERVER.port] = event.server.port;
  }
  return attributes;
}

/**
 * The rest of a `chat` span's attributes known when the call starts: the step, the route and the request
 * settings. Set right after creation: the SDK checks attributes given at creation three times, these once.
 */
export function chatRequestAttributes(event: AgentEventOf<'step-start'>): Attributes {
  const { settings } = event;
  const attributes: Attributes = { [DRAGOMAN.step]: event.step };
  // gen_ai.provider.name is `openai` for any OpenAI-compatible server: say which kind it is.
  if (event.provider === 'openai-compatible') attributes[DRAGOMAN.provider] = event.provider;
  if (event.route !== undefined) attributes[DRAGOMAN.route] = event.route;
  if (settings.maxTokens !== undefined) attributes[GEN_AI.requestMaxTokens] = settings.maxTokens;
  if (settings.temperature !== undefined) attributes[GEN_AI.requestTemperature] = settings.temperature;
  if (settings.topP !== undefined) attributes[GEN_AI.requestTopP] = settings.topP;
  if (settings.randomSeed !== undefined) attributes[GEN_AI.requestSeed] = settings.randomSeed;
  if (settings.stop?.length) attributes[GEN_AI.requestStopSequences] = [...settings.stop];
  if (settings.responseFormat && settings.responseFormat.type !== 'text') {
    attributes[GEN_AI.outputType] = 'json';
  }
  return attributes;
}

/**
 * A `chat` span's attributes known when the call is about to be sent: whether it streams, `json` output for
 * an agent that answers through its `final_answer` output tool (as {@link chatRequestAttributes} says for a
 * JSON response format), and with contents on what is sent (`gen_ai.input.messages`) and the tools offered
 * (`gen_ai.tool.definitions`).
 */
export function modelCallAttributes(
  call: Extract<ScopedCall, { type: 'model-call' }>,
  content: ContentPolicy | undefined,
): Attributes {
  const { tools, messages } = call.request;
  const attributes: Attributes = { [GEN_AI.requestStream]: call.streaming };
  if (tools?.some((tool) => tool.name === OUTPUT_TOOL_NAME)) attributes[GEN_AI.outputType] = 'json';
  if (content) {
    attributes[GEN_AI.inputMessages] = prepareMessages(messages, content);
    if (tools?.length) attributes[GEN_AI.toolDefinitions] = prepareToolDefinitions(tools, content.tools);
  }
  return attributes;
}

/** A `chat` span's attributes known when the model answered. */
export function chatEndAttributes(event: AgentEventOf<'model-call-end'>, retries: number): Attributes {
  const { usage } = event;
  const attributes: Attributes = {
    [GEN_AI.responseModel]: event.model,
    [GEN_AI.responseFinishReasons]: [finishReasonName(event.finishReason)],
    [GEN_AI.usageInputTokens]: usage.promptTokens,
    [GEN_AI.usageOutputTokens]: usage.completionTokens,
  };
  if (usage.cachedTokens !== undefined) attributes[GEN_AI.usageCacheReadInputTokens] = usage.cachedTokens;
  if (event.responseId !== undefined) attributes[GEN_AI.responseId] = event.responseId;
  if (retries > 0) attributes[DRAGOMAN.retries] = retries;
  return attributes;
}

/** The `invoke_agent` span's attributes when the run ends: outcome, token totals, cost. */
export function runEndAttributes(event: AgentEventOf<'run-end'>): Attributes {
  const { usage } = event;
  const attributes: Attributes = {
    [DRAGOMAN.runStatus]: event.status,
    [DRAGOMAN.runStopReason]: event.stopReason,
    [DRAGOMAN.runSteps]: event.steps,
    [GEN_AI.usageInputTokens]: usage.total.promptTokens,
    [GEN_AI.usageOutputTokens]: usage.total.completionTokens,
    [DRAGOMAN.costUsd]: usage.cost.total,
  };
  if (usage.total.cachedTokens !== undefined) {
    attributes[GEN_AI.usageCacheReadInputTokens] = usage.total.cachedTokens;
  }
  if (usage.cost.unpriced.length > 0) attributes[DRAGOMAN.costUnpriced] = [...usage.cost.unpriced];
  return attributes;
}

/** An `execute_tool` span's attributes for its creation: the operation and the tool's name. */
export function toolSamplingAttributes(event: AgentEventOf<'tool-call-start'>): Attributes {
  return { [GEN_AI.operationName]: OPERATION.executeTool, [GEN_AI.toolName]: event.toolName };
}

/** The rest of an `execute_tool` span's attributes known when the call starts. */
export function toolCallAttributes(event: AgentEventOf<'tool-call-start'>): Attributes {
  return {
    [GEN_AI.toolCallId]: event.toolCallId,
    [GEN_AI.toolType]: 'function',
    [DRAGOMAN.step]: event.step,
  };
}

/** The `dragoman.route.select` span event: the route, why, and the signals it was chosen on. */
export function routeSelectAttributes(event: AgentEventOf<'route-select'>): Attributes {
  const { decision } = event;
  const attributes: Attributes = {
    [DRAGOMAN.step]: event.step,
    [DRAGOMAN.route]: decision.route,
    [DRAGOMAN.routeReason]: decision.reason,
    [DRAGOMAN.routeCodeScore]: decision.signals.codeScore,
    [DRAGOMAN.routeFollowUp]: decision.signals.followUp,
    [DRAGOMAN.routeImages]: decision.signals.images,
    [GEN_AI.requestModel]: decision.model,
  };
  for (const [script, share] of Object.entries(decision.signals.scripts)) {
    attributes[`${DRAGOMAN.routeScriptShare}.${script}`] = share;
  }
  return attributes;
}
