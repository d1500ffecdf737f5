import { checkResumedCalls, findPendingApprovals } from '../approvals.js';
import type { AgentEvent } from '../events.js';
import type { ActiveRun, CallingStep, Next, ResumedDecisions } from './phases.js';

/**
 * The approval pause. A step whose calls need approval pauses the run: a `tool-approval-request` per
 * call, then the run ends `pending-approval`. A resumed run comes back here with its decisions, which
 * must answer exactly the calls that were shown (see `checkResumedCalls`). Either way, calls that may
 * run go on to the tool phase.
 */
export async function* approvalPhase(
  run: ActiveRun,
  step: CallingStep,
  resumed: ResumedDecisions | undefined,
): AsyncGenerator<AgentEvent, Next> {
  const { agent, approvalBase } = run;
  if (resumed) {
    await checkResumedCalls(agent, resumed.state, step.calls, resumed.decisions, approvalBase);
    return { phase: 'tools', step, decisions: resumed.decisions };
  }
  const pending = step.calls.some((call) => call.ok && call.tool.needsApproval)
    ? await findPendingApprovals(agent, step.calls, approvalBase)
    : [];
  if (pending.length === 0) return { phase: 'tools', step, decisions: new Map() };
  for (const request of pending) {
    yield { type: 'tool-approval-request', ...run.base, step: step.record.index, ...request };
  }
  return { phase: 'finish', ending: { status: 'paused', pending } };
}
