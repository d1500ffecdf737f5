/**
 * Drives the workspace tools with a scripted model through the agent loop: one step of tool calls, then a
 * final text, approving every approval request on the way.
 */
import { type AgentEvent, defineAgent, run } from '../../../src/agent/index.js';
import type { ToolMessage } from '../../../src/models/types.js';
import { FakeModel } from '../../../src/testing/fake-model.js';
import { workspaceTools } from '../../../src/tools/builtin/index.js';

/** A tool call the fake model makes. */
export type Call = { name: string; arguments: Record<string, unknown> | string };

/** Runs one model step of `calls` (then a final text), approving every approval request. */
export async function runCalls(
  root: string,
  calls: Call[],
  options: {
    limits?: Parameters<typeof workspaceTools>[0]['limits'];
    allowlist?: string[];
    concurrency?: number;
  } = {},
) {
  const model = new FakeModel({ steps: [{ toolCalls: calls }, { text: 'done' }] });
  const agent = defineAgent({
    name: 'sandbox',
    model,
    tools: workspaceTools({
      root,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.allowlist ? { commandAllowlist: options.allowlist } : {}),
    }),
    toolErrorBudget: { consecutive: 100, total: 100 },
    ...(options.concurrency ? { toolConcurrency: options.concurrency } : {}),
  });
  const events: AgentEvent[] = [];
  agent.events.on('tool-call-start', (event) => void events.push(event));
  agent.events.on('tool-approval-request', (event) => void events.push(event));
  let result = await run(agent, 'Go');
  let approvalRounds = 0;
  while (result.status === 'pending-approval') {
    approvalRounds++;
    const approvals = Object.fromEntries(
      result.pendingApprovals.map((call) => [call.toolCallId, { approved: true as const }]),
    );
    result = await run(agent, { resume: result.state, approvals });
  }
  const toolMessages = result.newMessages.filter(
    (message): message is ToolMessage => message.role === 'tool',
  );
  return { result, toolMessages, events, approvalRounds, everything: JSON.stringify(result.messages) };
}
