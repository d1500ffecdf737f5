import type { UsageCost } from '../models/catalog/cost.js';
import type {
  FinishReason,
  ImagePart,
  Message,
  ModelSettings,
  ToolChoice,
  Usage,
  UserMessage,
} from '../models/types.js';
import type { RouteDecision } from '../routing/types.js';
import type { ToolSet } from '../tools/types.js';
import type { AgentEvent } from './events.js';
import type { ToolCallOf, ToolInvocation } from './tool-calls.js';

/** What a run starts from: a user text, one message, or a list of messages (with image parts). */
export type RunInput = string | UserMessage | readonly Message[] | ResumeInput;

/** Continues a run that paused for approvals, from its (possibly JSON round-tripped) {@link RunState}. */
export interface ResumeInput {
  resume: RunState;
  /** A decision for every pending tool call, keyed by `toolCallId`. */
  approvals: Record<string, ApprovalDecision>;
}

/** A human's decision on one tool call. A rejection's `reason` is shown to the model. */
export type ApprovalDecision = ({ approved: true } | { approved: false; reason?: string }) & {
  /**
   * The `digest` of the pending call this decision answers, as shown to the person deciding. When given,
   * the resume is refused unless the call about to run still has exactly that name and those arguments.
   */
  digest?: string;
};

/**
 * A tool call waiting for a human decision; its arguments passed the schema, so `toolName` narrows `args`
 * to that tool's input.
 */
export type PendingApproval<Tools extends ToolSet = ToolSet> = {
  toolCallId: string;
  /** SHA-256 (hex) of the tool name and arguments: pass it back in the decision to bind it to them. */
  digest: string;
} & ToolInvocation<Tools>;

/** Model settings a run may override. `toolChoice` can name one of the agent's tools. */
export interface RunSettings<Tools extends ToolSet = ToolSet>
  extends Pick<
    ModelSettings,
    'temperature' | 'topP' | 'maxTokens' | 'randomSeed' | 'stop' | 'parallelToolCalls' | 'promptCacheKey'
  > {
  /**
   * How the model may use tools. A forcing choice (`'any'`, `'required'`, `{ name }`) applies to the first
   * call only, later calls use `'auto'`; except in an agent that answers through its `final_answer` output
   * tool (tools and `output`), where unset means `'any'` on every call and `{ name }` becomes `'any'` after
   * the first call.
   */
  toolChoice?: Exclude<ToolChoice, { name: string }> | { name: keyof Tools & string };
}

/** What a `stopWhen` predicate sees after each step that called tools. */
export interface StopCheck<out Tools extends ToolSet = ToolSet> {
  /** The step that just ended. */
  step: StepRecord<Tools>;
  steps: readonly StepRecord<Tools>[];
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
  /**
   * Overrides the agent's `modelIdleTimeoutMs` for this run's model calls: the longest silence, in ms, before
   * the run fails with a retryable `ConnectionError` (`timeout`); `0` or `Infinity` waits forever.
   * @example
   * await run(agent, 'Think this through carefully.', { modelIdleTimeoutMs: 600_000 }); // a slow reasoning turn
   */
  modelIdleTimeoutMs?: number;
  /** Overrides the agent's model settings for this run. */
  settings?: RunSettings<Tools>;
  /** Stops the run after a step that called tools when it returns true. */
  stopWhen?: (check: StopCheck<Tools>) => boolean;
  /**
   * Receives every event of this run only (the same events `stream()` yields), after the listeners on
   * `agent.events`. One that throws is reported as a `listener-error` event and the run goes on.
   * @example
   * await run(agent, input, { onEvent: (event) => event.type === 'tool-progress' && log(event.message) });
   */
  onEvent?: (event: AgentEvent<Tools>) => void;
  /**
   * The run's id (default: a random UUID; a resumed run keeps its own). Give a stable one, such as a job id,
   * so a retried run commits its turn only once and tools see the same idempotency keys.
   */
  runId?: string;
}

/** Options of one run; `context` is required when the agent's tools declare a context type. */
export type RunOptions<Tools extends ToolSet = ToolSet, Context = unknown> = BaseRunOptions<Tools> &
  (unknown extends Context ? { context?: Context } : { context: Context });

/**
 * One tool call of a step, with its outcome. Narrow on `valid`, then `toolName` narrows `args` to that
 * tool's input. Records are part of the JSON run state, so they keep the text the model read (`result`),
 * not the tool's return value (that is on the `tool-call-end` event as `output`).
 */
export type ToolCallRecord<Tools extends ToolSet = ToolSet> = {
  toolCallId: string;
  /** The text sent back to the model. */
  result: string;
  /** The images sent back with it, when the tool returned some (`toolContent()`, an MCP image result). */
  images?: ImagePart[];
  isError: boolean;
  /** Set when the call needed approval. */
  approval?: 'approved' | 'rejected';
  durationMs: number;
} & ToolCallOf<Tools>;

/** One model call and the tool calls it asked for. */
export interface StepRecord<out Tools extends ToolSet = ToolSet> {
  /** 1-based step number within the run. */
  index: number;
  /** The model id that answered. */
  model: string;
  /** The route, when the agent has a router. */
  route?: string;
  text: string;
  toolCalls: ToolCallRecord<Tools>[];
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

/** Why a run stopped: the model's final answer, a tool with `endsRun`, or `stopWhen`. */
export type StopReason = 'final-answer' | 'tool' | 'stop-when';

/**
 * How a run ended: `complete` (the model's final answer, so `output` is set), `stopped` (a tool with
 * `endsRun` or `stopWhen` ended it before a final answer) or `pending-approval`.
 */
export type RunStatus = 'complete' | 'stopped' | 'pending-approval';

/** What every result (and the partial result inside a run error) carries. */
export interface PartialRunResult<out Tools extends ToolSet = ToolSet> {
  runId: string;
  /** The last assistant text. */
  text: string;
  /** History plus this run's messages, without the system message. */
  messages: Message[];
  /** The messages this run added (the input turn included): what is committed to memory. */
  newMessages: Message[];
  steps: StepRecord<Tools>[];
  usage: UsageSummary;
}

/** A run that ended with the model's final answer; `output` is the parsed output (the text without a schema). */
export interface FinalAnswerResult<Output, out Tools extends ToolSet = ToolSet>
  extends PartialRunResult<Tools> {
  status: 'complete';
  stopReason: 'final-answer';
  output: Output;
}

/** A run ended by a tool with `endsRun` or by `stopWhen`; there is no final answer to parse. */
export interface StoppedResult<out Tools extends ToolSet = ToolSet> extends PartialRunResult<Tools> {
  status: 'stopped';
  stopReason: 'tool' | 'stop-when';
  output: undefined;
}

/** A run paused for approvals. Resume it with `run(agent, { resume: state, approvals })`. */
export interface PendingApprovalResult<Tools extends ToolSet = ToolSet> extends PartialRunResult<Tools> {
  status: 'pending-approval';
  stopReason: 'approval';
  output: undefined;
  pendingApprovals: PendingApproval<Tools>[];
  /** Plain JSON: store it anywhere and resume later, even in another process. */
  state: RunState;
}

/**
 * The result of a run. Narrow on `status`: `complete` has the typed `output`, `pending-approval` the
 * pending calls and the state to resume from. `Tools` types the tool calls in `steps` and the approvals.
 */
export type RunResult<Output = string, Tools extends ToolSet = ToolSet> =
  | FinalAnswerResult<Output, Tools>
  | StoppedResult<Tools>
  | PendingApprovalResult<Tools>;

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
