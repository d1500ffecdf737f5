import type { ToolCall } from '../../models/types.js';
import {
  type ParsedToolCall,
  parseToolArguments,
  type RejectedToolCall,
} from '../../tools/parse-arguments.js';
import type { ToolSet } from '../../tools/types.js';
import type { Agent } from '../agent.js';

/** Checks each call's tool and arguments, in call order. */
export async function parseCalls(
  agent: Agent<ToolSet, unknown>,
  toolCalls: readonly ToolCall[],
): Promise<Array<ParsedToolCall | RejectedToolCall>> {
  const calls: Array<ParsedToolCall | RejectedToolCall> = [];
  for (const call of toolCalls) calls.push(await parseToolArguments(call, agent.tools));
  return calls;
}
