import type { ToolCall } from '../models/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import { StepLimitError } from './errors.js';
import type { PartialRunResult } from './types.js';

/**
 * Refuses a model reply that asks for more tool calls, or more argument bytes, in one step than the agent
 * allows, before any of them runs. A reply with 10,000 calls or 10 MB of arguments is a runaway model (or
 * a hostile server): running every tool and then failing on the context window helps nobody.
 * @throws {StepLimitError} naming the count, the limit and the option that sets it.
 */
export function checkStepLimits(
  agent: Agent<ToolSet, unknown>,
  toolCalls: readonly ToolCall[],
  result: () => PartialRunResult,
): void {
  if (toolCalls.length > agent.maxToolCallsPerStep) {
    throw new StepLimitError('calls', toolCalls.length, agent.maxToolCallsPerStep, result());
  }
  let bytes = 0;
  for (const call of toolCalls) bytes += utf8Length(call.arguments);
  if (bytes > agent.maxToolArgumentBytes) {
    throw new StepLimitError('argument-bytes', bytes, agent.maxToolArgumentBytes, result());
  }
}

// Byte length without allocating an encoded copy of megabytes of arguments.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}
