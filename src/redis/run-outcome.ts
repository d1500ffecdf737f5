import type { PendingApproval, RunResult } from '../agent/types.js';
import type { Message } from '../models/types.js';
import type { SerializedError } from './serialize.js';

/** How a durable run (or its current phase) ended. */
export interface RunOutcome {
  runId: string;
  /** `completed` and `failed` are final; `pending-approval` waits for `queue.approve()`. */
  status: 'completed' | 'pending-approval' | 'failed';
  /**
   * The run's result, JSON round-tripped. Absent when the run failed, and when `recovered` is true.
   */
  result?: RunResult<unknown>;
  /** The last assistant text of the run. */
  text: string;
  /** The messages this run added (committed to its session, when it has one). */
  newMessages: Message[];
  /** The calls waiting for a decision, when `status` is `pending-approval`. */
  pendingApprovals?: PendingApproval[];
  /** Why the run failed, when `status` is `failed` (name, message and code only). */
  error?: SerializedError;
  /**
   * True when an attempt that died after committing the turn (but before recording the end) was followed by
   * one that found the turn in the session and ended the run from it without running again. `result` is then
   * absent; `text` and `newMessages` come from the committed turn.
   */
  recovered?: boolean;
}

/** Where a durable run is. */
export type RunStatus = 'queued' | 'running' | 'paused' | 'resuming' | 'completed' | 'failed';
