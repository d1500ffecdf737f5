import { UserInputError } from '../errors.js';
import type { ParsedToolCall, RejectedToolCall } from '../tools/parse-arguments.js';
import { checkProgress } from '../tools/progress.js';
import type { ToolContext, ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { ApprovalDecision, PendingApproval, RunState } from './types.js';

/** What a `needsApproval` function receives besides the arguments. */
export interface ApprovalContextBase {
  signal: AbortSignal;
  sessionId: string | undefined;
  context: unknown;
}

/**
 * The valid calls of a step whose tool needs approval (`needsApproval: true`, or its function returned
 * true). Invalid calls never need approval: they do not run, the model just reads the error.
 */
export async function findPendingApprovals(
  agent: Agent<ToolSet, unknown>,
  calls: ReadonlyArray<ParsedToolCall | RejectedToolCall>,
  base: ApprovalContextBase,
): Promise<PendingApproval[]> {
  const pending: PendingApproval[] = [];
  for (const parsed of calls) {
    if (!parsed.ok || !parsed.tool.needsApproval) continue;
    const rule = parsed.tool.needsApproval;
    const context: ToolContext = {
      ...base,
      toolCallId: parsed.call.id,
      toolName: parsed.call.name,
      agentName: agent.name,
      // Deciding on approval is not the tool's work: its progress goes nowhere.
      reportProgress: (progress) => {
        checkProgress(progress, parsed.call.name);
      },
    };
    if (rule === true || (typeof rule === 'function' && (await rule(parsed.args, context)))) {
      pending.push({ toolCallId: parsed.call.id, toolName: parsed.call.name, args: parsed.args });
    }
  }
  return pending;
}

/**
 * Checks a resume request against its state: the same agent, a known version, the same session, and exactly
 * one decision per pending call. Returns the decisions by tool call id. Throws a `UserInputError` that names
 * the missing or unknown ids otherwise.
 */
export function checkResume(
  agent: Agent<ToolSet, unknown>,
  state: RunState,
  approvals: Record<string, ApprovalDecision>,
  session: string | undefined,
): Map<string, ApprovalDecision> {
  if (typeof state !== 'object' || state === null || state.version !== 1) {
    throw bad(
      'resume',
      'The resume state is not a dragoman run state (version 1).',
      'Pass result.state from a paused run.',
    );
  }
  if (state.agent !== agent.name) {
    throw bad(
      'resume',
      `The resume state belongs to agent "${state.agent}", not "${agent.name}".`,
      'Resume with the agent that paused.',
    );
  }
  if (session !== undefined && session !== state.sessionId) {
    throw bad(
      'session',
      `The run paused in session "${state.sessionId ?? '(none)'}", not "${session}".`,
      'Omit session when resuming, or pass the same one.',
    );
  }
  const pendingIds = new Set(state.pendingApprovals.map((pending) => pending.toolCallId));
  const decisions = new Map<string, ApprovalDecision>();
  for (const [id, decision] of Object.entries(approvals ?? {})) {
    if (!pendingIds.has(id)) {
      throw bad(
        `approvals.${id}`,
        `No pending tool call has id "${id}". Pending: ${[...pendingIds].join(', ')}.`,
        'Use the toolCallId values from result.pendingApprovals.',
      );
    }
    if (typeof decision !== 'object' || decision === null || typeof decision.approved !== 'boolean') {
      throw bad(
        `approvals.${id}`,
        `The decision for "${id}" must be { approved: true } or { approved: false, reason? }.`,
        'Pass one decision object per pending call.',
      );
    }
    decisions.set(id, decision);
  }
  const missing = [...pendingIds].filter((id) => !decisions.has(id));
  if (missing.length > 0) {
    throw bad(
      'approvals',
      `Missing a decision for pending tool call(s) ${missing.join(', ')}.`,
      'Approve or reject every pending call; Mistral needs one result per call.',
    );
  }
  return decisions;
}

function bad(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { path, hint });
}
