import type { ModelSettings } from '../../models/types.js';
import type { ParsedToolCall, RejectedToolCall } from '../../tools/parse-arguments.js';
import type { ApprovalContextBase } from '../approvals.js';
import type { CallScope } from '../call-scope.js';
import type { RunProgress } from '../progress.js';
import type { ApprovalDecision, PendingApproval, RunState, StepRecord } from '../types.js';
import type { RunFrame } from './run-frame.js';

/** A run once started: its frame plus what it has done so far and the settings every step starts from. */
export interface ActiveRun extends RunFrame {
  progress: RunProgress;
  /** The agent's and the run's settings, with the session's prompt cache key. */
  settings: ModelSettings;
  maxSteps: number;
  /** The run's `modelIdleTimeoutMs`, else the agent's. */
  modelIdleTimeoutMs: number;
  /** What a `needsApproval` function receives besides the call. */
  approvalBase: ApprovalContextBase;
  /** Models whose deprecation this run reported (once per model). */
  warnedModels: Set<string>;
  /** Requested models whose substitution this run reported: a fact about the configuration, said once. */
  reportedSubstitutions: Set<string>;
  /** The call scope of the run's listeners, read once `run-start` reached them; model and tool calls run in it. */
  scope: CallScope | undefined;
}

/** A step whose model reply asked for tools: its record and the calls, checked against the tools. */
export interface CallingStep {
  record: StepRecord;
  calls: Array<ParsedToolCall | RejectedToolCall>;
}

/** How a run ends without an error; every such ending goes through `finish()`, and a thrown error through `fail()`. */
export type Ending =
  /** `text`, when set, is the run's text (the JSON of an output tool answer) instead of the last assistant text. */
  | { status: 'complete'; output: unknown; text?: string }
  | { status: 'stopped'; stopReason: 'tool' | 'stop-when'; text: string }
  | { status: 'paused'; pending: PendingApproval[] };

/** Where the run goes next: each phase returns the next one. */
export type Next =
  | { phase: 'model' }
  | { phase: 'approval'; step: CallingStep; resumed?: ResumedDecisions }
  | { phase: 'tools'; step: CallingStep; decisions: ReadonlyMap<string, ApprovalDecision> }
  | { phase: 'finish'; ending: Ending };

/** The decisions a resumed run brought, and the paused state they answer. */
export interface ResumedDecisions {
  decisions: ReadonlyMap<string, ApprovalDecision>;
  state: RunState;
}
