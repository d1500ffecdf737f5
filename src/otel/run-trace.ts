import {
  type Attributes,
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ScopedCall, ScopeRunner } from '../agent/call-scope.js';
import type { AgentEvent, AgentEventOf } from '../agent/events.js';
import { type ContentPolicy, prepareAnswer, prepareMessages, prepareText, prepareValue } from './content.js';
import {
  DRAGOMAN,
  ERROR_TYPE,
  errorType,
  finishReasonName,
  GEN_AI,
  OPERATION,
  providerName,
  SPAN_EVENT,
} from './semconv.js';
import {
  chatEndAttributes,
  chatRequestAttributes,
  chatSamplingAttributes,
  modelCallAttributes,
  routeSelectAttributes,
  runEndAttributes,
  toolCallAttributes,
  toolSamplingAttributes,
} from './span-attributes.js';

/** What one run's spans need from the tracing setup. */
export interface RunTraceOptions {
  tracer: Tracer;
  /** Message contents, tool arguments and results, progress messages: `undefined` keeps them off spans. */
  content: ContentPolicy | undefined;
}

/**
 * The spans of one run, driven by its events: `invoke_agent` for the run, a `chat` child per model call and
 * an `execute_tool` child per tool call, with dragoman's own facts as attributes and span events. Spans
 * start and end when the events arrive, which is when the loop emits them; the calls themselves run inside
 * their span's context (see {@link RunTrace.scope}).
 */
export class RunTrace {
  readonly #options: RunTraceOptions;
  readonly #span: Span;
  readonly #context: Context;
  /**
   * False when the run span is not recorded (sampled out, or a no-op tracer): then nothing else is built,
   * and the run's calls still run in its context, so what they trace carries its sampling decision.
   */
  readonly #recording: boolean;
  #provider: string | undefined;
  #chat: Span | undefined;
  #retries = 0;
  /** Attributes for the next `chat` span, learnt from the events before its `step-start`. */
  #pendingChat: Attributes | undefined;
  #answer = '';
  readonly #tools = new Map<string, Span>();

  constructor(
    options: RunTraceOptions,
    event: AgentEventOf<'run-start'>,
    parent: Context,
    previous: SpanContext | undefined,
  ) {
    this.#options = options;
    // A resumed run links to the span of the run it continues, when this process traced it.
    const links: Link[] | undefined = previous
      ? [{ context: previous, attributes: { [DRAGOMAN.runId]: event.runId } }]
      : undefined;
    this.#span = options.tracer.startSpan(
      `${OPERATION.invokeAgent} ${event.agent}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: { [GEN_AI.operationName]: OPERATION.invokeAgent, [GEN_AI.agentName]: event.agent },
        links,
      },
      parent,
    );
    this.#context = trace.setSpan(parent, this.#span);
    this.#recording = this.#span.isRecording();
    if (!this.#recording) return;
    const attributes: Attributes = {
      [DRAGOMAN.runId]: event.runId,
      [DRAGOMAN.runResumed]: event.resumed,
    };
    if (event.sessionId !== undefined) attributes[GEN_AI.conversationId] = event.sessionId;
    if (options.content && event.input.length > 0) {
      attributes[GEN_AI.inputMessages] = prepareMessages(event.input, options.content);
    }
    this.#span.setAttributes(attributes);
  }

  /** The run span's context, kept to link a resumed run to the run it continues. */
  get spanContext(): SpanContext {
    return this.#span.spanContext();
  }

  /**
   * Runs a model call inside its `chat` span's context and a tool call inside its `execute_tool` span's, so
   * spans made during the call (the HTTP request, by an HTTP instrumentation) are their children; with
   * `enter` false, leaves the call in the caller's context; the loop's own I/O (`run-work`) runs in the run
   * span's. Adds the `chat` span's attributes known only now (see {@link modelCallAttributes}).
   */
  scope(call: ScopedCall, enter: boolean): ScopeRunner | undefined {
    // The loop's own I/O (session load and save, a router's choice) runs under the run span.
    if (!this.#recording || call.type === 'run-work') {
      return enter ? (work) => context.with(this.#context, work) : undefined;
    }
    const span = call.type === 'model-call' ? this.#chat : this.#tools.get(call.toolCallId);
    if (span === undefined) return undefined;
    if (call.type === 'model-call') span.setAttributes(modelCallAttributes(call, this.#options.content));
    if (!enter) return undefined;
    const scoped = trace.setSpan(this.#context, span);
    return (work) => context.with(scoped, work);
  }

  /** Handles one event of the run; returns true when the run span ended. */
  handle(event: AgentEvent): boolean {
    if (!this.#recording) {
      const ended = event.type === 'run-end' || event.type === 'run-error';
      if (ended) this.#span.end();
      return ended;
    }
    switch (event.type) {
      case 'route-select':
        this.#span.addEvent(SPAN_EVENT.routeSelect, routeSelectAttributes(event));
        // The route itself reaches the chat span from its step-start; the reason only from here.
        this.#pendingChat ??= {};
        this.#pendingChat[DRAGOMAN.routeReason] = event.decision.reason;
        return false;
      case 'model-substituted': {
        const { requested, resolved, reason } = event.substitution;
        this.#span.addEvent(SPAN_EVENT.modelSubstituted, {
          [DRAGOMAN.modelRequested]: requested,
          [DRAGOMAN.modelResolved]: resolved,
          [DRAGOMAN.routeReason]: reason,
        });
        this.#pendingChat ??= {};
        this.#pendingChat[DRAGOMAN.modelRequested] = requested;
        this.#pendingChat[DRAGOMAN.modelResolved] = resolved;
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
      case 'model-call-end': {
        const chat = this.#chat;
        this.#chat = undefined;
        if (chat)
          this.#close(chat, chatEndAttributes(event, this.#retries), this.#answer, event.finishReason);
        return false;
      }
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
        this.#close(this.#span, runEndAttributes(event), event.text, undefined);
        return true;
      case 'run-error':
        this.#failRun(event.error);
        return true;
      default:
        return false;
    }
  }

  #startChat(event: AgentEventOf<'step-start'>): void {
    if (event.provider !== this.#provider) {
      this.#provider = event.provider;
      this.#span.setAttribute(GEN_AI.providerName, providerName(event.provider));
    }
    this.#retries = 0;
    this.#answer = '';
    const chat = this.#options.tracer.startSpan(
      `${OPERATION.chat} ${event.model}`,
      { kind: SpanKind.CLIENT, attributes: chatSamplingAttributes(event) },
      this.#context,
    );
    const attributes = chatRequestAttributes(event);
    if (this.#pendingChat) Object.assign(attributes, this.#pendingChat);
    this.#pendingChat = undefined;
    chat.setAttributes(attributes);
    this.#chat = chat;
  }

  #startTool(event: AgentEventOf<'tool-call-start'>): void {
    const span = this.#options.tracer.startSpan(
      `${OPERATION.executeTool} ${event.toolName}`,
      { kind: SpanKind.INTERNAL, attributes: toolSamplingAttributes(event) },
      this.#context,
    );
    const attributes = toolCallAttributes(event);
    if (this.#options.content) {
      attributes[GEN_AI.toolCallArguments] = prepareValue(event.args, this.#options.content);
    }
    span.setAttributes(attributes);
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

  /**
   * Ends a `chat` or the run span with its closing attributes and, with contents on, the answer as
   * `gen_ai.output.messages` (with its finish reason on a `chat` span).
   */
  #close(span: Span, attributes: Attributes, answer: string, finishReason: string | undefined): void {
    const { content } = this.#options;
    if (content && (finishReason !== undefined || answer !== '')) {
      const reason = finishReason === undefined ? undefined : finishReasonName(finishReason);
      attributes[GEN_AI.outputMessages] = prepareAnswer(answer, reason, content);
    }
    span.setAttributes(attributes);
    span.end();
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
