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
      pending.push({
        toolCallId: parsed.call.id,
        toolName: parsed.call.name,
        args: parsed.args,
        digest: await callDigest(parsed.call.name, parsed.args),
      } as PendingApproval);
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

/**
 * Checks the calls a resumed run is about to execute against what was put up for approval. The state is
 * plain JSON that travelled outside the process, so it is not trusted: every call whose tool needs
 * approval must be a pending call of the state, shown with exactly the name and arguments that will run
 * (and, when the decision carries a `digest`, the one it was given for). Otherwise the resume is refused
 * before anything runs.
 * @throws {UserInputError} naming the call.
 */
export async function checkResumedCalls(
  agent: Agent<ToolSet, unknown>,
  state: RunState,
  calls: ReadonlyArray<ParsedToolCall | RejectedToolCall>,
  decisions: ReadonlyMap<string, ApprovalDecision>,
  base: ApprovalContextBase,
): Promise<void> {
  const shown = new Map(state.pendingApprovals.map((pending) => [pending.toolCallId, pending]));
  const needing = new Set(
    (await findPendingApprovals(agent, calls, base)).map((pending) => pending.toolCallId),
  );
  for (const parsed of calls) {
    if (!parsed.ok) continue;
    const { id, name } = parsed.call;
    const pending = shown.get(id);
    const needsDecision = parsed.tool.needsApproval === true || needing.has(id);
    if (pending === undefined) {
      if (needsDecision)
        throw tampered(id, `calls tool "${name}", which needs approval, but was never put up for it`);
      continue;
    }
    const actual = await callDigest(name, parsed.args);
    if (pending.toolName !== name || (await callDigest(pending.toolName, pending.args)) !== actual) {
      throw tampered(id, 'would run with a name or arguments other than the ones shown for approval');
    }
    const decided = decisions.get(id)?.digest;
    if (decided !== undefined && decided !== actual) {
      throw tampered(id, 'was approved for other arguments (its decision carries another digest)');
    }
  }
}

/** SHA-256, in hex, of a tool name and its arguments as JSON: what a decision is bound to. */
export async function callDigest(toolName: string, args: unknown): Promise<string> {
  const text = `${toolName}\n${JSON.stringify(args) ?? 'undefined'}`;
  const hash = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function tampered(id: string, problem: string): UserInputError {
  return bad(
    'resume',
    `The resume state was changed: tool call "${id}" ${problem}.`,
    'Resume with result.state exactly as the paused run returned it, and decide again on what it shows.',
  );
}

function bad(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { path, hint });
}
