import {
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { AgentEvent, AgentEventOf } from '../agent/events.js';
import { type ContentPolicy, prepareMessages, prepareText, prepareValue } from './content.js';
import {
  DRAGOMAN,
  ERROR_TYPE,
  finishReasonName,
  GEN_AI,
  OPERATION,
  providerName,
  SPAN_EVENT,
} from './semconv.js';

/** What one run's spans need from the tracing setup. */
export interface RunTraceOptions {
  tracer: Tracer;
  /** Message contents, tool arguments and results, progress messages: `undefined` keeps them off spans. */
  content: ContentPolicy | undefined;
}

/**
 * The spans of one run, driven by its events: `invoke_agent` for the run, a `chat` child per model call and
 * an `execute_tool` child per tool call, with dragoman's own facts as attributes and span events. Spans
 * start and end when the events arrive, which is when the loop emits them.
 */
export class RunTrace {
  readonly #options: RunTraceOptions;
  readonly #span: Span;
  readonly #context: Context;
  #chat: Span | undefined;
  #retries = 0;
  #pendingChat: Attributes = {};
  #answer = '';
  readonly #tools = new Map<string, Span>();

  constructor(
    options: RunTraceOptions,
    event: AgentEventOf<'run-start'>,
    parent: Context,
    previous: SpanContext | undefined,
  ) {
    this.#options = options;
    const attributes: Attributes = {
      [GEN_AI.operationName]: OPERATION.invokeAgent,
      [GEN_AI.agentName]: event.agent,
      [DRAGOMAN.runId]: event.runId,
      [DRAGOMAN.runResumed]: event.resumed,
    };
    if (event.sessionId !== undefined) attributes[GEN_AI.conversationId] = event.sessionId;
    if (options.content && event.input.length > 0) {
      attributes[GEN_AI.inputMessages] = prepareMessages(event.input, options.content);
    }
    // A resumed run links to the span of the run it continues, when this process traced it.
    const links: Link[] = previous
      ? [{ context: previous, attributes: { [DRAGOMAN.runId]: event.runId } }]
      : [];
    this.#span = options.tracer.startSpan(
      `${OPERATION.invokeAgent} ${event.agent}`,
      { kind: SpanKind.INTERNAL, attributes, links },
      parent,
    );
    this.#context = trace.setSpan(parent, this.#span);
  }

  /** The run span's context, kept to link a resumed run to the run it continues. */
  get spanContext(): SpanContext {
    return this.#span.spanContext();
  }

  /** Handles one event of the run; returns true when the run span ended. */
  handle(event: AgentEvent): boolean {
    switch (event.type) {
      case 'route-select': {
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
        this.#span.addEvent(SPAN_EVENT.routeSelect, attributes);
        Object.assign(this.#pendingChat, {
          [DRAGOMAN.route]: decision.route,
          [DRAGOMAN.routeReason]: decision.reason,
        });
        return false;
      }
      case 'model-substituted': {
        const { requested, resolved, reason } = event.substitution;
        const attributes = { [DRAGOMAN.modelRequested]: requested, [DRAGOMAN.modelResolved]: resolved };
        this.#span.addEvent(SPAN_EVENT.modelSubstituted, { ...attributes, [DRAGOMAN.routeReason]: reason });
        Object.assign(this.#pendingChat, attributes);
        return false;
      }
      case 'step-start':
        this.#startChat(event);
        return false;
      case 'context-trim': {
        const { report } = event;
        (this.#chat ?? this.#span).addEvent(SPAN_EVENT.contextTrim, {
          [DRAGOMAN.trimKept]: report.kept,
          [DRAGOMAN.trimDropped]: report.dropped,
          [DRAGOMAN.trimShortened]: report.shortened,
          [DRAGOMAN.trimSummarized]: report.summarized,
          [DRAGOMAN.trimTokens]: report.tokens,
          [DRAGOMAN.trimAvailable]: report.available,
        });
        return false;
      }
      case 'model-retry':
        this.#retries++;
        (this.#chat ?? this.#span).addEvent(SPAN_EVENT.modelRetry, {
          [DRAGOMAN.retry]: event.retry,
          [DRAGOMAN.retryDelayMs]: event.delayMs,
          [ERROR_TYPE]: errorType(event.error),
        });
        return false;
      case 'text-delta':
        if (this.#options.content) this.#answer += event.text;
        return false;
      case 'model-call-end':
        this.#endChat(event);
        return false;
      case 'model-deprecated':
        this.#span.addEvent(SPAN_EVENT.modelDeprecated, {
          [GEN_AI.responseModel]: event.warning.model,
          [DRAGOMAN.step]: event.step,
        });
        return false;
      case 'tool-call-start':
        this.#startTool(event);
        return false;
      case 'tool-progress': {
        const attributes: Attributes = { [GEN_AI.toolCallId]: event.toolCallId };
        if (event.fraction !== undefined) attributes[DRAGOMAN.progressFraction] = event.fraction;
        if (this.#options.content) {
          attributes[DRAGOMAN.progressMessage] = prepareText(event.message, this.#options.content);
        }
        (this.#tools.get(event.toolCallId) ?? this.#span).addEvent(SPAN_EVENT.toolProgress, attributes);
        return false;
      }
      case 'tool-call-end':
        this.#endTool(event);
        return false;
      case 'tool-approval-request':
        this.#span.addEvent(SPAN_EVENT.approvalRequest, {
          [GEN_AI.toolName]: event.toolName,
          [GEN_AI.toolCallId]: event.toolCallId,
          [DRAGOMAN.step]: event.step,
        });
        return false;
      case 'run-end':
        this.#endRun(event);
        return true;
      case 'run-error':
        this.#failRun(event.error);
        return true;
      default:
        return false;
    }
  }

  #startChat(event: AgentEventOf<'step-start'>): void {
    const { settings } = event;
    const attributes: Attributes = {
      [GEN_AI.operationName]: OPERATION.chat,
      [GEN_AI.providerName]: providerName(event.provider),
      [DRAGOMAN.provider]: event.provider,
      [GEN_AI.requestModel]: event.model,
      [GEN_AI.agentName]: event.agent,
      [DRAGOMAN.step]: event.step,
      ...this.#pendingChat,
    };
    if (event.route !== undefined) attributes[DRAGOMAN.route] = event.route;
    if (settings.maxTokens !== undefined) attributes[GEN_AI.requestMaxTokens] = settings.maxTokens;
    if (settings.temperature !== undefined) attributes[GEN_AI.requestTemperature] = settings.temperature;
    if (settings.topP !== undefined) attributes[GEN_AI.requestTopP] = settings.topP;
    if (settings.randomSeed !== undefined) attributes[GEN_AI.requestSeed] = settings.randomSeed;
    if (settings.stop?.length) attributes[GEN_AI.requestStopSequences] = [...settings.stop];
    if (settings.responseFormat && settings.responseFormat.type !== 'text')
      attributes[GEN_AI.outputType] = 'json';
    this.#span.setAttribute(GEN_AI.providerName, providerName(event.provider));
    this.#pendingChat = {};
    this.#retries = 0;
    this.#answer = '';
    this.#chat = this.#options.tracer.startSpan(
      `${OPERATION.chat} ${event.model}`,
      { kind: SpanKind.CLIENT, attributes },
      this.#context,
    );
  }

  #endChat(event: AgentEventOf<'model-call-end'>): void {
    const chat = this.#chat;
    if (chat === undefined) return;
    this.#chat = undefined;
    const { usage } = event;
    const attributes: Attributes = {
      [GEN_AI.responseModel]: event.model,
      [GEN_AI.responseFinishReasons]: [finishReasonName(event.finishReason)],
      [GEN_AI.usageInputTokens]: usage.promptTokens,
      [GEN_AI.usageOutputTokens]: usage.completionTokens,
    };
    if (usage.cachedTokens !== undefined) attributes[GEN_AI.usageCacheReadInputTokens] = usage.cachedTokens;
    if (event.responseId !== undefined) attributes[GEN_AI.responseId] = event.responseId;
    if (this.#retries > 0) attributes[DRAGOMAN.retries] = this.#retries;
    if (this.#options.content) {
      const message = {
        role: 'assistant',
        parts: this.#answer ? [{ type: 'text', content: this.#answer }] : [],
      };
      const output = [{ ...message, finish_reason: finishReasonName(event.finishReason) }];
      attributes[GEN_AI.outputMessages] = prepareText(JSON.stringify(output), {
        ...this.#options.content,
        maxLength: Number.POSITIVE_INFINITY,
      });
    }
    chat.setAttributes(attributes);
    chat.end();
  }

  #startTool(event: AgentEventOf<'tool-call-start'>): void {
    const attributes: Attributes = {
      [GEN_AI.operationName]: OPERATION.executeTool,
      [GEN_AI.toolName]: event.toolName,
      [GEN_AI.toolCallId]: event.toolCallId,
      [GEN_AI.toolType]: 'function',
      [DRAGOMAN.step]: event.step,
      [DRAGOMAN.toolValid]: event.valid,
    };
    if (this.#options.content) {
      attributes[GEN_AI.toolCallArguments] = prepareValue(event.args, this.#options.content);
    }
    const span = this.#options.tracer.startSpan(
      `${OPERATION.executeTool} ${event.toolName}`,
      { kind: SpanKind.INTERNAL, attributes },
      this.#context,
    );
    this.#tools.set(event.toolCallId, span);
  }

  #endTool(event: AgentEventOf<'tool-call-end'>): void {
    const span = this.#tools.get(event.toolCallId);
    if (span === undefined) return;
    this.#tools.delete(event.toolCallId);
    if (event.approval !== undefined) {
      span.setAttribute(DRAGOMAN.toolApproval, event.approval);
      this.#span.addEvent(SPAN_EVENT.approvalDecision, {
        [GEN_AI.toolName]: event.toolName,
        [GEN_AI.toolCallId]: event.toolCallId,
        [DRAGOMAN.toolApproval]: event.approval,
      });
    }
    if (this.#options.content) {
      span.setAttribute(GEN_AI.toolCallResult, prepareText(event.result, this.#options.content));
    }
    if (event.isError) {
      const kind = !event.valid ? 'invalid_call' : event.approval === 'rejected' ? 'rejected' : 'tool_error';
      span.setAttribute(ERROR_TYPE, kind);
      span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
    }
    span.end();
  }

  #endRun(event: AgentEventOf<'run-end'>): void {
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
    if (this.#options.content && event.text !== '') {
      const output = [{ role: 'assistant', parts: [{ type: 'text', content: event.text }] }];
      attributes[GEN_AI.outputMessages] = prepareText(JSON.stringify(output), {
        ...this.#options.content,
        maxLength: Number.POSITIVE_INFINITY,
      });
    }
    this.#span.setAttributes(attributes);
    this.#span.end();
  }

  #failRun(error: Error): void {
    const type = errorType(error);
    for (const span of [this.#chat, ...this.#tools.values(), this.#span]) {
      if (span === undefined) continue;
      span.setAttribute(ERROR_TYPE, type);
      if (this.#retries > 0 && span === this.#chat) span.setAttribute(DRAGOMAN.retries, this.#retries);
      // The message of a dragoman error names what failed and never holds the key (the adapters redact it).
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      span.end();
    }
    this.#chat = undefined;
    this.#tools.clear();
  }
}

/** A low-cardinality name for an error: a dragoman error's `code`, else the error's `name`. */
function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '_OTHER';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : '_OTHER';
}
