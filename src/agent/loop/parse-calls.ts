import type { ToolCall } from '../../models/types.js';
import {
  type ParsedToolCall,
  parseToolArguments,
  type RejectedToolCall,
} from '../../tools/parse-arguments.js';
import type { ToolSchema, ToolSet } from '../../tools/types.js';
import type { Agent } from '../agent.js';
import { readFinalAnswer } from '../output-tool.js';

/**
 * Checks each call's tool and arguments, in call order. A call of the output tool that reaches here is a
 * bad final answer (a good one ends the run before, see `finalAnswerOf`): it becomes a rejected call whose
 * message tells the model what to fix, so it counts against the tool error budget like any bad call.
 */
export async function parseCalls(
  agent: Agent<ToolSet, unknown>,
  toolCalls: readonly ToolCall[],
): Promise<Array<ParsedToolCall | RejectedToolCall>> {
  const calls: Array<ParsedToolCall | RejectedToolCall> = [];
  for (const call of toolCalls) {
    const { outputTool } = agent;
    if (outputTool && call.name === outputTool.name) {
      const answer = await readFinalAnswer(outputTool, agent.output as ToolSchema, call);
      const message = answer.ok
        ? `Only the first final answer of a reply is taken; call "${call.name}" once.`
        : answer.message;
      const args = answer.ok ? undefined : answer.args;
      calls.push({ ok: false, call, tool: undefined, args, reason: 'invalid-arguments', message });
    } else calls.push(await parseToolArguments(call, agent.tools));
  }
  return calls;
}
