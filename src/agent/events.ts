import type { EventEmitter } from 'eventemitter3';
import type { ContextTrimReport } from '../memory/types.js';
import type { ModelDeprecationWarning } from '../models/catalog/index.js';
import type { FinishReason, Message, Usage } from '../models/types.js';
import type { ModelSubstitution, RouteDecision } from '../routing/types.js';
import type { PendingApproval, StopReason, UsageSummary } from './types.js';

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
  model: string;
  route: string | undefined;
}

/** A piece of the model's answer text. */
export interface TextDeltaEvent extends StepEventBase {
  type: 'text-delta';
  text: string;
}

/** A tool call is about to run (emitted in call order, after its arguments were checked). */
export interface ToolCallStartEvent extends StepEventBase {
  type: 'tool-call-start';
  toolCallId: string;
  toolName: string;
  /** The parsed arguments, or the raw string when they were not valid JSON. */
  args: unknown;
}

/** A tool call finished; `result` is the text the model will read. */
export interface ToolCallEndEvent extends StepEventBase {
  type: 'tool-call-end';
  toolCallId: string;
  toolName: string;
  result: string;
  isError: boolean;
  /** Set when the call needed approval. */
  approval: 'approved' | 'rejected' | undefined;
  durationMs: number;
}

/** A tool call needs a human decision; the run pauses after the step's requests. */
export interface ToolApprovalRequestEvent extends StepEventBase, PendingApproval {
  type: 'tool-approval-request';
}

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
  status: 'complete' | 'pending-approval';
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

/** Every event of a run, discriminated on `type`. The grammar is in docs/events.md. */
export type AgentEvent =
  | RunStartEvent
  | RouteSelectEvent
  | ModelSubstitutedEvent
  | ModelDeprecatedEvent
  | ContextTrimEvent
  | StepStartEvent
  | TextDeltaEvent
  | ToolCallStartEvent
  | ToolCallEndEvent
  | ToolApprovalRequestEvent
  | StepEndEvent
  | RunEndEvent
  | RunErrorEvent
  | ListenerErrorEvent;

/** The `type` of an event. */
export type AgentEventType = AgentEvent['type'];

/** The event of one `type`. */
export type AgentEventOf<Type extends AgentEventType> = Extract<AgentEvent, { type: Type }>;

/** Listener signatures by event type, for eventemitter3. */
export type AgentEventListeners = { [Type in AgentEventType]: (event: AgentEventOf<Type>) => void };

/** The typed emitter on every agent: `agent.events.on('tool-call-end', (event) => ...)`. */
export type AgentEventEmitter = EventEmitter<AgentEventListeners>;
