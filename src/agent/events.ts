import type { EventEmitter } from 'eventemitter3';
import type { ContextTrimReport } from '../context/types.js';
import type { ModelDeprecationWarning } from '../models/catalog/index.js';
import type { FinishReason, ImagePart, Message, ModelServer, ModelSettings, Usage } from '../models/types.js';
import type { ModelSubstitution, RouteDecision } from '../routing/types.js';
import type { ToolSet } from '../tools/types.js';
import type { ToolCallOf, ToolCallOutcome, ToolNameOf } from './tool-calls.js';
import type { PendingApproval, RunStatus, StopReason, UsageSummary } from './types.js';

/** Fields every event carries. */
interface EventBase {
  /** The run this event belongs to. */
  runId: string;
  /** The agent's name. */
  agent: string;
}

/** Fields of events that belong to one step (one model call). */
interface StepEventBase extends EventBase {
  /** 1-based step number within the run. */
  step: number;
}

/** The run started (or resumed after approvals). */
export interface RunStartEvent extends EventBase {
  type: 'run-start';
  sessionId: string | undefined;
  /** The input turn's messages (empty when resuming). */
  input: Message[];
  resumed: boolean;
}

/** The router chose a route and model for the next step. Only emitted for agents with a router. */
export interface RouteSelectEvent extends StepEventBase {
  type: 'route-select';
  decision: RouteDecision;
}

/** A retired model was replaced by its successor. */
export interface ModelSubstitutedEvent extends StepEventBase {
  type: 'model-substituted';
  substitution: ModelSubstitution;
}

/**
 * The provider says the model that answered is deprecated (Mistral's `x-model-deprecation-timestamp`
 * header). Emitted once per model per router (catalog), or once per run for an agent with a fixed model.
 */
export interface ModelDeprecatedEvent extends StepEventBase {
  type: 'model-deprecated';
  warning: ModelDeprecationWarning;
}

/** The context manager dropped, shortened or summarized messages to fit the model's window. */
export interface ContextTrimEvent extends StepEventBase {
  type: 'context-trim';
  report: ContextTrimReport;
}

/** A model call is about to start. */
export interface StepStartEvent extends StepEventBase {
  type: 'step-start';
  /** The model id the call asks for. */
  model: string;
  /** The model's provider (`mistral`, `openai-compatible`, `fake`, ...). */
  provider: string;
  /** Host and port of the model's server (never a path, query or key); `undefined` for in-process models. */
  server: ModelServer | undefined;
  route: string | undefined;
  /** The model settings of this call (the agent's, the run's overrides, and the loop's own). */
  settings: Readonly<ModelSettings>;
}

/** A model call failed and is retried after `delayMs` (rate limit, server error, network). */
export interface ModelRetryEvent extends StepEventBase {
  type: 'model-retry';
  model: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** Why the previous attempt failed (a dragoman error: no API key in it). */
  error: unknown;
}

/** A model call answered (its tool calls, if any, have not run yet). */
export interface ModelCallEndEvent extends StepEventBase {
  type: 'model-call-end';
  /** The model id that answered, as the provider reports it. */
  model: string;
  /** The provider's response id, when it sent one. */
  responseId: string | undefined;
  finishReason: FinishReason;
  usage: Usage;
  /** Tool calls the model asked for. */
  toolCalls: number;
  durationMs: number;
}

/** A piece of the model's answer text. */
export interface TextDeltaEvent extends StepEventBase {
  type: 'text-delta';
  text: string;
}

/**
 * A tool call is about to run (emitted in call order, after its arguments were checked). Narrow on `valid`,
 * then `toolName` narrows `args` to that tool's input.
 */
export type ToolCallStartEvent<Tools extends ToolSet = ToolSet> = StepEventBase & {
  type: 'tool-call-start';
  toolCallId: string;
} & ToolCallOf<Tools>;

/** A running tool reported progress through `context.reportProgress()`; `toolName` is one of the agent's. */
// The conditional keeps the type covariant in Tools (see ToolInvocation in tool-calls.ts).
export type ToolProgressEvent<Tools extends ToolSet = ToolSet> = StepEventBase & {
  type: 'tool-progress';
  toolCallId: string;
  /** What the tool is doing, for people. */
  message: string;
  /** How far along it is, from 0 to 1, when the tool knows. */
  fraction: number | undefined;
} & (Tools extends ToolSet ? { toolName: ToolNameOf<Tools> } : never);

/**
 * A tool call finished; `result` is the text the model will read. With `isError: false`, `toolName`
 * narrows `args` and `output` (what the tool returned) to that tool's types.
 */
export type ToolCallEndEvent<Tools extends ToolSet = ToolSet> = StepEventBase & {
  type: 'tool-call-end';
  toolCallId: string;
  result: string;
  /** The images the model sees with `result`, when the tool returned some (`toolContent()`, MCP images). */
  images?: ImagePart[];
  /** Set when the call needed approval. */
  approval: 'approved' | 'rejected' | undefined;
  durationMs: number;
} & ToolCallOutcome<Tools>;

/** A tool call needs a human decision; the run pauses after the step's requests. */
export type ToolApprovalRequestEvent<Tools extends ToolSet = ToolSet> = StepEventBase & {
  type: 'tool-approval-request';
} & PendingApproval<Tools>;

/** A model call and its tool calls finished. */
export interface StepEndEvent extends StepEventBase {
  type: 'step-end';
  model: string;
  route: string | undefined;
  finishReason: FinishReason;
  usage: Usage;
  toolCalls: number;
  durationMs: number;
}

/** The run finished: completely, or paused for approvals. */
export interface RunEndEvent extends EventBase {
  type: 'run-end';
  status: RunStatus;
  stopReason: StopReason | 'approval';
  text: string;
  usage: UsageSummary;
  steps: number;
  durationMs: number;
}

/** The run failed; the same error is thrown by `run()` and `result()`. */
export interface RunErrorEvent extends EventBase {
  type: 'run-error';
  error: Error;
}

/** A listener on `agent.events` threw. The run went on. */
export interface ListenerErrorEvent extends EventBase {
  type: 'listener-error';
  /** The event the listener was handling. */
  eventType: AgentEventType;
  error: unknown;
}

/**
 * Every event of a run, discriminated on `type`. The grammar is in docs/events.md. `Tools` types the tool
 * events: with an agent's tools, `toolName` narrows `args` and `output`.
 */
export type AgentEvent<Tools extends ToolSet = ToolSet> =
  | RunStartEvent
  | RouteSelectEvent
  | ModelSubstitutedEvent
  | ModelDeprecatedEvent
  | ContextTrimEvent
  | StepStartEvent
  | ModelRetryEvent
  | TextDeltaEvent
  | ModelCallEndEvent
  | ToolCallStartEvent<Tools>
  | ToolProgressEvent<Tools>
  | ToolCallEndEvent<Tools>
  | ToolApprovalRequestEvent<Tools>
  | StepEndEvent
  | RunEndEvent
  | RunErrorEvent
  | ListenerErrorEvent;

/** The `type` of an event. */
export type AgentEventType = AgentEvent['type'];

/** The event of one `type`. */
export type AgentEventOf<Type extends AgentEventType, Tools extends ToolSet = ToolSet> = Extract<
  AgentEvent<Tools>,
  { type: Type }
>;

/**
 * Listener signatures by event type, for eventemitter3. Method-shaped (checked bivariantly), so an agent
 * with specific tools still passes where any agent is expected.
 */
export type AgentEventListeners<Tools extends ToolSet = ToolSet> = {
  [Type in AgentEventType]: { listener(event: AgentEventOf<Type, Tools>): void }['listener'];
};

/** The typed emitter on every agent: `agent.events.on('tool-call-end', (event) => ...)`. */
export type AgentEventEmitter<Tools extends ToolSet = ToolSet> = EventEmitter<AgentEventListeners<Tools>>;
