import type { UsageCost } from '../models/catalog/cost.js';
import type {
  FinishReason,
  Message,
  ModelSettings,
  ToolChoice,
  Usage,
  UserMessage,
} from '../models/types.js';
import type { RouteDecision } from '../routing/types.js';
import type { ToolSet } from '../tools/types.js';

/** What a run starts from: a user text, one message, or a list of messages (with image parts). */
export type RunInput = string | UserMessage | readonly Message[] | ResumeInput;

/** Continues a run that paused for approvals, from its (possibly JSON round-tripped) {@link RunState}. */
export interface ResumeInput {
  resume: RunState;
  /** A decision for every pending tool call, keyed by `toolCallId`. */
  approvals: Record<string, ApprovalDecision>;
}

/** A human's decision on one tool call. A rejection's `reason` is shown to the model. */
export type ApprovalDecision = { approved: true } | { approved: false; reason?: string };

/** A tool call waiting for a human decision. */
export interface PendingApproval {
  toolCallId: string;
  toolName: string;
  /** The validated arguments. */
  args: unknown;
}

/** Model settings a run may override. `toolChoice` can name one of the agent's tools. */
export interface RunSettings<Tools extends ToolSet = ToolSet>
  extends Pick<
    ModelSettings,
    'temperature' | 'topP' | 'maxTokens' | 'randomSeed' | 'stop' | 'parallelToolCalls'
  > {
  toolChoice?: Exclude<ToolChoice, { name: string }> | { name: keyof Tools & string };
}

/** What a `stopWhen` predicate sees after each step that called tools. */
export interface StopCheck {
  /** The step that just ended. */
  step: StepRecord;
  steps: readonly StepRecord[];
  /** The whole conversation so far, without the system message. */
  messages: readonly Message[];
}

/** Options of one run that do not depend on the user context type. */
export interface BaseRunOptions<Tools extends ToolSet = ToolSet> {
  /** Session id in the agent's memory store: history is loaded at start and the turn appended at the end. */
  session?: string;
  /** Aborts the run: the model call, running tools, and the loop. */
  signal?: AbortSignal;
  /** Overrides the agent's `maxSteps`. */
  maxSteps?: number;
  /** Overrides the agent's model settings for this run. */
  settings?: RunSettings<Tools>;
  /** Stops the run after a step that called tools when it returns true. */
  stopWhen?: (check: StopCheck) => boolean;
}

/** Options of one run; `context` is required when the agent's tools declare a context type. */
export type RunOptions<Tools extends ToolSet = ToolSet, Context = unknown> = BaseRunOptions<Tools> &
  (unknown extends Context ? { context?: Context } : { context: Context });

/** One tool call of a step, with its outcome. */
export interface ToolCallRecord {
  toolCallId: string;
  toolName: string;
  /** The parsed arguments, or the raw string when they were not valid JSON. */
  args: unknown;
  /** The text sent back to the model. */
  result: string;
  isError: boolean;
  /** Set when the call needed approval. */
  approval?: 'approved' | 'rejected';
  durationMs: number;
}

/** One model call and the tool calls it asked for. */
export interface StepRecord {
  /** 1-based step number within the run. */
  index: number;
  /** The model id that answered. */
  model: string;
  /** The route, when the agent has a router. */
  route?: string;
  text: string;
  toolCalls: ToolCallRecord[];
  finishReason: FinishReason;
  usage: Usage;
  /** When the step started, in milliseconds since the epoch (`Date.now()`). */
  startedAt: number;
  durationMs: number;
}

/** Token usage of a run, in total and per model id, and what it cost at the agent's prices. */
export interface UsageSummary {
  total: Usage;
  byModel: Record<string, Usage>;
  /** The estimated cost (`costOf(usage, agent.prices)`); models without a price are named in `unpriced`. */
  cost: UsageCost;
}

/** Why a complete run stopped. */
export type StopReason = 'final-answer' | 'tool' | 'stop-when';

/** What every result (and the partial result inside a run error) carries. */
export interface PartialRunResult {
  runId: string;
  /** The last assistant text. */
  text: string;
  /** History plus this run's messages, without the system message. */
  messages: Message[];
  /** The messages this run added (the input turn included): what is committed to memory. */
  newMessages: Message[];
  steps: StepRecord[];
  usage: UsageSummary;
}

/** A run that ended with the model's final answer; `output` is the parsed output (the text without a schema). */
export interface FinalAnswerResult<Output> extends PartialRunResult {
  status: 'complete';
  stopReason: 'final-answer';
  output: Output;
}

/** A run ended by a tool with `endsRun` or by `stopWhen`; there is no final answer to parse. */
export interface StoppedResult extends PartialRunResult {
  status: 'complete';
  stopReason: 'tool' | 'stop-when';
  output: undefined;
}

/** A run paused for approvals. Resume it with `run(agent, { resume: state, approvals })`. */
export interface PendingApprovalResult extends PartialRunResult {
  status: 'pending-approval';
  stopReason: 'approval';
  output: undefined;
  pendingApprovals: PendingApproval[];
  /** Plain JSON: store it anywhere and resume later, even in another process. */
  state: RunState;
}

/** The result of a run. Narrow on `status` (and `stopReason`) to reach `output` or the pending approvals. */
export type RunResult<Output = string> = FinalAnswerResult<Output> | StoppedResult | PendingApprovalResult;

/** The serializable state of a paused run. Treat it as opaque; it is versioned. */
export interface RunState {
  version: 1;
  agent: string;
  runId: string;
  sessionId?: string;
  /** The history before this run, kept only when the run has no session (a session reloads it). */
  history: Message[];
  newMessages: Message[];
  steps: StepRecord[];
  usage: UsageSummary;
  toolFailures: { consecutive: number; total: number };
  pendingApprovals: PendingApproval[];
  previousDecision?: RouteDecision;
  startedAt: number;
}
