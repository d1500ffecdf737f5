/**
 * The attribute names and values dragoman/otel emits. The `gen_ai.*` ones follow the OpenTelemetry GenAI
 * semantic conventions v1.41.0 (open-telemetry/semantic-conventions, docs/gen-ai: "Invoke agent internal
 * span", "Inference" (chat) span, "Execute tool span"; names checked against the incubating registry of
 * @opentelemetry/semantic-conventions 1.45.0). They are copied here rather than imported from the
 * incubating entry point, as that package advises for conventions still in Development. The `dragoman.*`
 * ones are ours, for what the conventions do not cover (routing, context trimming, approvals, cost).
 * @module
 */

/** The conventions version the spans follow; also set as the tracer's schema URL. */
export const SEMCONV_VERSION = '1.41.0';
/** Schema URL of {@link SEMCONV_VERSION}. */
export const SCHEMA_URL = `https://opentelemetry.io/schemas/${SEMCONV_VERSION}`;

/** The `gen_ai.*` attribute names dragoman/otel sets. */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  agentName: 'gen_ai.agent.name',
  conversationId: 'gen_ai.conversation.id',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestSeed: 'gen_ai.request.seed',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  requestStream: 'gen_ai.request.stream',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  outputType: 'gen_ai.output.type',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  toolDefinitions: 'gen_ai.tool.definitions',
  tokenType: 'gen_ai.token.type',
} as const;

/** The GenAI client metrics dragoman/otel records (with a `meterProvider`). */
export const METRIC = {
  operationDuration: 'gen_ai.client.operation.duration',
  tokenUsage: 'gen_ai.client.token.usage',
} as const;

/** `error.type`: a low-cardinality name of what failed (a dragoman error code). */
export const ERROR_TYPE = 'error.type';

/** `server.address` / `server.port` of a `chat` span: the model server's host and port. */
export const SERVER = { address: 'server.address', port: 'server.port' } as const;

/** `gen_ai.operation.name` values, which also start the span names. */
export const OPERATION = { invokeAgent: 'invoke_agent', chat: 'chat', executeTool: 'execute_tool' } as const;

/** dragoman's own attribute names, for what the conventions do not cover. */
export const DRAGOMAN = {
  runId: 'dragoman.run.id',
  runResumed: 'dragoman.run.resumed',
  runStatus: 'dragoman.run.status',
  runStopReason: 'dragoman.run.stop_reason',
  runSteps: 'dragoman.run.steps',
  costUsd: 'dragoman.cost.usd',
  costUnpriced: 'dragoman.cost.unpriced_models',
  provider: 'dragoman.provider',
  step: 'dragoman.step',
  route: 'dragoman.route',
  routeReason: 'dragoman.route.reason',
  routeCodeScore: 'dragoman.route.code_score',
  routeScriptShare: 'dragoman.route.script_share',
  routeFollowUp: 'dragoman.route.follow_up',
  routeImages: 'dragoman.route.images',
  modelRequested: 'dragoman.model.requested',
  modelResolved: 'dragoman.model.resolved',
  retries: 'dragoman.model.retries',
  retry: 'dragoman.retry',
  retryDelayMs: 'dragoman.retry.delay_ms',
  trimKept: 'dragoman.context.kept',
  trimDropped: 'dragoman.context.dropped',
  trimShortened: 'dragoman.context.shortened',
  trimSummarized: 'dragoman.context.summarized',
  trimTokens: 'dragoman.context.tokens',
  trimAvailable: 'dragoman.context.available',
  toolApproval: 'dragoman.tool.approval',
  progressMessage: 'dragoman.progress.message',
  progressFraction: 'dragoman.progress.fraction',
} as const;

/** Names of the span events dragoman adds. */
export const SPAN_EVENT = {
  routeSelect: 'dragoman.route.select',
  modelSubstituted: 'dragoman.model.substituted',
  modelDeprecated: 'dragoman.model.deprecated',
  contextTrim: 'dragoman.context.trim',
  modelRetry: 'dragoman.model.retry',
  toolProgress: 'dragoman.tool.progress',
  approvalRequest: 'dragoman.approval.request',
  approvalDecision: 'dragoman.approval.decision',
} as const;

/**
 * `gen_ai.provider.name` for a dragoman model provider: `mistral_ai` for La Plateforme; `openai` for an
 * OpenAI-compatible server (the conventions' advice for systems reached through an OpenAI-style API, with
 * `dragoman.provider` saying which); the provider's own name otherwise.
 */
export function providerName(provider: string): string {
  if (provider === 'mistral') return 'mistral_ai';
  if (provider === 'openai-compatible') return 'openai';
  return provider;
}

const FINISH_REASONS: Readonly<Record<string, string>> = {
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

/** `gen_ai.response.finish_reasons` entry for a dragoman finish reason (the wire spelling). */
export function finishReasonName(reason: string): string {
  return FINISH_REASONS[reason] ?? reason;
}

/** A low-cardinality name for an error: a dragoman error's `code`, else the error's `name`. */
export function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '_OTHER';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : '_OTHER';
}
